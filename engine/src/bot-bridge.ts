/**
 * @module bot-bridge
 * The narrow seam between the engine and a bot runtime. The engine knows nothing about plugins: it tells the
 * runtime about every stored message and forwards `cancel`; the runtime acts on rooms only through `EngineBridge`
 * (push to a room, store a bot's message, read what a turn may see). Membership and storage rules stay the engine's.
 */
import type { Registry } from 'prom-client';
import type { BotPluginStatus } from '../../schema/admin.ts';
import type { MessageBody, Push, StoredMessage } from '../../schema/index.ts';
import type { ConfirmationSigner } from './confirmations/service.ts';
import type { Logger } from './log.ts';
import type { SafetyGate } from './safety/service.ts';
import type { RoomHub } from './rooms/room-hub.ts';
import type { MessageWriter } from './storage/message-writer.ts';
import type { MemberRow, Store, TurnRecord } from './storage/store.ts';

export interface EngineBridge {
  /** Pushes to every socket joined to the room (any node). */
  publish(room: string, push: Push): void;
  /** Pushes to one member's sockets in the room only (any node). */
  publishTo(room: string, userId: string, push: Push): void;
  /** Stores a bot's message (durable, encrypted, pushed to the room as a `message`); idempotent by msgId. */
  storeBotMessage(input: { room: string; msgId: string; bot: { name: string; title: string }; body: MessageBody }): Promise<StoredMessage>;
  /** The newest `limit` messages of the room, oldest first (decrypted). */
  recentMessages(room: string, limit: number): Promise<StoredMessage[]>;
  /** The room's bot members. */
  botMembers(room: string): Promise<MemberRow[]>;
  /** How many people (members that are not bots) the room has: 1 is a one-to-one conversation with its bots. */
  people(room: string): Promise<number>;
  /** A user's name and profile (the runtime passes on only the fields a plugin declared). */
  userProfile(userId: string): Promise<{ id: string; name: string; profile: Record<string, unknown> } | null>;
  /** Queues a turn's usage record; records are written in batches (one statement per second at most). */
  recordTurn(turn: TurnRecord): void;
  /** The engine's Prometheus registry, for the runtime's own metrics. */
  readonly registry: Registry;
  /** Writes queued turn records (on shutdown). */
  flush(): Promise<void>;
  /** Signs bots' tool proposals and reads back answered ones (the key stays in the engine); see confirmations/. */
  readonly confirmations?: ConfirmationSigner;
  /** Bots an admin switched off in the room (they neither label nor answer there); see engine/src/admin/README.md. */
  disabledBots?(room: string): Promise<ReadonlySet<string>>;
  /** The engine's safety layer: conversation risk, crisis events and the crisis card (engine/src/safety/service.ts). */
  readonly safety?: SafetyGate;
}

export type { BotPluginStatus } from '../../schema/admin.ts';

/** What the engine calls on a bot runtime. */
export interface BotHost {
  /** Every durably stored message, in each room's offset order, after it was pushed to the room. */
  onStored(message: StoredMessage): void;
  /** Cancels a running turn of the room; true if one was running. */
  cancel(room: string, turn: string): boolean;
  /** Stops running turns (they end `cancelled`) and releases workers. */
  close(): Promise<void>;
  /** The installed plugins and their state, for the admin surface. */
  status?(): BotPluginStatus[];
}

/** How long a user's profile is reused for new turns (profile edits show up within this time). */
const PROFILE_TTL_MS = 30_000;
const PROFILE_CACHE_MAX = 10_000;
const TURN_RECORD_FLUSH_MS = 1000;

export function createEngineBridge(
  hub: RoomHub, writer: MessageWriter, store: Store, registry: Registry, log: Logger,
  switches?: { disabled(room: string): Promise<ReadonlySet<string>> },
): EngineBridge & { forgetProfile(userId: string): void } {
  const profiles = new Map<string, { at: number; value: { id: string; name: string; profile: Record<string, unknown> } | null }>();
  let records: TurnRecord[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = async () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = records;
    records = [];
    await store.recordTurns(batch).catch((err: unknown) => log.warn({ err, turns: batch.length }, 'could not record turn usage'));
  };
  return {
    registry,
    flush,
    ...(switches ? { disabledBots: (room: string) => switches.disabled(room) } : {}),
    publish: (room, push) => hub.publishPush(room, push),
    publishTo: (room, userId, push) => hub.publishPushTo(room, userId, push),
    /** A profile edit on this node reaches the next turn at once (other nodes within PROFILE_TTL_MS). */
    forgetProfile: (userId) => void profiles.delete(userId),
    async storeBotMessage({ room, msgId, bot, body }) {
      const outcome = await writer.append({ roomId: room, msgId, sender: { id: bot.name, kind: 'bot', name: bot.title }, body, ts: Date.now() });
      return outcome.message;
    },
    async recentMessages(room, limit) {
      const state = await hub.load(room);
      if (!state) return [];
      return state.cachedLatest(limit) ?? store.readLatest(room, limit, state.publishedOffset + 1);
    },
    async botMembers(room) {
      const state = await hub.load(room);
      return state ? [...state.members.values()].filter((m) => m.kind === 'bot') : [];
    },
    async people(room) {
      const state = await hub.load(room);
      return state ? [...state.members.values()].filter((m) => m.kind === 'user').length : 0;
    },
    async userProfile(userId) {
      const cached = profiles.get(userId);
      if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.value;
      const user = await store.findUserById(userId);
      const value = user ? { id: user.id, name: user.name, profile: user.profile } : null;
      if (profiles.size >= PROFILE_CACHE_MAX) profiles.clear();
      profiles.set(userId, { at: Date.now(), value });
      return value;
    },
    recordTurn(turn) {
      records.push(turn);
      flushTimer ??= setTimeout(() => void flush(), TURN_RECORD_FLUSH_MS);
      flushTimer.unref();
    },
  };
}
