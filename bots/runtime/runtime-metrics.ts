/** @module runtime/runtime-metrics — Prometheus metrics of bot turns, registered on the engine's registry. */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface RuntimeMetrics {
  turns: Counter<'bot' | 'outcome'>;
  activeTurns: Gauge;
  firstDelta: Histogram<'bot'>;
  turnDuration: Histogram<'bot'>;
  tokens: Counter<'bot' | 'direction'>;
  labels: Counter<'plugin' | 'outcome'>;
}

export function createRuntimeMetrics(registry: Registry): RuntimeMetrics {
  const registers = [registry];
  return {
    turns: new Counter({ name: 'mentalia_bot_turns_total', help: 'Bot turns by bot and outcome (done, cancelled or an error code)', labelNames: ['bot', 'outcome'], registers }),
    activeTurns: new Gauge({ name: 'mentalia_bot_active_turns', help: 'Bot turns streaming now', registers }),
    firstDelta: new Histogram({
      name: 'mentalia_bot_first_delta_seconds', help: 'From the triggering message being stored to the first delta pushed',
      labelNames: ['bot'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers,
    }),
    turnDuration: new Histogram({
      name: 'mentalia_bot_turn_seconds', help: 'Whole turn, start to end', labelNames: ['bot'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers,
    }),
    tokens: new Counter({ name: 'mentalia_bot_tokens_total', help: 'Model tokens by bot and direction (input, output)', labelNames: ['bot', 'direction'], registers }),
    labels: new Counter({ name: 'mentalia_labeller_runs_total', help: 'Labeller runs by plugin and outcome (annotation, veto, none, or an error code)', labelNames: ['plugin', 'outcome'], registers }),
  };
}
