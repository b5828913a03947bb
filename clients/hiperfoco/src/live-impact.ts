/**
 * @module live-impact
 * The live figures: a guest session (POST /api/auth/guest, reused from sessionStorage until it expires) and the
 * SDK's `watch('impact')` over the engine's socket. Exposes Solid signals; the page binds them to its DOM.
 */
import { createSignal, type Accessor } from 'solid-js';
import { createClient, type ChatClient, type ImpactStats, type TokenReason } from '../../sdk/src/index.ts';

const GUEST_KEY = 'hiperfoco.guest';
/** Ask for a new guest token this long before the cached one expires. */
const EXPIRY_MARGIN_MS = 60_000;

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveImpact {
  stats: Accessor<ImpactStats | undefined>;
  /** Sample time of the last figures (ms since epoch). */
  updatedAt: Accessor<number | undefined>;
  state: Accessor<LiveState>;
  close(): void;
}

interface CachedGuest { token: string; expiresAt: number }

function readCached(): CachedGuest | undefined {
  try {
    const cached = JSON.parse(sessionStorage.getItem(GUEST_KEY) ?? 'null') as CachedGuest | null;
    return cached && typeof cached.token === 'string' && cached.expiresAt - EXPIRY_MARGIN_MS > Date.now() ? cached : undefined;
  } catch {
    return undefined;
  }
}

/** `exp` of a JWT (not verified: the engine does that; this only decides when to ask for a new one). */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now() + 5 * 60_000;
  } catch {
    return Date.now() + 5 * 60_000;
  }
}

async function guestToken(reason: TokenReason): Promise<string> {
  const cached = reason === 'expired' ? undefined : readCached();
  if (cached) return cached.token;
  const res = await fetch('/api/auth/guest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) throw new Error(`guest session refused: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  try {
    sessionStorage.setItem(GUEST_KEY, JSON.stringify({ token, expiresAt: expiryOf(token) } satisfies CachedGuest));
  } catch {
    // Storage blocked: a new guest session per visit is fine.
  }
  return token;
}

export function startLiveImpact(): LiveImpact {
  const [stats, setStats] = createSignal<ImpactStats>();
  const [updatedAt, setUpdatedAt] = createSignal<number>();
  const [state, setState] = createSignal<LiveState>('connecting');
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const client: ChatClient = createClient({ url, getToken: guestToken, codec: 'json' });
  client.on('state', ({ to }) => setState(to === 'connected' ? 'live' : to === 'connecting' && !stats() ? 'connecting' : 'offline'));
  client.watch('impact', (data, ts) => {
    setStats(data);
    setUpdatedAt(ts);
  });
  client.connect();
  return { stats, updatedAt, state, close: () => client.close() };
}
