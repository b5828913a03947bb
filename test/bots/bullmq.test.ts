/** The BullMQ path: the engine only enqueues; a separate `npm run worker` process runs the plugins. Real Redis. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-${randomUUID()}`; // isolates this file's queue from any other user of the same Redis
const pluginConfig = { echo: { wordDelayMs: 20, useLlm: false } };

let t: TestEngine;
let worker: ChildProcess;

beforeAll(async () => {
  worker = spawn(process.execPath, ['--import', 'tsx', 'bots/runtime/worker-main.ts'], {
    env: { ...process.env, REDIS_URL, BOT_QUEUE_PREFIX: prefix, PLUGINS_DIR: 'plugins', BOTS_CONFIG: JSON.stringify(pluginConfig), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Log lines (e.g. a warning that storage has no database here) may come first: wait for the ready line.
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: worker.stdout! }).on('line', (text) => {
      if (/^worker ready/.test(text)) resolve(text);
    });
    worker.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready`)));
  });
  expect(line).toMatch(/^worker ready \(\d+ plugins\)/);
  t = await startTestEngine({}, {
    bots: { pluginsDirs: [`${process.cwd()}/plugins`], redisUrl: REDIS_URL, localWorker: false, queuePrefix: prefix, pluginConfig },
  });
});

afterAll(async () => {
  await t?.close();
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
const ended = (c: TestClient, turn: string) => c.waitForPush('turn', (p) => p.turn === turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);

describe('BullMQ dispatch to a separate worker process', () => {
  it('streams a turn run by the worker and stores the reply', async () => {
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    await c.ok({ type: 'join', room });
    await say(c, room, 'desde otro proceso');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    const end = await ended(c, start.turn);
    expect(end.phase).toBe('end');
    const text = c.pushes('turn').filter((p) => p.turn === start.turn && p.phase === 'delta').map((p) => p.text).join('');
    expect(text).toContain('desde otro proceso');
    expect((await c.waitForPush('message', (m) => m.offset === end.offset)).body.text).toBe(text);
    await c.close();
  });

  it('cancels a turn running in the worker', async () => {
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    await c.ok({ type: 'join', room });
    await say(c, room, Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '));
    const delta = await c.waitForPush('turn', (p) => p.phase === 'delta');
    expect((await c.ok({ type: 'cancel', room, turn: delta.turn })).cancelled).toBe(true);
    expect((await ended(c, delta.turn)).phase).toBe('cancelled');
    // The worker stopped too: no more deltas for that turn after a later round trip through the same worker.
    await say(c, room, 'otra');
    const next = await c.waitForPush('turn', (p) => p.phase === 'start' && p.turn !== delta.turn);
    await ended(c, next.turn);
    const after = c.pushes('turn').filter((p) => p.turn === delta.turn);
    expect(after.at(-1)!.phase).toBe('cancelled');
    await c.close();
  });
});
