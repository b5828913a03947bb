/**
 * Test databases on a real PostgreSQL: each test file gets its own freshly created database, dropped afterwards.
 * The server comes from TEST_DATABASE_URL (default: the machine's server, postgres://postgres@127.0.0.1:5432/postgres,
 * which `.ci/run` makes sure is running).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL as the server's admin on the admin database (e.g. to cut the test database off). */
  admin(sql: string): Promise<pg.QueryResult>;
  /** Runs SQL inside the test database, bypassing the engine (for raw reads). */
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    admin: (sql) => withClient(ADMIN_URL, (c) => c.query(sql)),
    query: (sql, params) => withClient(url.toString(), (c) => c.query(sql, params as unknown[])),
    drop: () =>
      withClient(ADMIN_URL, async (c) => {
        await c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`).catch(() => undefined);
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }).then(() => undefined),
  };
}
