/**
 * @module crypto/keyring
 * Master keys and envelope encryption. Each conversation has its own random data key (DEK); the database stores it
 * only wrapped (AES-256-GCM) under a master key, next to the id of that master key. The active master key wraps new
 * keys; retired master keys (MASTER_KEYS_RETIRED) can still unwrap, until `rotateMasterKey` re-wraps everything.
 *
 * Without MASTER_KEY a development key is generated once into DATA_DIR/master.key (mode 0600) and a loud warning is
 * logged at every start. Key material is never logged.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { EngineConfig } from '../config.ts';
import { KEY_BYTES, open, seal } from './aead.ts';

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** A data key as stored: wrapped under the master key `masterKeyId`. */
export interface WrappedDataKey {
  wrappedKey: Buffer;
  nonce: Buffer;
  masterKeyId: string;
}

export class UnknownMasterKeyError extends Error {
  override name = 'UnknownMasterKeyError';
}

export const DEV_MASTER_KEY_FILE = 'master.key';

export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Binds a wrapped key to what it protects, so a wrapped key copied onto another row does not unwrap. */
function wrapContext(context: string): Buffer {
  return Buffer.from(`mentalia/dek/v1\0${context}`, 'utf8');
}

export class Keyring {
  readonly #active: MasterKey;
  readonly #byId = new Map<string, Buffer>();

  constructor(active: MasterKey, retired: readonly MasterKey[] = []) {
    this.#active = { id: active.id, key: checkKeyLength(active.key, active.id) };
    this.#byId.set(active.id, this.#active.key);
    for (const old of retired) {
      if (old.id === active.id) {
        if (!old.key.equals(active.key)) throw new Error(`keyring: retired master key "${old.id}" reuses the active key id`);
        continue;
      }
      this.#byId.set(old.id, checkKeyLength(old.key, old.id));
    }
  }

  get activeKeyId(): string {
    return this.#active.id;
  }

  /** Whether `masterKeyId` is known (active or retired). */
  canUnwrap(masterKeyId: string): boolean {
    return this.#byId.has(masterKeyId);
  }

  /**
   * A key for another purpose (e.g. signing tool confirmations), derived from the active master key with HKDF-SHA256
   * so the master key itself is never used for two jobs. Changes when the master key is rotated.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#active.key, Buffer.alloc(0), `mentalia/derived/v1\0${purpose}`, KEY_BYTES));
  }

  /** Wraps `dataKey` under the active master key; `context` (e.g. room id + key id) must be given again to unwrap. */
  wrap(dataKey: Buffer, context: string): WrappedDataKey {
    const { ciphertext, nonce } = seal(this.#active.key, dataKey, wrapContext(context));
    return { wrappedKey: ciphertext, nonce, masterKeyId: this.#active.id };
  }

  unwrap(wrapped: WrappedDataKey, context: string): Buffer {
    const masterKey = this.#byId.get(wrapped.masterKeyId);
    if (!masterKey) {
      throw new UnknownMasterKeyError(
        `data key is wrapped under master key "${wrapped.masterKeyId}", which is neither MASTER_KEY nor in MASTER_KEYS_RETIRED`,
      );
    }
    return open(masterKey, { ciphertext: wrapped.wrappedKey, nonce: wrapped.nonce }, wrapContext(context));
  }
}

function checkKeyLength(key: Buffer, id: string): Buffer {
  if (key.length !== KEY_BYTES) throw new Error(`keyring: master key "${id}" must be ${KEY_BYTES} bytes (base64 of 32 random bytes)`);
  return key;
}

function decodeKey(base64: string, id: string): Buffer {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new Error(`keyring: master key "${id}" is not base64`);
  return checkKeyLength(Buffer.from(trimmed, 'base64'), id);
}

/** Parses MASTER_KEYS_RETIRED: `id:base64,id:base64`. */
export function parseRetiredKeys(spec: string | undefined): MasterKey[] {
  if (!spec) return [];
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const colon = part.indexOf(':');
      if (colon <= 0) throw new Error('keyring: MASTER_KEYS_RETIRED entries must look like id:base64');
      const id = part.slice(0, colon).trim();
      return { id, key: decodeKey(part.slice(colon + 1), id) };
    });
}

/**
 * Reads DATA_DIR/master.key, creating it the first time. The key is written to a temporary file and hard-linked into
 * place, so concurrent starts agree on one key and a crash never leaves a half-written key file.
 */
async function loadOrCreateDevKey(dataDir: string): Promise<{ key: Buffer; file: string; created: boolean }> {
  const file = path.join(dataDir, DEV_MASTER_KEY_FILE);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, `${generateDataKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    await link(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    created = false;
  } finally {
    await unlink(temp);
  }
  return { key: decodeKey(await readFile(file, 'utf8'), 'dev'), file, created };
}

export type KeyringConfig = Pick<EngineConfig, 'masterKey' | 'masterKeyId' | 'masterKeysRetired' | 'dataDir'>;

export async function loadKeyring(config: KeyringConfig, logger: Logger): Promise<Keyring> {
  const retired = parseRetiredKeys(config.masterKeysRetired);
  if (config.masterKey !== undefined) {
    return new Keyring({ id: config.masterKeyId, key: decodeKey(config.masterKey, config.masterKeyId) }, retired);
  }
  const dev = await loadOrCreateDevKey(config.dataDir);
  logger.warn(
    { file: dev.file, created: dev.created, masterKeyId: config.masterKeyId },
    '!!! MASTER_KEY is not set: conversation keys are wrapped with a DEVELOPMENT master key stored next to the data. ' +
      'This is for development only: anyone who can read DATA_DIR can decrypt every message. ' +
      'Set MASTER_KEY (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) in production. !!!',
  );
  return new Keyring({ id: config.masterKeyId, key: dev.key }, retired);
}
