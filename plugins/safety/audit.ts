/**
 * @module safety/audit
 * Every safety decision is audited and counted. An audit event says what was decided and why — level, score, the
 * pattern ids and whether the model raised it, the lines shown, versions — and **never the message text** (message
 * bodies stay encrypted in the engine; the audit points at them by room and offset/msgId).
 *
 * The record of events is the engine's (engine/src/safety: `safety_events`, `audit_log`, the Prometheus counter
 * `mentalia_safety_events_total{level, source}`), written from the veto's `risk` and `labels`. `LogAuditSink` adds the
 * assessment's own detail for debugging: one structured log line per decision (`event: "safety.audit"`, through the
 * plugin's redacting logger; score, matched pattern ids, degraded mode, versions) and process-local counters
 * (`counters()`).
 */
import type { Logger } from 'pino';
import type { RiskLevel } from './levels.ts';
import type { Category } from './patterns.ts';

export type SafetyAction = 'card' | 'draft-replaced' | 'annotated-low' | 'annotated-bot' | 'classifier-unavailable';

export interface SafetyAuditEvent {
  readonly at: number;
  readonly action: SafetyAction;
  readonly room: string;
  /** Stored message offset (0 for a bot draft) and id. */
  readonly offset: number;
  readonly msgId: string;
  readonly sender: { readonly kind: string; readonly id: string };
  readonly level: RiskLevel;
  readonly score: number;
  readonly category: Category;
  /** Pattern ids, `model`, or draft-harm ids. */
  readonly matched: readonly string[];
  readonly degraded: boolean;
  readonly country?: string;
  /** Directory ids of the lines shown. */
  readonly lines?: readonly string[];
  /** The conversation's level after this event. */
  readonly conversationLevel?: RiskLevel;
  readonly versions: { readonly plugin: string; readonly patterns: string; readonly model: string; readonly directory: number };
}

export interface SafetyAuditSink {
  /** `log`: the hook's logger, bound to plugin, room and offset. */
  record(event: SafetyAuditEvent, log?: Logger): void;
}

export type CounterKey = `${SafetyAction}|${RiskLevel}|${Category}|${string}|${string}`;

export class LogAuditSink implements SafetyAuditSink {
  readonly #counters = new Map<string, number>();
  readonly #keep: SafetyAuditEvent[] = [];
  readonly #keepLast: number;

  /** The last `keepLast` events stay in memory (for tests and a future admin view). */
  constructor(keepLast = 0) {
    this.#keepLast = keepLast;
  }

  record(event: SafetyAuditEvent, log?: Logger): void {
    const key = [event.action, event.level, event.category, event.country ?? '-', event.sender.kind].join('|');
    this.#counters.set(key, (this.#counters.get(key) ?? 0) + 1);
    if (this.#keepLast > 0) {
      this.#keep.push(event);
      if (this.#keep.length > this.#keepLast) this.#keep.shift();
    }
    log?.info({ event: 'safety.audit', audit: event, counter: key, count: this.#counters.get(key) }, `safety ${event.action} (${event.level})`);
  }

  /** Counts per `action|level|category|country|senderKind` since the process started. */
  counters(): Record<string, number> {
    return Object.fromEntries(this.#counters);
  }

  recent(): readonly SafetyAuditEvent[] {
    return this.#keep;
  }
}
