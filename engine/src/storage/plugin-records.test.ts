import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/pg.ts';
import type { StorageBinding, StorageRequest } from '../../../bots/host/storage-protocol.ts';
import { createStore } from './orm-store.ts';
import type { BotRow, Store, UserRow } from './store.ts';
import { randomMasterKey, silentLogger, testConfig } from './test-fixtures.ts';

const bot: BotRow = {
  name: 'notes', title: 'Notas', description: 'notes', version: '1.0.0', category: 'developer', capabilities: ['storage'], enabled: true,
};

let db: TestDatabase;
let store: Store;
let config: ReturnType<typeof testConfig>;
const stores: Store[] = [];

beforeAll(async () => {
  db = await createTestDatabase('plugin_records');
  config = testConfig(db.url);
  store = await createStore(config, silentLogger());
  stores.push(store);
  await store.upsertBot(bot);
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await db.drop();
});

const call = (plugin: string, binding: StorageBinding, scope: 'room' | 'user', collection: string, c: StorageRequest['call']) =>
  store.pluginStorage().run(plugin, binding, { scope, collection, call: c });
const binding = (): StorageBinding => ({ room: randomUUID(), user: randomUUID() });

describe('plugin records (the storage capability, engine side)', () => {
  it('inserts, reads, replaces, updates with versions, lists newest first and deletes', async () => {
    const b = binding();
    const created = (await call('notes', b, 'room', 'tasks', { op: 'insert', data: { title: 'Llamar a Ana', status: 'open' } })) as any;
    expect(created).toMatchObject({ data: { title: 'Llamar a Ana', status: 'open' }, version: 1 });
    expect(await call('notes', b, 'room', 'tasks', { op: 'get', id: created.id })).toMatchObject({ id: created.id, version: 1 });
    await call('notes', b, 'room', 'tasks', { op: 'insert', id: 't2', data: { title: 'Informe', status: 'done' } });
    const updated = (await call('notes', b, 'room', 'tasks', { op: 'update', id: created.id, data: { title: 'Llamar a Ana', status: 'done' }, expectedVersion: 1 })) as any;
    expect(updated.version).toBe(2);
    await expect(call('notes', b, 'room', 'tasks', { op: 'update', id: created.id, data: {}, expectedVersion: 1 })).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
    await expect(call('notes', b, 'room', 'tasks', { op: 'update', id: 'nope', data: {} })).rejects.toMatchObject({ code: 'STORAGE_NOT_FOUND' });
    await expect(call('notes', b, 'room', 'tasks', { op: 'insert', id: 't2', data: {} })).rejects.toMatchObject({ code: 'STORAGE_CONFLICT' });
    const put = (await call('notes', b, 'room', 'tasks', { op: 'put', id: 't2', data: { title: 'Informe final', status: 'open' } })) as any;
    expect(put.version).toBe(2);

    const all = (await call('notes', b, 'room', 'tasks', { op: 'list' })) as any[];
    expect(all.map((r) => r.data.title)).toEqual(['Informe final', 'Llamar a Ana']);
    const open = (await call('notes', b, 'room', 'tasks', { op: 'list', where: { status: 'open' } })) as any[];
    expect(open.map((r) => r.id)).toEqual(['t2']);
    expect(await call('notes', b, 'room', 'tasks', { op: 'list', limit: 1 })).toHaveLength(1);

    expect(await call('notes', b, 'room', 'tasks', { op: 'delete', id: 't2' })).toBe(true);
    expect(await call('notes', b, 'room', 'tasks', { op: 'delete', id: 't2' })).toBe(false);
    expect(await call('notes', b, 'room', 'tasks', { op: 'get', id: 't2' })).toBeNull();
  });

  it('keeps plugins, rooms, people and collections apart', async () => {
    const a = binding();
    const other = binding();
    await call('notes', a, 'room', 'notes', { op: 'put', id: 'n', data: { text: 'de la sala A' } });
    await call('notes', a, 'user', 'notes', { op: 'put', id: 'n', data: { text: 'privada de A' } });
    expect(await call('notes', other, 'room', 'notes', { op: 'get', id: 'n' })).toBeNull();
    expect(await call('other-plugin', a, 'room', 'notes', { op: 'get', id: 'n' })).toBeNull();
    expect(await call('notes', a, 'room', 'other', { op: 'get', id: 'n' })).toBeNull();
    expect(((await call('notes', a, 'user', 'notes', { op: 'get', id: 'n' })) as any).data.text).toBe('privada de A');
    await expect(call('notes', { room: a.room }, 'user', 'notes', { op: 'get', id: 'n' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('stores data only sealed, bound to its place: a row copied elsewhere does not open', async () => {
    const b = binding();
    await call('notes', b, 'room', 'notes', { op: 'put', id: 'secret', data: { text: 'MARCA-SECRETA-123' } });
    const rows = await db.query(`SELECT * FROM plugin_records WHERE scope_id = $1`, [b.room]);
    expect(rows.rows).toHaveLength(1);
    expect(JSON.stringify(rows.rows[0])).not.toContain('MARCA-SECRETA');
    expect(Buffer.from(rows.rows[0].ciphertext).toString('latin1')).not.toContain('MARCA-SECRETA');
    const keys = await db.query(`SELECT * FROM plugin_scope_keys WHERE scope_id = $1`, [b.room]);
    expect(keys.rows).toHaveLength(1);
    await db.query(
      `INSERT INTO plugin_records SELECT plugin, scope_kind, scope_id, collection, 'copy', version, ciphertext, nonce, key_id, created_at, updated_at FROM plugin_records WHERE scope_id = $1`,
      [b.room],
    );
    await expect(call('notes', b, 'room', 'notes', { op: 'get', id: 'copy' })).rejects.toThrow(/authenticate/);
  });

  it('exports what plugins keep about a person and erases it with them (shared rooms keep theirs)', async () => {
    const ana: UserRow = await store.createUser({ email: `ana-${randomUUID()}@example.org`, name: 'Ana', passwordHash: 'x' });
    const luis: UserRow = await store.createUser({ email: `luis-${randomUUID()}@example.org`, name: 'Luis', passwordHash: 'x' });
    const own = await store.createRoom({ ownerId: ana.id, ownerName: 'Ana', title: 'solo', users: [], bots: [bot] });
    const shared = await store.createRoom({ ownerId: ana.id, ownerName: 'Ana', title: 'equipo', users: [luis], bots: [bot] });
    await call('notes', { room: own.id, user: ana.id }, 'room', 'memory', { op: 'put', id: 'summary', data: { text: 'resumen de Ana' } });
    await call('notes', { room: shared.id, user: ana.id }, 'room', 'tasks', { op: 'put', id: 't', data: { text: 'tarea del equipo' } });
    await call('notes', { room: own.id, user: ana.id }, 'user', 'prefs', { op: 'put', id: 'p', data: { short: true } });

    const exported = await store.exportUser(ana.id, 'test');
    expect(exported.pluginRecords).toEqual([expect.objectContaining({ plugin: 'notes', collection: 'prefs', id: 'p', data: { short: true } })]);
    expect(exported.conversations.find((c) => c.room.id === own.id)?.pluginRecords).toEqual([
      expect.objectContaining({ collection: 'memory', data: { text: 'resumen de Ana' } }),
    ]);

    await store.eraseUser(ana.id, 'test');
    const left = await db.query(`SELECT scope_kind, scope_id FROM plugin_records WHERE scope_id = ANY($1)`, [[own.id, shared.id, ana.id]]);
    expect(left.rows).toEqual([{ scope_kind: 'room', scope_id: shared.id }]);
    const keys = await db.query(`SELECT scope_id FROM plugin_scope_keys WHERE scope_id = ANY($1)`, [[own.id, ana.id]]);
    expect(keys.rows).toEqual([]);
    expect(await call('notes', { room: own.id }, 'room', 'memory', { op: 'get', id: 'summary' })).toBeNull();
  });

  it('re-wraps scope keys, contact request keys and site secrets on master key rotation: all stay readable with only the new key', async () => {
    const b = binding();
    await call('notes', b, 'room', 'notes', { op: 'put', id: 'n', data: { text: 'sobrevive a la rotación' } });
    await store.contacts().save({ name: 'Eva', email: 'eva@example.org', organisation: null, message: 'hola', locale: 'es' });
    const { secret } = await store.sites().create({ id: 'tienda', name: 'Tienda', allowedOrigins: ['https://tienda.example'], bot: 'notes' });
    const newKey = randomMasterKey();
    const rotating = await createStore({ ...config, masterKey: newKey, masterKeyId: 'k2', masterKeysRetired: `${config.masterKeyId}:${config.masterKey}` }, silentLogger());
    stores.push(rotating);
    expect((await rotating.rotateMasterKey('test')).rewrapped).toBeGreaterThan(0);
    const onlyNew = await createStore({ ...config, masterKey: newKey, masterKeyId: 'k2', masterKeysRetired: undefined }, silentLogger());
    stores.push(onlyNew);
    const record = (await onlyNew.pluginStorage().run('notes', b, { scope: 'room', collection: 'notes', call: { op: 'get', id: 'n' } })) as any;
    expect(record.data.text).toBe('sobrevive a la rotación');
    expect((await onlyNew.contacts().list(10)).map((c) => c.name)).toEqual(['Eva']);
    expect((await onlyNew.sites().getWithSecret('tienda'))?.secret).toBe(secret);
  });
});
