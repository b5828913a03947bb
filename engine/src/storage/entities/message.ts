/**
 * @module entities/message — the encrypted message log, one stream per room ordered by a gapless offset.
 * The body (text, kind, data as JSON) exists only as AES-256-GCM ciphertext; `body.kind` is deliberately NOT kept in
 * clear: a kind such as `crisis` is itself sensitive health information.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ConversationEntity } from './conversation.ts';

export const MessageEntity = defineEntity({
  name: 'Message',
  tableName: 'messages',
  properties: {
    room: p.manyToOne(ConversationEntity).mapToPk().primary().fieldName('room_id').deleteRule('cascade'),
    offset: p.bigint('number').primary(),
    msgId: p.text(),
    /** Empty once redacted. */
    ciphertext: p.blob(),
    nonce: p.blob(),
    /** Which data key of the room encrypted the body (see ConversationKey.keyId). */
    keyId: p.text(),
    senderId: p.text(),
    senderKind: p.enum(['user', 'bot', 'system'] as const),
    senderName: p.text(),
    ts: p.bigint('number'),
    redacted: p.boolean().default(false),
  },
  uniques: [{ properties: ['room', 'msgId'], name: 'messages_room_id_msg_id_unique' }],
});

export type Message = InferEntity<typeof MessageEntity>;
