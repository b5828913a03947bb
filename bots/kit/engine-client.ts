/**
 * @module kit/engine-client
 * The little of protocol v1 a terminal chat needs (see `schema/PROTOCOL.md`): HTTP registration, then one
 * WebSocket (`/ws`, sub-protocol `mentalia.v1.json`) with commands answered by `id` and pushes. Frames may hold one
 * object or a batch (an array); both are handled.
 */
import WebSocket from 'ws';
import { SUBPROTOCOL_JSON, type CommandBody, type CommandType, type Push, type ResultMap } from '../../schema/protocol.ts';

/** A command the engine refused (`ok: false`), or a transport failure. */
export class EngineRequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.name = 'EngineRequestError';
    this.code = code;
  }
}

export interface RegisteredUser {
  readonly token: string;
  readonly user: { readonly id: string; readonly name: string };
}

export interface BotListing {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

/** `GET /healthz`; resolves false (never throws) when the engine cannot be reached. */
export async function engineIsUp(baseUrl: string, timeoutMs = 3_000): Promise<{ up: boolean; reason?: string }> {
  try {
    const response = await fetch(new URL('/healthz', baseUrl), { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? { up: true } : { up: false, reason: `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { up: false, reason: cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error)) };
  }
}

export async function listBots(baseUrl: string): Promise<BotListing[]> {
  const response = await fetch(new URL('/api/bots', baseUrl), { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new EngineRequestError(`HTTP_${response.status}`, 'GET /api/bots failed');
  return (await response.json()) as BotListing[];
}

export async function registerUser(baseUrl: string, body: { email: string; password: string; name: string }): Promise<RegisteredUser> {
  const response = await fetch(new URL('/api/auth/register', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const json = (await response.json().catch(() => ({}))) as { token?: string; user?: RegisteredUser['user']; error?: { code: string; message: string } };
  if (!response.ok || json.token === undefined || json.user === undefined) {
    throw new EngineRequestError(json.error?.code ?? `HTTP_${response.status}`, json.error?.message ?? 'registration failed');
  }
  return { token: json.token, user: json.user };
}

type Pending = { resolve: (value: Record<string, unknown>) => void; reject: (error: Error) => void };

export class EngineSocket {
  readonly #ws: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #pushHandlers = new Set<(push: Push) => void>();
  readonly #closeHandlers = new Set<(code: number, reason: string) => void>();
  #nextId = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => this.#onFrame(data.toString()));
    ws.on('close', (code, reason) => {
      for (const { reject } of this.#pending.values()) reject(new EngineRequestError('CLOSED', `connection closed (${code})`));
      this.#pending.clear();
      for (const handler of this.#closeHandlers) handler(code, reason.toString());
    });
  }

  /** Opens `/ws` on the engine at `baseUrl` (http → ws, https → wss). */
  static connect(baseUrl: string): Promise<EngineSocket> {
    const url = new URL('/ws', baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, SUBPROTOCOL_JSON);
      ws.once('open', () => resolve(new EngineSocket(ws)));
      ws.once('error', reject);
    });
  }

  request<T extends CommandType>(command: Extract<CommandBody, { type: T }>): Promise<ResultMap[T]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: (value) => resolve(value as unknown as ResultMap[T]), reject });
      this.#ws.send(JSON.stringify({ id, ...command }), (error) => {
        if (error === undefined || error === null) return;
        this.#pending.delete(id);
        reject(error);
      });
    });
  }

  onPush(handler: (push: Push) => void): void {
    this.#pushHandlers.add(handler);
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.#closeHandlers.add(handler);
  }

  close(): void {
    this.#ws.close(1000, 'bye');
  }

  #onFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    for (const item of Array.isArray(frame) ? frame : [frame]) {
      if (typeof item !== 'object' || item === null) continue;
      const record = item as Record<string, unknown>;
      if (typeof record.id === 'number') this.#onReply(record);
      else if (typeof record.type === 'string') for (const handler of this.#pushHandlers) handler(record as unknown as Push);
    }
  }

  #onReply(reply: Record<string, unknown>): void {
    const pending = this.#pending.get(reply.id as number);
    if (pending === undefined) return;
    this.#pending.delete(reply.id as number);
    if (reply.ok === true) pending.resolve(reply);
    else {
      const error = (reply.error ?? {}) as { code?: string; message?: string };
      pending.reject(new EngineRequestError(error.code ?? 'ERROR', error.message ?? 'request failed'));
    }
  }
}
