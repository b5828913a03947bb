/**
 * @module rooms/room-hub
 * Active rooms on this node: loads room state on first use, checks membership, subscribes sockets to a room's
 * uWS topics (one per codec, so each push is encoded once per codec, not once per socket), tracks presence and
 * delivers broker events. The broker is the only path to a room's sockets, local or remote.
 */
import type { Codec, Push, StoredMessage } from '../../../schema/index.ts';
import { CODECS } from '../../../schema/index.ts';
import type { EngineConfig } from '../config.ts';
import { isUuid } from '../ids.ts';
import type { Logger } from '../log.ts';
import type { Connection } from '../socket/connection.ts';
import type { MemberRow, Store } from '../storage/store.ts';
import type { TemplatedApp } from '../transport/uws.ts';
import type { Broker, RoomEvent } from './broker.ts';
import { RoomState } from './room-state.ts';

const IDLE_EVICT_MS = 60_000;

export function roomTopic(room: string, codec: Codec): string {
  return `${room}\x1f${codec.name}`;
}

/** One member's sockets in a room (private pushes), so they too are encoded once per codec. */
export function memberTopic(room: string, userId: string, codec: Codec): string {
  return `${room}\x1f${userId}\x1f${codec.name}`;
}

export class RoomHub {
  private readonly states = new Map<string, RoomState>();
  private readonly loading = new Map<string, Promise<RoomState | null>>();
  /** socket.io connections per room: they have no uWS topics, so fan-out writes to each (connection.ts FrameLink). */
  private readonly linked = new Map<string, Set<Connection>>();

  constructor(
    private readonly app: TemplatedApp,
    private readonly store: Store,
    private readonly broker: Broker,
    private readonly config: Pick<EngineConfig, 'roomCacheSize'>,
    private readonly log: Logger,
  ) {
    broker.onEvent((room, event) => this.deliver(room, event));
  }

  /** The room's state, loading it on first use; null when the room does not exist. */
  load(roomId: string): Promise<RoomState | null> | RoomState | null {
    const state = this.states.get(roomId);
    if (state) {
      state.lastUsed = Date.now();
      return state;
    }
    if (!isUuid(roomId)) return null;
    let pending = this.loading.get(roomId);
    if (!pending) {
      pending = this.fetch(roomId).finally(() => this.loading.delete(roomId));
      this.loading.set(roomId, pending);
    }
    return pending;
  }

  /** The room if `userId` is a member of it; null otherwise (callers answer NOT_FOUND either way). */
  async loadForMember(roomId: string, userId: string): Promise<{ state: RoomState; member: MemberRow } | null> {
    const state = await this.load(roomId);
    const member = state?.members.get(userId);
    return state && member ? { state, member } : null;
  }

  get(roomId: string): RoomState | undefined {
    return this.states.get(roomId);
  }

  /** Starts pushes of the room to this socket and announces the user if they were not online here yet. */
  subscribe(conn: Connection, state: RoomState): void {
    if ((!conn.ws && !conn.link) || conn.rooms.has(state.id)) return;
    if (conn.ws) {
      conn.ws.subscribe(roomTopic(state.id, conn.codec));
      conn.ws.subscribe(memberTopic(state.id, conn.user!.id, conn.codec));
    } else {
      let set = this.linked.get(state.id);
      if (!set) this.linked.set(state.id, (set = new Set()));
      set.add(conn);
    }
    conn.rooms.add(state.id);
    const user = conn.user!;
    const entry = state.online.get(user.id);
    if (entry) entry.sockets++;
    else {
      state.online.set(user.id, { name: user.name, sockets: 1 });
      this.publishPush(state.id, { type: 'presence', room: state.id, joined: [{ id: user.id, name: user.name }], left: [] });
    }
  }

