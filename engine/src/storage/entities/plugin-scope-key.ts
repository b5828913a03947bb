/**
 * @module entities/plugin-scope-key — the data key (DEK) that seals plugin records of one scope (a room or a person),
 * stored only wrapped by a master key. Erasure deletes it with the records; master key rotation re-wraps it.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PluginScopeKeyEntity = defineEntity({
  name: 'PluginScopeKey',
  tableName: 'plugin_scope_keys',
  properties: {
    scopeKind: p.text().primary(),
    scopeId: p.text().primary(),
    keyId: p.text(),
    wrappedKey: p.blob(),
    nonce: p.blob(),
    masterKeyId: p.text(),
    createdAt: p.datetime(),
  },
});

export type PluginScopeKey = InferEntity<typeof PluginScopeKeyEntity>;
