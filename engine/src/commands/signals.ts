/** @module commands/signals — `typing`, `cancel` and `ping`: lightweight commands that store nothing. */
import { notFound } from '../errors.ts';
import type { CommandHandler } from './context.ts';

/** A user's typing state is forwarded at most this often per room (repeated `on: true` is a keep-alive). */
const TYPING_MIN_INTERVAL_MS = 1000;

export const handleTyping: CommandHandler<'typing'> = async (conn, cmd, ctx) => {
  const user = conn.user!;
  const found = await ctx.hub.loadForMember(cmd.room, user.id);
  if (!found) throw notFound('room');
  const now = Date.now();
  const last = conn.typingSentAt.get(cmd.room) ?? 0;
  if (cmd.on && now - last < TYPING_MIN_INTERVAL_MS) return {};
  conn.typingSentAt.set(cmd.room, cmd.on ? now : 0);
  ctx.hub.publishPush(cmd.room, { type: 'typing', room: cmd.room, user: { id: user.id, name: user.name }, on: cmd.on });
  return {};
};

/** Cancels a running bot turn of the room (any member may); `cancelled: false` when no such turn is running. */
export const handleCancel: CommandHandler<'cancel'> = async (conn, cmd, ctx) => {
  const found = await ctx.hub.loadForMember(cmd.room, conn.user!.id);
  if (!found) throw notFound('room');
  return { cancelled: ctx.cancelTurn?.(cmd.room, cmd.turn) ?? false };
};

export const handlePing: CommandHandler<'ping'> = () => ({});
