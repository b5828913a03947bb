/**
 * @module confirmations/entities
 * `tool_confirmations`: the ledger that makes each signed tool proposal single use. One row per answered proposal,
 * keyed by the SHA-256 of its token (the token itself, and the arguments inside it, are never stored here).
 * `msg_id` is the answering `send`'s id, so a retried send (same msgId after UNAVAILABLE) is not a reuse.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ConversationEntity } from '../storage/entities/conversation.ts';

export const ToolConfirmationEntity = defineEntity({
  name: 'ToolConfirmation',
  tableName: 'tool_confirmations',
  // Answered proposals past their expiry are purged (an expired token is refused before the ledger is read).
  indexes: [{ properties: ['expiresAt'] }],
  properties: {
    /** hex SHA-256 of the token. */
    tokenHash: p.text().primary(),
    room: p.manyToOne(ConversationEntity).mapToPk().fieldName('room_id').deleteRule('cascade'),
    msgId: p.text(),
    approved: p.boolean(),
    expiresAt: p.datetime(),
    usedAt: p.datetime(),
  },
});
export type ToolConfirmation = InferEntity<typeof ToolConfirmationEntity>;

export const CONFIRMATION_ENTITIES = [ToolConfirmationEntity];
