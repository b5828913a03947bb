/**
 * Trains the fingerspelling model and writes models/fingerspell.{onnx,json}, deterministically (same seeds, same
 * bytes):
 *
 *   npx tsx plugins/sign-link/train.ts            # trains, checks on held-out fixtures, writes the model
 *   npx tsx plugins/sign-link/train.ts --dry-run  # trains and checks only
 *   MODELS_DIR=/tmp/m npx tsx plugins/sign-link/train.ts  # writes elsewhere
 *
 * Data: synthetic frames from the parametric hand (fixtures.ts), TRAIN_SEED, PER_SHAPE per handshape. The held-out
 * check uses other seeds (eval.ts: EVAL_SEED), never seen here. Model: a one-hidden-layer MLP (ReLU, softmax) over
 * the geometric features of features.ts, trained by bots/inference (SGD + L2) and exported to ONNX (opset 13).
 */
import { buildVectorModel, saveModel } from '../../bots/inference/index.ts';
import { forward } from '../../bots/inference/train-logreg.ts';
import { denseFeatures } from '../../bots/inference/train-logreg.ts';
import { handFeatures } from './features.ts';
import { generateFixtures } from './fixtures.ts';
import path from 'node:path';
import { REPO_MODELS_DIR } from './local-model.ts';
import { MODEL_DIM, MODEL_LABELS, MODEL_NAME, MODEL_VERSION } from './model.ts';

export const TRAIN_SEED = 101;
export const PER_SHAPE = 400;
export const CHECK_SEED = 303;
const HIDDEN = Number(process.env.SIGN_HIDDEN ?? 48);
const EPOCHS = Number(process.env.SIGN_EPOCHS ?? 60);

const started = performance.now();
const fixtures = generateFixtures({ seed: TRAIN_SEED, perShape: PER_SHAPE, shapes: MODEL_LABELS });
const built = buildVectorModel({
  name: MODEL_NAME,
  version: MODEL_VERSION,
  description: 'Static fingerspelling handshapes of LSM and LSE from 21 hand landmarks (geometric features). Trained on synthetic frames only.',
  activation: 'softmax',
  labels: MODEL_LABELS,
  dim: MODEL_DIM,
  hidden: HIDDEN,
  epochs: EPOCHS,
  learningRate: 0.05,
  l2: 1e-5,
  seed: 7,
  examples: fixtures.map((f) => ({ vector: handFeatures(f.frame), labels: f.shape })),
  training: {
    data: 'synthetic frames of the parametric hand (plugins/sign-link/fixtures.ts)',
    seed: TRAIN_SEED,
    perShape: PER_SHAPE,
    hidden: HIDDEN,
    epochs: EPOCHS,
    features: 'plugins/sign-link/features.ts',
  },
});
const check = generateFixtures({ seed: CHECK_SEED, perShape: 60, shapes: MODEL_LABELS });
let correct = 0;
for (const f of check) {
  const scores = forward(built.network, denseFeatures(handFeatures(f.frame)));
  const best = scores.indexOf(Math.max(...scores));
  if (MODEL_LABELS[best] === f.shape) correct++;
}
console.log(`trained on ${fixtures.length} frames (${MODEL_LABELS.length} handshapes) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`handshape accuracy on ${check.length} other frames (all shapes, no language restriction): ${((correct / check.length) * 100).toFixed(1)}%`);
if (!process.argv.includes('--dry-run')) {
  // MODELS_DIR (relative to the working directory, as in bots/inference) when set, else the repository's models/.
  const dir = process.env.MODELS_DIR ? path.resolve(process.env.MODELS_DIR) : REPO_MODELS_DIR;
  await saveModel(dir, MODEL_NAME, built.onnx, built.sidecar);
  console.log(`wrote ${dir}/${MODEL_NAME}.onnx and .json (${built.onnx.length} bytes)`);
}
