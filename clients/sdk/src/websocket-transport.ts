/**
 * @module websocket-transport
 * The WebSocket transport: the browser's `WebSocket`, or any constructor with the same shape (the `ws` package in
 * Node). Offers `mentalia.v1.msgpack` first and `mentalia.v1.json` as fallback (the engine picks the first it
 * knows), or JSON only when asked; the codec then follows what the server chose.
 */
import { CODECS, jsonCodec, type Codec } from '../../../schema/codec.ts';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK, type Command, type Subprotocol } from '../../../schema/protocol.ts';
import { disconnectedError, ChatError } from './errors.ts';
import type { CodecName, Transport, TransportFactory, TransportHandlers } from './transport.ts';

/** Anything constructible like the browser `WebSocket` (e.g. `import WebSocket from 'ws'`). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => unknown;

/** The part of the WebSocket API used here; both the browser's and `ws`'s sockets have it. */
interface WebSocketLike {
  binaryType: string;
  readonly protocol: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;
/** Close code for a connection that ended without a close frame (per RFC 6455 it is never sent on the wire). */
export const ABNORMAL_CLOSE = 1006;

export interface WebSocketTransportOptions {
  /** `ws://` or `wss://` URL of the engine's `/ws` route. */
  url: string;
  /** Preferred encoding. Default `msgpack` (binary, smaller, faster), with JSON offered as fallback. */
  codec?: CodecName;
  /** Constructor to use instead of the global `WebSocket` (Node has none before v22). */
  WebSocket?: WebSocketConstructor;
}

/** The sub-protocols offered, in order of preference. */
export function offeredSubprotocols(codec: CodecName = 'msgpack'): Subprotocol[] {
  return codec === 'json' ? [SUBPROTOCOL_JSON] : [SUBPROTOCOL_MSGPACK, SUBPROTOCOL_JSON];
}

export function createWebSocketTransport(options: WebSocketTransportOptions): TransportFactory {
  const offered = offeredSubprotocols(options.codec);
  return (handlers) => {
    const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!Ctor) throw new Error('no WebSocket implementation: pass `WebSocket` (e.g. from the `ws` package) in the options');
    let socket: WebSocketLike;
    try {
      socket = new Ctor(options.url, offered) as WebSocketLike;
    } catch (err) {
      // E.g. a malformed URL: report it like any failed connection, asynchronously as the interface promises.
      return failedTransport(handlers, err);
    }
    return attach(socket, handlers);
  };
}

function attach(socket: WebSocketLike, handlers: TransportHandlers): Transport {
  let codec: Codec = jsonCodec;
  let ended = false;
  const detach = () => {
    ended = true;
    socket.onopen = socket.onmessage = socket.onclose = null;
    // Keep a no-op error handler: `ws` throws on an 'error' event without a listener.
    socket.onerror = () => {};
  };

  socket.binaryType = 'arraybuffer';
  socket.onopen = () => {
    // An empty protocol means the server chose none, which the protocol defines as JSON.
    codec = CODECS[socket.protocol as Subprotocol] ?? jsonCodec;
    handlers.open({ protocol: codec.name });
  };
  socket.onmessage = (event) => {
    let decoded: unknown;
    try {
      decoded = codec.decode(frameData(event.data));
    } catch (err) {
      handlers.error(new ChatError('PROTOCOL', 'undecodable frame from the server', { cause: err }));
      return;
    }
    handlers.items(Array.isArray(decoded) ? decoded : [decoded]);
  };
  // An error event is always followed by a close event, whose code says what happened.
  socket.onerror = () => {};
  socket.onclose = (event) => {
    detach();
    handlers.close({ code: event.code || ABNORMAL_CLOSE, reason: event.reason ?? '' });
  };

  return {
    send(command: Command) {
      if (ended || socket.readyState !== OPEN) throw disconnectedError();
      socket.send(codec.encode(command));
    },
    close(code = 1000, reason = '') {
      if (ended) return;
      detach();
      try {
        socket.close(code, reason);
      } catch {
        // Closing a socket that is still connecting throws in some implementations; it is abandoned either way.
      }
    },
  };
}

function frameData(data: unknown): ArrayBuffer | Uint8Array | string {
  if (typeof data === 'string' || data instanceof ArrayBuffer || data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new Error('unsupported frame data type');
}

function failedTransport(handlers: TransportHandlers, err: unknown): Transport {
  let ended = false;
  queueMicrotask(() => {
    if (ended) return;
    ended = true;
    handlers.error(err instanceof Error ? err : new Error(String(err)));
    handlers.close({ code: ABNORMAL_CLOSE, reason: err instanceof Error ? err.message : 'could not open the connection' });
  });
  return {
    send() { throw disconnectedError(); },
    close() { ended = true; },
  };
}
