/**
 * @module watch/counters
 * Reads the engine's real Prometheus counters (the same ones GET /metrics shows) as plain numbers, so the stats
 * topics never keep a second, drifting set of books. Bot runtime metrics are looked up by name: the runtime
 * registers them on the engine's registry only when it is attached.
 */
import type { Metric, Registry } from 'prom-client';
import type { EngineMetrics } from '../metrics.ts';

/** Cumulative totals at one instant; rates are differences between two of these. */
export interface CounterSnapshot {
  at: number;
  messagesStored: number;
  commands: number;
  errors: number;
  batchSeconds: number;
  batches: number;
  botTurns: number;
  botErrors: number;
  botsInFlight: number;
}

/** Outcomes of `mentalia_bot_turns_total` that are not errors. */
const BOT_OK_OUTCOMES = new Set(['done', 'cancelled']);

async function values(metric: Metric | undefined): Promise<{ value: number; labels: Record<string, unknown>; metricName?: string }[]> {
  if (!metric) return [];
  const data = await metric.get();
  return data.values as { value: number; labels: Record<string, unknown>; metricName?: string }[];
}

const sum = (rows: { value: number }[]) => rows.reduce((total, row) => total + row.value, 0);

export async function readCounters(metrics: EngineMetrics, registry: Registry, now = Date.now()): Promise<CounterSnapshot> {
  const [stored, commands, errors, batch, turns, active] = await Promise.all([
    values(metrics.messagesStored),
    values(metrics.commands),
    values(metrics.errors),
    values(metrics.persistenceBatch),
    values(registry.getSingleMetric('mentalia_bot_turns_total')),
    values(registry.getSingleMetric('mentalia_bot_active_turns')),
  ]);
  return {
    at: now,
    messagesStored: sum(stored),
    commands: sum(commands),
    errors: sum(errors),
    batchSeconds: sum(batch.filter((v) => v.metricName?.endsWith('_sum'))),
    batches: sum(batch.filter((v) => v.metricName?.endsWith('_count'))),
    botTurns: sum(turns),
    botErrors: sum(turns.filter((v) => !BOT_OK_OUTCOMES.has(String(v.labels.outcome)))),
    botsInFlight: sum(active),
  };
}
