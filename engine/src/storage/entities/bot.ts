/** @module entities/bot — the bot catalogue (one row per installed bot plugin). */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const BotEntity = defineEntity({
  name: 'Bot',
  tableName: 'bots',
  properties: {
    name: p.text().primary(),
    title: p.text(),
    description: p.text(),
    version: p.text(),
    category: p.text(),
    capabilities: p.array(),
    enabled: p.boolean(),
  },
});

export type Bot = InferEntity<typeof BotEntity>;
