import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/pg.ts';
import { MessageWriter, WriterUnavailableError, type MessageWriterHooks, type MessageWriterOptions } from './message-writer.ts';
import { createStore } from './orm-store.ts';
import { StoreUnavailableError, type AppendOutcome, type PendingMessage, type RoomRow, type Store } from './store.ts';
import { pendingMessage, silentLogger, testConfig } from './test-fixtures.ts';

let db: TestDatabase;
let store: Store;

beforeAll(async () => {
  db = await createTestDatabase('writer');
  store = await createStore(testConfig(db.url), silentLogger());
});

afterAll(async () => {
  await store.close();
  await db.drop();
});

async function newRoom(): Promise<RoomRow> {
  const owner = await store.createGuest({ name: 'Owner' });
  return store.createRoom({ ownerId: owner.id, ownerName: owner.name, title: 't', users: [], bots: [] });
}

const defaults: MessageWriterOptions = { batchMax: 64, queueMax: 1000, timeoutMs: 5000 };

function writerOn(target: Store, options: Partial<MessageWriterOptions> = {}, hooks: MessageWriterHooks = {}) {
  const stored: AppendOutcome[][] = [];
  const writer = new MessageWriter(target, { ...defaults, ...options }, (outcomes) => stored.push(outcomes), silentLogger(), hooks);
  return { writer, stored };
}

/** A store whose appendMessages waits until released, to hold a batch in flight. */
function gatedStore(inner: Store) {
  const calls: PendingMessage[][] = [];
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  let onCall: () => void = () => undefined;
  const called = () => new Promise<void>((resolve) => (onCall = resolve));
  const gated: Store = Object.create(inner) as Store;
  gated.appendMessages = async (batch) => {
    calls.push(batch);
    onCall();
    await gate;
    return inner.appendMessages(batch);
  };
  return {
    store: gated, calls, called,
    open: () => release(),
    close: () => (gate = new Promise<void>((resolve) => (release = resolve))),
  };
}

