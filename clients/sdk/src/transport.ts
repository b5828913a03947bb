/**
 * @module transport
 * What the client core needs from a connection, and nothing more: open, deliver decoded protocol items, send one
 * command, close. The WebSocket transport implements it today; a socket.io long-polling transport (for networks
 * that block WebSockets) will implement the same interface and carry the same protocol messages.
 */
import type { Command } from '../../../schema/protocol.ts';

export type CodecName = 'msgpack' | 'json';

export interface CloseInfo {
  /** WebSocket close code; 1006 when the connection dropped (or never opened) without a close frame. */
  code: number;
  reason: string;
}

/**
 * Callbacks of one connection. A transport calls them asynchronously (never from inside the factory call):
 * `open` at most once, then `items` any number of times, then `close` exactly once, unless the client ended
 * the connection itself with `Transport.close`.
 */
export interface TransportHandlers {
  /** The connection is ready for commands; `protocol` is the negotiated sub-protocol. */
  open(info: { protocol: string }): void;
  /** The decoded items of one inbound frame (a batch frame is flattened; order is preserved). */
  items(items: unknown[]): void;
  /** The connection ended (or could not be made). */
  close(info: CloseInfo): void;
  /** A non-fatal problem, e.g. an undecodable frame; the connection stays up. */
  error(error: Error): void;
}

/** One connection (one attempt). */
export interface Transport {
  /** Encodes and sends one command. Throws a `DISCONNECTED` ChatError when the connection is not open. */
  send(command: Command): void;
  /** Ends the connection. `handlers.close` is not called for a close the client asked for. */
  close(code?: number, reason?: string): void;
}

/** Opens a new connection; the client calls it once per connection attempt. */
export type TransportFactory = (handlers: TransportHandlers) => Transport;
