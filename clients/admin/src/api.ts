/**
 * @module api
 * The engine's HTTP API on the same origin: sign-in (`/api/auth/login`) and the admin API (`/api/admin/*`, shapes
 * in schema/admin.ts; helplines in schema/PROTOCOL.md). Admin calls carry the session's bearer token. Errors
 * arrive as `{error: {code, message}}`; a network failure is code `NETWORK`.
 */
import type {
  AdminAuditReply, AdminBotRoomsReply, AdminBotSwitchReply, AdminBotsReply, AdminEraseReply, AdminMeReply, AdminRole,
  AdminTier, AdminUserChangeReply, AdminUserReply, AdminUsersReply,
} from '../../../schema/admin.ts';
import type { SessionUser } from '../../hub/src/session.ts';

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status = 0) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (err) {
    throw new ApiError('NETWORK', err instanceof Error ? err.message : String(err));
  }
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!res.ok) throw new ApiError(body?.error?.code ?? 'OTHER', body?.error?.message ?? res.statusText, res.status);
  return body as T;
}

export function login(email: string, password: string): Promise<{ token: string; user: SessionUser }> {
  return request('/api/auth/login', { method: 'POST', body: { email, password } });
}

// ------------------------------------------------------------------ helpline directory (engine/src/safety)

export type HelplineKind = 'crisis' | 'emotional' | 'gender_violence' | 'violence' | 'children' | 'other';
export const HELPLINE_KINDS: readonly HelplineKind[] = ['crisis', 'emotional', 'gender_violence', 'violence', 'children', 'other'];

export interface HelplineLine {
  name: string;
  phone?: string;
  url?: string;
  hours: string;
  kind: HelplineKind;
  note?: string;
}

export interface HelplineCountry {
  country: string;
  name: { es: string; en: string };
  emergency: string;
  lines: HelplineLine[];
  verifiedAt: string | null;
  updatedBy: string;
  updatedAt: string;
}

export type HelplineInput = Pick<HelplineCountry, 'name' | 'emergency' | 'lines' | 'verifiedAt'>;

/** The admin API, bound to one session's token. */
export function adminApi(token: string) {
  const call = <T>(path: string, method = 'GET', body?: unknown) => request<T>(path, { method, body, token });
  const enc = encodeURIComponent;
  return {
    me: () => call<AdminMeReply>('/api/admin/me'),
    users: (query: { q?: string; role?: AdminRole | ''; limit: number; offset: number }) => {
      const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
      if (query.q) params.set('q', query.q);
      if (query.role) params.set('role', query.role);
      return call<AdminUsersReply>(`/api/admin/users?${params}`);
    },
    user: (id: string) => call<AdminUserReply>(`/api/admin/users/${enc(id)}`),
    setRole: (id: string, role: 'user' | 'admin') => call<AdminUserChangeReply>(`/api/admin/users/${enc(id)}/role`, 'PUT', { role }),
    setTier: (id: string, tier: AdminTier) => call<AdminUserChangeReply>(`/api/admin/users/${enc(id)}/tier`, 'PUT', { tier }),
    exportUser: (id: string) => call<{ conversations: { messages: unknown[] }[] }>(`/api/admin/users/${enc(id)}/export`, 'POST'),
    erase: (id: string, confirm: string) => call<AdminEraseReply>(`/api/admin/users/${enc(id)}/erase`, 'POST', { confirm }),
    audit: (query: { action?: string; actor?: string; before?: number; limit: number }) => {
      const params = new URLSearchParams({ limit: String(query.limit) });
      if (query.action) params.set('action', query.action);
      if (query.actor) params.set('actor', query.actor);
      if (query.before !== undefined) params.set('before', String(query.before));
      return call<AdminAuditReply>(`/api/admin/audit?${params}`);
    },
    bots: () => call<AdminBotsReply>('/api/admin/bots'),
    botRooms: (bot: string) => call<AdminBotRoomsReply>(`/api/admin/bots/${enc(bot)}/rooms`),
    switchBot: (bot: string, room: string, enabled: boolean) =>
      call<AdminBotSwitchReply>(`/api/admin/bots/${enc(bot)}/rooms/${enc(room)}`, 'PUT', { enabled }),
    helplines: () => call<{ countries: HelplineCountry[] }>('/api/admin/helplines'),
    putHelpline: (country: string, input: HelplineInput) => call<{ country: HelplineCountry }>(`/api/admin/helplines/${enc(country)}`, 'PUT', input),
    deleteHelpline: (country: string) => call<{ country: string; deleted: true }>(`/api/admin/helplines/${enc(country)}`, 'DELETE'),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
