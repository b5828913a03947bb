/**
 * @module inference/providers
 * Which onnxruntime execution providers sessions are created with. `cpu` is always there. `cuda` needs the CUDA
 * provider libraries (`libonnxruntime_providers_{cuda,shared}.so`), which the npm package does not ship, plus a GPU and
 * its driver: the service probes it once with a one-node model and, when it cannot load, warns and runs on CPU, so a
 * misconfigured GPU host degrades instead of failing every request. See README "GPU".
 */
import { InferenceSession } from 'onnxruntime-node';
import type { Logger } from 'pino';
import type { ProviderSetting } from './config.ts';
import { exportVectorModel } from './export-onnx.ts';
import type { ProviderStats } from './protocol.ts';

export interface ResolvedProviders {
  readonly stats: ProviderStats;
  /** For `InferenceSession.create`. With CUDA, CPU stays listed for the operators CUDA lacks. */
  readonly executionProviders: readonly string[];
}

export async function resolveProviders(setting: ProviderSetting, log: Logger): Promise<ResolvedProviders> {
  if (setting === 'cpu') return { stats: { configured: 'cpu', active: 'cpu' }, executionProviders: ['cpu'] };
  try {
    const probe = await InferenceSession.create(probeModel(), { executionProviders: ['cuda'] });
    await probe.release();
    log.info('CUDA execution provider loaded; inference runs on the GPU');
    return { stats: { configured: 'cuda', active: 'cuda' }, executionProviders: ['cuda', 'cpu'] };
  } catch (error) {
    const reason = firstLine(error);
    log.warn(
      { reason },
      'INFERENCE_PROVIDER=cuda but the CUDA execution provider could not be loaded; running on CPU ' +
        '(install the CUDA provider libraries, see bots/inference/README.md)',
    );
    return { stats: { configured: 'cuda', active: 'cpu', fallbackReason: reason }, executionProviders: ['cpu'] };
  }
}

/** x[N,1] → Gemm → Softmax: the smallest model that makes onnxruntime set up the provider. */
function probeModel(): Uint8Array {
  const layer = { inputs: 1, outputs: 1, weights: new Float32Array([1]), bias: new Float32Array([0]) };
  return exportVectorModel({ layers: [layer], activation: 'softmax' }, { name: 'provider-probe' });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 500);
}
