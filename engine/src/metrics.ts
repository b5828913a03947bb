/**
 * @module metrics
 * Prometheus metrics served at GET /metrics. One registry per engine instance (tests run several engines in one
 * process). Labels are closed sets (command types, outcome, error codes) so cardinality stays bounded.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface EngineMetrics {
  registry: Registry;
  connections: Gauge;
  commands: Counter<'type' | 'outcome'>;
  errors: Counter<'code'>;
  deliveryLatency: Histogram;
  persistenceBatch: Histogram;
  persistencePending: Gauge;
  persistenceLag: Gauge;
  messagesStored: Counter;
}

export function createMetrics(sources: { pendingWrites: () => number; lagMs: () => number }): EngineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mentalia_' });
  return {
    registry,
    connections: new Gauge({ name: 'mentalia_connections', help: 'Open WebSocket connections', registers: [registry] }),
    commands: new Counter({
      name: 'mentalia_commands_total',
      help: 'Protocol commands handled, by type and outcome (ok or error code)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    }),
    errors: new Counter({ name: 'mentalia_errors_total', help: 'Errors answered to clients, by code', labelNames: ['code'], registers: [registry] }),
    deliveryLatency: new Histogram({
      name: 'mentalia_delivery_latency_seconds',
      help: 'From receiving a send to publishing the stored message to the room',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    persistenceBatch: new Histogram({
      name: 'mentalia_persistence_batch_seconds',
      help: 'Duration of one message write transaction',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    persistencePending: new Gauge({
      name: 'mentalia_persistence_pending',
      help: 'Messages accepted but not yet durable',
      registers: [registry],
      collect() { this.set(sources.pendingWrites()); },
    }),
    persistenceLag: new Gauge({
      name: 'mentalia_persistence_lag_seconds',
      help: 'Age of the oldest message not yet durable',
      registers: [registry],
      collect() { this.set(sources.lagMs() / 1000); },
    }),
    messagesStored: new Counter({ name: 'mentalia_messages_stored_total', help: 'Messages durably stored', registers: [registry] }),
  };
}
