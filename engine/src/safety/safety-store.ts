/**
 * @module safety/safety-store
 * PostgreSQL access of the safety layer: the helpline directory, the per-conversation risk state and the safety
 * events. An event, the room's new risk state and (for crisis events) its audit row are written in ONE transaction,
 * so the three never disagree. The risk update is a single upsert (max of levels, counters incremented in SQL), so
 * concurrent events of one room cannot lose each other.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RiskLevel } from '../../../schema/protocol.ts';
import { AuditEntryEntity } from '../storage/entities/audit-entry.ts';
import { withStoreErrors } from '../storage/store-errors.ts';
import { FALLBACK_COUNTRY, isRiskLevel, levelRank, type CountryInput, type HelplineCountry } from './directory.ts';
import { HelplineCountryEntity, type HelplineCountryRow } from './entities.ts';

/** A conversation's risk, as the engine keeps it and passes it to plugins (`ctx.roomRisk`). Times in ms. */
export interface RoomRiskState {
  level: RiskLevel;
  /** When the conversation first reached `medium` or above. */
  since: number | null;
  /** The last crisis event (level ≥ medium). */
  lastEventAt: number | null;
  events: number;
  lowSignals: number;
  lastEventId: number | null;
  updatedAt: number;
}

export interface SafetyEventInput {
  room: string;
  userId: string | null;
  messageOffset: number | null;
  level: RiskLevel;
  source: 'message' | 'draft';
  plugin: string;
  /** Category and label ids; never message text. */
  labels: string[];
  at: Date;
}

export interface SafetyStore {
  listHelplines(): Promise<HelplineCountry[]>;
  /** The entry for the country, else the fallback entry (`_default`, which cannot be deleted), else null. */
  helplinesFor(country: string): Promise<HelplineCountry | null>;
  /** Creates or replaces a country's entry; audited with the admin's id in the same transaction. */
  putHelplines(country: string, input: CountryInput, actorId: string): Promise<HelplineCountry>;
  /** True when an entry was deleted; audited. */
  deleteHelplines(country: string, actorId: string): Promise<boolean>;
  roomRisk(room: string): Promise<RoomRiskState | null>;
  /** Stores the event and folds it into the room's risk state; crisis events (≥ medium) also get an audit row. */
  recordEvent(event: SafetyEventInput): Promise<{ eventId: number; risk: RoomRiskState }>;
}

const LEVELS_SQL = `array['none','low','medium','high','critical']`;

const UPSERT_RISK = `
insert into "conversation_risk" as r ("room_id", "level", "since", "last_event_at", "events", "low_signals", "last_event_id", "updated_at")
values (?, ?, ?, ?, ?, ?, ?, ?)
on conflict ("room_id") do update set
  "level" = case when array_position(${LEVELS_SQL}, excluded."level") > array_position(${LEVELS_SQL}, r."level") then excluded."level" else r."level" end,
  "since" = coalesce(r."since", excluded."since"),
  "last_event_at" = coalesce(excluded."last_event_at", r."last_event_at"),
  "events" = r."events" + excluded."events",
  "low_signals" = r."low_signals" + excluded."low_signals",
  "last_event_id" = excluded."last_event_id",
  "updated_at" = excluded."updated_at"
returning *`;

interface RiskSqlRow {
  level: string;
  since: Date | null;
  last_event_at: Date | null;
  events: number;
  low_signals: number;
  last_event_id: string | number | null;
  updated_at: Date;
}

const toRisk = (row: RiskSqlRow): RoomRiskState => ({
  level: isRiskLevel(row.level) ? row.level : 'none',
  since: row.since ? new Date(row.since).getTime() : null,
  lastEventAt: row.last_event_at ? new Date(row.last_event_at).getTime() : null,
  events: Number(row.events),
  lowSignals: Number(row.low_signals),
  lastEventId: row.last_event_id === null ? null : Number(row.last_event_id),
  updatedAt: new Date(row.updated_at).getTime(),
});

const toCountry = (row: HelplineCountryRow): HelplineCountry => ({
  country: row.country,
  name: row.name,
  emergency: row.emergency,
  lines: row.lines,
  verifiedAt: row.verifiedAt ?? null,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt.toISOString(),
});

