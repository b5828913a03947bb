import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/pg.ts';
import { createStore } from '../storage/orm-store.ts';
import { pendingMessage, silentLogger, testConfig } from '../storage/test-fixtures.ts';
import type { Store, UserRow } from '../storage/store.ts';
import { runAdmin, USAGE } from './admin.ts';

let db: TestDatabase;
let config: ReturnType<typeof testConfig>;
let store: Store;
let user: UserRow;

beforeAll(async () => {
  db = await createTestDatabase('admin');
  config = testConfig(db.url);
  store = await createStore(config, silentLogger());
  user = await store.createUser({ email: 'cli@example.org', name: 'Cli', passwordHash: 'h' });
  const room = await store.createRoom({ ownerId: user.id, ownerName: 'Cli', title: 'r', users: [], bots: [] });
  await store.appendMessages([pendingMessage(room.id, 'm1', 'exported text', { id: user.id, kind: 'user', name: 'Cli' })]);
});

afterAll(async () => {
  await store.close();
  await db.drop();
});

async function admin(args: string[], overrides: Partial<typeof config> = {}) {
  let out = '';
  let err = '';
  const code = await runAdmin(args, { ...config, ...overrides }, silentLogger(), { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function auditActions(): Promise<{ actor_id: string; action: string }[]> {
  return (await db.query(`SELECT actor_id, action FROM audit_log ORDER BY id`)).rows as { actor_id: string; action: string }[];
}

describe('engine:admin', () => {
  it('prints the usage and exits 2 on bad arguments', async () => {
    for (const args of [[], ['nope'], ['export-user'], ['rotate-master-key', 'extra'], ['erase-user', 'a', 'b']]) {
      expect(await admin(args)).toEqual({ code: 2, out: '', err: USAGE });
    }
  });

  it('exports a user by e-mail as JSON', async () => {
    const { code, out } = await admin(['export-user', 'cli@example.org']);
    expect(code).toBe(0);
    const exported = JSON.parse(out) as { user: { id: string }; conversations: { messages: { body: { text: string } }[] }[] };
    expect(exported.user.id).toBe(user.id);
    expect(exported.conversations[0]?.messages[0]?.body.text).toBe('exported text');
  });

  it('fails with exit code 1 for an unknown user', async () => {
    expect(await admin(['erase-user', 'nobody@example.org'])).toMatchObject({ code: 1, err: expect.stringContaining('No user matches') });
  });

  it('rotates the master key and erases a user by id, audited as "cli"', async () => {
    const newKey = randomBytes(32).toString('base64');
    const rotated = await admin(['rotate-master-key'], { masterKey: newKey, masterKeyId: 'k2', masterKeysRetired: `k1:${config.masterKey}` });
    expect(rotated).toMatchObject({ code: 0, out: '{"rewrapped":1}\n' });

    const erased = await admin(['erase-user', user.id], { masterKey: newKey, masterKeyId: 'k2' });
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.out)).toMatchObject({ userId: user.id, shreddedRooms: [expect.any(String)] });
    expect(await auditActions()).toEqual([
      { actor_id: 'cli', action: 'user.export' },
      { actor_id: 'cli', action: 'master-key.rotate' },
      { actor_id: 'cli', action: 'user.erase' },
    ]);
  });

  it('runs as `npm run engine:admin` and exits non-zero on bad usage', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'engine/src/cli/admin.ts', 'bogus'], { cwd: process.cwd() });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run engine:admin') });
  });
});
