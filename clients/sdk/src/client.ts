/**
 * @module client
 * `createClient`: the SDK's front door. It wires a `Connection` (sockets, auth, reconnect) to the joined rooms
 * (each resumes with `join … since` once the connection is ready again) and to the outbox (sent whenever
 * connected), and offers the protocol's commands as typed methods. Nothing here touches a socket.
 */
import type { CreateCommand, MessageBody, Push, ResultMap, RoomsCommand, StatsPush, StatsTopic, StoredMessage, Limits, UserInfo } from '../../../schema/protocol.ts';
import type { BackoffOptions } from './backoff.ts';
import { Connection, type AuthInfo, type ConnectionEvents, type TokenReason } from './connection.ts';
import { ChatError } from './errors.ts';
import { Emitter, type Listener } from './events.ts';
import { Outbox, type OutgoingMessage } from './outbox.ts';
import { memoryOutboxStorage, type OutboxStorage } from './outbox-storage.ts';
import type { RequestCommand, ResultOf } from './requests.ts';
import { RoomHandle, type JoinOptions, type RoomHost } from './room.ts';
import type { ConnectionState } from './state.ts';
import type { CodecName, TransportFactory } from './transport.ts';
import { createWebSocketTransport, type WebSocketConstructor } from './websocket-transport.ts';
import { StatsWatches, type StatsHandler, type WatchHandle } from './watch.ts';

export type { AuthInfo, TokenReason } from './connection.ts';

interface CommonOptions {
  /** The engine's WebSocket URL (`wss://host/ws`). Required unless `transport` is given. */
  url?: string;
  /** Preferred encoding; default `msgpack` (JSON is offered as fallback). */
  codec?: CodecName;
  /** WebSocket constructor where there is no global one (Node < 22: the `ws` package). */
  WebSocket?: WebSocketConstructor;
  /** A different transport (replaces `url`, `codec`, `WebSocket`). */
  transport?: TransportFactory;
  /** Reconnect delays: full jitter between 0 and min(maxMs, baseMs·2ⁿ). Defaults 500 ms and 30 s. */
  backoff?: BackoffOptions;
  /** Longest wait for a reply (including the wait for a connection). Default 10 s. */
  requestTimeoutMs?: number;
  /** Longest wait from opening a connection to a successful `auth`. Default 10 s. */
  connectTimeoutMs?: number;
  /** Sends `ping` after this long without any frame and drops the connection if it goes unanswered; 0 = off. Default 30 s. */
  heartbeatMs?: number;
  /** Where unsent messages are kept; default memory (`localOutboxStorage()` keeps them across reloads). */
  outboxStorage?: OutboxStorage;
  /** Called when the server closes with 4502 (token expired), before a fresh token is asked for. */
  onTokenExpired?: () => void;
}

export type ClientOptions = CommonOptions & (
  /** A fixed token. After 4502 the client closes (call `setToken` and `connect` again). */
  | { token: string; getToken?: undefined }
  /** Called before every connection attempt; must return a valid token (a fresh one when `reason` is `expired`). */
  | { getToken: (reason: TokenReason) => string | Promise<string>; token?: undefined }
);

export interface ClientEvents extends ConnectionEvents {
  /** An outgoing message changed state (any room). */
  outbox: OutgoingMessage;
  /** A live stats sample of a watched topic (see `watch`). */
  stats: StatsPush;
}

export type CreateOptions = Omit<CreateCommand, 'type'>;
export type RoomsOptions = Omit<RoomsCommand, 'type'>;
export interface HistoryOptions { before?: number; limit?: number }
export interface RequestOptions { timeoutMs?: number }

const DEFAULTS = { requestTimeoutMs: 10_000, connectTimeoutMs: 10_000, heartbeatMs: 30_000 } as const;
/** Wait before resending a RATE_LIMITED command whose error carries no `retryAfterMs`. */
const RATE_LIMIT_FALLBACK_MS = 250;

export function createClient(options: ClientOptions): ChatClient {
  return new ChatClient(options);
}

