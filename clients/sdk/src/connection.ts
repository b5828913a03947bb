/**
 * @module connection
 * One logical connection to the engine over any number of sockets: the state machine, the token, `auth` first on
 * every socket, request/reply correlation, reconnection with backoff and jitter per the protocol's close-code
 * verdicts (a fresh token after 4502), and a heartbeat. It knows nothing of rooms or the outbox: it tells its
 * owner when it is ready, when the socket is lost, and which pushes arrive.
 */
import { CloseCode, shouldReconnect } from '../../../schema/codes.ts';
import type { Command, DisconnectPush, Limits, Push, UserInfo } from '../../../schema/protocol.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { ChatError, closedError, disconnectedError } from './errors.ts';
import { isReply, RequestTracker, type ReplyCommand, type ResultOf } from './requests.ts';
import { ConnectionStateMachine, type ConnectionState, type StateChange } from './state.ts';
import type { CloseInfo, Transport, TransportFactory } from './transport.ts';
import { ABNORMAL_CLOSE } from './websocket-transport.ts';

/** Why a token is asked for: the first connection, a reconnection, or after the server said it expired (4502). */
export type TokenReason = 'connect' | 'reconnect' | 'expired';

/** The result of a successful `auth`. */
export interface AuthInfo {
  user: UserInfo;
  session: string;
  serverTime: number;
  limits: Limits;
  protocol: number;
}

export interface ConnectionOptions {
  openTransport: TransportFactory;
  token?: string;
  getToken?: (reason: TokenReason) => string | Promise<string>;
  onTokenExpired?: () => void;
  backoff?: BackoffOptions;
  requestTimeoutMs: number;
  connectTimeoutMs: number;
  /** 0 disables the heartbeat. */
  heartbeatMs: number;
}

export interface ConnectionEvents {
  state: StateChange;
  authenticated: AuthInfo;
  disconnect: DisconnectPush;
  error: ChatError;
}

/** What the connection tells the client built on it. */
export interface ConnectionOwner {
  emit<K extends keyof ConnectionEvents>(event: K, payload: ConnectionEvents[K]): void;
  /** Authenticated on a new socket: resume what depends on it. */
  ready(): void;
  /** The socket is gone (for a moment or for good): settle what was in flight on it. */
  lost(): void;
  /** A push about a room. */
  push(push: Push): void;
}

interface Waiter { resolve(): void; reject(error: ChatError): void }

