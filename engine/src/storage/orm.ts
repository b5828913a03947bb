/**
 * @module storage/orm
 * Opens MikroORM on a PostgreSQL URL and brings the schema up to date with the checked-in migrations.
 * Connection settings favour failing fast: an unreachable server fails a query within CONNECT_TIMEOUT_MS instead of
 * hanging, so callers can answer UNAVAILABLE and retry.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from 'pino';
import { ALL_ENTITIES } from './entities/index.ts';
import { MIGRATIONS } from './migrations/index.ts';

/** Longest wait for a new TCP connection + PostgreSQL handshake. */
export const CONNECT_TIMEOUT_MS = 2000;
/** Longest wait for a free pooled connection when all are busy. */
export const ACQUIRE_TIMEOUT_MS = 5000;
/** The server ends a session left idle inside a transaction this long (and releases its locks). */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export interface OrmOptions {
  poolMax: number;
}

export async function openOrm(url: string, options: OrmOptions, logger: Logger): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: url,
    // Connect lazily: the migrations below are the first query, so an unreachable server costs one connect timeout.
    connect: false,
    entities: ALL_ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: options.poolMax, acquireTimeoutMillis: ACQUIRE_TIMEOUT_MS },
    driverOptions: {
      connection: {
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        keepAlive: true,
        // A client that dies mid-transaction must not hold room locks forever.
        options: `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
      },
      // knex logs through console by default (e.g. "Connection Error: …" when the server drops a connection).
      log: {
        warn: (message: unknown) => logger.warn({ component: 'knex' }, String(message)),
        error: (message: unknown) => logger.error({ component: 'knex' }, String(message)),
        deprecate: (message: unknown) => logger.debug({ component: 'knex' }, String(message)),
        debug: (message: unknown) => logger.debug({ component: 'knex' }, String(message)),
      },
    },
    // The database is created by whoever provides it (embedded: ./database.ts); never guess here.
    ensureDatabase: false,
    metadataCache: { enabled: false },
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    // Query logging stays off: parameters include password hashes and key material.
    debug: false,
    colors: false,
    logger: (message) => logger.debug({ component: 'mikro-orm' }, message),
  });
  try {
    const applied = await orm.getMigrator().up();
    if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'database migrations applied');
    return orm;
  } catch (err) {
    await orm.close(true);
    throw err;
  }
}
