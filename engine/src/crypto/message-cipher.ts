/**
 * @module crypto/message-cipher
 * Encryption of message bodies with the room's data key. The associated data binds each ciphertext to its room and
 * msgId (unique per room), so a ciphertext moved to another message or room fails to decrypt. The offset is not
 * bound: it is assigned inside the database statement that stores the row, after encryption (one round trip per
 * batch instead of a transaction of six).
 */
import type { MessageBody } from '../../../schema/protocol.ts';
import { open, seal, type Sealed } from './aead.ts';

export interface MessagePlace {
  roomId: string;
  msgId: string;
}

function messageContext({ roomId, msgId }: MessagePlace): Buffer {
  return Buffer.from(`mentalia/msg/v2\0${roomId}\0${msgId}`, 'utf8');
}

export function encryptBody(dataKey: Buffer, body: MessageBody, place: MessagePlace): Sealed {
  const plain: MessageBody = { text: body.text };
  if (body.kind !== undefined) plain.kind = body.kind;
  if (body.data !== undefined) plain.data = body.data;
  return seal(dataKey, Buffer.from(JSON.stringify(plain), 'utf8'), messageContext(place));
}

export function decryptBody(dataKey: Buffer, sealed: Sealed, place: MessagePlace): MessageBody {
  return JSON.parse(open(dataKey, sealed, messageContext(place)).toString('utf8')) as MessageBody;
}
