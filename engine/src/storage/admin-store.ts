/**
 * @module storage/admin-store
 * What the admin surface reads and changes in the database, behind `Store.admin`: user search, role and tier
 * changes, the audit log, bot turn statistics (from `bot_turns`) and the per-room bot switches. Every change is
 * audited in the same transaction as the change itself, with the actor, the action and the target (never message
 * bodies or other personal free text).
 */
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { AuditRow, RoomBotSwitch, TurnStats } from '../../../schema/admin.ts';
import { AuditEntryEntity, ConversationEntity, RoomBotDisabledEntity, UserEntity } from './entities/index.ts';
import { UserNotFoundError } from './erase-user.ts';
import { isUuid } from './ids.ts';
import { toUserRow } from './row-mappers.ts';
import type { Role, Tier, UserRow } from './store.ts';
import { withStoreErrors } from './store-errors.ts';

/** The roles an admin can give: a registered person is `user`, or `user` + `admin`. Guests stay guests. */
export type AssignableRole = 'user' | 'admin';

export interface UserSearch {
  /** Prefix of the e-mail or the name (case-insensitive), or a whole user id. Empty: everyone. */
  query?: string;
  role?: Role;
  limit: number;
  offset: number;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  target?: string;
  limit: number;
  /** Entries with a smaller id (the `next` of the previous page). */
  before?: number;
}

export type { AuditRow, RoomBotSwitch, TurnStats };

/** A change that was refused because of the current state (maps to CONFLICT). */
export class AdminConflictError extends Error {
  override name = 'AdminConflictError';
}

export interface AdminStore {
  searchUsers(search: UserSearch): Promise<{ users: UserRow[]; total: number }>;
  /** Sets the roles to `['user']` or `['user', 'admin']`. Refuses guests, erased accounts and demoting the last admin. */
  setRole(userId: string, role: AssignableRole, actorId: string): Promise<UserRow>;
  setTier(userId: string, tier: Tier, actorId: string): Promise<UserRow>;
  listAudit(query: AuditQuery): Promise<{ entries: AuditRow[]; next?: number }>;
  /** Per bot, the turns recorded since `since`. */
  turnStats(since: Date): Promise<Map<string, TurnStats>>;
  /** Bots switched off in the room. */
  disabledBots(roomId: string): Promise<string[]>;
  /** Rooms where the bot is switched off (newest first, at most `limit`) and how many there are. */
  roomsWithBotDisabled(bot: string, limit: number): Promise<{ rooms: RoomBotSwitch[]; total: number }>;
  /** Switches a bot off or on in a room. Returns false when it already was in that state (still audited: an admin asked). */
  setBotInRoom(roomId: string, bot: string, enabled: boolean, actorId: string): Promise<boolean>;
}

