/**
 * @module host/storage-protocol
 * The `storage` capability between a plugin's process and the engine. A hook's `ctx.storage` turns each call into a
 * `StorageRequest`; the host answers it through a `PluginStorageService` with a `StorageBinding` that the HOST takes
 * from the job (the room it runs in, the person it serves), never from the plugin. The request is checked here, on
 * the trusted side, because the plugin's process is not trusted.
 */
import type { RecordFilter } from '../sdk/index.ts';

export type StorageScopeKind = 'room' | 'user';

export type StorageCall =
  | { readonly op: 'insert'; readonly data: Record<string, unknown>; readonly id?: string }
  | { readonly op: 'get'; readonly id: string }
  | { readonly op: 'put'; readonly id: string; readonly data: Record<string, unknown> }
  | { readonly op: 'update'; readonly id: string; readonly data: Record<string, unknown>; readonly expectedVersion?: number }
  | { readonly op: 'delete'; readonly id: string }
  | { readonly op: 'list'; readonly where?: RecordFilter; readonly limit?: number };

export interface StorageRequest {
  readonly scope: StorageScopeKind;
  readonly collection: string;
  readonly call: StorageCall;
}

/** Whom a hook serves: set by the host from the job. `user` is absent for hooks that serve nobody in particular. */
export interface StorageBinding {
  readonly room: string;
  readonly user?: string;
}

/** The engine side of the capability (engine/src/storage/plugin-records.ts implements it over PostgreSQL). */
export interface PluginStorageService {
  /** Runs a checked request; rejects with `StorageError` (code) on failure. */
  run(plugin: string, binding: StorageBinding, request: StorageRequest): Promise<unknown>;
}

/** A failed request as it crosses the IPC channel. */
export interface StorageFailure {
  readonly code: string;
  readonly message: string;
}

export const STORAGE_LIMITS = {
  /** Serialized JSON of one record's data. */
  recordBytes: 64 * 1024,
  listDefault: 100,
  listMax: 500,
  /** Records per plugin, scope and collection. */
  recordsPerCollection: 10_000,
  filterFields: 8,
} as const;

const COLLECTION = /^[a-z][a-z0-9_]{0,39}$/;
const RECORD_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const FILTER_FIELD = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const OPS = new Set(['insert', 'get', 'put', 'update', 'delete', 'list']);

/** A request that breaks the contract; `code` is always BAD_INPUT or STORAGE_LIMIT. */
export class StorageRequestError extends Error {
  constructor(readonly code: 'BAD_INPUT' | 'STORAGE_LIMIT', message: string) {
    super(message);
    this.name = 'StorageRequestError';
  }
}

/** Validates an untrusted request and returns it typed; throws `StorageRequestError`. */
export function checkStorageRequest(value: unknown): StorageRequest {
  const bad = (why: string): never => {
    throw new StorageRequestError('BAD_INPUT', why);
  };
  if (!isPlainObject(value)) return bad('storage request must be an object');
  if (value.scope !== 'room' && value.scope !== 'user') bad('scope must be "room" or "user"');
  if (typeof value.collection !== 'string' || !COLLECTION.test(value.collection)) {
    bad('collection name must match ^[a-z][a-z0-9_]{0,39}$');
  }
  const call = value.call;
  if (!isPlainObject(call) || typeof call.op !== 'string' || !OPS.has(call.op)) return bad('unknown storage operation');
  if ('id' in call && call.id !== undefined) checkId(call.id);
  if (call.op !== 'insert' && call.op !== 'list' && call.id === undefined) bad(`${call.op} needs an id`);
  if (call.op === 'insert' || call.op === 'put' || call.op === 'update') checkData(call.data);
  if (call.op === 'update' && call.expectedVersion !== undefined) {
    if (!Number.isInteger(call.expectedVersion) || (call.expectedVersion as number) < 1) bad('expectedVersion must be a positive integer');
  }
  if (call.op === 'list') {
    if (call.limit !== undefined && (!Number.isInteger(call.limit) || (call.limit as number) < 1 || (call.limit as number) > STORAGE_LIMITS.listMax)) {
      bad(`limit must be an integer from 1 to ${STORAGE_LIMITS.listMax}`);
    }
    if (call.where !== undefined) checkFilter(call.where);
  }
  return value as unknown as StorageRequest;
}

function checkId(id: unknown): void {
  if (typeof id !== 'string' || !RECORD_ID.test(id)) {
    throw new StorageRequestError('BAD_INPUT', 'record id must be 1-128 characters of A-Z a-z 0-9 _ . : -');
  }
}

function checkData(data: unknown): void {
  if (!isPlainObject(data)) throw new StorageRequestError('BAD_INPUT', 'record data must be a JSON object');
  const bytes = Buffer.byteLength(JSON.stringify(data));
  if (bytes > STORAGE_LIMITS.recordBytes) {
    throw new StorageRequestError('STORAGE_LIMIT', `record data is ${bytes} bytes; the limit is ${STORAGE_LIMITS.recordBytes}`);
  }
}

function checkFilter(where: unknown): void {
  if (!isPlainObject(where)) throw new StorageRequestError('BAD_INPUT', 'where must be an object of field: value');
  const entries = Object.entries(where);
  if (entries.length > STORAGE_LIMITS.filterFields) {
    throw new StorageRequestError('BAD_INPUT', `where may name at most ${STORAGE_LIMITS.filterFields} fields`);
  }
  for (const [field, expected] of entries) {
    if (!FILTER_FIELD.test(field)) throw new StorageRequestError('BAD_INPUT', `where: "${field}" is not a field name`);
    const type = typeof expected;
    if (expected !== null && type !== 'string' && type !== 'number' && type !== 'boolean') {
      throw new StorageRequestError('BAD_INPUT', `where.${field} must be a string, number, boolean or null`);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
