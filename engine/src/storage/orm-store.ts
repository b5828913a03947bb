/**
 * @module storage/orm-store
 * The MikroORM implementation of the Store contract (./store.ts). `createStore` finds or starts PostgreSQL, loads
 * the master keys, applies migrations and returns the store. Every operation runs on its own forked EntityManager;
 * the message hot path (append, read) is SQL through MikroORM's knex, the rest goes through entities.
 * Errors are translated by ./store-errors.ts (unreachable database → StoreUnavailableError).
 */
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { StoredMessage } from '../../../schema/protocol.ts';
import type { EngineConfig } from '../config.ts';
import { loadKeyring, type Keyring } from '../crypto/keyring.ts';
import { PluginRecordStore } from './plugin-records.ts';
import { OrmSiteStore, type SiteStore } from '../sites/site-store.ts';
import { createAdminStore, type AdminStore } from './admin-store.ts';
import { OrmContactStore, type ContactStore } from '../contact/contact-store.ts';
import { OrmSafetyStore, type SafetyStore } from '../safety/safety-store.ts';
import { appendMessages } from './append-messages.ts';
import { resolveDatabase, type DatabaseLocation } from './database.ts';
import {
  AuditEntryEntity, BotEntity, BotTurnEntity, ConversationEntity, ConversationKeyEntity, MemberEntity, MessageEntity, UserEntity,
} from './entities/index.ts';
import { eraseUser, UserNotFoundError } from './erase-user.ts';
import { isUuid, newEpoch, newId } from './ids.ts';
import { decryptMessageRow, MESSAGE_COLUMNS, type MessageRow } from './message-rows.ts';
import { openOrm } from './orm.ts';
import { watchRoomChanges } from './room-changes.ts';
import { rotateMasterKey } from './rotate-master-key.ts';
import { decodeRoomCursor, encodeRoomCursor } from './room-cursor.ts';
import { DEFAULT_ROOM_KEY_CACHE_SIZE, RoomKeys, type RoomKey } from './room-keys.ts';
import { toBotRow, toMemberRow, toRoomRow, toUserRow } from './row-mappers.ts';
import type {
  AppendOutcome, AuditEntry, BotRow, MemberRow, PendingMessage, Role, RoomRow, RoomSummaryRow, Store, Tier, TurnRecord, UserExport,
  UserRow,
} from './store.ts';
import { withStoreErrors } from './store-errors.ts';

export { UserNotFoundError } from './erase-user.ts';

export interface StoreOptions {
  /** Unwrapped data keys kept in memory. @default 10000 */
  roomKeyCacheSize?: number;
}

/** Messages per query when a whole history is read (exports). */
const EXPORT_PAGE = 1000;

const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export async function createStore(config: EngineConfig, logger: Logger, options: StoreOptions = {}): Promise<Store> {
  const log = logger.child({ component: 'store' });
  return withStoreErrors(async () => {
    const database = await resolveDatabase(config, log);
    try {
      const keyring = await loadKeyring(config, log);
      const orm = await openOrm(database.url, { poolMax: config.dbPoolMax }, log);
      const roomKeys = new RoomKeys(keyring, options.roomKeyCacheSize ?? DEFAULT_ROOM_KEY_CACHE_SIZE);
      return new OrmStore(orm, roomKeys, keyring, new PluginRecordStore(orm.em.getKnex(), keyring), database, log);
    } catch (err) {
      await database.stop();
      throw err;
    }
  });
}

class OrmStore implements Store {
  readonly admin: AdminStore = createAdminStore(() => this.em());
  readonly safety: SafetyStore = new OrmSafetyStore(() => this.em());

