import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';
import { createTestDatabase } from '../support/pg.ts';

describe('encryption at rest and database outages', () => {
  let t: TestEngine;
  beforeAll(async () => { t = await startTestEngine({ writeTimeoutMs: 3000 }); });
  afterAll(() => t?.close());

  it('never stores a message body in plaintext', async () => {
    const { token } = await t.register('Secreta');
    const c = await t.client(token);
    const { room } = await c.ok({ type: 'create', title: 'Diario' });
    const secret = `mi secreto número ${randomUUID()}`;
    await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: secret } });
    const rows = await t.db.query('SELECT row_to_json(m)::text AS row FROM messages m');
    expect(rows.rows).toHaveLength(1);
    const dump = rows.rows[0].row as string;
    const needle = Buffer.from('mi secreto');
    expect(dump).not.toContain('mi secreto');
    expect(dump).not.toContain(needle.toString('hex'));
    expect(dump).not.toContain(needle.toString('base64').slice(0, 12));
    // …and the engine still reads it back.
    expect((await c.ok({ type: 'history', room })).messages[0].body.text).toBe(secret);
    await c.close();
  });

  it('answers send with UNAVAILABLE while the database is down, and accepts the retry once it is back', async () => {
    const { token } = await t.register('Paciente');
    const c = await t.client(token);
    const { room } = await c.ok({ type: 'create' });
    await c.ok({ type: 'join', room });
    await t.db.admin(`ALTER DATABASE ${t.db.name} WITH ALLOW_CONNECTIONS false`);
    await t.db.admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${t.db.name}'`);
    try {
      const msgId = randomUUID();
      const down = await c.request({ type: 'send', room, msgId, body: { text: 'durante la caída' } });
      expect(down.error).toMatchObject({ code: 'UNAVAILABLE', temporary: true });
      expect((await fetch(`${t.httpUrl}/readyz`)).status).toBe(503);
      expect(c.pushes('message')).toEqual([]);

      await t.db.admin(`ALTER DATABASE ${t.db.name} WITH ALLOW_CONNECTIONS true`);
      const retried = await c.ok({ type: 'send', room, msgId, body: { text: 'durante la caída' } });
      expect(retried).toMatchObject({ offset: 1, duplicate: false });
      expect((await fetch(`${t.httpUrl}/readyz`)).status).toBe(200);
    } finally {
      await t.db.admin(`ALTER DATABASE ${t.db.name} WITH ALLOW_CONNECTIONS true`);
    }
    await c.close();
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes pending writes, acknowledges them, pushes disconnect 4500 and loses no acknowledged message', async () => {
    const db = await createTestDatabase('shutdown');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mentalia-shutdown-'));
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', 'engine/src/main.ts'], {
        env: {
          ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn',
          JWT_SECRET: randomBytes(32).toString('hex'), MASTER_KEY: randomBytes(32).toString('base64'),
          SCRYPT_COST: '1024', RATE_PER_SEC: '10000', RATE_BURST: '10000',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines = createInterface({ input: child.stdout! });
      const [line] = (await once(lines, 'line')) as [string];
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)![1];
      const base = `http://127.0.0.1:${port}`;
      const reg: any = await (await fetch(`${base}/api/auth/register`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${randomUUID()}@example.org`, password: 'una contraseña', name: 'Cierre' }),
      })).json();
      const c = await TestClient.connect(`ws://127.0.0.1:${port}/ws`, { codec: 'msgpack' });
      await c.ok({ type: 'auth', token: reg.token });
      const { room } = await c.ok({ type: 'create' });
      await c.ok({ type: 'join', room });

      const ids = Array.from({ length: 400 }, () => randomUUID());
      const replies = ids.map((msgId, i) => c.request({ type: 'send', room, msgId, body: { text: `mensaje ${i}` } }).catch(() => null));
      // (Replies still pending when the socket closes never arrive; they are not acknowledged, so not promised.)
      await c.waitFor((item) => item.ok === true && typeof item.offset === 'number'); // writes are under way
      const exited = once(child, 'exit');
      child.kill('SIGTERM');

      expect(await c.waitForPush('disconnect', () => true, 15_000)).toMatchObject({ code: 4500, reconnect: true });
      expect((await c.closed).code).toBe(4500);
      const [exitCode] = await exited;
      expect(exitCode).toBe(0);

      const acked = c.received.filter((i) => i.ok === true && typeof i.offset === 'number');
      expect(acked.length).toBeGreaterThan(0);
      const stored = await db.query('SELECT msg_id, "offset" FROM messages');
      const storedIds = new Set(stored.rows.map((r) => r.msg_id));
      for (const ack of acked) {
        const command = c.requests.get(ack.id)!;
        if (command.type === 'send') expect(storedIds.has(command.msgId)).toBe(true);
      }
      // Every reply that came back before the disconnect is either an ack or a clean UNAVAILABLE: none was dropped silently.
      const answered = c.received.filter((i) => typeof i.id === 'number' && c.requests.get(i.id)?.type === 'send');
      expect(answered.every((r) => r.ok || r.error.code === 'UNAVAILABLE')).toBe(true);
      void replies;
    } finally {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
