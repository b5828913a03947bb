/** @module entities — every MikroORM entity of the engine, in the order the ORM should discover them. */
export { UserEntity, type User } from './user.ts';
export { BotEntity, type Bot } from './bot.ts';
export { ConversationEntity, type Conversation } from './conversation.ts';
export { MemberEntity, type Member } from './member.ts';
export { MessageEntity, type Message } from './message.ts';
export { ConversationKeyEntity, type ConversationKey } from './conversation-key.ts';
export { AuditEntryEntity, type AuditEntry } from './audit-entry.ts';
export { BotTurnEntity, type BotTurn } from './bot-turn.ts';
export { PluginRecordEntity, type PluginRecord } from './plugin-record.ts';
export { PluginScopeKeyEntity, type PluginScopeKey } from './plugin-scope-key.ts';
export { RoomBotDisabledEntity, type RoomBotDisabled } from './room-bot-disabled.ts';

import { UserEntity } from './user.ts';
import { BotEntity } from './bot.ts';
import { ConversationEntity } from './conversation.ts';
import { MemberEntity } from './member.ts';
import { MessageEntity } from './message.ts';
import { ConversationKeyEntity } from './conversation-key.ts';
import { AuditEntryEntity } from './audit-entry.ts';
import { BotTurnEntity } from './bot-turn.ts';
import { SAFETY_ENTITIES } from '../../safety/entities.ts';
import { SITE_ENTITIES } from '../../sites/entities.ts';
import { PluginRecordEntity } from './plugin-record.ts';
import { PluginScopeKeyEntity } from './plugin-scope-key.ts';
import { RoomBotDisabledEntity } from './room-bot-disabled.ts';
import { CONFIRMATION_ENTITIES } from '../../confirmations/entities.ts';
import { CONTACT_ENTITIES } from '../../contact/entities.ts';

export const ALL_ENTITIES = [
  UserEntity, BotEntity, ConversationEntity, MemberEntity, MessageEntity, ConversationKeyEntity, AuditEntryEntity,
  BotTurnEntity, PluginRecordEntity, PluginScopeKeyEntity, RoomBotDisabledEntity, ...SAFETY_ENTITIES, ...SITE_ENTITIES,
  ...CONFIRMATION_ENTITIES, ...CONTACT_ENTITIES,
];
