/**
 * @module storage/rotate-master-key
 * Re-wraps every live data key that is not under the active master key. The data keys themselves (and so every
 * message ciphertext) stay the same: only their wrapping changes. Runs in pages of one transaction each, so a large
 * installation never holds thousands of row locks; rerunning it after an interruption continues where it stopped.
 * Destroyed keys hold no key material and are left alone. Besides the conversations' keys: plugin storage scope keys,
 * contact requests' keys and partner sites' secrets.
 */
import type { EntityName, FilterQuery, OrderDefinition } from '@mikro-orm/core';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Keyring, WrappedDataKey } from '../crypto/keyring.ts';
import { ContactRequestEntity, type ContactRequest } from '../contact/entities.ts';
import { contactKeyContext } from '../contact/contact-store.ts';
import { PartnerSiteEntity, type PartnerSite } from '../sites/entities.ts';
import { siteSecretContext } from '../sites/site-store.ts';
import { AuditEntryEntity, ConversationKeyEntity, PluginScopeKeyEntity, type PluginScopeKey } from './entities/index.ts';
import { wrapContext } from './plugin-records.ts';
import type { RoomKeys } from './room-keys.ts';

const PAGE = 500;

export async function rotateMasterKey(
  em: EntityManager,
  roomKeys: RoomKeys,
  keyring: Keyring,
  actorId: string | null,
): Promise<{ rewrapped: number }> {
  const activeId = roomKeys.activeMasterKeyId;
  let rewrapped = 0;
  for (;;) {
    const count = await em.fork().transactional(async (tx) => {
      const keys = await tx.find(
        ConversationKeyEntity,
        { masterKeyId: { $ne: activeId }, destroyedAt: null },
        { orderBy: { room: 'asc' }, limit: PAGE, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      for (const key of keys) {
        const next = roomKeys.rewrap(key.room, {
          keyId: key.keyId, wrappedKey: key.wrappedKey as Buffer, nonce: key.nonce as Buffer, masterKeyId: key.masterKeyId,
        });
        key.wrappedKey = next.wrappedKey;
        key.nonce = next.nonce;
        key.masterKeyId = next.masterKeyId;
      }
      return keys.length;
    });
    rewrapped += count;
    if (count < PAGE) break;
  }
  for (const column of [PLUGIN_SCOPE_KEYS, CONTACT_KEYS, SITE_SECRETS] as WrappedColumn<object>[]) {
    rewrapped += await rewrapColumn(em, keyring, column);
  }
  const audit = em.fork();
  audit.create(AuditEntryEntity, { actorId, action: 'master-key.rotate', target: activeId, detail: { rewrapped } });
  await audit.flush();
  return { rewrapped };
}

/** A table whose rows hold one value wrapped directly by a master key, and how to read and replace it. */
interface WrappedColumn<Row> {
  entity: EntityName<Row>;
  /** Stable order for paging. */
  orderBy: Record<string, 'asc'>;
  context(row: Row): string;
  get(row: Row): WrappedDataKey;
  set(row: Row, wrapped: WrappedDataKey): void;
}

/** Re-wraps, page by page, the rows of one table that are not under the active master key. */
async function rewrapColumn<Row extends object>(em: EntityManager, keyring: Keyring, column: WrappedColumn<Row>): Promise<number> {
  let rewrapped = 0;
  for (;;) {
    const count = await em.fork().transactional(async (tx) => {
      const rows = await tx.find(
        column.entity,
        { masterKeyId: { $ne: keyring.activeKeyId } } as unknown as FilterQuery<Row>,
        { orderBy: column.orderBy as OrderDefinition<Row>, limit: PAGE, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      for (const row of rows) column.set(row, keyring.wrap(keyring.unwrap(column.get(row), column.context(row)), column.context(row)));
      return rows.length;
    });
    rewrapped += count;
    if (count < PAGE) return rewrapped;
  }
}

/** The plugin storage scopes' data keys. */
const PLUGIN_SCOPE_KEYS: WrappedColumn<PluginScopeKey> = {
  entity: PluginScopeKeyEntity,
  orderBy: { scopeKind: 'asc', scopeId: 'asc' },
  context: (key) => wrapContext({ kind: key.scopeKind as 'room' | 'user', id: key.scopeId }, key.keyId),
  get: (key) => ({ wrappedKey: key.wrappedKey as Buffer, nonce: key.nonce as Buffer, masterKeyId: key.masterKeyId }),
  set: (key, next) => Object.assign(key, { wrappedKey: next.wrappedKey, nonce: next.nonce, masterKeyId: next.masterKeyId }),
};

/** Contact requests' data keys (one per request). */
const CONTACT_KEYS: WrappedColumn<ContactRequest> = {
  entity: ContactRequestEntity,
  orderBy: { id: 'asc' },
  context: (row) => contactKeyContext(row.id),
  get: (row) => ({ wrappedKey: row.wrappedKey as Buffer, nonce: row.keyNonce as Buffer, masterKeyId: row.masterKeyId }),
  set: (row, next) => Object.assign(row, { wrappedKey: next.wrappedKey, keyNonce: next.nonce, masterKeyId: next.masterKeyId }),
};

/** Partner sites' secrets (sealed by the master key directly). */
const SITE_SECRETS: WrappedColumn<PartnerSite> = {
  entity: PartnerSiteEntity,
  orderBy: { id: 'asc' },
  context: (site) => siteSecretContext(site.id),
  get: (site) => ({ wrappedKey: Buffer.from(site.secretSealed as Buffer), nonce: Buffer.from(site.secretNonce as Buffer), masterKeyId: site.masterKeyId }),
  set: (site, next) => Object.assign(site, { secretSealed: next.wrappedKey, secretNonce: next.nonce, masterKeyId: next.masterKeyId }),
};
