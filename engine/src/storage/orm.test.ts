import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/pg.ts';
import { openOrm } from './orm.ts';
import { silentLogger } from './test-fixtures.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('orm');
});
afterAll(async () => {
  await db.drop();
});

describe('openOrm', () => {
  it('migrates an empty database to exactly the schema the entities describe, and is idempotent', async () => {
    const orm = await openOrm(db.url, { poolMax: 2 }, silentLogger());
    try {
      // A non-empty diff means an entity changed without a migration (or a migration was edited).
      expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close();
    }
    const again = await openOrm(db.url, { poolMax: 2 }, silentLogger());
    expect(await again.getMigrator().getPendingMigrations()).toEqual([]);
    await again.close();
  });
});
