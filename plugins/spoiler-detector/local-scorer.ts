/**
 * @module spoiler-detector/local-scorer
 * Runs the spoiler model in this process with onnxruntime-node, through the inference service's own code
 * (`ModelRegistry`, `prepareRows`, `runRows`), for standalone processes: the `classify` CLI and the evaluation.
 * Plugins never import this (their model runs in the shared inference process, reached by `ctx.classifier`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { ModelRegistry } from '../../bots/inference/model-registry.ts';
import { prepareRows, runRows } from '../../bots/inference/model-runner.ts';
import { MAX_ITEMS_PER_REQUEST } from '../../bots/inference/protocol.ts';
import { scoresFromLabels, type ModelScores, type Scorer } from './detector.ts';

/** The repository's `models/` (where `bots/spoiler/train.ts` writes by default). */
export const REPO_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));
export const DEFAULT_MODEL = 'spoiler';

/** `MODELS_DIR` (relative to the working directory, as in `bots/inference`) when set, else the repository's `models/`. */
export function modelsDirFrom(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.MODELS_DIR ? path.resolve(env.MODELS_DIR) : REPO_MODELS_DIR;
}

export interface LocalScorer {
  readonly scorer: Scorer;
  readonly modelVersion: string;
  readonly labels: readonly string[];
  close(): Promise<void>;
}

/** Loads the model now, so a missing or broken model fails here, with its `ModelFileError` code and message. */
export async function createLocalScorer(options: { modelsDir?: string; model?: string; threads?: number } = {}): Promise<LocalScorer> {
  const registry = new ModelRegistry({
    modelsDir: options.modelsDir ?? modelsDirFrom(),
    executionProviders: ['cpu'],
    threads: options.threads ?? 1,
    log: pino({ level: 'silent' }),
  });
  const name = options.model ?? DEFAULT_MODEL;
  const loaded = await registry.get(name);
  const scorer: Scorer = async (texts) => {
    const out: ModelScores[] = [];
    for (let i = 0; i < texts.length; i += MAX_ITEMS_PER_REQUEST) {
      const rows = prepareRows(loaded, texts.slice(i, i + MAX_ITEMS_PER_REQUEST), undefined);
      for (const result of await runRows(loaded, rows)) out.push(scoresFromLabels(result.labels));
    }
    return out;
  };
  return { scorer, modelVersion: loaded.sidecar.version, labels: loaded.sidecar.labels, close: () => registry.close() };
}
