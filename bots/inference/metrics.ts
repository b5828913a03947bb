/**
 * @module inference/metrics
 * The inference process's own Prometheus metrics (its own registry, served by the `metrics` op), named
 * `mentalia_inference_*` so they can be appended to the engine's `/metrics` without clashing. The `model` label only
 * takes names of models that loaded; requests for anything else count under `_unknown`, so a client cannot grow the
 * label set.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BatchReport } from './batcher.ts';
import type { ProviderStats } from './protocol.ts';

export const UNKNOWN_MODEL = '_unknown';

const LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

export class InferenceMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'model' | 'outcome'>;
  readonly #items: Counter<'model'>;
  readonly #batches: Counter<'model' | 'outcome'>;
  readonly #batchSize: Histogram<'model'>;
  readonly #queueWait: Histogram<'model'>;
  readonly #runLatency: Histogram<'model'>;
  readonly #errors: Counter<'model' | 'code'>;
  readonly #loads: Counter<'model' | 'outcome'>;
  readonly #loadSeconds: Histogram<'model'>;
  readonly #provider: Gauge<'configured' | 'active'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'mentalia_inference_' });
    this.#requests = new Counter({
      name: 'mentalia_inference_requests_total', help: 'Classify requests by model and outcome (ok or an error code)',
      labelNames: ['model', 'outcome'], registers,
    });
    this.#items = new Counter({ name: 'mentalia_inference_items_total', help: 'Texts or vectors classified', labelNames: ['model'], registers });
    this.#batches = new Counter({
      name: 'mentalia_inference_batches_total', help: 'session.run calls by model and outcome (ok, failed)', labelNames: ['model', 'outcome'], registers,
    });
    this.#batchSize = new Histogram({
      name: 'mentalia_inference_batch_size', help: 'Texts or vectors per session.run', labelNames: ['model'], buckets: BATCH_BUCKETS, registers,
    });
    this.#queueWait = new Histogram({
      name: 'mentalia_inference_queue_wait_seconds', help: 'From a request arriving at its model to the start of its batch',
      labelNames: ['model'], buckets: LATENCY_BUCKETS, registers,
    });
    this.#runLatency = new Histogram({
      name: 'mentalia_inference_run_seconds', help: 'Duration of one batch (tensors, session.run, results)',
      labelNames: ['model'], buckets: LATENCY_BUCKETS, registers,
    });
    this.#errors = new Counter({ name: 'mentalia_inference_errors_total', help: 'Errors answered, by model and code', labelNames: ['model', 'code'], registers });
    this.#loads = new Counter({ name: 'mentalia_inference_model_loads_total', help: 'Model loads by outcome', labelNames: ['model', 'outcome'], registers });
    this.#loadSeconds = new Histogram({
      name: 'mentalia_inference_model_load_seconds', help: 'Time to create a model session', labelNames: ['model'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers,
    });
    this.#provider = new Gauge({
      name: 'mentalia_inference_provider_info', help: 'Execution provider configured and active (value 1)', labelNames: ['configured', 'active'], registers,
    });
  }

  provider(stats: ProviderStats): void {
    this.#provider.set({ configured: stats.configured, active: stats.active }, 1);
  }

  request(model: string, outcome: string): void {
    this.#requests.inc({ model, outcome });
    if (outcome !== 'ok') this.#errors.inc({ model, code: outcome });
  }

  batch(model: string, report: BatchReport): void {
    this.#batches.inc({ model, outcome: report.failed ? 'failed' : 'ok' });
    this.#batchSize.observe({ model }, report.size);
    this.#runLatency.observe({ model }, report.runMs / 1000);
    for (const wait of report.queueWaitMs) this.#queueWait.observe({ model }, wait / 1000);
    if (!report.failed) this.#items.inc({ model }, report.size);
  }

  load(model: string, ok: boolean, seconds: number): void {
    this.#loads.inc({ model, outcome: ok ? 'ok' : 'failed' });
    if (ok) this.#loadSeconds.observe({ model }, seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
