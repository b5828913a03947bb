/**
 * @module entities/room-bot-disabled — bots an admin switched off in one room. A row means "this bot does not answer
 * (nor label) in this room"; no row is the default (enabled). Consulted by the bot runtime before routing a turn.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RoomBotDisabledEntity = defineEntity({
  name: 'RoomBotDisabled',
  tableName: 'room_bot_disabled',
  indexes: [{ properties: ['bot'] }],
  properties: {
    roomId: p.uuid().primary(),
    bot: p.text().primary(),
    /** The admin's user id (or "cli"). */
    disabledBy: p.text(),
    disabledAt: p.datetime(),
  },
});

export type RoomBotDisabled = InferEntity<typeof RoomBotDisabledEntity>;
