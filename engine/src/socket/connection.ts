/**
 * @module socket/connection
 * Per-socket state, kept in uWS `userData` (never patched onto the socket). All writes to a socket go through
 * `send`/`disconnect` here, so backpressure and the closed state are handled in one place.
 */
import { shouldReconnect, type Codec, type Command, type ServerFrameItem } from '../../../schema/index.ts';
import { BadFrameCounter } from '../flow/bad-frame-counter.ts';
import { TokenBucket } from '../flow/token-bucket.ts';
import type { Logger } from '../log.ts';
import type { Role, Tier } from '../storage/store.ts';
import type { WebSocket } from '../transport/uws.ts';

export interface AuthedUser {
  id: string;
  name: string;
  roles: Role[];
  tier: Tier;
  /** A widget visitor's partner site and the one bot it may talk to (from the token's claims). */
  site?: { site: string; bot: string };
}

export interface ConnectionLimits {
  ratePerSec: number;
  rateBurst: number;
  badFrameLimit: number;
  badFrameWindowMs: number;
}

/**
 * A connection carried by something other than a uWS WebSocket (the socket.io long-polling fallback): how to write
 * to it. Everything above (dispatcher, commands, room hub) sees the same `Connection` either way.
 */
export interface FrameLink {
  /** Queues one encoded frame. */
  send(frame: string | Uint8Array): void;
  /** Ends the connection once what is queued (the `disconnect` push) is delivered. */
  close(): void;
  /** Bytes queued and not yet taken by the client. */
  bufferedAmount(): number;
}

/** What uWS stores per socket. */
export interface SocketData {
  conn: Connection;
}

export class Connection {
  ws: WebSocket<SocketData> | null = null;
  /** Set instead of `ws` for socket.io connections. */
  link: FrameLink | null = null;
  user: AuthedUser | null = null;
  /** Rooms this socket has joined (receives pushes for). */
  readonly rooms = new Set<string>();
  readonly bucket: TokenBucket;
  readonly badFrames: BadFrameCounter;
  /** Last typing forward per room, to throttle typing storms. */
  readonly typingSentAt = new Map<string, number>();
  closed = false;
  /** Set while an `auth` is being verified: commands pipelined behind it wait here, in order. */
  awaitingAuth: Command[] | null = null;
  authTimer: NodeJS.Timeout | undefined;
  expiryTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    readonly codec: Codec,
    public log: Logger,
    limits: ConnectionLimits,
    private readonly onSlowConsumer: (conn: Connection) => void,
  ) {
    this.bucket = new TokenBucket(limits.ratePerSec, limits.rateBurst);
    this.badFrames = new BadFrameCounter(limits.badFrameLimit, limits.badFrameWindowMs);
  }

  send(item: ServerFrameItem): void {
    this.sendEncoded(this.codec.encode(item));
  }

  /** Sends a frame already encoded with this connection's codec (pushes are encoded once per codec). */
  sendEncoded(frame: string | Uint8Array): void {
    if (this.closed) return;
    if (this.link) return this.link.send(frame);
    if (!this.ws) return;
    const result = this.ws.send(frame, this.codec.binary);
    // 2 = dropped by uWS because the buffer is over its hard limit: this client can no longer be served in order.
    if (result === 2) this.onSlowConsumer(this);
  }

  /** Sends the `disconnect` push, then closes with `code` (the protocol's rule for every 4000–4999 close). */
  disconnect(code: number, reason: string): void {
    if (this.closed) return;
    if (this.link) {
      const link = this.link;
      this.markClosed();
      link.send(this.codec.encode({ type: 'disconnect', code, reason, reconnect: shouldReconnect(code) }));
      link.close();
      return;
    }
    if (!this.ws) return;
    const ws = this.ws;
    // Closed first, so a full buffer (send → 2) cannot re-enter through onSlowConsumer.
    this.markClosed();
    ws.cork(() => {
      ws.send(this.codec.encode({ type: 'disconnect', code, reason, reconnect: shouldReconnect(code) }), this.codec.binary);
      ws.end(code, reason);
    });
  }

  bufferedAmount(): number {
    if (this.closed) return 0;
    if (this.link) return this.link.bufferedAmount();
    return this.ws ? this.ws.getBufferedAmount() : 0;
  }

  markClosed(): void {
    this.closed = true;
    clearTimeout(this.authTimer);
    clearTimeout(this.expiryTimer);
  }
}
