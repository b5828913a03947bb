/**
 * @module api
 * The engine's HTTP API on the same origin (schema/PROTOCOL.md, "HTTP API"): sign-up, sign-in and the bot list.
 * Errors arrive as `{ error: {code, message} }`; a network failure is code `NETWORK`.
 */
import type { SessionUser } from './session.ts';

import type { BotInfo } from '../../sdk/src/index.ts';

export type { BotInfo };

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status = 0) {
    super(message);
    this.name = 'ApiError';
  }
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) } });
  } catch (err) {
    throw new ApiError('NETWORK', err instanceof Error ? err.message : String(err));
  }
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!res.ok) throw new ApiError(body?.error?.code ?? 'OTHER', body?.error?.message ?? res.statusText, res.status);
  return body as T;
}

export interface AuthReply {
  token: string;
  user: SessionUser;
}

export function login(email: string, password: string): Promise<AuthReply> {
  return request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
}

export function register(name: string, email: string, password: string): Promise<AuthReply> {
  return request('/api/auth/register', { method: 'POST', body: JSON.stringify({ name, email, password }) });
}

/** A guest session (role `guest`, plan `free`): try the free apps without an account. */
export function guest(): Promise<AuthReply> {
  return request('/api/auth/guest', { method: 'POST', body: '{}' });
}

export function listBots(): Promise<BotInfo[]> {
  return request('/api/bots');
}