export class ChatClient {
  readonly #events = new Emitter<ClientEvents>();
  readonly #connection: Connection;
  readonly #rooms = new Map<string, RoomHandle>();
  readonly #outbox: Outbox;
  readonly #roomHost: RoomHost;
  readonly #requestTimeoutMs: number;
  readonly #watches: StatsWatches;

  constructor(options: ClientOptions) {
    if (!options.token && !options.getToken) throw new TypeError('createClient: `token` or `getToken` is required');
    this.#requestTimeoutMs = options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
    this.#connection = new Connection({
      openTransport: options.transport ?? defaultTransport(options),
      token: options.token,
      getToken: options.getToken,
      onTokenExpired: options.onTokenExpired,
      backoff: options.backoff,
      requestTimeoutMs: this.#requestTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
      heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
    }, {
      emit: (event, payload) => this.#events.emit<keyof ConnectionEvents>(event, payload),
      // Rooms first, so their `join … since` goes out before the outbox's resends.
      ready: () => {
        for (const room of [...this.#rooms.values()]) room.resume();
        this.#outbox.resume();
        this.#watches.resume();
      },
      lost: () => { for (const room of [...this.#rooms.values()]) room.suspend(); },
      push: (push: Push) => {
        if ('room' in push) this.#rooms.get(push.room)?.handlePush(push);
        else if (push.type === 'stats') {
          this.#watches.handlePush(push);
          this.#events.emit('stats', push);
        }
      },
    });
    this.#outbox = new Outbox({
      storage: options.outboxStorage ?? memoryOutboxStorage(),
      send: (command) => this.#connection.call(command),
      canSend: () => this.state === 'connected',
      userId: () => this.user?.id,
      onChange: (message) => {
        this.#rooms.get(message.room)?.handleOutboxChange(message);
        this.#events.emit('outbox', message);
      },
    });
    this.#events.on('state', ({ to }) => { if (to === 'closed') this.#outbox.stop(); });
    const client = this;
    this.#watches = new StatsWatches({
      get connected() { return client.state === 'connected'; },
      request: (command) => this.request(command),
      onError: (error) => this.#events.emit('error', error),
    });
    this.#roomHost = {
      get connected() { return client.state === 'connected'; },
      get userId() { return client.user?.id; },
      outbox: this.#outbox,
      request: (command) => this.request(command),
      sendTyping: (room, on) => this.#connection.sendFireAndForget({ type: 'typing', room, on }),
      forget: (room) => { if (this.#rooms.get(room.id) === room) this.#rooms.delete(room.id); },
    };
  }

  // ------------------------------------------------------------------ state

  get state(): ConnectionState {
    return this.#connection.state;
  }

  /** The authenticated user (kept after a disconnect; replaced by the next `auth`). */
  get user(): UserInfo | undefined {
    return this.#connection.auth?.user;
  }

  get limits(): Limits | undefined {
    return this.#connection.auth?.limits;
  }

  /** The negotiated sub-protocol of the current connection (`mentalia.v1.msgpack` or `mentalia.v1.json`). */
  get protocol(): string | undefined {
    return this.#connection.protocol;
  }

