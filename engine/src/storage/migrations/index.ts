/**
 * @module migrations
 * The ordered list of schema migrations applied by `createStore` at start. Migrations are listed here explicitly
 * instead of discovered from disk, so they run the same under tsx, vitest and bundlers.
 *
 * Adding one: change the entities, then run the MikroORM migrator's `createMigration()` against a database at the
 * current schema with `migrations: { path: 'engine/src/storage/migrations', emit: 'ts' }`, review the file, and
 * append it below. Never edit a migration that has shipped.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122022846 } from './Migration20261122022846.ts';
import { Migration20261122030500 } from './Migration20261122030500.ts';

export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122022846', class: Migration20261122022846 },
  { name: 'Migration20261122030500', class: Migration20261122030500 },
];
