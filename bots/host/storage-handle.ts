/**
 * @module host/storage-handle
 * Builds a hook's `ctx.storage` from one function that carries a `StorageRequest` to the engine (IPC in a plugin's
 * process, a direct call in the test kit). Failures come back as `StorageError`s with their code, or
 * `CapabilityNotAvailableError` where no storage service runs.
 */
import {
  CAPABILITY_NOT_AVAILABLE,
  CapabilityNotAvailableError,
  STORAGE_ERROR_CODES,
  StorageError,
  type RecordFilter,
  type StorageCollection,
  type StorageErrorCode,
  type StorageHandle,
  type StorageScope,
  type StoredRecord,
} from '../sdk/index.ts';
import type { StorageCall, StorageFailure, StorageRequest, StorageScopeKind } from './storage-protocol.ts';

export type StorageCarrier = (request: StorageRequest) => Promise<unknown>;

/** `hasUser`: whether the hook serves a person (then `storage.user` exists). */
export function createStorageHandle(carry: StorageCarrier, hasUser: boolean): StorageHandle {
  const scope = (kind: StorageScopeKind): StorageScope => ({
    collection: <T>(name: string) => collectionOf<T>(carry, kind, name),
  });
  return Object.freeze(hasUser ? { room: scope('room'), user: scope('user') } : { room: scope('room') });
}

function collectionOf<T>(carry: StorageCarrier, scope: StorageScopeKind, collection: string): StorageCollection<T> {
  const run = (call: StorageCall) => carry({ scope, collection, call });
  return Object.freeze({
    insert: (data: T, options?: { readonly id?: string }) =>
      run({ op: 'insert', data: data as Record<string, unknown>, ...(options?.id === undefined ? {} : { id: options.id }) }) as Promise<StoredRecord<T>>,
    get: (id: string) => run({ op: 'get', id }).then((record) => (record ?? undefined) as StoredRecord<T> | undefined),
    put: (id: string, data: T) => run({ op: 'put', id, data: data as Record<string, unknown> }) as Promise<StoredRecord<T>>,
    update: (id: string, data: T, options?: { readonly expectedVersion?: number }) =>
      run({
        op: 'update', id, data: data as Record<string, unknown>,
        ...(options?.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion }),
      }) as Promise<StoredRecord<T>>,
    delete: (id: string) => run({ op: 'delete', id }) as Promise<boolean>,
    list: (options?: { readonly where?: RecordFilter; readonly limit?: number }) =>
      run({
        op: 'list',
        ...(options?.where === undefined ? {} : { where: options.where }),
        ...(options?.limit === undefined ? {} : { limit: options.limit }),
      }) as Promise<StoredRecord<T>[]>,
  });
}

/** `ctx.storage` where no storage service runs: every call rejects with CAPABILITY_NOT_AVAILABLE. */
export const UNAVAILABLE_STORAGE: StorageHandle = createStorageHandle(
  () => Promise.reject(new CapabilityNotAvailableError('storage', 'no storage service runs in this deployment (the engine needs a database)')),
  true,
);

/** The error a plugin sees for a failure that crossed the IPC channel. */
export function storageErrorFrom(failure: StorageFailure): Error {
  if (failure.code === CAPABILITY_NOT_AVAILABLE) return new CapabilityNotAvailableError('storage', failure.message);
  const code = (STORAGE_ERROR_CODES as readonly string[]).includes(failure.code) ? (failure.code as StorageErrorCode) : 'STORAGE_UNAVAILABLE';
  return new StorageError(code, failure.message);
}

/** The reverse: any failure of the engine side, in the shape that crosses the channel. */
export function storageFailureOf(error: unknown): StorageFailure {
  if (error instanceof StorageError || error instanceof CapabilityNotAvailableError) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'BAD_INPUT' || code === 'STORAGE_LIMIT') return { code, message: (error as Error).message };
  return { code: 'STORAGE_UNAVAILABLE', message: 'storage is unavailable right now' };
}
