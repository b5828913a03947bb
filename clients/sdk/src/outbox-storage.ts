/**
 * @module outbox-storage
 * Where unsent messages survive: memory by default; `localStorage` (when the page has it) so a message typed
 * offline is still sent after a reload. Any object with `load`/`save` works (e.g. a React Native store).
 */
import type { MessageBody } from '../../../schema/protocol.ts';

/** What is kept of an unsent message. */
export interface PersistedOutgoing {
  msgId: string;
  room: string;
  body: MessageBody;
  createdAt: number;
  /** The user it was written as; absent when written before the first `auth`. */
  userId?: string;
}

export interface OutboxStorage {
  load(): PersistedOutgoing[];
  save(entries: readonly PersistedOutgoing[]): void;
}

export function memoryOutboxStorage(): OutboxStorage {
  let saved: PersistedOutgoing[] = [];
  return {
    load: () => saved.map((e) => ({ ...e })),
    save: (entries) => { saved = entries.map((e) => ({ ...e })); },
  };
}

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps the outbox in `localStorage` under `key`; falls back to memory where there is none (Node, some
 * sandboxed iframes) or where it refuses writes (quota, private mode). Tabs sharing it may both send an entry:
 * the engine stores it once (same `msgId`).
 */
export function localOutboxStorage(key = 'mentalia.outbox', store?: KeyValueStore): OutboxStorage {
  const target = store ?? findLocalStorage();
  if (!target) return memoryOutboxStorage();
  const fallback = memoryOutboxStorage();
  return {
    load() {
      try {
        const raw = target.getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : [];
        return Array.isArray(parsed) ? parsed.filter(isPersistedOutgoing) : [];
      } catch {
        return fallback.load();
      }
    },
    save(entries) {
      try {
        if (entries.length === 0) target.removeItem(key);
        else target.setItem(key, JSON.stringify(entries));
      } catch {
        fallback.save(entries);
      }
    },
  };
}

function findLocalStorage(): KeyValueStore | undefined {
  try {
    // Reading the property itself throws where storage is blocked (third-party iframes with cookies off).
    return (globalThis as { localStorage?: KeyValueStore }).localStorage;
  } catch {
    return undefined;
  }
}

function isPersistedOutgoing(value: unknown): value is PersistedOutgoing {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const body = v.body as Record<string, unknown> | undefined;
  return typeof v.msgId === 'string' && typeof v.room === 'string' && typeof v.createdAt === 'number'
    && typeof body === 'object' && body !== null && typeof body.text === 'string'
    && (v.userId === undefined || typeof v.userId === 'string');
}
