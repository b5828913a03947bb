/**
 * @module commands/messages
 * `send` and `history`. A `send` is acknowledged only once the message is durable in PostgreSQL (the writer
 * group-commits concurrent sends); the stored message is pushed to the room by the writer's `onStored` callback
 * before the sender's reply goes out.
 */
import { CONFIRM_TEXTS, ErrorCode, type ConfirmData, type LandmarksData, type MessageBody } from '../../../schema/index.ts';
import { EngineError, badArgs, notFound, unavailable } from '../errors.ts';
import type { CommandHandler } from './context.ts';

/**
 * Body kinds a person may send; the others (crisis cards, sign renderings, tool summaries) come from bots. `confirm`
 * answers a bot's signed tool proposal and is stored only once the engine has redeemed its token.
 */
const USER_BODY_KINDS = new Set(['text', 'confirm', 'landmarks', undefined]);
const DEFAULT_HISTORY = 50;

export const handleSend: CommandHandler<'send'> = async (conn, cmd, ctx) => {
  const receivedAt = performance.now();
  if (cmd.body.text.length > ctx.config.maxTextChars) {
    throw new EngineError(ErrorCode.TOO_LARGE, `body.text: longer than ${ctx.config.maxTextChars} characters`);
  }
  if (!USER_BODY_KINDS.has(cmd.body.kind)) throw badArgs(`body.kind: people may only send "text", "confirm" or "landmarks"`);
  const user = conn.user!;
  const found = await ctx.hub.loadForMember(cmd.room, user.id);
  if (!found) throw notFound('room');

  const known = found.state.findByMsgId(cmd.msgId);
  if (known) return { offset: known.offset, ts: known.ts, duplicate: true };
  if (ctx.isShuttingDown()) throw unavailable('server shutting down');

  let body: MessageBody;
  if (cmd.body.kind === 'confirm') {
    // Verified (signature, room, expiry) and consumed before anything is stored; a bad token stores nothing.
    const data = cmd.body.data as ConfirmData;
    await ctx.confirmations.redeem({ room: cmd.room, msgId: cmd.msgId, data });
    // The text is the engine's, not the client's: an answer carries no free text (nothing to hide from safety layers).
    body = { text: data.approve ? CONFIRM_TEXTS.approve : CONFIRM_TEXTS.cancel, kind: 'confirm', data: { token: data.token, approve: data.approve } };
  } else if (cmd.body.kind === 'landmarks') {
    // Hand landmark frames (validated in schema/validate.ts); only the known fields are kept.
    const data = cmd.body.data as LandmarksData;
    body = { text: cmd.body.text, kind: 'landmarks', data: data.language ? { language: data.language, frames: data.frames } : { frames: data.frames } };
  } else {
    body = cmd.body.data === undefined ? { text: cmd.body.text, kind: 'text' } : { text: cmd.body.text, kind: 'text', data: cmd.body.data };
  }
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
