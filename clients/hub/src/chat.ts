/**
 * @module chat
 * The hub's connection to the engine: one SDK client per signed-in session (msgpack over `/ws` on this origin,
 * resume after reconnects, an outbox that survives reloads), its connection state as signals, and the
 * conversation list. Everything socket-related goes through the SDK (clients/sdk).
 */
import { createSignal, type Accessor } from 'solid-js';
import { createClient, localOutboxStorage, type ChatClient, type ConnectionState, type RoomSummary } from '../../sdk/src/index.ts';
import { isExpired, type Session } from './session.ts';
import { webStorage } from './storage.ts';

export interface ConnectionInfo {
  state: ConnectionState;
  /** While reconnecting: when the next attempt starts (ms since the epoch). */
  retryAt?: number;
}

export interface RoomList {
  rooms: RoomSummary[];
  next?: string;
  loading: boolean;
  failed: boolean;
}

export interface ChatSession {
  client: ChatClient;
  connection: Accessor<ConnectionInfo>;
  roomList: Accessor<RoomList>;
  refreshRooms(): Promise<void>;
  loadMoreRooms(): Promise<void>;
  /** A message was seen in a room: move it to the top of the list. */
  touchRoom(room: string, ts: number, offset: number): void;
  /** Adds a room just created, before the list is refreshed. */
  addRoom(summary: RoomSummary): void;
  close(): void;
}

export function socketUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export function outboxKey(userId: string): string {
  return `mentalia.hub.outbox.${userId}`;
}

/**
 * `onExpired` is called (once) when the token can no longer be used: expired, or refused by the engine. The hub
 * then returns to the sign-in screen.
 */
export function startChat(session: Session, onExpired: (reason: 'expired' | 'unauthorized') => void): ChatSession {
  let ended = false;
  const expire = (reason: 'expired' | 'unauthorized') => {
    if (ended) return;
    ended = true;
    queueMicrotask(() => onExpired(reason));
  };

  const client = createClient({
    url: socketUrl(),
    codec: 'msgpack',
    getToken: (reason) => {
      if (reason === 'expired' || isExpired(session)) {
        expire('expired');
        throw new Error('session expired');
      }
      return session.token;
    },
    onTokenExpired: () => expire('expired'),
    // Unsent messages survive a reload, in the same storage as the session (this tab, or this device).
    outboxStorage: localOutboxStorage(outboxKey(session.user.id), webStorage(session.remember ? 'local' : 'session')),
  });

  const [connection, setConnection] = createSignal<ConnectionInfo>({ state: client.state });
  const [roomList, setRoomList] = createSignal<RoomList>({ rooms: [], loading: true, failed: false });

  client.on('state', ({ to, event }) => {
    setConnection(event.type === 'lost' ? { state: to, retryAt: Date.now() + event.delayMs } : { state: to });
    if (to === 'connected') void refreshRooms();
    if (to === 'closed' && event.type === 'close' && (event.code === 4001 || event.code === 4003)) expire('unauthorized');
  });

  async function refreshRooms(): Promise<void> {
    setRoomList((list) => ({ ...list, loading: true, failed: false }));
    try {
      const { rooms, next } = await client.rooms({ limit: 50 });
      setRoomList({ rooms, next, loading: false, failed: false });
    } catch {
      setRoomList((list) => ({ ...list, loading: false, failed: true }));
    }
  }

  async function loadMoreRooms(): Promise<void> {
    const current = roomList();
    if (!current.next || current.loading) return;
    setRoomList({ ...current, loading: true });
    try {
      const { rooms, next } = await client.rooms({ limit: 50, before: current.next });
      setRoomList((list) => {
        const known = new Set(list.rooms.map((r) => r.room));
        return { rooms: [...list.rooms, ...rooms.filter((r) => !known.has(r.room))], next, loading: false, failed: false };
      });
    } catch {
      setRoomList((list) => ({ ...list, loading: false, failed: true }));
    }
  }

  function touchRoom(room: string, ts: number, offset: number): void {
    setRoomList((list) => {
      const found = list.rooms.find((r) => r.room === room);
      if (!found || (found.lastOffset >= offset && found.lastTs >= ts)) return list;
      const updated = { ...found, lastTs: Math.max(found.lastTs, ts), lastOffset: Math.max(found.lastOffset, offset) };
      return { ...list, rooms: [updated, ...list.rooms.filter((r) => r.room !== room)] };
    });
  }

  function addRoom(summary: RoomSummary): void {
    setRoomList((list) => ({ ...list, rooms: [summary, ...list.rooms.filter((r) => r.room !== summary.room)] }));
  }

  void client.connect();

  return {
    client, connection, roomList, refreshRooms, loadMoreRooms, touchRoom, addRoom,
    close() {
      ended = true;
      client.close();
    },
  };
}
