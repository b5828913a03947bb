/**
 * @module storage
 * Web Storage that never throws: reading `localStorage` itself throws where storage is blocked (sandboxed frames,
 * some private modes); the hub then simply forgets preferences between visits.
 */

export type StorageKind = 'local' | 'session';

export function webStorage(kind: StorageKind = 'local'): Storage | undefined {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readStored(key: string, kind: StorageKind = 'local'): string | undefined {
  try {
    return webStorage(kind)?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: string | undefined, kind: StorageKind = 'local'): void {
  try {
    const store = webStorage(kind);
    if (value === undefined) store?.removeItem(key);
    else store?.setItem(key, value);
  } catch {
    // Quota or blocked storage: the preference lasts for this page only.
  }
}