describe('MessageWriter', () => {
  it('groups concurrent appends into few transactions, never more than batchMax each', async () => {
    const room = await newRoom();
    const sizes: number[] = [];
    const { writer, stored } = writerOn(store, { batchMax: 16 }, { onBatch: (size) => sizes.push(size) });
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => writer.append(pendingMessage(room.id, `m${i}`, `t${i}`))));
    expect(results.map((r) => r.message.offset)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100);
    expect(sizes.length).toBeLessThanOrEqual(Math.ceil(100 / 16) + 1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(16);
    expect(stored.flat()).toHaveLength(100);
    expect(writer.pending).toBe(0);
    expect(writer.lagMs).toBe(0);
  });

  it('runs batches of different rooms in parallel, never two batches of one room', async () => {
    const [a, b] = [await newRoom(), await newRoom()];
    const gate = gatedStore(store);
    const { writer, stored } = writerOn(gate.store);
    const firstCall = gate.called();
    const a1 = writer.append(pendingMessage(a.id, 'a1', 'x'));
    await firstCall;
    const secondCall = gate.called();
    const a2 = writer.append(pendingMessage(a.id, 'a2', 'x'));
    const b1 = writer.append(pendingMessage(b.id, 'b1', 'x'));
    await secondCall; // b1 went out while a1 is still in flight; a2 waits for a1
    expect(gate.calls.map((c) => c.map((m) => m.msgId))).toEqual([['a1'], ['b1']]);
    gate.open();
    await Promise.all([a1, a2, b1]);
    expect(gate.calls.map((c) => c.map((m) => m.msgId))).toEqual([['a1'], ['b1'], ['a2']]);
    const roomA = stored.flat().filter((o) => o.message.room === a.id).map((o) => [o.message.msgId, o.message.offset]);
    expect(roomA).toEqual([['a1', 1], ['a2', 2]]);
  });

  it('keeps one transaction per room in flight; what arrives meanwhile forms the next batch', async () => {
    const room = await newRoom();
    const gate = gatedStore(store);
    const { writer } = writerOn(gate.store);
    const firstCall = gate.called();
    const first = writer.append(pendingMessage(room.id, 'first', 'x'));
    await firstCall;
    const rest = Array.from({ length: 5 }, (_, i) => writer.append(pendingMessage(room.id, `later${i}`, 'x')));
    expect(gate.calls).toHaveLength(1);
    expect(writer.pending).toBe(6);
    expect(writer.lagMs).toBeGreaterThanOrEqual(0);
    gate.open();
    await Promise.all([first, ...rest]);
    expect(gate.calls.map((c) => c.length)).toEqual([1, 5]);
  });

  it('calls onStored with the new outcomes in offset order before resolving appends, and resolves duplicates with the original', async () => {
    const room = await newRoom();
    const events: string[] = [];
    const writer = new MessageWriter(store, defaults, (outcomes) => {
      expect(outcomes.every((o) => !o.duplicate)).toBe(true);
      events.push(`stored ${outcomes.map((o) => o.message.offset).join(',')}`);
    }, silentLogger());
    const appends = ['a', 'b', 'a', 'c'].map((id, i) =>
      writer.append(pendingMessage(room.id, id, `body ${i}`)).then((outcome) => {
        events.push(`resolved ${id}${outcome.duplicate ? ' dup' : ''}`);
        return outcome;
      }),
    );
    const outcomes = await Promise.all(appends);
    expect(events[0]).toBe('stored 1,2,3');
    expect(events.slice(1).sort()).toEqual(['resolved a', 'resolved a dup', 'resolved b', 'resolved c']);
    expect(outcomes[2]).toMatchObject({ duplicate: true, message: { offset: 1, body: { text: 'body 0' } } });

    const again = await writer.append(pendingMessage(room.id, 'b', 'retry'));
    expect(again).toMatchObject({ duplicate: true, message: { offset: 2, body: { text: 'body 1' } } });
    expect(events).toHaveLength(5); // a batch of only duplicates stores nothing, so no onStored
  });

  it('rejects at once when the queue is full', async () => {
    const room = await newRoom();
    const gate = gatedStore(store);
    const rejected: string[] = [];
    const { writer } = writerOn(gate.store, { queueMax: 3 }, { onReject: (reason) => rejected.push(reason) });
    const accepted = [1, 2, 3].map((i) => writer.append(pendingMessage(room.id, `q${i}`, 'x')));
    await expect(writer.append(pendingMessage(room.id, 'q4', 'x'))).rejects.toBeInstanceOf(WriterUnavailableError);
    expect(rejected).toEqual(['queue-full']);
    gate.open();
    await Promise.all(accepted);
    await expect(writer.append(pendingMessage(room.id, 'q5', 'x'))).resolves.toMatchObject({ duplicate: false });
  });

  it('rejects a write that is not durable in time, dropping it if it never reached the database', async () => {
    const room = await newRoom();
    const gate = gatedStore(store);
    const { writer, stored } = writerOn(gate.store, { timeoutMs: 100 });
    const inFlight = writer.append(pendingMessage(room.id, 'slow-1', 'x')); // same room: slow-2 must wait for it
    await gate.called();
    const queued = writer.append(pendingMessage(room.id, 'slow-2', 'x'));
    await expect(inFlight).rejects.toThrow(/not durable within 100 ms/);
    await expect(queued).rejects.toBeInstanceOf(WriterUnavailableError);
    expect(writer.pending).toBe(1); // the in-flight one is still running
    const drained = writer.drain(5000);
    gate.open();
    await drained;
    // The in-flight message did commit and is reported; the queued one was dropped.
    expect(stored.flat().map((o) => o.message.msgId)).toEqual(['slow-1']);
    expect(gate.calls.map((c) => c.map((m) => m.msgId))).toEqual([['slow-1']]);
  });

  it('drains: resolves once everything queued is written', async () => {
    const room = await newRoom();
    const { writer, stored } = writerOn(store, { batchMax: 8 });
    const appends = Array.from({ length: 40 }, (_, i) => writer.append(pendingMessage(room.id, `d${i}`, 'x')));
    await writer.drain(10_000);
    expect(writer.pending).toBe(0);
    expect(stored.flat()).toHaveLength(40);
    await Promise.all(appends);
    await expect(writerOn(store).writer.drain(1)).resolves.toBeUndefined();
  });

  it('gives up draining after its timeout when the database never answers', async () => {
    const room = await newRoom();
    const gate = gatedStore(store);
    const { writer } = writerOn(gate.store);
    const stuck = writer.append(pendingMessage(room.id, 'stuck', 'x')).catch(() => undefined);
    await gate.called();
    await writer.drain(50);
    expect(writer.pending).toBe(1);
    gate.open();
    await stuck;
  });

  it('rejects quickly with WriterUnavailableError while the database refuses connections, and recovers', async () => {
    const room = await newRoom();
    const failures: number[] = [];
    const { writer } = writerOn(store, { timeoutMs: 10_000 }, { onBatch: (size, _ms, ok) => !ok && failures.push(size) });
    await writer.append(pendingMessage(room.id, 'before', 'x'));

    await db.admin(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS false`);
    await db.admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.name}'`);
    try {
      const started = Date.now();
      const during = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => writer.append(pendingMessage(room.id, `during${i}`, 'x'))));
      expect(during.every((r) => r.status === 'rejected' && r.reason instanceof WriterUnavailableError)).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(failures.length).toBeGreaterThan(0);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await db.admin(`ALTER DATABASE ${db.name} WITH ALLOW_CONNECTIONS true`);
    }

    const after = await writer.append(pendingMessage(room.id, 'after', 'x'));
    expect(after).toMatchObject({ duplicate: false, message: { offset: 2 } });
  });
});
