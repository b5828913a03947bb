/** @module entities/bot-turn — one row per bot turn: outcome and usage (tokens, latency), for metrics and admin. */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const BotTurnEntity = defineEntity({
  name: 'BotTurn',
  tableName: 'bot_turns',
  indexes: [{ properties: ['bot', 'createdAt'] }],
  properties: {
    id: p.text().primary(),
    roomId: p.uuid(),
    bot: p.text(),
    outcome: p.text(),
    inputTokens: p.integer().nullable(),
    outputTokens: p.integer().nullable(),
    llmRequests: p.integer(),
    firstDeltaMs: p.integer().nullable(),
    durationMs: p.integer(),
    createdAt: p.datetime(),
  },
});

export type BotTurn = InferEntity<typeof BotTurnEntity>;
