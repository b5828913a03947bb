/**
 * @module contact/entities
 * Contact requests from the public showcase (hiperfoco). Everything a person typed (name, e-mail, organisation,
 * message) exists only as AES-256-GCM ciphertext under a per-request data key, itself wrapped by the master key;
 * only the locale and the time are in clear.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ContactRequestEntity = defineEntity({
  name: 'ContactRequest',
  tableName: 'contact_requests',
  properties: {
    id: p.uuid().primary(),
    createdAt: p.datetime(),
    /** `es` or `en`: the language to answer in. */
    locale: p.text(),
    /** JSON `{name, email, organisation, message}`, sealed with the request's data key. */
    ciphertext: p.blob(),
    nonce: p.blob(),
    /** The request's data key, wrapped under the master key `masterKeyId`. */
    wrappedKey: p.blob(),
    keyNonce: p.blob(),
    masterKeyId: p.text(),
  },
});

export type ContactRequest = InferEntity<typeof ContactRequestEntity>;
export const CONTACT_ENTITIES = [ContactRequestEntity];
