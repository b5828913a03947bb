/**
 * @module storage/append-messages
 * The hot write path, in raw SQL inside ONE transaction:
 *  1. lock the batch's conversations (in id order, so concurrent writers on several nodes cannot deadlock) and read
 *     their data keys;
 *  2. find msgIds already stored (duplicates keep their original offset);
 *  3. advance each room's last_offset by its number of new messages (RETURNING the new head), which makes offsets
 *     gapless and unique because the row lock serialises writers of a room;
 *  4. encrypt the new bodies (bound to room, offset and msgId) and insert them with one multi-row INSERT.
 * If anything fails the transaction rolls back and nothing of the batch is stored.
 *
 * Most batches never get here: `append-fast.ts` stores them in one statement; this path settles what it leaves
 * (rooms whose key is not cached or changed, msgIds already stored) and is the fallback when it throws.
 */
import type { Knex } from '@mikro-orm/postgresql';
import type { StoredMessage } from '../../../schema/protocol.ts';
import { encryptBody } from '../crypto/message-cipher.ts';
import { appendFast } from './append-fast.ts';
import { isUniqueViolation } from './store-errors.ts';
import { PartialAppendError, type AppendOutcome, type PendingMessage } from './store.ts';
import { decryptMessageRow, MESSAGE_COLUMNS, type MessageRow } from './message-rows.ts';
import type { RoomKey, RoomKeys } from './room-keys.ts';

/** Rows per INSERT statement, well under PostgreSQL's 65535 bind parameters. */
const INSERT_CHUNK = 1000;

interface LockedRoom {
  id: string;
  epoch: string;
  key_id: string;
  wrapped_key: Buffer;
  nonce: Buffer;
  master_key_id: string;
  destroyed_at: string | Date | null;
}

const messageKey = (roomId: string, msgId: string): string => `${roomId}\0${msgId}`;
const placeholders = (rows: number, perRow: string): string => Array.from({ length: rows }, () => perRow).join(', ');

async function lockRooms(trx: Knex.Transaction, roomIds: string[]): Promise<Map<string, LockedRoom>> {
  const { rows } = await trx.raw<{ rows: LockedRoom[] }>(
    `SELECT c.id, c.epoch, k.key_id, k.wrapped_key, k.nonce, k.master_key_id, k.destroyed_at
       FROM conversations c JOIN conversation_keys k ON k.room_id = c.id
      WHERE c.id IN (${placeholders(roomIds.length, '?')})
      ORDER BY c.id
      FOR UPDATE OF c`,
    roomIds,
  );
  const rooms = new Map(rows.map((row) => [row.id, row]));
  const missing = roomIds.filter((id) => !rooms.has(id));
  if (missing.length > 0) throw new Error(`appendMessages: unknown room(s) ${missing.join(', ')}`);
  return rooms;
}

/** The room's usable data key; a room whose key was destroyed (crypto-shredded) gets a fresh one. */
async function roomKeyFor(trx: Knex.Transaction, roomKeys: RoomKeys, room: LockedRoom): Promise<RoomKey> {
  if (room.destroyed_at === null) {
    return roomKeys.open(room.id, {
      keyId: room.key_id, wrappedKey: room.wrapped_key, nonce: room.nonce, masterKeyId: room.master_key_id,
    });
  }
  const { key, stored } = roomKeys.create(room.id);
  await trx.raw(
    `UPDATE conversation_keys SET key_id = ?, wrapped_key = ?, nonce = ?, master_key_id = ?, destroyed_at = NULL
      WHERE room_id = ?`,
    [stored.keyId, stored.wrappedKey, stored.nonce, stored.masterKeyId, room.id],
  );
  return key;
}

async function findStored(
  trx: Knex.Transaction,
  batch: PendingMessage[],
  rooms: Map<string, LockedRoom>,
  keys: Map<string, RoomKey>,
): Promise<Map<string, StoredMessage>> {
  const pairs = [...new Map(batch.map((m) => [messageKey(m.roomId, m.msgId), m])).values()];
  const { rows } = await trx.raw<{ rows: MessageRow[] }>(
    `SELECT ${MESSAGE_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM messages
      WHERE (room_id, msg_id) IN (${placeholders(pairs.length, '(?::uuid, ?)')})`,
    pairs.flatMap((m) => [m.roomId, m.msgId]),
  );
  const stored = new Map<string, StoredMessage>();
  for (const row of rows) {
    const room = rooms.get(row.room_id);
    if (room) stored.set(messageKey(row.room_id, row.msg_id), decryptMessageRow(row, room.epoch, keys.get(row.room_id)));
  }
  return stored;
}

/** Advances each room's head by its number of new messages; returns the first new offset of each room. */
async function advanceRooms(
  trx: Knex.Transaction,
  fresh: Map<string, PendingMessage[]>,
): Promise<Map<string, number>> {
  const entries = [...fresh.entries()];
  const { rows } = await trx.raw<{ rows: { id: string; last_offset: string }[] }>(
    `UPDATE conversations AS c
        SET last_offset = c.last_offset + v.n, last_ts = GREATEST(c.last_ts, v.ts)
       FROM (VALUES ${placeholders(entries.length, '(?::uuid, ?::bigint, ?::bigint)')}) AS v(id, n, ts)
      WHERE c.id = v.id
      RETURNING c.id, c.last_offset`,
    entries.flatMap(([roomId, messages]) => [roomId, messages.length, messages.reduce((max, m) => Math.max(max, m.ts), 0)]),
  );
  const firstOffsets = new Map<string, number>();
  for (const row of rows) {
    const count = fresh.get(row.id)?.length ?? 0;
    firstOffsets.set(row.id, Number(row.last_offset) - count + 1);
  }
  return firstOffsets;
}

