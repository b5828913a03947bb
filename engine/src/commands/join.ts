/**
 * @module commands/join
 * `join` and `leave`. Join answers with history (or the recovery of what the client missed) and subscribes the
 * socket in the same synchronous step as the reply, so the reply and the live pushes that follow have no gap and no
 * duplicate: whatever was published before that step is in the reply (cache or database, capped at the room's
 * published offset), whatever is published after it arrives as a push.
 */
import type { StoredMessage } from '../../../schema/index.ts';
import { notFound } from '../errors.ts';
import type { RoomState } from '../rooms/room-state.ts';
import type { Store } from '../storage/store.ts';
import type { CommandHandler } from './context.ts';

const DEFAULT_LIMIT = 50;
/** Database reads raced by live pushes are retried this many times before answering from scratch. */
const SPLICE_ATTEMPTS = 3;

export const handleJoin: CommandHandler<'join'> = async (conn, cmd, ctx) => {
  const found = await ctx.hub.loadForMember(cmd.room, conn.user!.id);
  if (!found) throw notFound('room');
  const { state } = found;
  const limit = cmd.limit ?? DEFAULT_LIMIT;

  let recovered = false;
  let messages: StoredMessage[] | null = null;
  const since = cmd.since;
  if (since && since.epoch === state.epoch && since.offset <= state.publishedOffset
    && state.publishedOffset - since.offset <= ctx.config.recoveryWindow) {
    messages = await recoverAfter(ctx.store, state, since.offset);
    recovered = messages !== null;
  }
  messages ??= await latest(ctx.store, state, limit);

  // From here to the return nothing awaits: reply and subscription happen in one step.
  ctx.hub.subscribe(conn, state);
  const members = [...state.members.values()].map((m) => ({
    id: m.memberId, name: m.name, kind: m.kind, role: m.role, online: m.kind === 'bot' || state.online.has(m.memberId),
  }));
  return { room: state.id, epoch: state.epoch, offset: state.publishedOffset, recovered, messages, members };
};

export const handleLeave: CommandHandler<'leave'> = (conn, cmd, ctx) => {
  if (!conn.rooms.has(cmd.room)) {
    // Leaving a room one never joined is harmless for members and reveals nothing to others.
    const state = ctx.hub.get(cmd.room);
    if (!state?.members.has(conn.user!.id)) throw notFound('room');
  }
  ctx.hub.unsubscribe(conn, cmd.room);
  return {};
};

/** Every message after `offset` up to the published offset, or null if the room's history moved (epoch change). */
async function recoverAfter(store: Store, state: RoomState, offset: number): Promise<StoredMessage[] | null> {
  const cached = state.cachedAfter(offset);
  if (cached) return cached;
  const epoch = state.epoch;
  for (let attempt = 0; attempt < SPLICE_ATTEMPTS; attempt++) {
    const rows = await store.readAfter(state.id, offset, state.publishedOffset - offset);
    if (state.epoch !== epoch) return null;
    const spliced = splice(state, rows, offset);
    if (spliced) return spliced;
  }
  return null;
}

/** The newest `limit` messages up to the published offset. */
async function latest(store: Store, state: RoomState, limit: number): Promise<StoredMessage[]> {
  const cached = state.cachedLatest(limit);
  if (cached) return cached;
  for (let attempt = 0; attempt < SPLICE_ATTEMPTS; attempt++) {
    const upper = state.publishedOffset;
    const rows = await store.readLatest(state.id, limit, upper + 1);
    const spliced = splice(state, rows, Math.max(0, upper - limit));
    if (spliced) return spliced.slice(-limit);
  }
  return state.cachedLatest(limit) ?? [];
}

/**
 * Joins database rows (after `from`) with cached messages published while the read was in flight. Rows beyond the
 * published offset are dropped: they are durable but not pushed yet, and will arrive live. Null when the cache no
 * longer reaches back to the end of the rows (the caller reads again).
 */
function splice(state: RoomState, rows: StoredMessage[], from: number): StoredMessage[] | null {
  const upTo = state.publishedOffset;
  const kept = rows.filter((m) => m.offset <= upTo);
  const lastRow = kept.at(-1)?.offset ?? from;
  if (lastRow >= upTo) return kept;
  const tail = state.cachedAfter(lastRow);
  return tail ? kept.concat(tail) : null;
}
