/** @module entities/audit-entry — append-only audit trail of sensitive operations (exports, erasures, key rotation). */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AuditEntryEntity = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_log',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    ts: p.datetime().defaultRaw('now()').index('audit_log_ts_index'),
    /** A user id, "cli", or null for the system. */
    actorId: p.text().nullable(),
    action: p.text(),
    target: p.text(),
    detail: p.json<Record<string, unknown>>().nullable(),
  },
});

export type AuditEntry = InferEntity<typeof AuditEntryEntity>;
