/**
 * Trains the crisis classifier (layer 2) and chooses the combination thresholds.
 *
 *   npx tsx bots/safety/train.ts [--models-dir models] [--name crisis]
 *
 * 1. Loads `data/crisis.es-en.jsonl` and keeps the TRAIN split only (dataset.ts: by hash of the normalised text).
 * 2. 5-fold cross-validation on the train split gives every training example an out-of-fold crisis probability.
 * 3. Thresholds (assess.ts) from those out-of-fold scores — never from the test split or the unseen file:
 *    - `crisis`: the lowest threshold whose classifier-only false-positive rate (none + low) stays within
 *      `FPR_BUDGET`; the pattern list contributes almost no false positives, so this is where the budget goes;
 *    - `idiom`: the same for `IDIOM_FPR` (stricter), used when an idiom or a joke/recovery guard is present;
 *    - `elevated`: the threshold that keeps `ELEVATED_RECALL` of the crises (but flags at most `ELEVATED_FPR` of the
 *      ordinary messages), used in conversations already at risk;
 *    - `low`: 0.5 on P(low or above).
 * 4. Trains the final model on the whole train split (five-level softmax over hashed n-grams, bots/inference),
 *    exports ONNX and writes `<models-dir>/<name>.onnx` + `.json` (thresholds copied into the sidecar's `training`)
 *    and `plugins/safety/thresholds.json` (what the plugin reads; it cannot read the models folder).
 *
 * Deterministic: the same data gives the same bytes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildTextModel, saveModel } from '../inference/index.ts';
import { DEFAULT_TEXT_FEATURIZER, featurizeText, type HashedNgramsFeaturizer } from '../inference/featurize.ts';
import { forward, trainClassifier } from '../inference/train-logreg.ts';
import { combine, readModelLabels, type Thresholds } from '../../plugins/safety/assess.ts';
import { isCrisis, RISK_LEVELS } from '../../plugins/safety/levels.ts';
import { matchPatterns, PATTERNS_VERSION } from '../../plugins/safety/patterns.ts';
import { DATASET_VERSION, loadSplit, type CrisisExample } from './dataset.ts';

export const MODEL_NAME = 'crisis';
export const MODEL_VERSION = '1.1.0';
export const FEATURIZER: HashedNgramsFeaturizer = DEFAULT_TEXT_FEATURIZER;
export const TRAIN_OPTIONS = { epochs: 30, learningRate: 0.5, l2: 1e-5, seed: 7 } as const;
const FOLDS = 5;
const FPR_BUDGET = 0.09;
const IDIOM_FPR = 0.02;
const ELEVATED_RECALL = 0.95;
/** …but never a threshold that flags more than this share of ordinary messages. */
const ELEVATED_FPR = 0.2;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const THRESHOLDS_FILE = path.join(ROOT, 'plugins', 'safety', 'thresholds.json');

/** Out-of-fold five-level probabilities for every example (fold = index mod FOLDS, a stable interleave). */
export function outOfFold(examples: readonly CrisisExample[]): Float64Array[] {
  const features = examples.map((e) => featurizeText(e.text, FEATURIZER));
  const out: Float64Array[] = new Array(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const training = examples.flatMap((e, i) => (i % FOLDS === fold ? [] : [{ features: features[i]!, labels: [RISK_LEVELS.indexOf(e.label)] }]));
    const network = trainClassifier(training, { inputs: FEATURIZER.dims, classes: RISK_LEVELS.length, activation: 'softmax', ...TRAIN_OPTIONS });
    examples.forEach((_, i) => {
      if (i % FOLDS === fold) out[i] = forward(network, features[i]!);
    });
  }
  return out;
}

/** The lowest threshold t such that the share of `negatives` scoring ≥ t is at most `fpr`. */
function thresholdForFpr(negatives: readonly number[], fpr: number): number {
  const sorted = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(fpr * sorted.length);
  // Strictly above the (allowed+1)-th highest negative.
  const boundary = sorted[allowed] ?? 0;
  return Math.min(0.99, boundary + 1e-4);
}

