/**
 * @module entities/plugin-record — what plugins keep through the SDK's `storage` capability: one row per record of a
 * plugin's collection in one scope (a room or a person). `data` is only stored sealed (AES-256-GCM) under the
 * scope's data key (`plugin_scope_keys`), bound to plugin, scope, collection and id.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PluginRecordEntity = defineEntity({
  name: 'PluginRecord',
  tableName: 'plugin_records',
  indexes: [{ properties: ['plugin', 'scopeKind', 'scopeId', 'collection', 'updatedAt'] }],
  properties: {
    plugin: p.text().primary(),
    /** 'room' or 'user'. */
    scopeKind: p.text().primary(),
    scopeId: p.text().primary(),
    collection: p.text().primary(),
    recordId: p.text().primary(),
    version: p.integer(),
    ciphertext: p.blob(),
    nonce: p.blob(),
    keyId: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type PluginRecord = InferEntity<typeof PluginRecordEntity>;
