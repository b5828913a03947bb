/** @module entities/conversation — a room: its stream head (epoch, last offset) is updated by every append. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { UserEntity } from './user.ts';

export const ConversationEntity = defineEntity({
  name: 'Conversation',
  tableName: 'conversations',
  properties: {
    id: p.uuid().primary(),
    title: p.text(),
    owner: p.manyToOne(UserEntity).mapToPk().fieldName('owner_id'),
    /** Opaque stream epoch; replaced when the room's history is destroyed. */
    epoch: p.text(),
    lastOffset: p.bigint('number'),
    /** ms since the Unix epoch of the newest message (createdAt for an empty room). */
    lastTs: p.bigint('number'),
    createdAt: p.datetime(),
  },
  // Room lists are ordered by (last_ts, id), newest first.
  indexes: [{ properties: ['lastTs', 'id'], name: 'conversations_last_ts_id_index' }],
});

export type Conversation = InferEntity<typeof ConversationEntity>;
