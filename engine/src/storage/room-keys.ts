/**
 * @module storage/room-keys
 * Per-room data keys: generation, wrapping under the master key, and a bounded in-memory cache of unwrapped keys so
 * the hot path does not unwrap on every message. The cache is keyed by room and checked against the key id of what
 * is read or written, so a key replaced by another node (after crypto-shredding) is never used by mistake.
 */
import { randomBytes } from 'node:crypto';
import { LruCache } from '../crypto/lru-cache.ts';
import { generateDataKey, type Keyring, type WrappedDataKey } from '../crypto/keyring.ts';

/** An unwrapped data key. Lives only in memory. */
export interface RoomKey {
  keyId: string;
  dataKey: Buffer;
}

/** A data key as stored in conversation_keys. */
export interface StoredRoomKey extends WrappedDataKey {
  keyId: string;
}

export const DEFAULT_ROOM_KEY_CACHE_SIZE = 10_000;

export class RoomKeys {
  readonly #cache: LruCache<string, RoomKey>;

  constructor(private readonly keyring: Keyring, cacheSize = DEFAULT_ROOM_KEY_CACHE_SIZE) {
    this.#cache = new LruCache(cacheSize);
  }

  get activeMasterKeyId(): string {
    return this.keyring.activeKeyId;
  }

  /** A fresh data key for `roomId`, wrapped for storage. Call `remember` once the row is committed. */
  create(roomId: string): { key: RoomKey; stored: StoredRoomKey } {
    const key: RoomKey = { keyId: randomBytes(6).toString('base64url'), dataKey: generateDataKey() };
    const stored = { keyId: key.keyId, ...this.keyring.wrap(key.dataKey, wrapContext(roomId, key.keyId)) };
    return { key, stored };
  }

  /** Remembers a key once the row that stores it is committed. */
  remember(roomId: string, key: RoomKey): void {
    this.#cache.set(roomId, key);
  }

  /** The cached key of `roomId`, if it is the one with `keyId`. */
  cached(roomId: string, keyId: string): RoomKey | undefined {
    const key = this.#cache.get(roomId);
    return key?.keyId === keyId ? key : undefined;
  }

  /** The most recent key seen for `roomId`, unchecked: the fast write path verifies its id in the same statement. */
  latest(roomId: string): RoomKey | undefined {
    return this.#cache.get(roomId);
  }

  /** Unwraps a stored key (or takes it from the cache). */
  open(roomId: string, stored: StoredRoomKey): RoomKey {
    const hit = this.cached(roomId, stored.keyId);
    if (hit) return hit;
    const key = { keyId: stored.keyId, dataKey: this.keyring.unwrap(stored, wrapContext(roomId, stored.keyId)) };
    this.#cache.set(roomId, key);
    return key;
  }

  /** The same key wrapped under the active master key (for master key rotation). */
  rewrap(roomId: string, stored: StoredRoomKey): StoredRoomKey {
    const dataKey = this.keyring.unwrap(stored, wrapContext(roomId, stored.keyId));
    return { keyId: stored.keyId, ...this.keyring.wrap(dataKey, wrapContext(roomId, stored.keyId)) };
  }

  forget(roomId: string): void {
    this.#cache.delete(roomId);
  }
}

function wrapContext(roomId: string, keyId: string): string {
  return `${roomId}\0${keyId}`;
}
