/** @module storage/row-mappers — entities → the contract's plain rows (no ORM objects leak out of the store). */
import type { Bot, Conversation, Member, User } from './entities/index.ts';
import type { BotRow, MemberRow, RoomRow, Tier, UserRow } from './store.ts';

export function toUserRow(user: User): UserRow {
  return {
    id: user.id,
    email: user.email ?? null,
    name: user.name,
    roles: [...user.roles],
    tier: user.tier as Tier,
    profile: { ...user.profile },
    passwordHash: user.passwordHash ?? null,
    erasedAt: user.erasedAt ?? null,
    createdAt: user.createdAt,
  };
}

export function toBotRow(bot: Bot): BotRow {
  return {
    name: bot.name,
    title: bot.title,
    description: bot.description,
    version: bot.version,
    category: bot.category,
    capabilities: [...bot.capabilities],
    enabled: bot.enabled,
  };
}

export function toRoomRow(room: Conversation): RoomRow {
  return {
    id: room.id,
    title: room.title,
    ownerId: room.owner,
    epoch: room.epoch,
    lastOffset: Number(room.lastOffset),
    lastTs: Number(room.lastTs),
  };
}

export function toMemberRow(member: Member): MemberRow {
  return { roomId: member.room, memberId: member.memberId, kind: member.kind, role: member.role, name: member.name };
}