/** `_default` first, then by code. */
const byCountry = (a: HelplineCountry, b: HelplineCountry) =>
  a.country === FALLBACK_COUNTRY ? -1 : b.country === FALLBACK_COUNTRY ? 1 : a.country.localeCompare(b.country);

export class OrmSafetyStore implements SafetyStore {
  /** `em`: a fresh forked EntityManager per call (the store's). */
  constructor(private readonly em: () => EntityManager) {}

  listHelplines(): Promise<HelplineCountry[]> {
    return withStoreErrors(async () => (await this.em().find(HelplineCountryEntity, {})).map(toCountry).sort(byCountry));
  }

  helplinesFor(country: string): Promise<HelplineCountry | null> {
    return withStoreErrors(async () => {
      const rows = await this.em().find(HelplineCountryEntity, { country: { $in: [country, FALLBACK_COUNTRY] } });
      const row = rows.find((r) => r.country === country) ?? rows.find((r) => r.country === FALLBACK_COUNTRY);
      return row ? toCountry(row) : null;
    });
  }

  putHelplines(country: string, input: CountryInput, actorId: string): Promise<HelplineCountry> {
    return withStoreErrors(() => this.em().transactional(async (tx) => {
      const previous = await tx.findOne(HelplineCountryEntity, { country });
      const values = {
        name: input.name, emergency: input.emergency, lines: input.lines, verifiedAt: input.verifiedAt ?? null,
        updatedBy: actorId, updatedAt: new Date(),
      };
      const row = previous ? Object.assign(previous, values) : tx.create(HelplineCountryEntity, { country, ...values });
      tx.create(AuditEntryEntity, {
        actorId, action: 'helplines.put', target: country, ts: values.updatedAt,
        detail: { created: previous === null, lines: input.lines.length, emergency: input.emergency, verifiedAt: values.verifiedAt },
      });
      await tx.flush();
      return toCountry(row);
    }));
  }

  deleteHelplines(country: string, actorId: string): Promise<boolean> {
    return withStoreErrors(() => this.em().transactional(async (tx) => {
      const deleted = await tx.nativeDelete(HelplineCountryEntity, { country });
      if (deleted > 0) tx.create(AuditEntryEntity, { actorId, action: 'helplines.delete', target: country, ts: new Date(), detail: null });
      await tx.flush();
      return deleted > 0;
    }));
  }

  roomRisk(room: string): Promise<RoomRiskState | null> {
    return withStoreErrors(async () => {
      const rows = await this.em().getConnection().execute<RiskSqlRow[]>(`select * from "conversation_risk" where "room_id" = ?`, [room]);
      return rows[0] ? toRisk(rows[0]) : null;
    });
  }

  recordEvent(event: SafetyEventInput): Promise<{ eventId: number; risk: RoomRiskState }> {
    const crisis = levelRank(event.level) >= levelRank('medium');
    return withStoreErrors(() => this.em().transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const inserted = await connection.execute<{ id: string }[]>(
        `insert into "safety_events" ("at", "room_id", "user_id", "message_offset", "level", "source", "plugin", "labels") values (?, ?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb))) returning "id"`,
        // Arrays are passed as JSON: knex would expand an array binding into a list of values.
        [event.at, event.room, event.userId, event.messageOffset, event.level, event.source, event.plugin, JSON.stringify(event.labels)],
        'all', context,
      );
      const eventId = Number(inserted[0]!.id);
      const rows = await connection.execute<RiskSqlRow[]>(UPSERT_RISK, [
        event.room, event.level, crisis ? event.at : null, crisis ? event.at : null, crisis ? 1 : 0, event.level === 'low' ? 1 : 0,
        eventId, event.at,
      ], 'all', context);
      if (crisis) {
        // The audit row names the room and the event, not the person: erasure never has to rewrite the audit trail.
        tx.create(AuditEntryEntity, {
          actorId: null, action: 'safety.event', target: event.room, ts: event.at,
          detail: { eventId, level: event.level, source: event.source, plugin: event.plugin, labels: event.labels },
        });
        await tx.flush();
      }
      return { eventId, risk: toRisk(rows[0]!) };
    }));
  }
}
