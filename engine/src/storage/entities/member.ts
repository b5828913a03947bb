/** @module entities/member — room membership of users (by id) and bots (by name). */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ConversationEntity } from './conversation.ts';

export const MemberEntity = defineEntity({
  name: 'Member',
  tableName: 'members',
  properties: {
    room: p.manyToOne(ConversationEntity).mapToPk().primary().fieldName('room_id').deleteRule('cascade'),
    /** A user id or a bot name, hence no foreign key. Indexed: "rooms of a user" is a hot query. */
    memberId: p.text().primary().index('members_member_id_index'),
    kind: p.enum(['user', 'bot'] as const),
    role: p.enum(['owner', 'admin', 'member'] as const),
    name: p.text(),
    joinedAt: p.datetime(),
  },
});

export type Member = InferEntity<typeof MemberEntity>;
