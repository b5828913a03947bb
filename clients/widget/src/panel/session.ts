/**
 * @module panel/session
 * Who the visitor is: reads the loader's parameters (query: site, lang, theme; fragment: the partner's visitor
 * signature), asks the engine for a guest token for the site, and keeps an unverified guest's token in this
 * origin's storage so a reload finds the same conversation while the token lasts.
 */
export interface VisitorSignature {
  id: string;
  ts: number;
  sig: string;
  name?: string;
}

export interface WidgetParams {
  site: string;
  lang: 'es' | 'en';
  theme: 'auto' | 'light' | 'dark';
  visitor?: VisitorSignature;
}

export interface GuestSession {
  token: string;
  site: { id: string; name: string; bot: string };
  user: { id: string; name: string };
}

export class SessionError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export function readParams(location: Location): WidgetParams {
  const query = new URLSearchParams(location.search);
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const lang = query.get('lang') === 'en' ? 'en' : 'es';
  const themeParam = query.get('theme');
  const theme = themeParam === 'light' || themeParam === 'dark' ? themeParam : 'auto';
  const id = hash.get('id');
  const ts = Number(hash.get('ts'));
  const sig = hash.get('sig');
  const name = hash.get('name') ?? undefined;
  const visitor = id && sig && Number.isInteger(ts) ? { id, ts, sig, ...(name ? { name } : {}) } : undefined;
  return { site: query.get('site') ?? '', lang, theme, visitor };
}

const cacheKey = (site: string) => `mentalia.widget.${site}.guest`;

function expiresAt(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

function cached(site: string): GuestSession | undefined {
  try {
    const raw = localStorage.getItem(cacheKey(site));
    const session = raw ? (JSON.parse(raw) as GuestSession) : undefined;
    return session && expiresAt(session.token) > Date.now() + 60_000 ? session : undefined;
  } catch {
    return undefined;
  }
}

function remember(session: GuestSession): void {
  try {
    localStorage.setItem(cacheKey(session.site.id), JSON.stringify(session));
  } catch {
    // Storage refused (private mode, partitioning off): the guest just lasts as long as the page.
  }
}

/**
 * A guest session for the site. Verified visitors always ask the engine (their identity is stable on its side);
 * anonymous guests reuse a stored token unless `fresh`.
 */
export async function openSession(params: WidgetParams, fresh = false): Promise<GuestSession> {
  if (!params.visitor && !fresh) {
    const hit = cached(params.site);
    if (hit) return hit;
  }
  let res: Response;
  try {
    res = await fetch('/api/auth/guest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ site: params.site, ...(params.visitor ? { visitor: params.visitor } : {}) }),
    });
  } catch {
    throw new SessionError('UNAVAILABLE', 'network error');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<GuestSession> & { error?: { code: string; message: string } };
  if (!res.ok || !body.token || !body.site || !body.user) {
    throw new SessionError(body.error?.code ?? 'INTERNAL', body.error?.message ?? `HTTP ${res.status}`);
  }
  const session = { token: body.token, site: body.site, user: body.user };
  if (!params.visitor) remember(session);
  return session;
}
