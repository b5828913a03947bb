/**
 * Test helpers for the SDK: awaiting SDK events with bounded timeouts (never sleeping), a `ws` WebSocket whose
 * network the test can cut and restore, and a scripted in-memory server for unit tests of the client core.
 */
import WebSocket from 'ws';
import type { Command } from '../../../schema/protocol.ts';
import type { ChatClient, ClientEvents, RoomEvents, RoomHandle, Transport, TransportFactory, TransportHandlers } from '../src/index.ts';

/** Resolves once `check()` holds, re-checking whenever `subscribe` notifies; rejects after `timeoutMs`. */
export function waitUntil(check: () => boolean, subscribe: (notify: () => void) => () => void, timeoutMs = 5000, label = 'condition'): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for ${label}`)); }, timeoutMs);
    const off = subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** The next `event` of a room whose payload matches. */
export function roomEvent<K extends keyof RoomEvents>(room: RoomHandle, event: K, match: (payload: RoomEvents[K]) => boolean = () => true, timeoutMs = 5000): Promise<RoomEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for room event ${String(event)}`)); }, timeoutMs);
    const off = room.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** The next `event` of a client whose payload matches. */
export function clientEvent<K extends keyof ClientEvents>(client: ChatClient, event: K, match: (payload: ClientEvents[K]) => boolean = () => true, timeoutMs = 5000): Promise<ClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for client event ${String(event)}`)); }, timeoutMs);
    const off = client.on(event, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Resolves when the client reaches `state` (at once if it is there). */
export function reachState(client: ChatClient, state: ChatClient['state'], timeoutMs = 5000): Promise<void> {
  return waitUntil(() => client.state === state, (notify) => client.on('state', notify), timeoutMs, `state ${state}`);
}

/** Resolves once the room shows `count` messages. */
export function showsMessages(room: RoomHandle, count: number, timeoutMs = 5000): Promise<void> {
  return waitUntil(() => room.messages.length >= count, (notify) => {
    const offs = [room.on('message', notify), room.on('reset', notify)];
    return () => offs.forEach((off) => off());
  }, timeoutMs, `${count} messages in the room`);
}

/**
 * The `ws` WebSocket behind a switch: `down()` kills every open socket (as a network cut would: no close frame)
 * and makes new ones fail; `up()` restores the network; `deafen()` drops inbound frames of open sockets.
 */
export function createNetwork() {
  const open = new Set<WebSocket>();
  const outbound: (string | Buffer)[] = [];
  let isUp = true;
  let deaf = false;
  let constructed = 0;
  const onmessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')!;

  class NetworkWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      constructed++;
      if (!isUp) {
        this.terminate(); // fails while connecting: error + close 1006, like a refused connection
        return;
      }
      open.add(this);
      this.once('close', () => open.delete(this));
      // Wrap the handler the SDK installs so `deafen` can swallow inbound frames.
      Object.defineProperty(this, 'onmessage', {
        configurable: true,
        get: () => onmessage.get!.call(this),
        set: (handler: ((event: unknown) => void) | null) =>
          onmessage.set!.call(this, handler && ((event: unknown) => { if (!deaf) handler(event); })),
      });
    }

    override send(data: any, ...rest: any[]): void {
      outbound.push(typeof data === 'string' ? data : Buffer.from(data));
      (super.send as (...args: any[]) => void)(data, ...rest);
    }
  }

  return {
    WebSocket: NetworkWebSocket,
    get constructed() { return constructed; },
    get openSockets() { return open.size; },
    /** Every frame the SDK sent, as sent (JSON text or msgpack bytes). */
    outbound,
    down() {
      isUp = false;
      for (const socket of open) socket.terminate();
    },
    up() {
      isUp = true;
      deaf = false;
    },
    deafen() {
      deaf = true;
    },
  };
}

/** A scripted server for unit tests: every connection opens at once; the test answers commands and pushes items. */
export function createFakeServer() {
  const connections: FakeConnection[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const connectionOf = (command: Command) => {
    const connection = connections.find((c) => c.sent.includes(command));
    if (!connection) throw new Error('command not sent');
    return connection;
  };
  const factory: TransportFactory = (handlers) => {
    const connection = new FakeConnection(handlers, notify);
    connections.push(connection);
    queueMicrotask(() => handlers.open({ protocol: 'mentalia.v1.json' }));
    notify();
    return connection;
  };
  return {
    factory,
    connections,
    get current(): FakeConnection {
      const last = connections.at(-1);
      if (!last) throw new Error('no connection yet');
      return last;
    },
    /** Answers a command on the connection it came from. */
    reply(command: Command, result: Record<string, unknown> = {}): void {
      connectionOf(command).reply(command, result);
    },
    fail(command: Command, error: { code: string; message?: string; temporary: boolean; retryAfterMs?: number }): void {
      connectionOf(command).fail(command, error);
    },
    /** The next command of `type` on any connection, not taken before. */
    async command<T extends Command['type']>(type: T, timeoutMs = 2000): Promise<Extract<Command, { type: T }> & { id: number }> {
      let found: Command | undefined;
      await waitUntil(() => {
        for (const c of connections) {
          found = c.take(type);
          if (found) return true;
        }
        return false;
      }, (l) => { listeners.add(l); return () => listeners.delete(l); }, timeoutMs, `a ${type} command`);
      return found as Extract<Command, { type: T }> & { id: number };
    },
  };
}

export class FakeConnection implements Transport {
  readonly sent: Command[] = [];
  readonly #taken = new Set<Command>();
  closed = false;

  constructor(private readonly handlers: TransportHandlers, private readonly notify: () => void) {}

  send(command: Command): void {
    if (this.closed) throw new Error('closed');
    this.sent.push(command);
    this.notify();
  }

  close(): void {
    this.closed = true;
  }

  take(type: string): Command | undefined {
    const command = this.sent.find((c) => c.type === type && !this.#taken.has(c));
    if (command) this.#taken.add(command);
    return command;
  }

  reply(command: { id?: number }, result: Record<string, unknown> = {}): void {
    this.handlers.items([{ id: command.id, ok: true, ...result }]);
  }

  fail(command: { id?: number }, error: { code: string; message?: string; temporary: boolean; retryAfterMs?: number }): void {
    this.handlers.items([{ id: command.id, ok: false, error: { message: error.code, ...error } }]);
  }

  push(...items: Record<string, unknown>[]): void {
    this.handlers.items(items);
  }

  /** The server side ends the connection. */
  drop(code = 1006, reason = ''): void {
    this.closed = true;
    this.handlers.close({ code, reason });
  }
}