  on<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  once<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): () => void {
    return this.#events.once(event, listener);
  }

  off<K extends keyof ClientEvents>(event: K, listener: Listener<ClientEvents[K]>): void {
    this.#events.off(event, listener);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Starts connecting (idempotent). Resolves on the first successful `auth`; rejects if the client closes first
   * (e.g. 4001 for a bad token). While offline it keeps retrying, so the promise may stay pending for a while.
   */
  connect(): Promise<AuthInfo> {
    this.#connection.start();
    const connected = this.#connection.whenConnected().then(() => this.#connection.auth!);
    // Apps often call `connect()` without awaiting it and follow the `state` event instead: no unhandled rejection.
    connected.catch(() => {});
    return connected;
  }

  /** Closes for good (until `connect` is called again). Joined rooms and the outbox are kept for that. */
  close(): void {
    this.#connection.close();
  }

  /** Replaces the token: used by the next connection, and sent now (protocol token refresh) when connected. */
  setToken(token: string): Promise<void> {
    return this.#connection.setToken(token);
  }

  // ------------------------------------------------------------------ commands

  /**
   * Sends any command that has a reply and resolves with its result; rejects with a ChatError. Waits for the
   * connection when (re)connecting, and retries after `RATE_LIMITED`; `timeoutMs` covers all of it.
   */
  async request<C extends RequestCommand>(command: C, options: RequestOptions = {}): Promise<ResultOf<C>> {
    const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // Connected: send in this same tick (keeps the order of commands issued together, e.g. rejoins first).
      if (this.state !== 'connected') await this.#connection.whenConnected(Math.max(1, deadline - Date.now()));
      try {
        return await this.#connection.call(command, Math.max(1, deadline - Date.now()));
      } catch (err) {
        // RATE_LIMITED is answered before the command runs, so sending it again later is safe for every command.
        const waitMs = err instanceof ChatError && err.code === 'RATE_LIMITED' ? err.retryAfterMs ?? RATE_LIMIT_FALLBACK_MS : undefined;
        if (waitMs === undefined || Date.now() + waitMs >= deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /** The user's rooms, most recent activity first; pass `next` back as `before` for the next page. */
  rooms(options: RoomsOptions = {}): Promise<ResultMap['rooms']> {
    return this.request({ type: 'rooms', ...options });
  }

  /** Creates a room owned by the user; resolves with its id. */
  async create(options: CreateOptions = {}): Promise<string> {
    return (await this.request({ type: 'create', ...options })).room;
  }

  async invite(room: string, user: string): Promise<void> {
    await this.request({ type: 'invite', room, user });
  }

  /** Messages older than `before` (default: the newest), oldest first. */
  async history(room: string, options: HistoryOptions = {}): Promise<StoredMessage[]> {
    return (await this.request({ type: 'history', room, ...options })).messages;
  }

  /**
   * The handle of a room: returned at once (attach listeners right away, nothing is missed); it joins as soon as
   * the client is connected and again after every reconnect. `handle.ready` resolves after the first join.
   */
  join(room: string, options: JoinOptions = {}): RoomHandle {
    const known = this.#rooms.get(room);
    if (known) return known;
    const handle = new RoomHandle(room, this.#roomHost, options);
    this.#rooms.set(room, handle);
    if (this.state === 'connected') handle.resume();
    return handle;
  }

  /** The handle of a joined room. */
  room(room: string): RoomHandle | undefined {
    return this.#rooms.get(room);
  }

  /** Queues a message for a room (joined or not); see `RoomHandle.send`. */
  send(room: string, body: string | MessageBody): OutgoingMessage {
    return this.#outbox.enqueue(room, typeof body === 'string' ? { text: body } : body);
  }

  /** Unsent messages (of one room, or all), oldest first. */
  pending(room?: string): OutgoingMessage[] {
    return this.#outbox.pending(room);
  }

  /** Stops a running bot turn; true when one was cancelled. */
  async cancel(room: string, turn: string): Promise<boolean> {
    return (await this.request({ type: 'cancel', room, turn })).cancelled;
  }

  /**
   * Live stats: calls `handler` with every sample of `topic` (`impact` for anyone, `engine` for admins), the first
   * one at once; renewed after every reconnect. `handle.ready` rejects with FORBIDDEN when the role is missing.
   */
  watch<T extends StatsTopic>(topic: T, handler: StatsHandler<T>): WatchHandle {
    return this.#watches.add(topic, handler);
  }

  /** Round trip to the engine, in ms. */
  async ping(): Promise<number> {
    const start = Date.now();
    await this.request({ type: 'ping' });
    return Date.now() - start;
  }
}

function defaultTransport(options: ClientOptions): TransportFactory {
  if (!options.url) throw new TypeError('createClient: `url` is required');
  if (!options.WebSocket && !(globalThis as { WebSocket?: unknown }).WebSocket) {
    throw new TypeError('createClient: no global WebSocket here; pass `WebSocket` (e.g. from the `ws` package)');
  }
  return createWebSocketTransport({ url: options.url, codec: options.codec, WebSocket: options.WebSocket });
}
