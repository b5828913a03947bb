/**
 * @module inference/config
 * Settings of the inference process, from its environment:
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `MODELS_DIR` | `models` | folder of `<name>.onnx` + `<name>.json` (relative to the working directory) |
 * | `INFERENCE_PROVIDER` | `cpu` | `cpu`, or `cuda` (falls back to CPU with a warning when CUDA cannot load) |
 * | `INFERENCE_MAX_BATCH` | `64` | most texts/vectors in one `session.run` |
 * | `INFERENCE_MAX_WAIT_MS` | `0` | longest a request waits for others to share its batch |
 * | `INFERENCE_SOCKET` | `<tmpdir>/mentalia-inference.sock` | Unix socket path |
 * | `INFERENCE_THREADS` | onnxruntime's (all cores) | intra-op threads per session |
 */
import os from 'node:os';
import path from 'node:path';

export type ProviderSetting = 'cpu' | 'cuda';

export interface InferenceConfig {
  readonly modelsDir: string;
  readonly provider: ProviderSetting;
  readonly maxBatch: number;
  readonly maxWaitMs: number;
  readonly socketPath: string;
  readonly threads: number | undefined;
}

export const DEFAULT_MAX_BATCH = 64;
// 0: no idle wait; requests arriving while a batch runs still go out together right after it.
export const DEFAULT_MAX_WAIT_MS = 0;

export function defaultSocketPath(): string {
  return path.join(os.tmpdir(), 'mentalia-inference.sock');
}

export function loadInferenceConfig(env: Readonly<Record<string, string | undefined>> = process.env): InferenceConfig {
  return {
    modelsDir: path.resolve(env.MODELS_DIR || 'models'),
    provider: providerSetting(env.INFERENCE_PROVIDER),
    maxBatch: integer(env, 'INFERENCE_MAX_BATCH', DEFAULT_MAX_BATCH, 1, 65_536),
    maxWaitMs: integer(env, 'INFERENCE_MAX_WAIT_MS', DEFAULT_MAX_WAIT_MS, 0, 60_000),
    socketPath: path.resolve(env.INFERENCE_SOCKET || defaultSocketPath()),
    threads: env.INFERENCE_THREADS ? integer(env, 'INFERENCE_THREADS', 0, 1, 1_024) : undefined,
  };
}

export function providerSetting(raw: string | undefined): ProviderSetting {
  const value = (raw || 'cpu').trim().toLowerCase();
  if (value === 'cpu' || value === 'cuda') return value;
  throw new Error(`config: INFERENCE_PROVIDER must be "cpu" or "cuda", got "${raw}"`);
}

function integer(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`config: ${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}
