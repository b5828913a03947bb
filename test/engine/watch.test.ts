/**
 * Live stats over the socket (`watch` → `stats`), against the real engine with the real bot runtime (echo and the
 * failing fixture bots): the public `impact` topic for guests, the admin-only `engine` topic, the cadence,
 * unsubscribing, and bad input.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../engine/src/auth/tokens.ts';
import { createLogger } from '../../engine/src/log.ts';
import { TestClient, type Item } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: ['plugins', 'bots/host/fixtures'].map((d) => `${process.cwd()}/${d}`),
      pluginConfig: { echo: { wordDelayMs: 5, useLlm: false } },
      coalesceMs: 10,
    },
  });
});
afterAll(() => t?.close());

const guestClient = async () => t.client((await t.post('/api/auth/guest', {})).body.token);
const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
const stats = (c: TestClient, topic: string, match: (data: any) => boolean, timeoutMs = 5000) =>
  c.waitForPush('stats', (p) => p.topic === topic && match(p.data), timeoutMs);
const countMessagesInDb = async () => {
  const client = new pg.Client({ connectionString: t.db.url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM messages')).rows[0].n);
  } finally {
    await client.end();
  }
};

async function adminClient(): Promise<TestClient> {
  // Roles are read from the account when the socket authenticates: the admin is made in the database.
  const user = await t.store.createUser({ email: `${randomUUID()}@example.org`, name: 'Admin', passwordHash: 'unused', roles: ['user', 'admin'] });
  const tokens = await createTokenService(t.config, createLogger('silent'));
  return t.client(await tokens.issue(user));
}

describe('watch impact (public)', () => {
  it('answers a guest with the real figures at once, before the reply', async () => {
    const guest = await guestClient();
    const reply = await guest.ok({ type: 'watch', topic: 'impact' });
    expect(reply).toMatchObject({ topic: 'impact', on: true });
    const pushes = guest.pushes('stats');
    expect(pushes).toHaveLength(1);
    // The push came before the reply (subscribe-time sample).
    expect(guest.received.indexOf(pushes[0]!)).toBeLessThan(guest.received.indexOf(reply));
    const enabledBots = ((await (await fetch(`${t.httpUrl}/api/bots`)).json()) as unknown[]).length;
    expect(enabledBots).toBeGreaterThan(0);
    expect(pushes[0]).toMatchObject({
      type: 'stats', topic: 'impact',
      data: { connections: expect.any(Number), messagesToday: await countMessagesInDb(), botsAvailable: enabledBots },
    });
    expect(pushes[0]!.data.connections).toBeGreaterThanOrEqual(1);
    expect(Math.abs(pushes[0]!.ts - Date.now())).toBeLessThan(5000);
    await guest.close();
  });

  it('moves when someone connects and when a message is stored, and matches the database', async () => {
    const watcher = await guestClient();
    const first = (await watcher.ok({ type: 'watch', topic: 'impact' }), watcher.pushes('stats')[0]!) as Item;
    const { connections, messagesToday } = first.data;

    const ana = await t.client((await t.register('Ana')).token);
    await stats(watcher, 'impact', (d) => d.connections === connections + 1);

    const { room } = await ana.ok({ type: 'create', title: 'cifras' });
    await say(ana, room, 'uno');
    await say(ana, room, 'dos');
    const after = await stats(watcher, 'impact', (d) => d.messagesToday >= messagesToday + 2);
    expect(after.data.messagesToday).toBe(await countMessagesInDb());

    await ana.close();
    await stats(watcher, 'impact', (d) => d.connections === connections);
    await watcher.close();
  });

  it('pushes about once a second, and stops after `on: false`', async () => {
    const a = await guestClient();
    const b = await guestClient();
    await a.ok({ type: 'watch', topic: 'impact' });
    await b.ok({ type: 'watch', topic: 'impact' });
    const tick1 = await b.waitForPush('stats', (p) => p !== b.pushes('stats')[0]);
    const tick2 = await b.waitForPush('stats', (p) => p.ts > tick1.ts, 3000);
    expect(tick2.ts - tick1.ts).toBeGreaterThanOrEqual(800);
    expect(tick2.ts - tick1.ts).toBeLessThan(2500);

    expect(await a.ok({ type: 'watch', topic: 'impact', on: false })).toMatchObject({ topic: 'impact', on: false });
    const seenByA = a.pushes('stats').length;
    // Two more ticks reach b; none reaches a.
    const later = await b.waitForPush('stats', (p) => p.ts > tick2.ts, 3000);
    await b.waitForPush('stats', (p) => p.ts > later.ts, 3000);
    expect(a.pushes('stats')).toHaveLength(seenByA);
    await a.close();
    await b.close();
  });
});

describe('watch engine (admin)', () => {
  it('refuses people without the admin role', async () => {
    const guest = await guestClient();
    expect((await guest.request({ type: 'watch', topic: 'engine' })).error).toMatchObject({ code: 'FORBIDDEN' });
    const user = await t.client((await t.register('Beto')).token);
    expect((await user.request({ type: 'watch', topic: 'engine' })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect(user.pushes('stats')).toEqual([]);
    await guest.close();
    await user.close();
  });

  it('streams the engine counters: messages/s, write batches, bot turns and their errors', async () => {
    const admin = await adminClient();
    await admin.ok({ type: 'watch', topic: 'engine' });
    const first = admin.pushes('stats')[0]!;
    expect(first).toMatchObject({
      topic: 'engine',
      data: {
        connections: expect.any(Number), messagesPerSec: 0, commandsPerSec: 0, errorsPerSec: 0, uptimeS: expect.any(Number),
        persistence: { pending: expect.any(Number), lagMs: expect.any(Number), batches: 0, batchMs: null },
        bots: { inFlight: expect.any(Number), queued: null, turns: 0, errors: 0, errorRate: 0 },
      },
    });

    const user = await t.client((await t.register('Carla')).token);
    const echoRoom = (await user.ok({ type: 'create', bot: 'echo' })).room;
    const throwsRoom = (await user.ok({ type: 'create', bot: 'throws' })).room;
    await user.ok({ type: 'join', room: echoRoom });
    await user.ok({ type: 'join', room: throwsRoom });
    await say(user, echoRoom, 'hola eco');
    await say(user, throwsRoom, 'hola');
    await user.waitForPush('turn', (p) => p.room === echoRoom && p.phase === 'end', 15_000);
    await user.waitForPush('turn', (p) => p.room === throwsRoom && p.phase === 'error', 15_000);

    const busy = await stats(admin, 'engine', (d) => d.messagesPerSec > 0 && d.persistence.batches > 0);
    expect(busy.data.persistence.batchMs).toBeGreaterThan(0);
    const bots = await stats(admin, 'engine', (d) => d.bots.turns >= 2 && d.bots.errors >= 1, 15_000);
    expect(bots.data.bots.errorRate).toBeCloseTo(bots.data.bots.errors / bots.data.bots.turns, 3);
    expect(bots.data.bots.errorRate).toBeGreaterThan(0);
    expect(bots.data.bots.errorRate).toBeLessThan(1);
    await user.close();
    await admin.close();
  });
});

describe('bad input', () => {
  it('answers coded errors and keeps serving', async () => {
    const guest = await guestClient();
    expect((await guest.request({ type: 'watch', topic: 'secrets' })).error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('topic') });
    expect((await guest.request({ type: 'watch' })).error).toMatchObject({ code: 'BAD_ARGS' });
    expect((await guest.request({ type: 'watch', topic: 'impact', on: 'yes' })).error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('on') });
    await guest.ok({ type: 'watch', topic: 'impact' });
    await guest.close();

    const anonymous = await TestClient.connect(t.wsUrl, { codec: 'json' });
    expect((await anonymous.request({ type: 'watch', topic: 'impact' })).error).toMatchObject({ code: 'UNAUTHORIZED' });
    await anonymous.close();
  });
});
