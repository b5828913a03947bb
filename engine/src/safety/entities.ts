/**
 * @module safety/entities
 * The safety layer's tables. None of them ever holds message text: events point at the conversation (and the
 * offset of the message that triggered them), which stays encrypted in `messages`.
 * - `safety_helplines`: the admin-maintained helpline directory, one row per country (`_default`: the fallback).
 * - `conversation_risk`: the per-conversation risk state, so "elevated" survives engine restarts.
 * - `safety_events`: one row per assessed risk event (what level, from a message or a bot's draft, which plugin and
 *   labels); an `audit_log` row accompanies each crisis event.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ConversationEntity } from '../storage/entities/conversation.ts';
import type { HelplineLine, LocalizedName } from './directory.ts';

export const HelplineCountryEntity = defineEntity({
  name: 'HelplineCountry',
  tableName: 'safety_helplines',
  properties: {
    /** ISO 3166-1 alpha-2, or `_default`. */
    country: p.text().primary(),
    name: p.json<LocalizedName>(),
    /** The number(s) to dial in an emergency, e.g. "112" or "131 / 133". */
    emergency: p.text(),
    lines: p.json<HelplineLine[]>(),
    /** YYYY-MM-DD of the last check of every number by an admin; null = not verified. */
    verifiedAt: p.text().nullable(),
    /** The admin's user id, or "seed". */
    updatedBy: p.text(),
    updatedAt: p.datetime(),
  },
});
export type HelplineCountryRow = InferEntity<typeof HelplineCountryEntity>;

export const ConversationRiskEntity = defineEntity({
  name: 'ConversationRisk',
  tableName: 'conversation_risk',
  properties: {
    room: p.manyToOne(ConversationEntity).mapToPk().primary().fieldName('room_id').deleteRule('cascade'),
    /** Highest level seen; lowered only by an explicit clear, never by time. */
    level: p.text(),
    /** When the conversation first reached `medium` or above (null while it never did). */
    since: p.datetime().nullable(),
    /** The last crisis event (level ≥ medium). */
    lastEventAt: p.datetime().nullable(),
    /** Crisis events (cards shown, drafts replaced). */
    events: p.integer(),
    /** Messages assessed `low`. */
    lowSignals: p.integer(),
    lastEventId: p.bigint('number').nullable(),
    updatedAt: p.datetime(),
  },
});
export type ConversationRiskRow = InferEntity<typeof ConversationRiskEntity>;

export const SafetyEventEntity = defineEntity({
  name: 'SafetyEvent',
  tableName: 'safety_events',
  indexes: [{ properties: ['at'], name: 'safety_events_at_index' }, { properties: ['room'], name: 'safety_events_room_id_index' }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime(),
    room: p.manyToOne(ConversationEntity).mapToPk().fieldName('room_id').deleteRule('cascade'),
    /** The person whose message (or whose turn's draft) it was; null once erased or for no person. */
    userId: p.uuid().nullable().index('safety_events_user_id_index'),
    /** Offset of the user message assessed, or of the message whose answer was a vetoed draft. */
    messageOffset: p.bigint('number').nullable(),
    level: p.text(),
    source: p.enum(['message', 'draft'] as const),
    /** The labeller that raised it. */
    plugin: p.text(),
    /** Category and label ids (pattern ids, "model"): never text from the message. */
    labels: p.array(),
  },
});
export type SafetyEventRow = InferEntity<typeof SafetyEventEntity>;

export const SAFETY_ENTITIES = [HelplineCountryEntity, ConversationRiskEntity, SafetyEventEntity];
