/**
 * @module socketio-transport
 * The long-polling fallback for networks that block WebSockets: the engine's socket.io endpoint (`/sio/`, polling
 * only), carrying the same protocol frames (JSON) as the event `frame` both ways. The SDK stays dependency-free:
 * pass socket.io-client's `io` function in the options (`import { io } from 'socket.io-client'`).
 *
 * socket.io has no close codes: the engine sends the protocol's `disconnect` push before it ends a session, and
 * this transport reports that push's code as the close code, so the client's reconnect rules are the same as over
 * WebSocket. A session that ends without one reports 1006 (abnormal).
 *
 * `createFallbackTransport(primary, fallback)` tries the primary (WebSocket) first and switches to the fallback, for
 * the rest of the client's life, when the primary fails or does not open in time.
 */
import { jsonCodec } from '../../../schema/codec.ts';
import type { Command } from '../../../schema/protocol.ts';
import { ChatError, disconnectedError } from './errors.ts';
import type { Transport, TransportFactory, TransportHandlers } from './transport.ts';
import { ABNORMAL_CLOSE } from './websocket-transport.ts';

/** The event that carries one protocol frame (text) each way. */
export const SOCKETIO_FRAME_EVENT = 'frame';
export const DEFAULT_SOCKETIO_PATH = '/sio/';

/** The part of a socket.io-client `Socket` used here. */
export interface SocketIoSocketLike {
  readonly connected: boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  disconnect(): unknown;
}

/** socket.io-client's `io(url, options)`. */
export type SocketIoConnect = (url: string, options: Record<string, unknown>) => SocketIoSocketLike;

export interface SocketIoTransportOptions {
  /** The engine's `http(s)://host[:port]` (no path). */
  url: string;
  /** socket.io-client's `io`. */
  io: SocketIoConnect;
  /** Default `/sio/`. */
  path?: string;
}

export function createSocketIoTransport(options: SocketIoTransportOptions): TransportFactory {
  return (handlers) => {
    // One engine.io session per attempt; the SDK's own state machine does the reconnecting.
    const socket = options.io(options.url, {
      path: options.path ?? DEFAULT_SOCKETIO_PATH,
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    let ended = false;
    let serverClose: { code: number; reason: string } | undefined;
    const end = (code: number, reason: string) => {
      if (ended) return;
      ended = true;
      handlers.close({ code: serverClose?.code ?? code, reason: serverClose?.reason ?? reason });
    };

    socket.on('connect', () => {
      if (!ended) handlers.open({ protocol: jsonCodec.name });
    });
    socket.on(SOCKETIO_FRAME_EVENT, (data: unknown) => {
      if (ended) return;
      let decoded: unknown;
      try {
        decoded = jsonCodec.decode(typeof data === 'string' ? data : String(data));
      } catch (err) {
        handlers.error(new ChatError('PROTOCOL', 'undecodable frame from the server', { cause: err }));
        return;
      }
      const items = Array.isArray(decoded) ? decoded : [decoded];
      for (const item of items) {
        const push = item as { type?: unknown; code?: unknown; reason?: unknown };
        if (push.type === 'disconnect' && typeof push.code === 'number') serverClose = { code: push.code, reason: String(push.reason ?? '') };
      }
      handlers.items(items);
    });
    socket.on('connect_error', (err: Error) => {
      if (ended) return;
      handlers.error(err);
      end(ABNORMAL_CLOSE, err.message || 'could not open the polling connection');
      socket.disconnect();
    });
    socket.on('disconnect', (why: string) => end(ABNORMAL_CLOSE, why));

    return {
      send(command: Command) {
        if (ended || !socket.connected) throw disconnectedError();
        socket.emit(SOCKETIO_FRAME_EVENT, jsonCodec.encode(command));
      },
      close() {
        if (ended) return;
        ended = true;
        socket.disconnect();
      },
    };
  };
}

export interface FallbackOptions {
  /** Switch when the primary has not opened after this long. Default 5000 ms. */
  openTimeoutMs?: number;
  /** Told once, when the client switches to the fallback. */
  onFallback?: (reason: string) => void;
}

/**
 * Tries `primary` until one of its connections fails before opening (blocked, refused, timed out), then uses
 * `fallback` from that attempt on. A primary that opened and later dropped is just a drop: reconnects retry it.
 */
export function createFallbackTransport(primary: TransportFactory, fallback: TransportFactory, options: FallbackOptions = {}): TransportFactory {
  const openTimeoutMs = options.openTimeoutMs ?? 5000;
  let useFallback = false;
  return (handlers) => {
    if (useFallback) return fallback(handlers);
    let current: Transport;
    let opened = false;
    let closedByClient = false;
    let switched = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const switchOver = (reason: string) => {
      clearTimeout(timer);
      if (switched || closedByClient) return;
      switched = useFallback = true;
      options.onFallback?.(reason);
      current = fallback(handlers);
    };
    current = primary({
      open(info) {
        clearTimeout(timer);
        opened = true;
        handlers.open(info);
      },
      // Once switched, the abandoned primary has nothing more to say.
      items: (items) => { if (!switched) handlers.items(items); },
      error: (error) => { if (!switched) handlers.error(error); },
      close(info) {
        if (switched) return;
        if (!opened) return switchOver(`primary closed before opening (${info.code})`);
        handlers.close(info);
      },
    } satisfies TransportHandlers);
    timer = setTimeout(() => {
      if (opened) return;
      const stuck = current;
      switchOver('primary did not open in time');
      stuck.close(1000, 'switching to the fallback transport');
    }, openTimeoutMs);
    return {
      send: (command) => current.send(command),
      close(code, reason) {
        closedByClient = true;
        clearTimeout(timer);
        current.close(code, reason);
      },
    };
  };
}
