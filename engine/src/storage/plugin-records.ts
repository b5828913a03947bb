/**
 * @module storage/plugin-records
 * The engine side of the SDK's `storage` capability (`bots/host/storage-protocol.ts`): plugin records in PostgreSQL,
 * sealed with AES-256-GCM under a data key per scope (a room or a person) that is stored wrapped by the master key.
 * The associated data binds each ciphertext to plugin, scope, collection, id and key, so rows cannot be swapped
 * between plugins or scopes. Filters run on decrypted data in the engine (nothing of `data` is readable in SQL);
 * collections are capped at `STORAGE_LIMITS.recordsPerCollection` records so that stays cheap.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import { StorageError } from '../../../bots/sdk/index.ts';
import {
  STORAGE_LIMITS, type PluginStorageService, type StorageBinding, type StorageCall, type StorageRequest, type StorageScopeKind,
} from '../../../bots/host/storage-protocol.ts';
import { open, seal } from '../crypto/aead.ts';
import { generateDataKey, type Keyring } from '../crypto/keyring.ts';
import type { ExportedPluginRecord } from './store.ts';

export interface ScopeRef {
  kind: StorageScopeKind;
  id: string;
}

interface ScopeKey {
  keyId: string;
  dataKey: Buffer;
}

interface RecordRow {
  record_id: string;
  version: number;
  ciphertext: Buffer;
  nonce: Buffer;
  key_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface PluginRecordOut {
  id: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const RECORD_COLUMNS = 'record_id, version, ciphertext, nonce, key_id, created_at, updated_at';
/** Rows decrypted per query while a filtered list looks for matches. */
const SCAN_PAGE = 500;

export class PluginRecordStore implements PluginStorageService {
  constructor(private readonly knex: Knex, private readonly keyring: Keyring) {}

  async run(plugin: string, binding: StorageBinding, request: StorageRequest): Promise<unknown> {
    const scope = scopeOf(binding, request.scope);
    const where = { plugin, scope_kind: scope.kind, scope_id: scope.id, collection: request.collection };
    return this.#execute(where, scope, request.call);
  }

  /** Every record of a scope, decrypted, for a person's data export. */
  async exportScope(kind: StorageScopeKind, id: string): Promise<ExportedPluginRecord[]> {
    const scope = { kind, id };
    const key = await this.#storedKey(scope);
    if (key === undefined) return [];
    const rows = await this.knex('plugin_records').select(this.knex.raw(`plugin, collection, ${RECORD_COLUMNS}`))
      .where({ scope_kind: kind, scope_id: id }).orderBy(['plugin', 'collection', 'record_id']) as (RecordRow & { plugin: string; collection: string })[];
    const records: ExportedPluginRecord[] = [];
    for (const row of rows) {
      const where = { plugin: row.plugin, scope_kind: kind, scope_id: id, collection: row.collection };
      const record = await this.#decrypt(where, scope, row, key);
      if (record) records.push({ plugin: row.plugin, collection: row.collection, id: record.id, data: record.data, updatedAt: record.updatedAt });
    }
    return records;
  }