/** `%`, `_` and `\` are LIKE wildcards/escape: a search for "a_b" means those three characters. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createAdminStore(em: () => EntityManager): AdminStore {
  const changeUser = async (
    userId: string,
    actorId: string,
    change: (user: UserRow, tx: EntityManager) => Promise<{ roles?: Role[]; tier?: Tier; action: string; detail: Record<string, unknown> } | undefined>,
  ): Promise<UserRow> => {
    if (!isUuid(userId)) throw new UserNotFoundError(userId);
    return em().transactional(async (tx) => {
      const user = await tx.findOne(UserEntity, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw new UserNotFoundError(userId);
      if (user.erasedAt) throw new AdminConflictError('user: the account was erased');
      const outcome = await change(toUserRow(user), tx);
      if (!outcome) return toUserRow(user);
      if (outcome.roles) user.roles = outcome.roles;
      if (outcome.tier) user.tier = outcome.tier;
      tx.create(AuditEntryEntity, { actorId, action: outcome.action, target: userId, detail: outcome.detail });
      await tx.flush();
      return toUserRow(user);
    });
  };

  const store: AdminStore = {
    async searchUsers({ query, role, limit, offset }) {
      const where: Record<string, unknown>[] = [];
      const q = query?.trim() ?? '';
      if (q !== '') {
        const prefix = likePrefix(q.toLowerCase());
        where.push(isUuid(q) ? { id: q } : { $or: [{ email: { $like: prefix } }, { name: { $ilike: prefix } }] });
      }
      if (role) where.push({ roles: { $contains: [role] } });
      const [users, total] = await em().findAndCount(UserEntity, where.length > 0 ? { $and: where } : {}, {
        orderBy: { createdAt: 'desc', id: 'asc' }, limit, offset,
      });
      return { users: users.map(toUserRow), total };
    },

    setRole(userId, role, actorId) {
      return changeUser(userId, actorId, async (user, tx) => {
        if (user.roles.includes('guest')) throw new AdminConflictError('user: guest accounts cannot be given a role');
        const isAdmin = user.roles.includes('admin');
        if ((role === 'admin') === isAdmin) return undefined;
        if (role === 'user') {
          // Locks every admin row, so two admins demoting each other at once cannot leave nobody in charge.
          const admins = await tx.find(UserEntity, { roles: { $contains: ['admin'] }, erasedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (admins.length <= 1) throw new AdminConflictError('role: the last admin cannot be demoted');
        }
        const to: Role[] = role === 'admin' ? ['user', 'admin'] : ['user'];
        return { roles: to, action: role === 'admin' ? 'user.role.grant-admin' : 'user.role.revoke-admin', detail: { from: user.roles, to } };
      });
    },

    setTier(userId, tier, actorId) {
      return changeUser(userId, actorId, async (user) => (user.tier === tier ? undefined : {
        tier, action: 'user.tier', detail: { from: user.tier, to: tier },
      }));
    },

    async listAudit({ action, actorId, target, limit, before }) {
      const where: Record<string, unknown> = {};
      if (action) where.action = action.endsWith('*') ? { $like: likePrefix(action.slice(0, -1)) } : action;
      if (actorId) where.actorId = actorId;
      if (target) where.target = target;
      if (before !== undefined) where.id = { $lt: before };
      const rows = await em().find(AuditEntryEntity, where, { orderBy: { id: 'desc' }, limit: limit + 1 });
      const entries = rows.slice(0, limit).map((row): AuditRow => ({
        id: Number(row.id), ts: row.ts.toISOString(), actorId: row.actorId ?? null, action: row.action, target: row.target,
        detail: row.detail ?? null,
      }));
      const last = entries.at(-1);
      return rows.length > limit && last ? { entries, next: last.id } : { entries };
    },

    async turnStats(since) {
      const rows = await em().getConnection().execute<{
        bot: string; turns: number; errors: number; cancelled: number;
        p50: number | null; p95: number | null; fd50: number | null; fd95: number | null;
      }[]>(
        `select bot, count(*)::int as turns,
                count(*) filter (where outcome not in ('done', 'cancelled', 'vetoed'))::int as errors,
                count(*) filter (where outcome = 'cancelled')::int as cancelled,
                percentile_cont(0.5) within group (order by duration_ms) as p50,
                percentile_cont(0.95) within group (order by duration_ms) as p95,
                percentile_cont(0.5) within group (order by first_delta_ms) as fd50,
                percentile_cont(0.95) within group (order by first_delta_ms) as fd95
           from bot_turns where created_at >= ? group by bot`,
        [since],
      );
      const round = (value: number | null) => (value === null ? null : Math.round(Number(value)));
      return new Map(rows.map((r) => [r.bot, {
        turns: r.turns, errors: r.errors, cancelled: r.cancelled, errorRate: r.turns === 0 ? 0 : r.errors / r.turns,
        p50Ms: round(r.p50), p95Ms: round(r.p95), firstDeltaP50Ms: round(r.fd50), firstDeltaP95Ms: round(r.fd95),
      }]));
    },

    async disabledBots(roomId) {
      if (!isUuid(roomId)) return [];
      const rows = await em().find(RoomBotDisabledEntity, { roomId });
      return rows.map((row) => row.bot);
    },

    async roomsWithBotDisabled(bot, limit) {
      const [rows, total] = await em().findAndCount(RoomBotDisabledEntity, { bot }, { orderBy: { disabledAt: 'desc', roomId: 'asc' }, limit });
      return {
        total,
        rooms: rows.map((row) => ({ roomId: row.roomId, bot: row.bot, disabledBy: row.disabledBy, disabledAt: row.disabledAt.toISOString() })),
      };
    },

    async setBotInRoom(roomId, bot, enabled, actorId) {
      return em().transactional(async (tx) => {
        const room = isUuid(roomId) ? await tx.findOne(ConversationEntity, { id: roomId }) : null;
        if (!room) throw new RoomNotFoundError(roomId);
        let changed: boolean;
        if (enabled) {
          changed = (await tx.nativeDelete(RoomBotDisabledEntity, { roomId, bot })) > 0;
        } else {
          const inserted = await tx.createQueryBuilder(RoomBotDisabledEntity)
            .insert({ roomId, bot, disabledBy: actorId, disabledAt: new Date() })
            .onConflict(['roomId', 'bot']).ignore().execute('run');
          changed = (inserted as { affectedRows?: number }).affectedRows !== 0;
        }
        tx.create(AuditEntryEntity, {
          actorId, action: enabled ? 'bot.room.enable' : 'bot.room.disable', target: `${bot}@${roomId}`, detail: { bot, roomId, changed },
        });
        await tx.flush();
        return changed;
      });
    },
  };
  // An unreachable database surfaces as StoreUnavailableError (→ UNAVAILABLE), as for every Store method.
  return Object.fromEntries(Object.entries(store).map(([name, method]) => [
    name, (...args: unknown[]) => withStoreErrors(() => (method as (...a: unknown[]) => Promise<unknown>)(...args)),
  ])) as unknown as AdminStore;
}

export class RoomNotFoundError extends Error {
  override name = 'RoomNotFoundError';
  constructor(roomId: string) {
    super(`room ${roomId} not found`);
  }
}
