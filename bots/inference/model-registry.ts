/**
 * @module inference/model-registry
 * Loads models lazily by name from the models folder and keeps them: one `InferenceSession` per ONNX file, shared by
 * every caller (two sidecars naming the same file share its session). Concurrent first requests for a model wait for
 * one load. A load that fails is forgotten, so fixing the files and asking again works without a restart; a model
 * that loaded stays as it is until the process restarts.
 */
import { InferenceSession } from 'onnxruntime-node';
import type { Logger } from 'pino';
import { ModelFileError, loadSidecar, type Sidecar } from './model-files.ts';

export interface LoadedModel {
  readonly name: string;
  readonly sidecar: Sidecar;
  readonly onnxPath: string;
  readonly session: InferenceSession;
  readonly loadMs: number;
}

export interface ModelRegistryOptions {
  readonly modelsDir: string;
  readonly executionProviders: readonly string[];
  /** Intra-op threads per session; onnxruntime's default (all cores) when absent. */
  readonly threads?: number | undefined;
  readonly log: Logger;
  /** After every load attempt of a model whose files exist. */
  readonly onLoad?: (name: string, ok: boolean, seconds: number) => void;
}

export class ModelRegistry {
  readonly #options: ModelRegistryOptions;
  readonly #models = new Map<string, Promise<LoadedModel>>();
  readonly #sessions = new Map<string, Promise<InferenceSession>>();

  constructor(options: ModelRegistryOptions) {
    this.#options = options;
  }

  /** @throws ModelFileError: `MODEL_NOT_FOUND`, or `MODEL_INVALID` for files that exist but cannot serve. */
  get(name: string): Promise<LoadedModel> {
    let model = this.#models.get(name);
    if (model === undefined) {
      model = this.#load(name);
      this.#models.set(name, model);
      model.catch(() => this.#models.delete(name));
    }
    return model;
  }

  async close(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#models.clear();
    this.#sessions.clear();
    await Promise.all(sessions.map((session) => session.then((s) => s.release(), () => {})));
  }

  async #load(name: string): Promise<LoadedModel> {
    const { sidecar, onnxPath } = await loadSidecar(this.#options.modelsDir, name);
    const started = performance.now();
    try {
      const session = await this.#session(onnxPath);
      checkSessionFitsSidecar(session, sidecar);
      const loadMs = Math.round((performance.now() - started) * 10) / 10;
      this.#options.onLoad?.(name, true, loadMs / 1000);
      this.#options.log.info({ model: name, version: sidecar.version, file: onnxPath, ms: loadMs }, 'model loaded');
      return { name, sidecar, onnxPath, session, loadMs };
    } catch (error) {
      this.#options.onLoad?.(name, false, (performance.now() - started) / 1000);
      this.#options.log.warn({ model: name, file: onnxPath, err: error }, 'model could not be loaded');
      if (error instanceof ModelFileError) throw error;
      throw new ModelFileError('MODEL_INVALID', `model "${name}" could not be loaded: ${messageOf(error)}`, { cause: error });
    }
  }

  #session(onnxPath: string): Promise<InferenceSession> {
    let session = this.#sessions.get(onnxPath);
    if (session === undefined) {
      const { executionProviders, threads } = this.#options;
      session = InferenceSession.create(onnxPath, {
        executionProviders: [...executionProviders],
        graphOptimizationLevel: 'all',
        ...(threads === undefined ? {} : { intraOpNumThreads: threads }),
      });
      this.#sessions.set(onnxPath, session);
      session.catch(() => this.#sessions.delete(onnxPath));
    }
    return session;
  }
}

/** The graph must have the tensors the sidecar names, and a text graph the sidecar's K. */
function checkSessionFitsSidecar(session: InferenceSession, sidecar: Sidecar): void {
  const missingInputs = sidecar.inputs.filter((input) => !session.inputNames.includes(input));
  if (missingInputs.length > 0) {
    throw new ModelFileError('MODEL_INVALID', `the graph has no input(s) ${missingInputs.join(', ')} (it has ${session.inputNames.join(', ')})`);
  }
  if (!session.outputNames.includes(sidecar.outputs.scores)) {
    throw new ModelFileError('MODEL_INVALID', `the graph has no output "${sidecar.outputs.scores}" (it has ${session.outputNames.join(', ')})`);
  }
  const first = session.inputMetadata[session.inputNames.indexOf(sidecar.inputs[0] ?? '')];
  const width = first?.isTensor === true ? first.shape[1] : undefined;
  const expected = sidecar.featurizer.type === 'vector' ? sidecar.featurizer.dim : sidecar.featurizer.topK;
  if (typeof width === 'number' && width !== expected) {
    throw new ModelFileError('MODEL_INVALID', `input "${sidecar.inputs[0]}" is ${width} wide but the sidecar's featurizer gives ${expected}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