  /** Stops pushes of the room to this socket (socket still open, or closing). */
  unsubscribe(conn: Connection, roomId: string): void {
    if (!conn.rooms.delete(roomId)) return;
    if (conn.ws && !conn.closed) {
      conn.ws.unsubscribe(roomTopic(roomId, conn.codec));
      if (conn.user) conn.ws.unsubscribe(memberTopic(roomId, conn.user.id, conn.codec));
    }
    if (conn.link) {
      const set = this.linked.get(roomId);
      set?.delete(conn);
      if (set?.size === 0) this.linked.delete(roomId);
    }
    const state = this.states.get(roomId);
    const user = conn.user;
    if (!state || !user) return;
    const entry = state.online.get(user.id);
    if (entry && --entry.sockets <= 0) {
      state.online.delete(user.id);
      this.publishPush(roomId, { type: 'presence', room: roomId, joined: [], left: [{ id: user.id }] });
    }
  }

  publishPush(room: string, push: Push): void {
    this.broker.publish(room, { kind: 'push', push });
  }

  /** A push for one member's sockets in the room only. */
  publishPushTo(room: string, userId: string, push: Push): void {
    this.broker.publish(room, { kind: 'push', push, to: userId });
  }

  publishMessage(message: StoredMessage): void {
    this.broker.publish(message.room, { kind: 'message', message });
  }

  /** Drops state of rooms with nobody online here and no recent use, so memory follows activity. */
  evictIdle(now = Date.now()): void {
    for (const [id, state] of this.states) {
      if (state.online.size === 0 && now - state.lastUsed > IDLE_EVICT_MS) {
        this.states.delete(id);
        this.broker.unwatch(id);
      }
    }
  }

  /**
   * Re-reads a loaded room after another process changed it (erasure): new epoch, members and recent history, so
   * no erased message is served from memory. Rooms not loaded here need nothing.
   */
  async refresh(roomId: string): Promise<void> {
    const state = this.states.get(roomId);
    if (!state) return;
    const room = await this.store.getRoom(roomId);
    if (!room) {
      this.states.delete(roomId);
      return;
    }
    const [members, recent] = await Promise.all([this.store.listMembers(roomId), this.store.readLatest(roomId, this.config.roomCacheSize)]);
    state.reload(room, members, recent);
  }

  get activeRooms(): number {
    return this.states.size;
  }

  private async fetch(roomId: string): Promise<RoomState | null> {
    const room = await this.store.getRoom(roomId);
    if (!room) return null;
    const [members, recent] = await Promise.all([
      this.store.listMembers(roomId),
      this.store.readLatest(roomId, this.config.roomCacheSize),
    ]);
    // Another load may have won while we awaited (loads are deduplicated, but be safe).
    const existing = this.states.get(roomId);
    if (existing) return existing;
    const state = new RoomState(room, members, recent, this.config.roomCacheSize);
    this.states.set(roomId, state);
    this.broker.watch(roomId);
    return state;
  }

  private deliver(room: string, event: RoomEvent): void {
    if (event.kind === 'push') {
      this.fanOut(room, event.push, event.to);
      return;
    }
    const state = this.states.get(room);
    if (!state) return; // nobody here is subscribed; the message is in the database for later joins
    const outcome = state.append(event.message);
    if (outcome === 'seen') return;
    if (outcome === 'gap') {
      // Only possible with several nodes: we missed an event. Drop the state; the next use reloads it from the
      // database and clients recover through `join … since`.
      this.log.warn({ room, offset: event.message.offset, published: state.publishedOffset }, 'room stream gap; reloading state');
      this.states.delete(room);
      return;
    }
    this.fanOut(room, { type: 'message', ...event.message });
  }

  /** To the room's sockets, or only to member `to`'s. */
  private fanOut(room: string, push: Push, to?: string): void {
    for (const codec of Object.values(CODECS)) {
      const topic = to === undefined ? roomTopic(room, codec) : memberTopic(room, to, codec);
      if (this.app.numSubscribers(topic) === 0) continue;
      this.app.publish(topic, codec.encode(push), codec.binary);
    }
    const linked = this.linked.get(room);
    if (!linked) return;
    const frames = new Map<Codec, string | Uint8Array>();
    for (const conn of linked) {
      if (to !== undefined && conn.user?.id !== to) continue;
      let frame = frames.get(conn.codec);
      if (frame === undefined) frames.set(conn.codec, (frame = conn.codec.encode(push)));
      conn.sendEncoded(frame);
    }
  }
}
