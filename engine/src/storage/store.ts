/**
 * @module store
 * The engine's persistence contract. The engine talks to PostgreSQL only through this interface; the MikroORM
 * implementation (`createStore` in `./orm-store.ts`) owns entities, migrations, encryption at rest and SQL.
 *
 * Contracts every implementation keeps:
 * - Message bodies are encrypted (AES-256-GCM, per-conversation data key wrapped by the master key) before they
 *   reach the database and decrypted on read; no method stores or logs plaintext bodies.
 * - `appendMessages` is the only writer of messages. In ONE transaction it drops duplicates (same room + msgId,
 *   within the batch or already stored), assigns each new message the next offset of its room (gapless, +1 per
 *   stored message, serialised per room by a row lock on the conversation so several engine nodes stay correct),
 *   inserts the rows and updates the room's last offset/ts. Outcomes come back in input order. Each message is
 *   stored atomically, a batch is not: if storing fails after some messages committed, it throws a
 *   `PartialAppendError` carrying the committed outcomes (undefined for the rest); any other error means nothing of
 *   the batch was stored.
 * - Errors thrown for an unreachable database are `StoreUnavailableError`; a duplicate e-mail is `ConflictError`.
 */
import type { PluginStorageService } from '../../../bots/host/storage-protocol.ts';
import type { SiteStore } from '../sites/site-store.ts';
import type { BotInfo, MessageBody, SenderKind, StoredMessage } from '../../../schema/protocol.ts';
import type { AdminStore } from './admin-store.ts';
import type { ContactStore } from '../contact/contact-store.ts';
import type { SafetyStore } from '../safety/safety-store.ts';

export type Tier = 'free' | 'premium' | 'professional' | 'enterprise';
export const TIERS: readonly Tier[] = ['free', 'premium', 'professional', 'enterprise'];
/** Roles: `user` (registered), `guest` (widget visitor), `admin`. */
export type Role = 'user' | 'guest' | 'admin';

export interface UserRow {
  id: string;
  email: string | null;
  name: string;
  roles: Role[];
  tier: Tier;
  /** Free-form profile (communication preferences etc.), stored as JSON. */
  profile: Record<string, unknown>;
  passwordHash: string | null;
  /** Set once the account was erased (GDPR); erased users cannot log in. */
  erasedAt: Date | null;
  createdAt: Date;
}

/** A bot of the catalogue: what `GET /api/bots` shows, plus whether it is enabled. */
export interface BotRow extends BotInfo {
  enabled: boolean;
}

export interface RoomRow {
  id: string;
  title: string;
  ownerId: string;
  /** Opaque; changes only when the room's stored history is lost or destroyed (crypto-shredding). */
  epoch: string;
  /** 0 for an empty room. */
  lastOffset: number;
  /** ms since the Unix epoch; createdAt for an empty room. */
  lastTs: number;
}

export type MemberRole = 'owner' | 'admin' | 'member';
export interface MemberRow {
  roomId: string;
  /** A user id, or a bot name for bot members. */
  memberId: string;
  kind: 'user' | 'bot';
  role: MemberRole;
  name: string;
}

export interface RoomSummaryRow extends RoomRow {
  bots: string[];
}

export interface PendingMessage {
  roomId: string;
  msgId: string;
  sender: { id: string; kind: SenderKind; name: string };
  body: MessageBody;
  /** ms since the Unix epoch, set by the engine when it accepted the message. */
  ts: number;
}

export interface AppendOutcome {
  /** The stored message (for a duplicate: the one stored first, with its original offset and ts). */
  message: StoredMessage;
  duplicate: boolean;
}

export interface AuditEntry {
  actorId: string | null;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

/** Outcome and usage of one bot turn. */
export interface TurnRecord {
  turnId: string;
  roomId: string;
  bot: string;
  /** `done`, `cancelled`, or the failure's code (e.g. PLUGIN_TIMEOUT). */
  outcome: string;
  inputTokens?: number;
  outputTokens?: number;
  llmRequests: number;
  firstDeltaMs?: number;
  durationMs: number;
}

export interface UserExport {
  user: Omit<UserRow, 'passwordHash'>;
  conversations: { room: RoomRow; members: MemberRow[]; messages: StoredMessage[]; pluginRecords: ExportedPluginRecord[] }[];
  /** What plugins keep about the person (`storage.user`), decrypted. */
  pluginRecords: ExportedPluginRecord[];
}

export interface ExportedPluginRecord {
  plugin: string;
  collection: string;
  id: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

export interface Store {
  /** Resolves when the database answers a trivial query; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;

  createUser(input: { email: string; name: string; passwordHash: string; roles?: Role[]; tier?: Tier }): Promise<UserRow>;
  createGuest(input: { name: string; site?: string; visitor?: string }): Promise<UserRow>;
  findUserByEmail(email: string): Promise<UserRow | null>;
  findUserById(id: string): Promise<UserRow | null>;
  findUsersByIds(ids: string[]): Promise<UserRow[]>;
  /**
   * Sets the `set` fields of a user's profile and removes the `unset` ones, atomically (row lock); other fields are
   * kept. Null when the user does not exist or was erased.
   */
  updateUserProfile(userId: string, set: Record<string, unknown>, unset: readonly string[]): Promise<UserRow | null>;

