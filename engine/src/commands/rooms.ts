/** @module commands/rooms — `create`, `invite` and `rooms`: conversations and their membership. */
import { ErrorCode } from '../../../schema/index.ts';
import { EngineError, forbidden, notFound, unavailable } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { CommandHandler } from './context.ts';

export const handleCreate: CommandHandler<'create'> = async (conn, cmd, ctx) => {
  if (ctx.isShuttingDown()) throw unavailable('server shutting down');
  const user = conn.user!;
  const botNames = [...new Set([...(cmd.bot === undefined ? [] : [cmd.bot]), ...(cmd.bots ?? [])])];
  // A widget visitor talks to its site's bot, alone: the partner chose the bot, not the visitor.
  if (user.site && (botNames.some((name) => name !== user.site!.bot) || (cmd.members ?? []).length > 0)) {
    throw forbidden(`visitors of site "${user.site.site}" may only open a conversation with "${user.site.bot}"`);
  }
  const catalogue = botNames.length > 0 ? await ctx.store.listBots() : [];
  const bots = botNames.map((name) => {
    const bot = catalogue.find((b) => b.name === name && b.enabled);
    if (!bot) throw notFound(`bot "${name}"`);
    return bot;
  });
  const memberIds = [...new Set(cmd.members ?? [])].filter((id) => id !== user.id);
  const users = memberIds.length > 0 ? await ctx.store.findUsersByIds(memberIds.filter(isUuid)) : [];
  const missing = memberIds.find((id) => !users.some((u) => u.id === id && !u.erasedAt));
  if (missing !== undefined) throw new EngineError(ErrorCode.NOT_FOUND, `members: user ${missing} not found`);
  const title = cmd.title?.trim() || bots[0]?.title || 'Conversación';
  const room = await ctx.store.createRoom({ ownerId: user.id, ownerName: user.name, title, users, bots });
  return { room: room.id };
};

export const handleInvite: CommandHandler<'invite'> = async (conn, cmd, ctx) => {
  const found = await ctx.hub.loadForMember(cmd.room, conn.user!.id);
  if (!found) throw notFound('room');
  if (found.member.role !== 'owner' && found.member.role !== 'admin') throw forbidden('only the owner or a room admin may invite');
  if (conn.user!.site) throw forbidden('widget visitors may not invite');
  const [user] = isUuid(cmd.user) ? await ctx.store.findUsersByIds([cmd.user]) : [];
  if (!user || user.erasedAt) throw notFound('user');
  if (found.state.members.has(user.id)) return {};
  const member = { roomId: cmd.room, memberId: user.id, kind: 'user' as const, role: 'member' as const, name: user.name };
  await ctx.store.addMember(member);
  found.state.members.set(user.id, member);
  return {};
};

export const handleRooms: CommandHandler<'rooms'> = async (conn, cmd, ctx) => {
  const page = await ctx.store.listRoomsForUser(conn.user!.id, cmd.limit ?? 50, cmd.before);
  const rooms = page.rooms.map((r) => ({ room: r.id, title: r.title, bots: r.bots, lastOffset: r.lastOffset, lastTs: r.lastTs }));
  return page.next === undefined ? { rooms } : { rooms, next: page.next };
};
