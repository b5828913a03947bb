/**
 * @module session
 * The signed-in person: the engine's token (a JWT, 1 h by default) and user, kept in sessionStorage (this tab,
 * survives reloads) or, when the person asks to stay signed in, in localStorage. There is no refresh endpoint:
 * when the token expires the hub asks to sign in again.
 */
import { readStored, writeStored, type StorageKind } from './storage.ts';

export type Tier = 'free' | 'premium' | 'professional' | 'enterprise';

export interface SessionUser {
  id: string;
  name: string;
  email?: string;
  roles: string[];
  tier: Tier;
}

export interface Session {
  token: string;
  user: SessionUser;
  /** Milliseconds since the epoch (the token's `exp`). */
  expiresAt: number;
  remember: boolean;
}

const SESSION_KEY = 'mentalia.session';
/** Treat a token this close to its expiry as expired (clock skew, time to connect). */
const EXPIRY_MARGIN_MS = 15_000;

/** The `exp` claim of a JWT, in ms; undefined when unreadable. Not a verification: the engine verifies. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function isExpired(session: Session, now = Date.now()): boolean {
  return now >= session.expiresAt - EXPIRY_MARGIN_MS;
}

export function makeSession(token: string, user: SessionUser, remember: boolean): Session {
  return { token, user, remember, expiresAt: tokenExpiry(token) ?? Date.now() + 3_600_000 };
}

export function loadSession(): Session | undefined {
  for (const kind of ['session', 'local'] as StorageKind[]) {
    const raw = readStored(SESSION_KEY, kind);
    if (!raw) continue;
    try {
      const session = JSON.parse(raw) as Session;
      if (typeof session.token === 'string' && typeof session.user?.id === 'string' && !isExpired(session)) return session;
    } catch {
      // fall through: an unreadable session is no session
    }
    writeStored(SESSION_KEY, undefined, kind);
  }
  return undefined;
}

export function saveSession(session: Session): void {
  writeStored(SESSION_KEY, JSON.stringify(session), session.remember ? 'local' : 'session');
  writeStored(SESSION_KEY, undefined, session.remember ? 'session' : 'local');
}

export function clearSession(): void {
  writeStored(SESSION_KEY, undefined, 'session');
  writeStored(SESSION_KEY, undefined, 'local');
}
