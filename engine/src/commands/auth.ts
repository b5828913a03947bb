/** @module commands/auth — `auth`: the first command of every connection; also refreshes the token later. */
import { CloseCode, PROTOCOL_VERSION } from '../../../schema/index.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { Connection } from '../socket/connection.ts';
import type { CommandContext, CommandHandler } from './context.ts';

export const handleAuth: CommandHandler<'auth'> = async (conn, { token }, ctx) => {
  const verified = await ctx.tokens.verify(token);
  if (!verified.ok) throw unauthorized(verified.reason === 'expired' ? 'token expired' : 'invalid token');
  const { claims } = verified;
  if (conn.user && conn.user.id !== claims.userId) throw forbidden('cannot switch user on an open connection');

  const user = await ctx.store.findUserById(claims.userId);
  if (!user || user.erasedAt) throw unauthorized('account not found');

  conn.user = {
    id: user.id, name: user.name, roles: user.roles, tier: user.tier,
    ...(claims.site !== undefined && claims.bot !== undefined ? { site: { site: claims.site, bot: claims.bot } } : {}),
  };
  clearTimeout(conn.authTimer);
  scheduleExpiry(conn, claims.expiresAt, ctx);
  conn.log = conn.log.child({ user: user.id });
  return {
    user: { id: user.id, name: user.name, roles: user.roles },
    session: conn.id,
    serverTime: Date.now(),
    limits: { maxFrameBytes: ctx.config.maxFrameBytes, maxTextChars: ctx.config.maxTextChars, ratePerSec: ctx.config.ratePerSec },
    protocol: PROTOCOL_VERSION,
  };
};

/** Closes the socket with 4502 when the token expires; a new `auth` with a fresh token moves the deadline. */
function scheduleExpiry(conn: Connection, expiresAt: number, ctx: CommandContext): void {
  clearTimeout(conn.expiryTimer);
  // setTimeout overflows past ~24.8 days; such tokens are re-checked when the timer fires.
  const delay = Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1);
  conn.expiryTimer = setTimeout(() => {
    if (Date.now() < expiresAt) return scheduleExpiry(conn, expiresAt, ctx);
    conn.disconnect(CloseCode.TOKEN_EXPIRED, 'token expired');
  }, delay);
  conn.expiryTimer.unref();
}