  async #execute(where: RecordKey, scope: ScopeRef, call: StorageCall): Promise<unknown> {
    switch (call.op) {
      case 'get': {
        const row = await this.knex('plugin_records').select(this.knex.raw(RECORD_COLUMNS)).where({ ...where, record_id: call.id }).first();
        return row === undefined ? null : this.#decrypt(where, scope, row as RecordRow);
      }
      case 'insert':
        return this.#insert(where, scope, call.id ?? randomUUID(), call.data);
      case 'put':
        return this.#put(where, scope, call.id, call.data);
      case 'update':
        return this.#update(where, scope, call.id, call.data, call.expectedVersion);
      case 'delete':
        return (await this.knex('plugin_records').where({ ...where, record_id: call.id }).delete()) > 0;
      case 'list':
        return this.#list(where, scope, call.where ?? {}, call.limit ?? STORAGE_LIMITS.listDefault);
    }
  }

  async #insert(where: RecordKey, scope: ScopeRef, id: string, data: Record<string, unknown>): Promise<PluginRecordOut> {
    await this.#checkQuota(where);
    const key = await this.#scopeKey(scope);
    const now = new Date();
    const rows = await this.knex('plugin_records')
      .insert({ ...where, record_id: id, version: 1, ...this.#seal(where, id, key, data), created_at: now, updated_at: now })
      .onConflict(['plugin', 'scope_kind', 'scope_id', 'collection', 'record_id']).ignore()
      .returning(this.knex.raw(RECORD_COLUMNS)) as RecordRow[];
    if (rows.length === 0) throw new StorageError('STORAGE_CONFLICT', `a record "${id}" already exists in "${where.collection}"`);
    return out(rows[0]!, data);
  }

  async #put(where: RecordKey, scope: ScopeRef, id: string, data: Record<string, unknown>): Promise<PluginRecordOut> {
    const exists = await this.knex('plugin_records').where({ ...where, record_id: id }).first(this.knex.raw('1'));
    if (exists === undefined) await this.#checkQuota(where);
    const key = await this.#scopeKey(scope);
    const now = new Date();
    const rows = await this.knex('plugin_records')
      .insert({ ...where, record_id: id, version: 1, ...this.#seal(where, id, key, data), created_at: now, updated_at: now })
      .onConflict(['plugin', 'scope_kind', 'scope_id', 'collection', 'record_id'])
      .merge({
        version: this.knex.raw('plugin_records.version + 1'),
        ciphertext: this.knex.raw('excluded.ciphertext'),
        nonce: this.knex.raw('excluded.nonce'),
        key_id: this.knex.raw('excluded.key_id'),
        updated_at: this.knex.raw('excluded.updated_at'),
      })
      .returning(this.knex.raw(RECORD_COLUMNS)) as RecordRow[];
    return out(rows[0]!, data);
  }

  async #update(where: RecordKey, scope: ScopeRef, id: string, data: Record<string, unknown>, expectedVersion?: number): Promise<PluginRecordOut> {
    const key = await this.#scopeKey(scope);
    const match = { ...where, record_id: id, ...(expectedVersion === undefined ? {} : { version: expectedVersion }) };
    const rows = await this.knex('plugin_records')
      .where(match)
      .update({ ...this.#seal(where, id, key, data), version: this.knex.raw('version + 1'), updated_at: new Date() })
      .returning(this.knex.raw(RECORD_COLUMNS)) as RecordRow[];
    if (rows.length > 0) return out(rows[0]!, data);
    const current = await this.knex('plugin_records').where({ ...where, record_id: id }).first('version');
    if (current === undefined) throw new StorageError('STORAGE_NOT_FOUND', `no record "${id}" in "${where.collection}"`);
    throw new StorageError('STORAGE_CONFLICT', `record "${id}" is at version ${String(current.version)}, not ${expectedVersion}`);
  }

  async #list(where: RecordKey, scope: ScopeRef, filter: Record<string, unknown>, limit: number): Promise<PluginRecordOut[]> {
    const fields = Object.entries(filter);
    const key = await this.#scopeKey(scope);
    const found: PluginRecordOut[] = [];
    // Newest first; without a filter one page is enough, with one we decrypt page by page until `limit` match.
    for (let offset = 0; found.length < limit; offset += SCAN_PAGE) {
      const rows = await this.knex('plugin_records').select(this.knex.raw(RECORD_COLUMNS)).where(where)
        .orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'record_id', order: 'asc' }])
        .limit(fields.length === 0 ? limit : SCAN_PAGE).offset(offset) as RecordRow[];
      for (const row of rows) {
        const record = await this.#decrypt(where, scope, row, key);
        if (record !== null && fields.every(([field, value]) => record.data[field] === value)) found.push(record);
        if (found.length === limit) break;
      }
      if (fields.length === 0 || rows.length < SCAN_PAGE) break;
    }
    return found;
  }

  async #checkQuota(where: RecordKey): Promise<void> {
    const row = await this.knex('plugin_records').where(where).count({ n: '*' }).first();
    if (Number(row?.n ?? 0) >= STORAGE_LIMITS.recordsPerCollection) {
      throw new StorageError('STORAGE_LIMIT', `collection "${where.collection}" holds ${STORAGE_LIMITS.recordsPerCollection} records, the most allowed`);
    }
  }

  #seal(where: RecordKey, id: string, key: ScopeKey, data: Record<string, unknown>) {
    const { ciphertext, nonce } = seal(key.dataKey, Buffer.from(JSON.stringify(data)), recordAad(where, id, key.keyId));
    return { ciphertext, nonce, key_id: key.keyId };
  }

  async #decrypt(where: RecordKey, scope: ScopeRef, row: RecordRow, known?: ScopeKey): Promise<PluginRecordOut | null> {
    const key = known ?? await this.#scopeKey(scope);
    // A record sealed under a key that is gone (erasure racing a write) can never be read again: it does not exist.
    if (row.key_id !== key.keyId) return null;
    const plain = open(key.dataKey, { ciphertext: row.ciphertext, nonce: row.nonce }, recordAad(where, row.record_id, key.keyId));
    return out(row, JSON.parse(plain.toString('utf8')) as Record<string, unknown>);
  }

  /**
   * The scope's data key, unwrapped from its row or created (racing creators agree on one row). Read on every call,
   * not cached: erasure (possibly by another process) deletes the row, and no engine may go on sealing with it.
   */
  async #scopeKey(scope: ScopeRef): Promise<ScopeKey> {
    const stored = await this.#storedKey(scope);
    if (stored) return stored;
    const fresh = { keyId: randomBytes(6).toString('base64url'), dataKey: generateDataKey() };
    const wrapped = this.keyring.wrap(fresh.dataKey, wrapContext(scope, fresh.keyId));
    await this.knex('plugin_scope_keys')
      .insert({
        scope_kind: scope.kind, scope_id: scope.id, key_id: fresh.keyId, wrapped_key: wrapped.wrappedKey, nonce: wrapped.nonce,
        master_key_id: wrapped.masterKeyId, created_at: new Date(),
      })
      .onConflict(['scope_kind', 'scope_id']).ignore();
    const winner = await this.#storedKey(scope);
    if (!winner) throw new StorageError('STORAGE_UNAVAILABLE', 'the scope key could not be stored');
    return winner;
  }

  async #storedKey(scope: ScopeRef): Promise<ScopeKey | undefined> {
    const row = await this.knex('plugin_scope_keys').where({ scope_kind: scope.kind, scope_id: scope.id }).first() as
      { key_id: string; wrapped_key: Buffer; nonce: Buffer; master_key_id: string } | undefined;
    if (row === undefined) return undefined;
    const wrapped = { wrappedKey: row.wrapped_key, nonce: row.nonce, masterKeyId: row.master_key_id };
    return { keyId: row.key_id, dataKey: this.keyring.unwrap(wrapped, wrapContext(scope, row.key_id)) };
  }
}