  constructor(
    private readonly orm: MikroORM,
    private readonly roomKeys: RoomKeys,
    private readonly keyring: Keyring,
    private readonly pluginRecords: PluginRecordStore,
    private readonly database: DatabaseLocation,
    private readonly log: Logger,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  pluginStorage(): PluginRecordStore {
    return this.pluginRecords;
  }

  private siteStore: SiteStore | undefined;
  sites(): SiteStore {
    // Lazy: the keyring is a constructor parameter, not yet set when field initialisers run.
    return (this.siteStore ??= new OrmSiteStore(() => this.em(), this.keyring));
  }

  private contactStore: ContactStore | undefined;
  contacts(): ContactStore {
    return (this.contactStore ??= new OrmContactStore(() => this.em(), this.keyring));
  }

  countMessagesSince(sinceMs: number): Promise<number> {
    return withStoreErrors(async () => {
      const rows = await this.em().getConnection().execute<{ n: string }[]>('SELECT count(*) AS n FROM messages WHERE ts >= ?', [sinceMs]);
      return Number(rows[0]?.n ?? 0);
    });
  }

  watchRoomChanges(listener: (roomId: string) => void): Promise<() => Promise<void>> {
    return watchRoomChanges(this.database.url, listener, this.log);
  }

  ping(): Promise<void> {
    return withStoreErrors(async () => {
      await this.em().getConnection().execute('SELECT 1');
    });
  }

  async close(): Promise<void> {
    await this.orm.close();
    await this.database.stop();
  }

  // ------------------------------------------------------------------ users and bots

  createUser(input: { email: string; name: string; passwordHash: string; roles?: Role[]; tier?: Tier }): Promise<UserRow> {
    return withStoreErrors(async () => {
      const em = this.em();
      const user = em.create(UserEntity, {
        id: newId(),
        email: normaliseEmail(input.email),
        name: input.name,
        roles: input.roles ?? ['user'],
        tier: input.tier ?? 'free',
        profile: {},
        passwordHash: input.passwordHash,
        erasedAt: null,
        createdAt: new Date(),
      });
      await em.flush();
      return toUserRow(user);
    });
  }

  createGuest(input: { name: string; site?: string; visitor?: string }): Promise<UserRow> {
    return withStoreErrors(async () => {
      const em = this.em();
      const profile: Record<string, unknown> = {};
      if (input.site !== undefined) profile.site = input.site;
      if (input.visitor !== undefined) profile.visitor = input.visitor;
      const user = em.create(UserEntity, {
        id: newId(), email: null, name: input.name, roles: ['guest'], tier: 'free', profile,
        passwordHash: null, erasedAt: null, createdAt: new Date(),
      });
      await em.flush();
      return toUserRow(user);
    });
  }

  findUserByEmail(email: string): Promise<UserRow | null> {
    return withStoreErrors(async () => {
      const user = await this.em().findOne(UserEntity, { email: normaliseEmail(email) });
      return user ? toUserRow(user) : null;
    });
  }

  findUserById(id: string): Promise<UserRow | null> {
    return withStoreErrors(async () => {
      if (!isUuid(id)) return null;
      const user = await this.em().findOne(UserEntity, { id });
      return user ? toUserRow(user) : null;
    });
  }

  findUsersByIds(ids: string[]): Promise<UserRow[]> {
    return withStoreErrors(async () => {
      const valid = [...new Set(ids.filter(isUuid))];
      if (valid.length === 0) return [];
      const users = await this.em().find(UserEntity, { id: { $in: valid } });
      return users.map(toUserRow);
    });
  }

  updateUserProfile(userId: string, set: Record<string, unknown>, unset: readonly string[]): Promise<UserRow | null> {
    return withStoreErrors(async () => {
      if (!isUuid(userId)) return null;
      return this.em().transactional(async (em) => {
        const user = await em.findOne(UserEntity, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!user || user.erasedAt) return null;
        const profile = { ...user.profile, ...set };
        for (const field of unset) delete profile[field];
        user.profile = profile;
        await em.flush();
        return toUserRow(user);
      });
    });
  }

  listBots(): Promise<BotRow[]> {
    return withStoreErrors(async () => {
      const bots = await this.em().find(BotEntity, {}, { orderBy: { name: 'asc' } });
      return bots.map(toBotRow);
    });
  }

  upsertBot(bot: BotRow): Promise<void> {
    return withStoreErrors(async () => {
      await this.em().upsert(BotEntity, { ...bot, capabilities: [...bot.capabilities] });
    });
  }

  // ------------------------------------------------------------------ rooms and members

  createRoom(input: { ownerId: string; ownerName: string; title: string; users: UserRow[]; bots: BotRow[] }): Promise<RoomRow> {
    return withStoreErrors(async () => {
      const roomId = newId();
      const { key, stored } = this.roomKeys.create(roomId);
      const now = new Date();
      const room = await this.em().transactional(async (em) => {
        const room = em.create(ConversationEntity, {
          id: roomId, title: input.title, owner: input.ownerId, epoch: newEpoch(), lastOffset: 0, lastTs: now.getTime(),
          createdAt: now,
        });
        em.create(ConversationKeyEntity, { room: roomId, ...stored, destroyedAt: null });
        const members = new Map<string, { kind: 'user' | 'bot'; role: 'owner' | 'member'; name: string }>();
        members.set(input.ownerId, { kind: 'user', role: 'owner', name: input.ownerName });
        for (const user of input.users) {
          if (!members.has(user.id)) members.set(user.id, { kind: 'user', role: 'member', name: user.name });
        }
        for (const bot of input.bots) {
          if (!members.has(bot.name)) members.set(bot.name, { kind: 'bot', role: 'member', name: bot.title });
        }
        for (const [memberId, member] of members) {
          em.create(MemberEntity, { room: roomId, memberId, ...member, joinedAt: now });
        }
        return room;
      });
      this.roomKeys.remember(roomId, key);
      return toRoomRow(room);
    });
  }

  getRoom(roomId: string): Promise<RoomRow | null> {
    return withStoreErrors(async () => {
      if (!isUuid(roomId)) return null;
      const room = await this.em().findOne(ConversationEntity, { id: roomId });
      return room ? toRoomRow(room) : null;
    });
  }

  getMember(roomId: string, memberId: string): Promise<MemberRow | null> {
    return withStoreErrors(async () => {
      if (!isUuid(roomId)) return null;
      const member = await this.em().findOne(MemberEntity, { room: roomId, memberId });
      return member ? toMemberRow(member) : null;
    });
  }

  listMembers(roomId: string): Promise<MemberRow[]> {
    return withStoreErrors(async () => {
      if (!isUuid(roomId)) return [];
      const members = await this.em().find(MemberEntity, { room: roomId }, { orderBy: { joinedAt: 'asc', memberId: 'asc' } });
      return members.map(toMemberRow);
    });
  }

  /** Adds the member; an existing membership is left as it is (its role is not downgraded). */
  addMember(member: MemberRow): Promise<void> {
    return withStoreErrors(async () => {
      await this.em()
        .createQueryBuilder(MemberEntity)
        .insert({ room: member.roomId, memberId: member.memberId, kind: member.kind, role: member.role, name: member.name, joinedAt: new Date() })
        .onConflict(['room', 'memberId'])
        .ignore()
        .execute();
    });
  }

  listRoomsForUser(userId: string, limit: number, before?: string): Promise<{ rooms: RoomSummaryRow[]; next?: string }> {
    return withStoreErrors(async () => {
      const em = this.em();
      const pageSize = Math.max(1, Math.floor(limit));
      const position = before === undefined ? undefined : decodeRoomCursor(before);
      if (before !== undefined && !position) return { rooms: [] };

      const userRooms = em.createQueryBuilder(MemberEntity, 'm').select('m.room').where({ memberId: userId, kind: 'user' });
      const qb = em.createQueryBuilder(ConversationEntity, 'c').where({ id: { $in: userRooms.getKnexQuery() } });
      if (position) {
        qb.andWhere({ $or: [{ lastTs: { $lt: position.lastTs } }, { lastTs: position.lastTs, id: { $lt: position.id } }] });
      }
      const found = await qb.orderBy({ lastTs: 'desc', id: 'desc' }).limit(pageSize + 1).getResultList();
      const page = found.slice(0, pageSize);

      const bots = page.length === 0 ? [] : await em.find(
        MemberEntity, { room: { $in: page.map((r) => r.id) }, kind: 'bot' }, { orderBy: { joinedAt: 'asc', memberId: 'asc' } },
      );
      const rooms = page.map((room): RoomSummaryRow => ({
        ...toRoomRow(room),
        bots: bots.filter((b) => b.room === room.id).map((b) => b.memberId),
      }));
      const last = rooms.at(-1);
      return found.length > pageSize && last ? { rooms, next: encodeRoomCursor(last) } : { rooms };
    });
  }

  // ------------------------------------------------------------------ messages

  appendMessages(batch: PendingMessage[]): Promise<AppendOutcome[]> {
    return withStoreErrors(() => appendMessages(this.em().getKnex(), this.roomKeys, batch));
  }

  readAfter(roomId: string, afterOffset: number, limit: number): Promise<StoredMessage[]> {
    return withStoreErrors(async () => {
      if (!isUuid(roomId) || limit <= 0) return [];
      return this.readMessages(roomId, { $gt: afterOffset || 0 }, 'asc', limit);
    });
  }

  readLatest(roomId: string, limit: number, beforeOffset?: number): Promise<StoredMessage[]> {
    return withStoreErrors(async () => {
      if (!isUuid(roomId) || limit <= 0) return [];
      const range = beforeOffset === undefined ? { $gt: 0 } : { $lt: beforeOffset };
      return (await this.readMessages(roomId, range, 'desc', limit)).reverse();
    });
  }

  /** One statement (one snapshot) reads the rows and the room's epoch; bodies are decrypted with the room's key. */
  private async readMessages(
    roomId: string,
    offsetRange: { $gt: number } | { $lt: number },
    order: 'asc' | 'desc',
    limit: number,
  ): Promise<StoredMessage[]> {
    const em = this.em();
    const rows = await em
      .createQueryBuilder(MessageEntity, 'm')
      .select([...MESSAGE_COLUMNS.map((c) => `m.${c}`), 'c.epoch'])
      .join('m.room', 'c')
      .where({ room: roomId, offset: offsetRange })
      .orderBy({ offset: order })
      .limit(Math.floor(limit))
      .execute<(MessageRow & { epoch: string })[]>('all', false);
    const first = rows[0];
    if (!first) return [];
    const key = await this.roomKeyFor(em, roomId, first.key_id);
    return rows.map((row) => decryptMessageRow(row, row.epoch, key));
  }

  /** The room's data key, if it is still the one with `keyId` (undefined once it was destroyed or replaced). */
  private async roomKeyFor(em: EntityManager, roomId: string, keyId: string): Promise<RoomKey | undefined> {
    const cached = this.roomKeys.cached(roomId, keyId);
    if (cached) return cached;
    const stored = await em.findOne(ConversationKeyEntity, { room: roomId });
    if (!stored || stored.destroyedAt || stored.keyId !== keyId) return undefined;
    return this.roomKeys.open(roomId, {
      keyId: stored.keyId, wrappedKey: stored.wrappedKey as Buffer, nonce: stored.nonce as Buffer, masterKeyId: stored.masterKeyId,
    });
  }

  // ------------------------------------------------------------------ audit, GDPR, keys

  audit(entry: AuditEntry): Promise<void> {
    return withStoreErrors(async () => {
      const em = this.em();
      em.create(AuditEntryEntity, { actorId: entry.actorId, action: entry.action, target: entry.target, detail: entry.detail ?? null });
      await em.flush();
    });
  }

  recordTurns(turns: TurnRecord[]): Promise<void> {
    return withStoreErrors(async () => {
      if (turns.length === 0) return;
      await this.em().insertMany(BotTurnEntity, turns.map((turn) => ({
        id: turn.turnId, roomId: turn.roomId, bot: turn.bot, outcome: turn.outcome,
        inputTokens: turn.inputTokens ?? null, outputTokens: turn.outputTokens ?? null, llmRequests: turn.llmRequests,
        firstDeltaMs: turn.firstDeltaMs === undefined ? null : Math.round(turn.firstDeltaMs),
        durationMs: Math.round(turn.durationMs), createdAt: new Date(),
      })));
    });
  }

  redeemConfirmation(entry: { tokenHash: string; roomId: string; msgId: string; approved: boolean; expiresAt: Date }): Promise<boolean> {
    return withStoreErrors(async () => {
      // One statement: a concurrent second answer either inserts nothing (conflict) or is this same send retried.
      // It also purges answers expired for an hour (an expired token is refused before the ledger is read; the hour
      // covers clock skew between engine nodes and the database).
      const rows = await this.em().getConnection().execute<{ msg_id: string }[]>(
        `with purged as (delete from "tool_confirmations" where "expires_at" < now() - interval '1 hour')
         insert into "tool_confirmations" ("token_hash", "room_id", "msg_id", "approved", "expires_at", "used_at")
         values (?, ?, ?, ?, ?, now())
         on conflict ("token_hash") do update set "used_at" = "tool_confirmations"."used_at"
         where "tool_confirmations"."msg_id" = excluded."msg_id" and "tool_confirmations"."room_id" = excluded."room_id"
           and "tool_confirmations"."approved" = excluded."approved"
         returning "msg_id"`,
        [entry.tokenHash, entry.roomId, entry.msgId, entry.approved, entry.expiresAt],
        'all',
      );
      return rows.length === 1;
    });
  }

  exportUser(userId: string, actorId: string | null): Promise<UserExport> {
    return withStoreErrors(async () => {
      const em = this.em();
      const user = isUuid(userId) ? await em.findOne(UserEntity, { id: userId }) : null;
      if (!user) throw new UserNotFoundError(userId);
      const memberships = await em.find(MemberEntity, { memberId: userId, kind: 'user' }, { orderBy: { joinedAt: 'asc' } });
      const conversations: UserExport['conversations'] = [];
      for (const membership of memberships) {
        const room = await em.findOne(ConversationEntity, { id: membership.room });
        if (!room) continue;
        conversations.push({
          room: toRoomRow(room),
          members: (await em.find(MemberEntity, { room: room.id }, { orderBy: { joinedAt: 'asc' } })).map(toMemberRow),
          messages: await this.readWholeHistory(room.id),
          pluginRecords: await this.pluginRecords.exportScope('room', room.id),
        });
      }
      const { passwordHash: _omitted, ...profile } = toUserRow(user);
      await this.audit({
        actorId, action: 'user.export', target: userId,
        detail: { conversations: conversations.length, messages: conversations.reduce((n, c) => n + c.messages.length, 0) },
      });
      return { user: profile, conversations, pluginRecords: await this.pluginRecords.exportScope('user', userId) };
    });
  }

  private async readWholeHistory(roomId: string): Promise<StoredMessage[]> {
    const all: StoredMessage[] = [];
    for (;;) {
      const page = await this.readMessages(roomId, { $gt: all.at(-1)?.offset ?? 0 }, 'asc', EXPORT_PAGE);
      all.push(...page);
      if (page.length < EXPORT_PAGE) return all;
    }
  }

  eraseUser(userId: string, actorId: string | null): Promise<{ shreddedRooms: string[] }> {
    return withStoreErrors(async () => {
      if (!isUuid(userId)) throw new UserNotFoundError(userId);
      return eraseUser(this.em(), this.roomKeys, userId, actorId);
    });
  }

  rotateMasterKey(actorId: string | null): Promise<{ rewrapped: number }> {
    return withStoreErrors(() => rotateMasterKey(this.em(), this.roomKeys, this.keyring, actorId));
  }
}