  listBots(): Promise<BotRow[]>;
  upsertBot(bot: BotRow): Promise<void>;

  /** Creates the room, its data key, the owner membership and the listed members (users by id, bots by name). */
  createRoom(input: { ownerId: string; ownerName: string; title: string; users: UserRow[]; bots: BotRow[] }): Promise<RoomRow>;
  getRoom(roomId: string): Promise<RoomRow | null>;
  getMember(roomId: string, memberId: string): Promise<MemberRow | null>;
  listMembers(roomId: string): Promise<MemberRow[]>;
  addMember(member: MemberRow): Promise<void>;
  /** The user's rooms, most recent activity first; `before` is the opaque cursor from a previous page's `next`. */
  listRoomsForUser(userId: string, limit: number, before?: string): Promise<{ rooms: RoomSummaryRow[]; next?: string }>;

  appendMessages(batch: PendingMessage[]): Promise<AppendOutcome[]>;
  /** Messages with afterOffset < offset (default 0), ascending, at most `limit`. */
  readAfter(roomId: string, afterOffset: number, limit: number): Promise<StoredMessage[]>;
  /** The newest `limit` messages with offset < beforeOffset (default: all), returned oldest first. */
  readLatest(roomId: string, limit: number, beforeOffset?: number): Promise<StoredMessage[]>;

  audit(entry: AuditEntry): Promise<void>;
  /** Stores turn records in one statement. */
  recordTurns(turns: TurnRecord[]): Promise<void>;
  /**
   * Marks a signed tool proposal answered (single use, engine/src/confirmations). True when this `msgId` owns the
   * answer: the first answer, or a retry of the same send with the same verdict; false when it was already answered.
   */
  redeemConfirmation(entry: { tokenHash: string; roomId: string; msgId: string; approved: boolean; expiresAt: Date }): Promise<boolean>;
  /** Profile plus every conversation the user is a member of, decrypted. Audited. */
  exportUser(userId: string, actorId: string | null): Promise<UserExport>;
  /**
   * Crypto-shredding: destroys the data key of every room where the user is the only human member (its history
   * becomes unreadable and its epoch changes), redacts the user's messages in shared rooms, removes their
   * memberships and anonymises the account. Audited. Returns the ids of rooms whose epoch changed.
   */
  eraseUser(userId: string, actorId: string | null): Promise<{ shreddedRooms: string[] }>;
  /**
   * Calls `listener` with the id of every room whose history or membership another process changed (erasure),
   * so engines can drop what they cache of it. Resolves to a function that stops watching.
   */
  watchRoomChanges(listener: (roomId: string) => void): Promise<() => Promise<void>>;
  /** Re-wraps every data key not under the active master key. Audited. Returns how many were re-wrapped. */
  rotateMasterKey(actorId: string | null): Promise<{ rewrapped: number }>;
  /** The admin surface's queries and audited changes (./admin-store.ts). */
  readonly admin: AdminStore;
  /** The service behind the plugins' `storage` capability (sealed records per plugin and scope). */
  pluginStorage(): PluginStorageService;
  /** The safety layer's tables: helpline directory, conversation risk, safety events (../safety/safety-store.ts). */
  readonly safety: SafetyStore;
  /** Partner sites of the embeddable widget and their verified visitors (../sites/site-store.ts). */
  sites(): SiteStore;
  /** Contact requests from the public showcase, sealed at rest (../contact/contact-store.ts). */
  contacts(): ContactStore;
  /** Messages stored (all rooms) with `ts` at or after `sinceMs`: the public "messages today" figure. */
  countMessagesSince(sinceMs: number): Promise<number>;
}

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
export class PartialAppendError extends Error {
  override name = 'PartialAppendError';
  constructor(readonly outcomes: (AppendOutcome | undefined)[], override readonly cause: unknown) {
    super('some messages of the batch were stored before a failure', { cause });
  }
}
export class ConflictError extends Error {
  override name = 'ConflictError';
}