type RecordKey = { plugin: string; scope_kind: StorageScopeKind; scope_id: string; collection: string };

function scopeOf(binding: StorageBinding, kind: StorageScopeKind): ScopeRef {
  if (kind === 'room') return { kind, id: binding.room };
  if (binding.user === undefined) throw new StorageError('BAD_INPUT', 'this hook serves no person: use storage.room');
  return { kind, id: binding.user };
}

function out(row: RecordRow, data: Record<string, unknown>): PluginRecordOut {
  return {
    id: row.record_id, data, version: row.version,
    createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Context the scope key is wrapped under (also used by master key rotation). */
export function wrapContext(scope: ScopeRef, keyId: string): string {
  return `plugin-scope\0${scope.kind}\0${scope.id}\0${keyId}`;
}

function recordAad(where: RecordKey, id: string, keyId: string): Buffer {
  return Buffer.from([where.plugin, where.scope_kind, where.scope_id, where.collection, id, keyId].join('\0'));
}

/**
 * Erasure, inside the caller's transaction: the records and data keys of these scopes go (deleting the key is what
 * makes any copy of the records in a backup unreadable).
 */
export async function deletePluginScopes(
  execute: (sql: string, params: unknown[]) => Promise<unknown>,
  scopes: readonly ScopeRef[],
): Promise<void> {
  for (const scope of scopes) {
    await execute('DELETE FROM plugin_records WHERE scope_kind = ? AND scope_id = ?', [scope.kind, scope.id]);
    await execute('DELETE FROM plugin_scope_keys WHERE scope_kind = ? AND scope_id = ?', [scope.kind, scope.id]);
  }
}