export class Connection {
  readonly #machine: ConnectionStateMachine;
  readonly #backoff: Backoff;
  readonly #requests = new RequestTracker();
  readonly #waiters = new Set<Waiter>();
  #transport: Transport | undefined;
  /** Bumped whenever a socket ends: callbacks of older sockets see a stale number and do nothing. */
  #generation = 0;
  #token: string | undefined;
  #tokenExpired = false;
  #auth: AuthInfo | undefined;
  #protocol: string | undefined;
  #notice: DisconnectPush | undefined;
  #lastInboundAt = 0;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #connectTimer: ReturnType<typeof setTimeout> | undefined;
  #heartbeatTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: ConnectionOptions, private readonly owner: ConnectionOwner) {
    this.#machine = new ConnectionStateMachine((change) => owner.emit('state', change));
    this.#backoff = new Backoff(options.backoff);
    this.#token = options.token;
  }

  get state(): ConnectionState {
    return this.#machine.state;
  }

  get auth(): AuthInfo | undefined {
    return this.#auth;
  }

  get protocol(): string | undefined {
    return this.#protocol;
  }

  /** Starts connecting unless already under way. */
  start(): void {
    if (this.state !== 'idle' && this.state !== 'closed') return;
    this.#machine.send({ type: 'connect' });
    this.#watchNetwork(true);
    void this.#attempt('connect');
  }

  close(): void {
    if (this.state !== 'closed') this.#finish(1000, 'closed by the client');
  }

  /** Replaces the token: used by the next socket, and sent now (protocol token refresh) when connected. */
  async setToken(token: string): Promise<void> {
    this.#token = token;
    if (this.state === 'connected') this.#auth = await this.call({ type: 'auth', token });
  }

  /** Sends a command on the current socket now and awaits its reply. */
  call<C extends ReplyCommand>(command: C, timeoutMs = this.options.requestTimeoutMs): Promise<ResultOf<C>> {
    const transport = this.#transport;
    if (!transport) return Promise.reject(disconnectedError());
    const { id, reply } = this.#requests.open<ResultOf<C>>(timeoutMs);
    try {
      transport.send({ ...command, id } as Command);
    } catch (err) {
      this.#requests.fail(id, toChatError(err, 'DISCONNECTED'));
    }
    return reply;
  }

  /** Sends a command without `id` (no reply); false when not connected. */
  sendFireAndForget(command: Command): boolean {
    if (this.state !== 'connected' || !this.#transport) return false;
    try {
      this.#transport.send(command);
      return true;
    } catch {
      return false;
    }
  }

  /** Resolves once connected; rejects when idle or closed (or when it closes meanwhile), or after `timeoutMs`. */
  whenConnected(timeoutMs?: number): Promise<void> {
    if (this.state === 'connected') return Promise.resolve();
    if (this.state === 'idle' || this.state === 'closed') {
      return Promise.reject(closedError(this.state === 'idle' ? 'not connected: call connect() first' : 'the client is closed'));
    }
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter: Waiter = {
        resolve: () => { settle(); resolve(); },
        reject: (error) => { settle(); reject(error); },
      };
      const settle = () => { clearTimeout(timer); this.#waiters.delete(waiter); };
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => waiter.reject(new ChatError('REQUEST_TIMEOUT', `not connected within ${timeoutMs} ms`)), timeoutMs);
      }
      this.#waiters.add(waiter);
    });
  }

  // ------------------------------------------------------------------ one socket's life

  async #attempt(reason: TokenReason): Promise<void> {
    const generation = ++this.#generation;
    this.#notice = undefined;
    let token: string;
    try {
      token = await this.#resolveToken(reason);
    } catch (err) {
      if (generation !== this.#generation) return;
      this.owner.emit('error', new ChatError('TOKEN_UNAVAILABLE', 'could not get a token', { cause: err }));
      this.#scheduleReconnect(undefined, 'could not get a token');
      return;
    }
    if (generation !== this.#generation) return; // closed while the token was being fetched
    try {
      this.#transport = this.options.openTransport({
        open: (info) => this.#onOpen(generation, info.protocol, token),
        items: (items) => this.#onItems(generation, items),
        close: (info) => this.#onClose(generation, info),
        error: (error) => {
          if (generation === this.#generation) this.owner.emit('error', toChatError(error, 'PROTOCOL'));
        },
      });
    } catch (err) {
      // E.g. a page on https refused a ws:// URL: report it and keep retrying like any failed attempt.
      this.owner.emit('error', toChatError(err, 'DISCONNECTED'));
      this.#scheduleReconnect(ABNORMAL_CLOSE, 'could not open a connection');
      return;
    }
    this.#connectTimer = setTimeout(() => this.#drop(generation, 'connect timeout'), this.options.connectTimeoutMs);
  }

  async #resolveToken(reason: TokenReason): Promise<string> {
    const { getToken } = this.options;
    if (!getToken) return this.#token!;
    const token = await getToken(reason);
    if (typeof token !== 'string' || token === '') throw new Error('getToken returned no token');
    this.#token = token;
    return token;
  }

  #onOpen(generation: number, protocol: string, token: string): void {
    if (generation !== this.#generation) return;
    this.#protocol = protocol;
    this.#lastInboundAt = Date.now();
    this.call({ type: 'auth', token }).then(
      (auth) => { if (generation === this.#generation) this.#onAuthenticated(generation, auth); },
      (error: ChatError) => {
        if (generation !== this.#generation) return;
        this.owner.emit('error', error);
        // A refused token is final (the server follows with 4001); a slow or lost reply is worth another attempt.
        if (error.temporary) this.#drop(generation, `auth failed: ${error.message}`);
        else this.#finish(error.code === 'FORBIDDEN' ? CloseCode.FORBIDDEN : CloseCode.UNAUTHORIZED, error.message);
      },
    );
  }

  #onAuthenticated(generation: number, auth: AuthInfo): void {
    clearTimeout(this.#connectTimer);
    this.#backoff.reset();
    this.#tokenExpired = false;
    this.#auth = auth;
    this.#machine.send({ type: 'authenticated' });
    this.owner.emit('authenticated', auth);
    this.owner.ready();
    this.#startHeartbeat(generation);
    for (const waiter of [...this.#waiters]) waiter.resolve();
  }

  #onItems(generation: number, items: unknown[]): void {
    if (generation !== this.#generation) return;
    this.#lastInboundAt = Date.now();
    for (const item of items) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
      const record = item as Record<string, unknown>;
      if (isReply(record)) this.#requests.settle(record);
      else this.#onPush(record as unknown as Push);
    }
  }

  #onPush(push: Push): void {
    switch (push.type) {
      case 'error':
        this.owner.emit('error', ChatError.fromInfo(push.error));
        return;
      case 'disconnect':
        this.#notice = push;
        this.owner.emit('disconnect', push);
        return;
      default:
        this.owner.push(push);
    }
  }

  #onClose(generation: number, info: CloseInfo): void {
    if (generation !== this.#generation) return;
    // The `disconnect` notice (when the server sent one) is the authoritative verdict.
    const notice = this.#notice;
    const code = notice?.code ?? info.code;
    const reason = notice?.reason || info.reason || 'connection closed';
    this.#loseSocket();
    if (code === CloseCode.TOKEN_EXPIRED) {
      this.options.onTokenExpired?.();
      if (!this.options.getToken) return this.#finish(code, reason);
      this.#tokenExpired = true;
    }
    if (notice?.reconnect ?? shouldReconnect(code)) this.#scheduleReconnect(code, reason);
    else this.#finish(code, reason);
  }

  /** Ends a socket the SDK gave up on (no auth in time, heartbeat unanswered) and retries. */
  #drop(generation: number, reason: string): void {
    if (generation !== this.#generation) return;
    this.#loseSocket();
    this.#scheduleReconnect(ABNORMAL_CLOSE, reason);
  }

  #scheduleReconnect(code: number | undefined, reason: string): void {
    const delayMs = this.#backoff.next();
    this.#machine.send({ type: 'lost', ...(code === undefined ? {} : { code }), reason, attempt: this.#backoff.attempt, delayMs });
    this.#reconnectTimer = setTimeout(() => this.#reconnectNow(), delayMs);
  }

  #reconnectNow(): void {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    void this.#attempt(this.#tokenExpired ? 'expired' : 'reconnect');
  }

  /** Tears down the current socket: its requests fail, the owner settles, timers stop. */
  #loseSocket(error: ChatError = disconnectedError()): void {
    this.#generation++;
    const transport = this.#transport;
    this.#transport = undefined;
    transport?.close(1000, 'client dropped the connection');
    clearTimeout(this.#connectTimer);
    clearInterval(this.#heartbeatTimer);
    this.#notice = undefined;
    this.#requests.failAll(error);
    this.owner.lost();
  }

  #finish(code: number, reason: string): void {
    this.#loseSocket(closedError(reason, code));
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#watchNetwork(false);
    this.#machine.send({ type: 'close', code, reason });
    const errorCode = code === CloseCode.UNAUTHORIZED ? 'UNAUTHORIZED' : code === CloseCode.FORBIDDEN ? 'FORBIDDEN' : 'CLOSED';
    const error = new ChatError(errorCode, reason, { temporary: false, closeCode: code });
    for (const waiter of [...this.#waiters]) waiter.reject(error);
  }

  #startHeartbeat(generation: number): void {
    const everyMs = this.options.heartbeatMs;
    if (!everyMs) return;
    this.#heartbeatTimer = setInterval(() => {
      if (Date.now() - this.#lastInboundAt < everyMs) return;
      this.call({ type: 'ping' }).catch((error: ChatError) => {
        if (error.code === 'REQUEST_TIMEOUT') this.#drop(generation, 'heartbeat unanswered');
      });
    }, everyMs);
  }

  /** In browsers, coming back online retries at once instead of waiting out the backoff. */
  readonly #onOnline = (): void => {
    if (this.state === 'reconnecting' && this.#reconnectTimer !== undefined) this.#reconnectNow();
  };

  #watchNetwork(on: boolean): void {
    const target = globalThis as { addEventListener?: (type: string, listener: () => void) => void; removeEventListener?: (type: string, listener: () => void) => void };
    if (on) target.addEventListener?.('online', this.#onOnline);
    else target.removeEventListener?.('online', this.#onOnline);
  }
}

function toChatError(err: unknown, fallback: 'DISCONNECTED' | 'PROTOCOL'): ChatError {
  if (err instanceof ChatError) return err;
  return new ChatError(fallback, err instanceof Error ? err.message : String(err), { cause: err });
}
