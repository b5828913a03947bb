/**
 * @module contact/contact-store
 * Stores and reads contact requests (entities in ./entities.ts). Each request gets its own random data key, wrapped
 * by the keyring's active master key and bound to the request id; the personal fields are sealed with it (the id
 * is the associated data, so ciphertext moved to another row does not open).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { open, seal } from '../crypto/aead.ts';
import { generateDataKey, type Keyring } from '../crypto/keyring.ts';
import { ContactRequestEntity, type ContactRequest } from './entities.ts';

export type ContactLocale = 'es' | 'en';

export interface ContactInput {
  name: string;
  email: string;
  organisation: string | null;
  message: string;
  locale: ContactLocale;
}

export interface ContactRow extends ContactInput {
  id: string;
  createdAt: Date;
}

export interface ContactStore {
  save(input: ContactInput): Promise<{ id: string; createdAt: Date }>;
  /** Newest first (decrypted), for the people who answer them. */
  list(limit: number): Promise<ContactRow[]>;
}

/** What a request's data key is wrapped under (also used by master key rotation). */
export const contactKeyContext = (id: string): string => `contact:${id}`;
const aad = (id: string) => Buffer.from(`mentalia/contact/v1\0${id}`, 'utf8');

export class OrmContactStore implements ContactStore {
  constructor(private readonly em: () => EntityManager, private readonly keyring: Keyring) {}

  async save(input: ContactInput) {
    const id = randomUUID();
    const dataKey = generateDataKey();
    const wrapped = this.keyring.wrap(dataKey, contactKeyContext(id));
    const { name, email, organisation, message } = input;
    const sealed = seal(dataKey, Buffer.from(JSON.stringify({ name, email, organisation, message }), 'utf8'), aad(id));
    const createdAt = new Date();
    const em = this.em();
    em.create(ContactRequestEntity, {
      id, createdAt, locale: input.locale, ciphertext: sealed.ciphertext, nonce: sealed.nonce,
      wrappedKey: wrapped.wrappedKey, keyNonce: wrapped.nonce, masterKeyId: wrapped.masterKeyId,
    });
    await em.flush();
    return { id, createdAt };
  }

  async list(limit: number): Promise<ContactRow[]> {
    const rows = await this.em().find(ContactRequestEntity, {}, { orderBy: { createdAt: 'desc' }, limit });
    return rows.map((row) => this.#open(row));
  }

  #open(row: ContactRequest): ContactRow {
    const wrapped = { wrappedKey: Buffer.from(row.wrappedKey), nonce: Buffer.from(row.keyNonce), masterKeyId: row.masterKeyId };
    const dataKey = this.keyring.unwrap(wrapped, contactKeyContext(row.id));
    const plain = open(dataKey, { ciphertext: Buffer.from(row.ciphertext), nonce: Buffer.from(row.nonce) }, aad(row.id));
    const fields = JSON.parse(plain.toString('utf8')) as Omit<ContactInput, 'locale'>;
    return { id: row.id, createdAt: row.createdAt, locale: row.locale as ContactLocale, ...fields };
  }
}
