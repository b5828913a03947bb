/**
 * @module safety/local-model
 * Runs the crisis model **in this process** with onnxruntime-node, through the inference service's own loader
 * (`ModelRegistry`: sidecar validation, `file` pointing at a bigger production model by path) and row runner, so the
 * CLI and the evaluation score exactly what the service would. Only for standalone processes (the CLI, eval, tests):
 * plugins go through `ctx.classifier`, and the engine never loads onnxruntime.
 *
 * Environment: `MODELS_DIR` (default `models`), `CRISIS_MODEL` (default `crisis`), `INFERENCE_THREADS` (default 1).
 */
import path from 'node:path';
import pino from 'pino';
import { ModelRegistry, type LoadedModel } from '../inference/model-registry.ts';
import { prepareRows, runRows } from '../inference/model-runner.ts';
import type { ScoreTexts, Thresholds } from '../../plugins/safety/assess.ts';
import { SHIPPED, thresholdsFromSidecar } from '../../plugins/safety/thresholds.ts';

export interface LocalCrisisModel {
  readonly name: string;
  readonly version: string;
  readonly file: string;
  /** The sidecar's `training.thresholds` if it has them, else the shipped thresholds.json. */
  readonly thresholds: Thresholds;
  readonly score: ScoreTexts;
  close(): Promise<void>;
}

const BATCH = 256;

export async function loadLocalCrisisModel(options: { modelsDir?: string; name?: string; threads?: number } = {}): Promise<LocalCrisisModel> {
  const modelsDir = path.resolve(options.modelsDir ?? (process.env.MODELS_DIR || 'models'));
  const name = options.name ?? (process.env.CRISIS_MODEL || 'crisis');
  const threads = options.threads ?? (process.env.INFERENCE_THREADS ? Number(process.env.INFERENCE_THREADS) : 1);
  const registry = new ModelRegistry({ modelsDir, executionProviders: ['cpu'], threads, log: pino({ level: 'silent' }) });
  const model: LoadedModel = await registry.get(name);
  if (model.sidecar.kind !== 'text') throw new Error(`model "${name}" is a ${model.sidecar.kind} model; the crisis layer needs a text model`);
  const score: ScoreTexts = async (texts) => {
    const out = [];
    for (let start = 0; start < texts.length; start += BATCH) {
      const rows = prepareRows(model, texts.slice(start, start + BATCH), undefined);
      for (const result of await runRows(model, rows)) out.push(result.labels);
    }
    return out;
  };
  return {
    name,
    version: model.sidecar.version,
    file: model.onnxPath,
    thresholds: thresholdsFromSidecar(model.sidecar.training) ?? SHIPPED.thresholds,
    score,
    close: () => registry.close(),
  };
}
