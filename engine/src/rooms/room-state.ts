/**
 * @module rooms/room-state
 * What one node knows about an active room: epoch, the highest offset it has pushed (`publishedOffset`), members,
 * who is online here, and a cache of the most recent messages. The cache always holds a contiguous run of offsets
 * ending at `publishedOffset`, which lets `join … since` and `history` answer without the database when they can,
 * and lets the join path splice database reads and live pushes with no gap and no duplicate.
 */
import type { StoredMessage } from '../../../schema/protocol.ts';
import type { MemberRow, RoomRow } from '../storage/store.ts';

const RECENT_MSGIDS = 2048;

export class RoomState {
  readonly id: string;
  epoch: string;
  publishedOffset: number;
  readonly members = new Map<string, MemberRow>();
  /** userId → sockets of that user joined here; presence is per user, not per socket. */
  readonly online = new Map<string, { name: string; sockets: number }>();
  private cache: StoredMessage[];
  /** msgId → stored message, for the common duplicate-resend case without a database round trip. */
  private readonly recentMsgIds = new Map<string, StoredMessage>();
  lastUsed = Date.now();

  constructor(room: RoomRow, members: MemberRow[], recent: StoredMessage[], private readonly cacheSize: number) {
    this.id = room.id;
    this.epoch = room.epoch;
    for (const m of members) this.members.set(m.memberId, m);
    this.cache = recent.slice(-cacheSize);
    this.publishedOffset = this.cache.at(-1)?.offset ?? room.lastOffset;
    for (const m of this.cache) this.rememberMsgId(m);
  }

  /** Appends a newly published message; false if it is not the next offset (already seen, or a gap). */
  append(message: StoredMessage): 'appended' | 'seen' | 'gap' {
    if (message.offset <= this.publishedOffset) return 'seen';
    if (message.offset !== this.publishedOffset + 1) return 'gap';
    this.cache.push(message);
    if (this.cache.length > this.cacheSize) this.cache.splice(0, this.cache.length - this.cacheSize);
    this.publishedOffset = message.offset;
    this.rememberMsgId(message);
    return 'appended';
  }

  findByMsgId(msgId: string): StoredMessage | undefined {
    return this.recentMsgIds.get(msgId);
  }

  /** Messages after `offset` up to publishedOffset, or null when the cache does not reach back that far. */
  cachedAfter(offset: number): StoredMessage[] | null {
    if (offset >= this.publishedOffset) return [];
    const first = this.cache[0]?.offset;
    if (first === undefined || offset < first - 1) return null;
    return this.cache.slice(offset - first + 1);
  }

  /** The newest `limit` messages with offset < before, or null when the cache cannot answer fully. */
  cachedLatest(limit: number, before = Number.MAX_SAFE_INTEGER): StoredMessage[] | null {
    const upper = Math.min(before - 1, this.publishedOffset);
    if (upper <= 0) return [];
    const lower = Math.max(1, upper - limit + 1);
    const first = this.cache[0]?.offset;
    if (first === undefined || first > lower) return null;
    return this.cache.slice(lower - first, upper - first + 1);
  }

  /** Replaces what was loaded from the database (after another process changed the room), keeping who is online. */
  reload(room: RoomRow, members: MemberRow[], recent: StoredMessage[]): void {
    this.epoch = room.epoch;
    this.members.clear();
    for (const m of members) this.members.set(m.memberId, m);
    this.cache = recent.slice(-this.cacheSize);
    this.publishedOffset = this.cache.at(-1)?.offset ?? room.lastOffset;
    this.recentMsgIds.clear();
    for (const m of this.cache) this.rememberMsgId(m);
  }

  private rememberMsgId(message: StoredMessage): void {
    this.recentMsgIds.set(message.msgId, message);
    if (this.recentMsgIds.size > RECENT_MSGIDS) {
      const oldest = this.recentMsgIds.keys().next().value;
      if (oldest !== undefined) this.recentMsgIds.delete(oldest);
    }
  }
}