/** The highest threshold that keeps at least `recall` of `positives`. */
function thresholdForRecall(positives: readonly number[], recall: number): number {
  const sorted = [...positives].sort((a, b) => a - b);
  return sorted[Math.floor((1 - recall) * sorted.length)] ?? 0;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function chooseThresholds(examples: readonly CrisisExample[], probabilities: readonly Float64Array[]): { thresholds: Thresholds; report: Record<string, unknown> } {
  const crisisOf = (p: Float64Array) => (p[2] ?? 0) + (p[3] ?? 0) + (p[4] ?? 0);
  const scores = probabilities.map(crisisOf);
  const negatives = scores.filter((_, i) => !isCrisis(examples[i]!.label));
  const positives = scores.filter((_, i) => isCrisis(examples[i]!.label));
  const crisis = round(thresholdForFpr(negatives, FPR_BUDGET));
  const idiom = round(Math.max(crisis, thresholdForFpr(negatives, IDIOM_FPR)));
  const elevated = round(Math.min(crisis, Math.max(thresholdForRecall(positives, ELEVATED_RECALL), thresholdForFpr(negatives, ELEVATED_FPR))));
  const thresholds: Thresholds = { crisis, idiom, elevated, low: 0.5 };

  // What the whole combination does out of fold on the train split (patterns + classifier).
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  let modelTp = 0;
  let modelFp = 0;
  examples.forEach((example, i) => {
    const labels = RISK_LEVELS.map((label, c) => ({ label, score: probabilities[i]![c] ?? 0 }));
    const assessment = combine(matchPatterns(example.text), readModelLabels(labels), thresholds);
    const gold = isCrisis(example.label);
    const predicted = isCrisis(assessment.level);
    if (gold && predicted) tp++;
    else if (gold) fn++;
    else if (predicted) fp++;
    else tn++;
    if (scores[i]! >= crisis) gold ? modelTp++ : modelFp++;
  });
  const report = {
    folds: FOLDS,
    examples: examples.length,
    fprBudget: FPR_BUDGET,
    outOfFold: {
      classifierOnly: { recall: round(modelTp / positives.length), fpr: round(modelFp / negatives.length) },
      combined: { recall: round(tp / (tp + fn)), fpr: round(fp / (fp + tn)) },
      auc: round(auc(positives, negatives)),
    },
  };
  return { thresholds, report };
}

function auc(positives: readonly number[], negatives: readonly number[]): number {
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'models-dir': { type: 'string', default: process.env.MODELS_DIR || 'models' },
      name: { type: 'string', default: MODEL_NAME },
      'no-thresholds-file': { type: 'boolean', default: false },
    },
  });
  const started = performance.now();
  const { train, test } = loadSplit();
  console.log(`dataset ${DATASET_VERSION}: ${train.length} train, ${test.length} held out (not used here)`);

  const probabilities = outOfFold(train);
  const { thresholds, report } = chooseThresholds(train, probabilities);
  console.log('thresholds (out-of-fold, train split):', thresholds);
  console.log('out-of-fold on the train split:', JSON.stringify(report.outOfFold));

  const name = values.name!;
  const built = buildTextModel({
    name,
    version: MODEL_VERSION,
    description: 'Crisis and self-harm risk (and danger from others), ES/EN; five levels. See bots/safety/data/README.md.',
    activation: 'softmax',
    labels: RISK_LEVELS,
    examples: train.map((e) => ({ text: e.text, labels: e.label })),
    featurizer: FEATURIZER,
    ...TRAIN_OPTIONS,
    training: { dataset: DATASET_VERSION, split: 'train', examples: train.length, patterns: PATTERNS_VERSION, thresholds, crossValidation: report },
  });
  const files = await saveModel(values['models-dir']!, name, built.onnx, built.sidecar);
  console.log(`wrote ${files.onnxPath} (${(built.onnx.byteLength / 1024).toFixed(0)} KiB) and ${files.sidecarPath}`);

  if (!values['no-thresholds-file']) {
    const content = {
      model: name,
      modelVersion: MODEL_VERSION,
      dataset: DATASET_VERSION,
      patterns: PATTERNS_VERSION,
      thresholds,
      chosenOn: 'train split, 5-fold out-of-fold scores (bots/safety/train.ts)',
      crossValidation: report,
    };
    writeFileSync(THRESHOLDS_FILE, `${JSON.stringify(content, null, 2)}\n`);
    console.log(`wrote ${path.relative(ROOT, THRESHOLDS_FILE)}`);
  }
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
