/**
 * @module commands/messages
 * `send` and `history`. A `send` is acknowledged only once the message is durable in PostgreSQL (the writer
 * group-commits concurrent sends); the stored message is pushed to the room by the writer's `onStored` callback
 * before the sender's reply goes out.
 */
import { ErrorCode } from '../../../schema/index.ts';
import { EngineError, badArgs, notFound, unavailable } from '../errors.ts';
import type { CommandHandler } from './context.ts';

/** Body kinds a person may send; the others (crisis cards, sign renderings, tool summaries) come from bots. */
const USER_BODY_KINDS = new Set(['text', undefined]);
const DEFAULT_HISTORY = 50;

export const handleSend: CommandHandler<'send'> = async (conn, cmd, ctx) => {
  const receivedAt = performance.now();
  if (cmd.body.text.length > ctx.config.maxTextChars) {
    throw new EngineError(ErrorCode.TOO_LARGE, `body.text: longer than ${ctx.config.maxTextChars} characters`);
  }
  if (!USER_BODY_KINDS.has(cmd.body.kind)) throw badArgs(`body.kind: people may only send "text"`);
  const user = conn.user!;
  const found = await ctx.hub.loadForMember(cmd.room, user.id);
  if (!found) throw notFound('room');

  const known = found.state.findByMsgId(cmd.msgId);
  if (known) return { offset: known.offset, ts: known.ts, duplicate: true };
  if (ctx.isShuttingDown()) throw unavailable('server shutting down');

  const body = cmd.body.data === undefined ? { text: cmd.body.text, kind: 'text' as const } : { text: cmd.body.text, kind: 'text' as const, data: cmd.body.data };
  const outcome = await ctx.writer.append({
    roomId: cmd.room,
    msgId: cmd.msgId,
    sender: { id: user.id, kind: 'user', name: user.name },
    body,
    ts: Date.now(),
  });
  ctx.metrics.deliveryLatency.observe((performance.now() - receivedAt) / 1000);
  return { offset: outcome.message.offset, ts: outcome.message.ts, duplicate: outcome.duplicate };
};

export const handleHistory: CommandHandler<'history'> = async (conn, cmd, ctx) => {
  const found = await ctx.hub.loadForMember(cmd.room, conn.user!.id);
  if (!found) throw notFound('room');
  const { state } = found;
  const limit = cmd.limit ?? DEFAULT_HISTORY;
  const cached = state.cachedLatest(limit, cmd.before);
  if (cached) return { messages: cached };
  // Cap at the published offset: rows durable but not yet pushed must not appear before their push.
  const upper = Math.min(cmd.before ?? Number.MAX_SAFE_INTEGER, state.publishedOffset + 1);
  const messages = await ctx.store.readLatest(state.id, limit, upper);
  return { messages };
};
