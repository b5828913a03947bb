/**
 * @module storage/append-fast
 * The common case of `appendMessages` in ONE autocommit statement (one round trip per batch): bodies are encrypted
 * in JS with each room's cached data key, then a single SQL statement drops messages already stored (or repeated in
 * the batch), advances each room's `last_offset` under its row lock (gapless offsets, serialised across nodes),
 * checks that the key used is still the room's live key, and inserts the rows with their offsets.
 *
 * It settles what it can and leaves the rest (`undefined`) to the transactional path in `append-messages.ts`:
 * rooms whose key is not cached or was replaced/destroyed, and msgIds already stored (the original must be read
 * back). A unique violation (the same msgId raced in from another node) throws; the caller falls back as well.
 */
import type { Knex } from '@mikro-orm/postgresql';
import type pg from 'pg';
import type { StoredMessage } from '../../../schema/protocol.ts';
import { encryptBody } from '../crypto/message-cipher.ts';
import type { RoomKeys } from './room-keys.ts';
import type { AppendOutcome, PendingMessage } from './store.ts';

const STATEMENT = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[])
    WITH ORDINALITY AS t(room_id, msg_id, ciphertext, nonce, key_id, sender_id, sender_kind, sender_name, ts, ord)
),
fresh AS (
  SELECT DISTINCT ON (i.room_id, i.msg_id) i.* FROM input i
   WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.room_id = i.room_id AND m.msg_id = i.msg_id)
   ORDER BY i.room_id, i.msg_id, i.ord
),
counts AS (
  SELECT room_id, min(key_id) AS key_id, count(*) AS n, max(ts) AS ts FROM fresh GROUP BY room_id
),
advanced AS (
  UPDATE conversations c
     SET last_offset = c.last_offset + counts.n, last_ts = GREATEST(c.last_ts, counts.ts)
    FROM counts JOIN conversation_keys k
      ON k.room_id = counts.room_id AND k.key_id = counts.key_id AND k.destroyed_at IS NULL
   WHERE c.id = counts.room_id
  RETURNING c.id, c.epoch, c.last_offset - counts.n AS base
),
inserted AS (
  INSERT INTO messages (room_id, "offset", msg_id, ciphertext, nonce, key_id, sender_id, sender_kind, sender_name, ts, redacted)
  SELECT f.room_id, a.base + row_number() OVER (PARTITION BY f.room_id ORDER BY f.ord), f.msg_id, f.ciphertext, f.nonce,
         f.key_id, f.sender_id, f.sender_kind, f.sender_name, f.ts, false
    FROM fresh f JOIN advanced a ON a.id = f.room_id
  RETURNING room_id, "offset", msg_id
)
SELECT i.room_id, i."offset", i.msg_id, a.epoch FROM inserted i JOIN advanced a ON a.id = i.room_id`;

interface InsertedRow {
  room_id: string;
  offset: string;
  msg_id: string;
  epoch: string;
}

const messageKey = (roomId: string, msgId: string): string => `${roomId}\0${msgId}`;

/** Outcomes in input order; `undefined` for messages the transactional path must settle. */
export async function appendFast(
  knex: Knex,
  roomKeys: RoomKeys,
  batch: PendingMessage[],
): Promise<(AppendOutcome | undefined)[]> {
  const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
  const included: PendingMessage[] = [];
  for (const m of batch) {
    const key = roomKeys.latest(m.roomId);
    if (!key) continue;
    const sealed = encryptBody(key.dataKey, m.body, { roomId: m.roomId, msgId: m.msgId });
    const values = [m.roomId, m.msgId, sealed.ciphertext, sealed.nonce, key.keyId, m.sender.id, m.sender.kind, m.sender.name, m.ts];
    values.forEach((v, i) => columns[i]!.push(v));
    included.push(m);
  }
  if (included.length === 0) return batch.map(() => undefined);

  const rows = await query<InsertedRow>(knex, STATEMENT, columns);
  const inserted = new Map(rows.map((r) => [messageKey(r.room_id, r.msg_id), r]));
  const firstSeen = new Map<string, StoredMessage>();
  return batch.map((m): AppendOutcome | undefined => {
    const id = messageKey(m.roomId, m.msgId);
    const earlier = firstSeen.get(id);
    if (earlier) return { message: earlier, duplicate: true };
    const row = inserted.get(id);
    if (!row) return undefined;
    const message: StoredMessage = {
      room: m.roomId, epoch: row.epoch, offset: Number(row.offset), msgId: m.msgId,
      from: { id: m.sender.id, kind: m.sender.kind, name: m.sender.name }, body: m.body, ts: m.ts,
    };
    firstSeen.set(id, message);
    return { message, duplicate: false };
  });
}

/**
 * Runs a statement on a pooled driver connection directly: knex's raw bindings would expand the array parameters
 * into lists, and its formatting costs more than the statement on this hot path.
 */
async function query<T>(knex: Knex, sql: string, params: unknown[]): Promise<T[]> {
  const client = knex.client as { acquireConnection(): Promise<pg.Client>; releaseConnection(c: pg.Client): Promise<void> };
  const connection = await client.acquireConnection();
  try {
    return (await connection.query(sql, params)).rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}
