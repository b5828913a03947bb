/**
 * @module storage/message-rows
 * The `messages` table as raw rows (the hot paths read and write it with SQL), and their decryption into the
 * protocol's StoredMessage.
 */
import type { MessageBody, SenderKind, StoredMessage } from '../../../schema/protocol.ts';
import { decryptBody } from '../crypto/message-cipher.ts';
import type { RoomKey } from './room-keys.ts';

/** Columns of `messages`, as PostgreSQL returns them (bigint arrives as a string). */
export interface MessageRow {
  room_id: string;
  offset: string | number;
  msg_id: string;
  ciphertext: Buffer;
  nonce: Buffer;
  key_id: string;
  sender_id: string;
  sender_kind: SenderKind;
  sender_name: string;
  ts: string | number;
  redacted: boolean;
}

export const MESSAGE_COLUMNS = [
  'room_id', 'offset', 'msg_id', 'ciphertext', 'nonce', 'key_id', 'sender_id', 'sender_kind', 'sender_name', 'ts', 'redacted',
] as const;

/** What a redacted message reads as: its content is gone, only its place in the stream remains. */
export const REDACTED_BODY: MessageBody = Object.freeze({ text: '', kind: 'text', data: { redacted: true } }) as MessageBody;

export class MessageKeyMismatchError extends Error {
  override name = 'MessageKeyMismatchError';
}

export function decryptMessageRow(row: MessageRow, epoch: string, key: RoomKey | undefined): StoredMessage {
  const offset = Number(row.offset);
  let body: MessageBody;
  if (row.redacted) {
    body = { ...REDACTED_BODY };
  } else {
    if (!key || key.keyId !== row.key_id) {
      throw new MessageKeyMismatchError(`message ${offset} of room ${row.room_id} is under key ${row.key_id}, which is not the room's key`);
    }
    body = decryptBody(key.dataKey, { ciphertext: row.ciphertext, nonce: row.nonce }, { roomId: row.room_id, msgId: row.msg_id });
  }
  return {
    room: row.room_id,
    epoch,
    offset,
    msgId: row.msg_id,
    from: { id: row.sender_id, kind: row.sender_kind, name: row.sender_name },
    body,
    ts: Number(row.ts),
  };
}
