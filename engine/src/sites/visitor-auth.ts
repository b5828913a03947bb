/**
 * @module sites/visitor-auth
 * `POST /api/auth/guest {site, visitor?}`: a guest token for a partner site's widget.
 *
 * - Unknown site → NOT_FOUND. The request's Origin must be one of the site's allowed origins, or the engine's own
 *   origin (the widget panel is served by the engine and may be framed only by the site's origins, see
 *   http/static-routes.ts) → else FORBIDDEN.
 * - `visitor: {id, name?, ts, sig}`: the partner vouches for its visitor with
 *   `sig = hex(HMAC-SHA256(siteSecret, `${id}.${ts}`))`, `ts` in Unix seconds. A signature that does not verify
 *   (compared in constant time) or a `ts` more than SIGNATURE_WINDOW_S away from now → UNAUTHORIZED. A verified
 *   visitor always gets the same guest account for that site (so they find their conversation again);
 *   without `visitor` every call makes a fresh guest.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '../../../schema/index.ts';
import type { TokenService } from '../auth/tokens.ts';
import { EngineError, badArgs, forbidden, unauthorized } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Store, UserRow } from '../storage/store.ts';
import type { SiteRow } from './site-store.ts';

/** How far `ts` may be from the engine's clock, both ways: bounds how long a leaked signature can be replayed. */
export const SIGNATURE_WINDOW_S = 300;
const VISITOR_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const SIG = /^[0-9a-f]{64}$/;

export function signVisitor(secret: string, id: string, ts: number): string {
  return createHmac('sha256', secret).update(`${id}.${ts}`).digest('hex');
}

export function signatureMatches(secret: string, id: string, ts: number, sig: string): boolean {
  if (!SIG.test(sig)) return false;
  return timingSafeEqual(Buffer.from(signVisitor(secret, id, ts), 'hex'), Buffer.from(sig, 'hex'));
}

export interface VisitorClaim {
  id: string;
  name?: string;
  ts: number;
  sig: string;
}

export function parseVisitor(value: unknown): VisitorClaim | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw badArgs('visitor: expected an object {id, name?, ts, sig}');
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !VISITOR_ID.test(v.id)) throw badArgs('visitor.id: 1–128 of A-Z a-z 0-9 . _ : @ -');
  if (typeof v.ts !== 'number' || !Number.isInteger(v.ts) || v.ts <= 0) throw badArgs('visitor.ts: Unix time in seconds');
  if (typeof v.sig !== 'string') throw badArgs('visitor.sig: expected a hex string');
  if (v.name !== undefined && (typeof v.name !== 'string' || v.name.trim() === '' || v.name.length > 80)) throw badArgs('visitor.name: 1–80 characters');
  return { id: v.id, ts: v.ts, sig: v.sig, ...(typeof v.name === 'string' ? { name: v.name.trim() } : {}) };
}

/** Whether `origin` may act for `site`: one of its allowed origins, or this engine's own origin (its panel). */
export function originAllowed(site: SiteRow, origin: string, host: string): boolean {
  if (!origin) return false;
  if (site.allowedOrigins.includes(origin)) return true;
  try {
    return host !== '' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export interface SiteGuestDeps {
  store: Store;
  tokens: TokenService;
  log: Logger;
  now?: () => number;
}

export const GUEST_NAME = 'Invitado';

export async function siteGuest(
  deps: SiteGuestDeps,
  input: { site: unknown; visitor: unknown; origin: string; host: string },
): Promise<{ token: string; user: UserRow; site: { id: string; name: string; bot: string } }> {
  if (typeof input.site !== 'string') throw badArgs('site: expected a site id');
  const visitor = parseVisitor(input.visitor);
  const found = await deps.store.sites().getWithSecret(input.site);
  if (!found) throw new EngineError(ErrorCode.NOT_FOUND, 'site: unknown partner site');
  const { site, secret } = found;
  if (!originAllowed(site, input.origin, input.host)) throw forbidden('origin: not allowed for this site');

  let user: UserRow | null = null;
  if (visitor) {
    const nowS = Math.floor((deps.now?.() ?? Date.now()) / 1000);
    if (!signatureMatches(secret, visitor.id, visitor.ts, visitor.sig)) throw unauthorized('visitor: signature does not verify');
    if (Math.abs(nowS - visitor.ts) > SIGNATURE_WINDOW_S) throw unauthorized('visitor: signature expired (ts outside the allowed window)');
    const known = await deps.store.sites().findVisitor(site.id, visitor.id);
    user = known ? await deps.store.findUserById(known) : null;
    if (!user || user.erasedAt) {
      const fresh = await deps.store.createGuest({ name: visitor.name ?? GUEST_NAME, site: site.id });
      const winner = await deps.store.sites().bindVisitor(site.id, visitor.id, fresh.id, known ?? undefined);
      user = winner === fresh.id ? fresh : await deps.store.findUserById(winner);
      if (!user) throw unauthorized('visitor: account not found');
    }
  } else {
    user = await deps.store.createGuest({ name: GUEST_NAME, site: site.id });
  }
  const token = await deps.tokens.issue(user, { site: site.id, bot: site.bot });
  return { token, user, site: { id: site.id, name: site.name, bot: site.bot } };
}
