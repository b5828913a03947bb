/**
 * @module entities/conversation-key — each room's data key (DEK), stored only wrapped by a master key.
 * Crypto-shredding empties `wrappedKey` and sets `destroyedAt`; a later append to the room generates a fresh key with
 * a new `keyId`.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ConversationEntity } from './conversation.ts';

export const ConversationKeyEntity = defineEntity({
  name: 'ConversationKey',
  tableName: 'conversation_keys',
  properties: {
    room: p.manyToOne(ConversationEntity).mapToPk().primary().fieldName('room_id').deleteRule('cascade'),
    /** Identifies this data key; messages record it so a replaced key is detected instead of misused. */
    keyId: p.text(),
    wrappedKey: p.blob(),
    nonce: p.blob(),
    masterKeyId: p.text(),
    destroyedAt: p.datetime().nullable(),
  },
});

export type ConversationKey = InferEntity<typeof ConversationKeyEntity>;
