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
import { Migration20261122064500_plugin_storage } from './Migration20261122064500_plugin_storage.ts';
import { Migration20261122065000_safety } from './Migration20261122065000_safety.ts';
import { Migration20261122070000_admin } from './Migration20261122070000_admin.ts';
import { Migration20261122071000_sites } from './Migration20261122071000_sites.ts';
import { Migration20261122073000_tool_confirmations } from './Migration20261122073000_tool_confirmations.ts';
import { Migration20261122074500_contact } from './Migration20261122074500_contact.ts';

export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122022846', class: Migration20261122022846 },
  { name: 'Migration20261122030500', class: Migration20261122030500 },
  { name: 'Migration20261122064500_plugin_storage', class: Migration20261122064500_plugin_storage },
  { name: 'Migration20261122065000_safety', class: Migration20261122065000_safety },
  { name: 'Migration20261122070000_admin', class: Migration20261122070000_admin },
  { name: 'Migration20261122071000_sites', class: Migration20261122071000_sites },
  { name: 'Migration20261122073000_tool_confirmations', class: Migration20261122073000_tool_confirmations },
  { name: 'Migration20261122074500_contact', class: Migration20261122074500_contact },
];
