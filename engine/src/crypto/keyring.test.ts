import { randomBytes } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { Writable } from 'node:stream';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../storage/test-fixtures.ts';
import { DecryptionError, open, seal } from './aead.ts';
import { DEV_MASTER_KEY_FILE, generateDataKey, Keyring, loadKeyring, parseRetiredKeys, UnknownMasterKeyError } from './keyring.ts';
import { LruCache } from './lru-cache.ts';
import { decryptBody, encryptBody } from './message-cipher.ts';

const key = () => randomBytes(32);
const aad = (s: string) => Buffer.from(s);

describe('aead', () => {
  it('round-trips and uses a fresh nonce each time', () => {
    const k = key();
    const a = seal(k, Buffer.from('hola'), aad('ctx'));
    const b = seal(k, Buffer.from('hola'), aad('ctx'));
    expect(a.nonce).toHaveLength(12);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(open(k, a, aad('ctx')).toString()).toBe('hola');
  });

  it('rejects tampered ciphertext, a wrong AAD and a wrong key', () => {
    const k = key();
    const sealed = seal(k, Buffer.from('secret text'), aad('room-1'));
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[0] = (tampered[0] ?? 0) ^ 1;
    expect(() => open(k, { ...sealed, ciphertext: tampered }, aad('room-1'))).toThrow(DecryptionError);
    expect(() => open(k, sealed, aad('room-2'))).toThrow(DecryptionError);
    expect(() => open(key(), sealed, aad('room-1'))).toThrow(DecryptionError);
  });
});

describe('message cipher', () => {
  const place = { roomId: 'r1', msgId: 'm7' };

  it('round-trips a body with kind and data', () => {
    const dek = generateDataKey();
    const body = { text: 'me siento mal', kind: 'crisis' as const, data: { country: 'ES' } };
    expect(decryptBody(dek, encryptBody(dek, body, place), place)).toEqual(body);
  });

  it('binds the ciphertext to room and msgId', () => {
    const dek = generateDataKey();
    const sealed = encryptBody(dek, { text: 'x' }, place);
    expect(() => decryptBody(dek, sealed, { ...place, roomId: 'r2' })).toThrow(DecryptionError);
    expect(() => decryptBody(dek, sealed, { ...place, msgId: 'm8' })).toThrow(DecryptionError);
  });
});

describe('Keyring', () => {
  it('wraps and unwraps a data key, bound to its context', () => {
    const ring = new Keyring({ id: 'k1', key: key() });
    const dek = generateDataKey();
    const wrapped = ring.wrap(dek, 'room-1');
    expect(wrapped.masterKeyId).toBe('k1');
    expect(wrapped.wrappedKey.includes(dek)).toBe(false);
    expect(ring.unwrap(wrapped, 'room-1').equals(dek)).toBe(true);
    expect(() => ring.unwrap(wrapped, 'room-2')).toThrow(DecryptionError);
  });

  it('unwraps keys wrapped under a retired master key, and wraps new ones under the active key', () => {
    const old = { id: 'k1', key: key() };
    const dek = generateDataKey();
    const wrappedOld = new Keyring(old).wrap(dek, 'room');
    const ring = new Keyring({ id: 'k2', key: key() }, [old]);
    expect(ring.unwrap(wrappedOld, 'room').equals(dek)).toBe(true);
    expect(ring.wrap(dek, 'room').masterKeyId).toBe('k2');
    expect(() => new Keyring({ id: 'k2', key: key() }).unwrap(wrappedOld, 'room')).toThrow(UnknownMasterKeyError);
  });

  it('rejects keys of the wrong size and malformed retired lists', () => {
    expect(() => new Keyring({ id: 'k1', key: randomBytes(16) })).toThrow(/32 bytes/);
    const k = key().toString('base64');
    expect(parseRetiredKeys(`a:${k}, b:${k}`).map((m) => m.id)).toEqual(['a', 'b']);
    expect(() => parseRetiredKeys(k)).toThrow(/id:base64/);
    expect(() => parseRetiredKeys(`a:${randomBytes(8).toString('base64')}`)).toThrow(/32 bytes/);
  });
});

describe('loadKeyring', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function capturingLogger() {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    return { logger: pino({ level: 'info' }, stream), lines };
  }

  it('generates a development key file once (mode 0600), reuses it, and warns loudly without logging it', async () => {
    dir = await tempDir();
    const config = { masterKey: undefined, masterKeyId: 'k1', masterKeysRetired: undefined, dataDir: path.join(dir, 'data') };
    const first = capturingLogger();
    const ring1 = await loadKeyring(config, first.logger);
    const file = path.join(config.dataDir, DEV_MASTER_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = (await readFile(file, 'utf8')).trim();
    expect(Buffer.from(stored, 'base64')).toHaveLength(32);

    const second = capturingLogger();
    const ring2 = await loadKeyring(config, second.logger);
    const dek = generateDataKey();
    expect(ring2.unwrap(ring1.wrap(dek, 'r'), 'r').equals(dek)).toBe(true);
    expect((await readFile(file, 'utf8')).trim()).toBe(stored);

    for (const { lines } of [first, second]) {
      const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.level === 40);
      expect(warning?.msg).toMatch(/development only/i);
      expect(lines.join('')).not.toContain(stored);
    }
  });

  it('uses MASTER_KEY when set and accepts retired keys', async () => {
    const k1 = key();
    const k2 = key();
    const dek = generateDataKey();
    const wrapped = new Keyring({ id: 'k1', key: k1 }).wrap(dek, 'r');
    const ring = await loadKeyring(
      { masterKey: k2.toString('base64'), masterKeyId: 'k2', masterKeysRetired: `k1:${k1.toString('base64')}`, dataDir: '/nonexistent' },
      pino({ level: 'silent' }),
    );
    expect(ring.activeKeyId).toBe('k2');
    expect(ring.unwrap(wrapped, 'r').equals(dek)).toBe(true);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
});
