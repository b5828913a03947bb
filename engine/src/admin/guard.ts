/**
 * @module admin/guard
 * Who may use `/api/admin/*`: a valid token (`Authorization: Bearer …`) of a user whose STORED roles include
 * `admin`. The token's own `roles` claim is not trusted for this: it lives up to TOKEN_TTL_S, while a demoted or
 * erased admin must lose access on the next request.
 */
import type { TokenService } from '../auth/tokens.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { Store, UserRow } from '../storage/store.ts';

/** The bearer token of an `Authorization` header value, or undefined. */
export function bearerToken(header: string): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Resolves to the admin's current row; throws UNAUTHORIZED (no/bad token, gone account) or FORBIDDEN (not admin). */
export async function requireAdmin(authorization: string, tokens: TokenService, store: Store): Promise<UserRow> {
  const token = bearerToken(authorization);
  if (!token) throw unauthorized('authorization: a bearer token is required');
  const verified = await tokens.verify(token);
  if (!verified.ok) throw unauthorized(verified.reason === 'expired' ? 'token expired' : 'token invalid');
  const user = await store.findUserById(verified.claims.userId);
  if (!user || user.erasedAt) throw unauthorized('the account no longer exists');
  if (!user.roles.includes('admin')) throw forbidden('admin role required');
  return user;
}
