/**
 * @module inference/service
 * The inference process's request handling, independent of the socket: one parsed line in, one answer out. Every
 * failure becomes an error answer (`MODEL_NOT_FOUND`, `BAD_INPUT`, `INFERENCE_FAILED`); nothing a client sends can
 * throw out of `handleLine`.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { MicroBatcher } from './batcher.ts';
import type { InferenceConfig } from './config.ts';
import type { ServerErrorCode } from './errors.ts';
import { FeatureInputError } from './featurize.ts';
import { InferenceMetrics, UNKNOWN_MODEL } from './metrics.ts';
import { ModelFileError } from './model-files.ts';
import { ModelRegistry, type LoadedModel } from './model-registry.ts';
import { prepareRows, runRows, type ModelRow } from './model-runner.ts';
import type { ClassifyResult, InferenceResponse, ModelStats, RequestId, ServiceStats } from './protocol.ts';
import { resolveProviders, type ResolvedProviders } from './providers.ts';

const requestId = z.union([z.string().max(256), z.number().finite()]);
const requestSchema = z.discriminatedUnion('op', [
  z.object({
    id: requestId,
    op: z.literal('classify'),
    model: z.string().min(1).max(256),
    // Items are checked against the model (prepareRows): their messages can then say what the model takes.
    texts: z.array(z.unknown()).optional(),
    vectors: z.array(z.unknown()).optional(),
  }),
  z.object({ id: requestId, op: z.enum(['stats', 'metrics']) }),
]);

interface ModelEntry {
  readonly model: LoadedModel;
  readonly batcher: MicroBatcher<ModelRow, ClassifyResult>;
  readonly counts: { requests: number; items: number; batches: number; errors: number; largestBatch: number };
}

class RequestFailure extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class InferenceService {
  readonly metrics = new InferenceMetrics();
  readonly #config: InferenceConfig;
  readonly #log: Logger;
  readonly #providers: ResolvedProviders;
  readonly #registry: ModelRegistry;
  readonly #entries = new Map<string, Promise<ModelEntry>>();
  /** The entries above whose model has loaded. */
  readonly #loaded = new Map<string, ModelEntry>();
  readonly #startedAt = Date.now();
  #requests = 0;
  #errors = 0;

  private constructor(config: InferenceConfig, log: Logger, providers: ResolvedProviders) {
    this.#config = config;
    this.#log = log;
    this.#providers = providers;
    this.metrics.provider(providers.stats);
    this.#registry = new ModelRegistry({
      modelsDir: config.modelsDir,
      executionProviders: providers.executionProviders,
      threads: config.threads,
      log,
      onLoad: (name, ok, seconds) => this.metrics.load(name, ok, seconds),
    });
  }

  /** Resolves the execution providers (probing CUDA when configured) before taking requests. */
  static async create(config: InferenceConfig, log: Logger): Promise<InferenceService> {
    return new InferenceService(config, log, await resolveProviders(config.provider, log));
  }

  get provider(): ResolvedProviders['stats'] {
    return this.#providers.stats;
  }

  /** Answers one protocol line. Never throws. */
  async handleLine(line: string): Promise<InferenceResponse> {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return this.#error(null, 'BAD_INPUT', 'not a JSON line');
    }
    const parsed = requestSchema.safeParse(raw);
    const id = idOf(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
      return this.#error(id, 'BAD_INPUT', problems);
    }
    const request = parsed.data;
    try {
      switch (request.op) {
        case 'stats':
          return { id: request.id, ok: true, stats: this.stats() };
        case 'metrics':
          return { id: request.id, ok: true, metrics: await this.metrics.text() };
        case 'classify':
          return { id: request.id, ok: true, results: await this.#classify(request.model, request.texts, request.vectors) };
      }
    } catch (error) {
      if (error instanceof RequestFailure) return this.#error(request.id, error.code, error.message);
      this.#log.error({ err: error, op: request.op }, 'unexpected failure answering a request');
      return this.#error(request.id, 'INFERENCE_FAILED', 'internal error');
    }
  }

  stats(): ServiceStats {
    return {
      pid: process.pid,
      uptimeS: Math.round((Date.now() - this.#startedAt) / 1000),
      provider: this.#providers.stats,
      modelsDir: this.#config.modelsDir,
      maxBatch: this.#config.maxBatch,
      maxWaitMs: this.#config.maxWaitMs,
      requests: this.#requests,
      errors: this.#errors,
      models: Object.fromEntries(this.#loadedEntries().map((entry) => [entry.model.name, modelStats(entry)])),
    };
  }

  async close(): Promise<void> {
    const closing = new RequestFailure('INFERENCE_FAILED', 'the inference service is shutting down');
    for (const entry of this.#loadedEntries()) entry.batcher.close(closing);
    await this.#registry.close();
  }

  async #classify(name: string, texts: unknown[] | undefined, vectors: unknown[] | undefined): Promise<ClassifyResult[]> {
    this.#requests++;
    const entry = await this.#entry(name).catch((error: unknown) => {
      throw this.#count(undefined, UNKNOWN_MODEL, loadFailure(error));
    });
    entry.counts.requests++;
    let rows: ModelRow[];
    try {
      rows = prepareRows(entry.model, texts, vectors);
    } catch (error) {
      if (!(error instanceof FeatureInputError)) throw error;
      throw this.#count(entry, name, new RequestFailure('BAD_INPUT', error.message));
    }
    try {
      const results = await entry.batcher.submit(rows);
      this.metrics.request(name, 'ok');
      return results;
    } catch (error) {
      if (error instanceof RequestFailure) throw this.#count(entry, name, error);
      this.#log.warn({ model: name, err: error }, 'inference run failed');
      throw this.#count(entry, name, new RequestFailure('INFERENCE_FAILED', `model "${name}": ${messageOf(error)}`));
    }
  }

  #count(entry: ModelEntry | undefined, model: string, failure: RequestFailure): RequestFailure {
    this.#errors++;
    if (entry !== undefined) entry.counts.errors++;
    this.metrics.request(model, failure.code);
    return failure;
  }

  #entry(name: string): Promise<ModelEntry> {
    let entry = this.#entries.get(name);
    if (entry === undefined) {
      entry = this.#registry.get(name).then((model) => this.#newEntry(model));
      this.#entries.set(name, entry);
      entry.catch(() => this.#entries.delete(name));
    }
    return entry;
  }

  #newEntry(model: LoadedModel): ModelEntry {
    const counts = { requests: 0, items: 0, batches: 0, errors: 0, largestBatch: 0 };
    const batcher = new MicroBatcher<ModelRow, ClassifyResult>({
      maxBatch: this.#config.maxBatch,
      maxWaitMs: this.#config.maxWaitMs,
      run: (rows) => runRows(model, rows),
      onBatch: (report) => {
        counts.batches++;
        if (!report.failed) counts.items += report.size;
        counts.largestBatch = Math.max(counts.largestBatch, report.size);
        this.metrics.batch(model.name, report);
      },
    });
    const entry: ModelEntry = { model, batcher, counts };
    this.#loaded.set(model.name, entry);
    return entry;
  }

  #loadedEntries(): ModelEntry[] {
    return [...this.#loaded.values()];
  }

  #error(id: RequestId | null, code: ServerErrorCode, message: string): InferenceResponse {
    return { id, ok: false, error: { code, message } };
  }
}

function modelStats(entry: ModelEntry): ModelStats {
  const { model, counts, batcher } = entry;
  return {
    kind: model.sidecar.kind,
    version: model.sidecar.version,
    labels: model.sidecar.labels.length,
    file: model.onnxPath,
    loadMs: model.loadMs,
    ...counts,
    queued: batcher.queued,
  };
}

function loadFailure(error: unknown): RequestFailure {
  if (error instanceof ModelFileError) {
    return new RequestFailure(error.code === 'MODEL_NOT_FOUND' ? 'MODEL_NOT_FOUND' : 'INFERENCE_FAILED', error.message);
  }
  return new RequestFailure('INFERENCE_FAILED', messageOf(error));
}

/** The request's id when it has a usable one, so even a malformed request's answer can be matched. */
function idOf(raw: unknown): RequestId | null {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return null;
  const id = (raw as { id: unknown }).id;
  if (typeof id === 'string' && id.length <= 256) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