interface NewRow {
  message: StoredMessage;
  sealed: { ciphertext: Buffer; nonce: Buffer };
  keyId: string;
}

async function insertRows(trx: Knex.Transaction, rows: NewRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await trx.raw(
      `INSERT INTO messages (room_id, "offset", msg_id, ciphertext, nonce, key_id, sender_id, sender_kind, sender_name, ts, redacted)
       VALUES ${placeholders(chunk.length, '(?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)')}`,
      chunk.flatMap(({ message: m, sealed, keyId }) => [
        m.room, m.offset, m.msgId, sealed.ciphertext, sealed.nonce, keyId, m.from.id, m.from.kind, m.from.name, m.ts,
      ]),
    );
  }
}

/**
 * Stores `batch` as the Store contract describes; outcomes come back in input order. Tries the one-statement fast
 * path first and settles whatever it left in a transaction.
 */
export async function appendMessages(knex: Knex, roomKeys: RoomKeys, batch: PendingMessage[]): Promise<AppendOutcome[]> {
  let fast: (AppendOutcome | undefined)[];
  try {
    fast = await appendFast(knex, roomKeys, batch);
  } catch (err) {
    // A msgId raced in from another node (unique violation): let the transaction sort it out. Outages propagate.
    if (!isUniqueViolation(err, 'messages_room_id_msg_id_unique')) throw err;
    fast = batch.map(() => undefined);
  }
  const rest = batch.filter((_, i) => fast[i] === undefined);
  if (rest.length === 0) return fast as AppendOutcome[];
  let settled: AppendOutcome[];
  try {
    settled = await appendInTransaction(knex, roomKeys, rest);
  } catch (err) {
    if (rest.length === batch.length) throw err;
    throw new PartialAppendError(fast, err);
  }
  let next = 0;
  return fast.map((outcome) => outcome ?? settled[next++]!);
}

async function appendInTransaction(knex: Knex, roomKeys: RoomKeys, batch: PendingMessage[]): Promise<AppendOutcome[]> {
  if (batch.length === 0) return [];
  const roomIds = [...new Set(batch.map((m) => m.roomId))].sort();

  const { outcomes, createdKeys } = await knex.transaction(async (trx) => {
    const rooms = await lockRooms(trx, roomIds);
    const keys = new Map<string, RoomKey>();
    const createdKeys = new Map<string, RoomKey>();
    for (const room of rooms.values()) {
      const key = await roomKeyFor(trx, roomKeys, room);
      keys.set(room.id, key);
      if (room.destroyed_at !== null) createdKeys.set(room.id, key);
    }
    const stored = await findStored(trx, batch, rooms, keys);

    // Decide, in input order, which messages are new; later copies of a msgId point at the first one.
    const firstIndex = new Map<string, number>();
    const fresh = new Map<string, PendingMessage[]>();
    for (const [index, message] of batch.entries()) {
      const id = messageKey(message.roomId, message.msgId);
      if (stored.has(id) || firstIndex.has(id)) continue;
      firstIndex.set(id, index);
      const list = fresh.get(message.roomId) ?? [];
      list.push(message);
      fresh.set(message.roomId, list);
    }

    const newRows: NewRow[] = [];
    if (fresh.size > 0) {
      const firstOffsets = await advanceRooms(trx, fresh);
      for (const [roomId, messages] of fresh) {
        const room = rooms.get(roomId);
        const key = keys.get(roomId);
        const first = firstOffsets.get(roomId);
        if (!room || !key || first === undefined) throw new Error(`appendMessages: room ${roomId} vanished during the batch`);
        for (const [i, pending] of messages.entries()) {
          const offset = first + i;
          const message: StoredMessage = {
            room: roomId, epoch: room.epoch, offset, msgId: pending.msgId,
            from: { id: pending.sender.id, kind: pending.sender.kind, name: pending.sender.name },
            body: pending.body, ts: pending.ts,
          };
          const sealed = encryptBody(key.dataKey, pending.body, { roomId, msgId: pending.msgId });
          newRows.push({ message, sealed, keyId: key.keyId });
          stored.set(messageKey(roomId, pending.msgId), message);
        }
      }
      await insertRows(trx, newRows);
    }

    const outcomes = batch.map((message, index): AppendOutcome => {
      const id = messageKey(message.roomId, message.msgId);
      const original = stored.get(id);
      if (!original) throw new Error('appendMessages: lost track of a message');
      return { message: original, duplicate: firstIndex.get(id) !== index };
    });
    return { outcomes, createdKeys };
  });

  // Keys created for shredded rooms are cached only once their rows are committed.
  for (const [roomId, key] of createdKeys) roomKeys.remember(roomId, key);
  return outcomes;
}
