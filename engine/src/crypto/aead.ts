/**
 * @module crypto/aead
 * AES-256-GCM with a random 96-bit nonce and associated data. The 16-byte authentication tag is appended to the
 * ciphertext, so a sealed value is two byte strings: `ciphertext‖tag` and `nonce`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  /** Encrypted bytes followed by the GCM tag. */
  ciphertext: Buffer;
  nonce: Buffer;
}

/** Thrown when a value does not authenticate: wrong key, wrong associated data, or tampered bytes. */
export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`aead: key must be ${KEY_BYTES} bytes`);
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { ciphertext, nonce };
}

export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  assertKey(key);
  const { ciphertext, nonce } = sealed;
  if (nonce.length !== NONCE_BYTES || ciphertext.length < TAG_BYTES) throw new DecryptionError('malformed sealed value');
  const decipher = createDecipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError('value does not authenticate (wrong key, wrong context or tampered)');
  }
}
