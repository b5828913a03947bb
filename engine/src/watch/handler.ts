/** @module watch/handler — the `watch` command: subscribe or unsubscribe this socket to a stats topic. */
import { ErrorCode } from '../../../schema/index.ts';
import type { CommandHandler } from '../commands/context.ts';
import { EngineError, forbidden } from '../errors.ts';

export const handleWatch: CommandHandler<'watch'> = async (conn, cmd, ctx) => {
  if (!ctx.watch) throw new EngineError(ErrorCode.UNAVAILABLE, 'live stats are not enabled on this engine');
  const on = cmd.on ?? true;
  if (!on) {
    ctx.watch.unsubscribe(conn, cmd.topic);
    return { topic: cmd.topic, on: false };
  }
  // Roles are the account's, read when the socket authenticated; `engine` figures are for operators only.
  if (cmd.topic === 'engine' && !conn.user!.roles.includes('admin')) throw forbidden('topic "engine" needs the admin role');
  // The first sample goes out at once (just before this reply), the next ones at the hub's cadence.
  conn.send(await ctx.watch.subscribe(conn, cmd.topic));
  return { topic: cmd.topic, on: true };
};
