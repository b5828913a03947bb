/**
 * @module sign-link/local-model
 * Runs the fingerspelling model in THIS process with onnxruntime-node, through the inference service's own code
 * (`ModelRegistry`, `prepareRows`, `runRows`), for the evaluation script and the unit tests. The plugin never imports
 * this: in the engine its model runs in the shared inference process, reached by `ctx.classifier.classifyVectors`.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pino from 'pino';
import { ModelRegistry } from '../../bots/inference/model-registry.ts';
import { prepareRows, runRows } from '../../bots/inference/model-runner.ts';
import { MAX_ITEMS_PER_REQUEST } from '../../bots/inference/protocol.ts';
import { MODEL_NAME } from './model.ts';
import type { VectorScorer } from './recognise.ts';

export const REPO_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

export interface LocalModel {
  readonly scorer: VectorScorer;
  readonly version: string;
  readonly labels: readonly string[];
  close(): Promise<void>;
}

export async function loadLocalModel(modelsDir = process.env.MODELS_DIR ? path.resolve(process.env.MODELS_DIR) : REPO_MODELS_DIR): Promise<LocalModel> {
  const registry = new ModelRegistry({ modelsDir, executionProviders: ['cpu'], threads: 1, log: pino({ level: 'silent' }) });
  const loaded = await registry.get(MODEL_NAME);
  const scorer: VectorScorer = async (vectors) => {
    const out = [];
    for (let i = 0; i < vectors.length; i += MAX_ITEMS_PER_REQUEST) {
      out.push(...(await runRows(loaded, prepareRows(loaded, undefined, vectors.slice(i, i + MAX_ITEMS_PER_REQUEST)))));
    }
    return out;
  };
  return { scorer, version: loaded.sidecar.version, labels: loaded.sidecar.labels, close: () => registry.close() };
}
