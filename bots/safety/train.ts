/**
 * Trains the crisis classifier (layer 2) and chooses the combination thresholds.
 *
 *   npx tsx bots/safety/train.ts [--models-dir models] [--name crisis]
 *
 * 1. Loads `data/crisis.es-en.jsonl` and keeps the TRAIN split only (dataset.ts: by hash of the normalised text),
 *    plus `data/crisis.background.jsonl` (plain chat, training only: never scored, never in the thresholds).
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
import { DEFAULT_TEXT_FEATURIZER, featurizeText, type HashedNgramsFeaturizer, type SparseFeatures } from '../inference/featurize.ts';
import { forward, trainClassifier } from '../inference/train-logreg.ts';
import { combine, readModelLabels, type Thresholds } from '../../plugins/safety/assess.ts';
import { isCrisis, RISK_LEVELS } from '../../plugins/safety/levels.ts';
import { matchPatterns, PATTERNS_VERSION } from '../../plugins/safety/patterns.ts';
import { segmentsOf } from '../../plugins/safety/segments.ts';
import { BACKGROUND_FILE, DATASET_VERSION, loadExamples, loadSplit, type CrisisExample } from './dataset.ts';

export const MODEL_NAME = 'crisis';
export const MODEL_VERSION = '1.4.0';
/**
 * Char 3–5-grams (instead of the default 2–4) and 512 kept features (instead of 256): chosen in v3 on 4-fold
 * out-of-fold AUC of the train split and on the dev set (data/crisis.dev.jsonl), never on a held-out or unseen set.
 * Longer char n-grams carry more of a word's stem ("suicid", "pastill", "despert"), which survives typos and
 * conjugation better than bigrams; 512 keeps long messages from losing their risk words to the top-K cut.
 */
export const FEATURIZER: HashedNgramsFeaturizer = Object.freeze({ ...DEFAULT_TEXT_FEATURIZER, charNgrams: [3, 5] as const, topK: 512 });
/**
 * `average: 5` since v4: the weights of five shuffle orders (seeds 7–11) averaged. Not more accurate on average
 * (out-of-fold AUC 0.9464 vs 0.9455–0.9467 for single seeds) but it removes the seed lottery: single seeds moved dev
 * FPR between 3.2% and 4.8%, and removing three training lines moved the held-out FPR by two points.
 */
export const TRAIN_OPTIONS = { epochs: 30, learningRate: 0.5, l2: 1e-5, seed: 7, average: 5 } as const;

/** A classifier configuration: featurizer + training options (`hidden` > 0: one ReLU hidden layer). */
export interface ModelConfig {
  readonly featurizer: HashedNgramsFeaturizer;
  readonly train: { readonly epochs: number; readonly learningRate: number; readonly l2: number; readonly seed: number; readonly hidden?: number; readonly average?: number };
  /** Experiments only: average these configurations' logits (same featurizer). */
  readonly ensemble?: readonly string[];
}

/**
 * Candidates compared by `experiment.ts` in v4 (out-of-fold on the train split of crisis-es-en@4, and dev; FPR budget
 * 0.12, one seed each): linear AUC 0.9465, dev 100.0% / 3.2%; one hidden ReLU layer of 64 (`mlp64`) 0.9461, 99.0% / 4.0%; the
 * average of the two (`ens`) 0.9466, 100.0% / 3.2%; word 1–3-grams 0.9449 and stronger L2 / fewer epochs / a lower
 * learning rate all 0.939–0.945. More capacity did not generalise better than more data, so the shipped model stays
 * linear (`linear`), which is also the cheapest to serve.
 */
export const CONFIGS: Record<string, ModelConfig> = {
  linear: { featurizer: FEATURIZER, train: TRAIN_OPTIONS },
  mlp32: { featurizer: FEATURIZER, train: { epochs: 20, learningRate: 0.05, l2: 1e-6, seed: 7, hidden: 32 } },
  mlp64: { featurizer: FEATURIZER, train: { epochs: 20, learningRate: 0.05, l2: 1e-6, seed: 7, hidden: 64 } },
  ens: { featurizer: FEATURIZER, train: TRAIN_OPTIONS, ensemble: ['linear', 'mlp64'] },
  linW13: { featurizer: { ...FEATURIZER, wordNgrams: [1, 3] as const }, train: TRAIN_OPTIONS },
  linC25: { featurizer: { ...FEATURIZER, charNgrams: [2, 5] as const, topK: 1024 }, train: TRAIN_OPTIONS },
  linL2: { featurizer: FEATURIZER, train: { ...TRAIN_OPTIONS, l2: 2e-4 } },
  linE10: { featurizer: FEATURIZER, train: { ...TRAIN_OPTIONS, epochs: 10 } },
  linSeed7: { featurizer: FEATURIZER, train: { ...TRAIN_OPTIONS, average: 1 } },
  linSeed8: { featurizer: FEATURIZER, train: { ...TRAIN_OPTIONS, seed: 8, average: 1 } },
  linSeed9: { featurizer: FEATURIZER, train: { ...TRAIN_OPTIONS, seed: 9, average: 1 } },
};
const FOLDS = 5;
/**
 * 0.15 since v4 (0.12 in v3, 0.09 before): the train split over-represents hard negatives (idioms, hyperbole, benign
 * pills and bridges, and since v4 hundreds of neutral "mañana / no tengo / dormir" sentences) on purpose, so its
 * out-of-fold FPR overstates what realistic chat sees. Chosen on the dev set (data/crisis.dev.jsonl, 222 messages:
 * 0.12 → recall 100.0% / FPR 3.2%, 0.15 → 100.0% / 4.0%, 0.18 → 100.0% / 4.8%, 0.21 → 100.0% / 6.4%): dev recall is
 * saturated, so the budget buys recall headroom on phrasings nobody wrote yet at a dev FPR that stays far below 10%.
 * Never chosen on the held-out split or an unseen set's items. `--fpr-budget` overrides it for experiments.
 */
const FPR_BUDGET = 0.15;
const IDIOM_FPR = 0.02;
const ELEVATED_RECALL = 0.95;
/** …but never a threshold that flags more than this share of ordinary messages. */
const ELEVATED_FPR = 0.2;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const THRESHOLDS_FILE = path.join(ROOT, 'plugins', 'safety', 'thresholds.json');

const crisisOf = (p: Float64Array) => (p[2] ?? 0) + (p[3] ?? 0) + (p[4] ?? 0);

/** The probabilities of a text's riskiest part (whole or one sentence, plugins/safety/segments.ts), as the layer reads it. */
export function forwardRiskiest(run: (features: SparseFeatures) => Float64Array, text: string, featurizer: HashedNgramsFeaturizer = FEATURIZER): Float64Array {
  let best: Float64Array | undefined;
  for (const part of segmentsOf(text)) {
    const p = run(featurizeText(part, featurizer));
    if (best === undefined || crisisOf(p) > crisisOf(best)) best = p;
  }
  return best!;
}

/**
 * Out-of-fold five-level probabilities for every example (fold = index mod FOLDS, a stable interleave). `background`
 * (dataset.ts: plain chat, training only) joins the training side of every fold and is never scored.
 */
export function outOfFold(examples: readonly CrisisExample[], background: readonly CrisisExample[] = []): Float64Array[] {
  const features = examples.map((e) => featurizeText(e.text, FEATURIZER));
  const always = background.map((e) => ({ features: featurizeText(e.text, FEATURIZER), labels: [RISK_LEVELS.indexOf(e.label)] }));
  const out: Float64Array[] = new Array(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const training = [...examples.flatMap((e, i) => (i % FOLDS === fold ? [] : [{ features: features[i]!, labels: [RISK_LEVELS.indexOf(e.label)] }])), ...always];
    const network = trainClassifier(training, { inputs: FEATURIZER.dims, classes: RISK_LEVELS.length, activation: 'softmax', ...TRAIN_OPTIONS });
    examples.forEach((_, i) => {
      if (i % FOLDS === fold) out[i] = forwardRiskiest((f) => forward(network, f), examples[i]!.text);
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

export function chooseThresholds(examples: readonly CrisisExample[], probabilities: readonly Float64Array[], fprBudget = FPR_BUDGET): { thresholds: Thresholds; report: Record<string, unknown> } {
  const scores = probabilities.map(crisisOf);
  const negatives = scores.filter((_, i) => !isCrisis(examples[i]!.label));
  const positives = scores.filter((_, i) => isCrisis(examples[i]!.label));
  const crisis = round(thresholdForFpr(negatives, fprBudget));
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
    fprBudget,
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
      'fpr-budget': { type: 'string', default: String(FPR_BUDGET) },
    },
  });
  const started = performance.now();
  const { train, test } = loadSplit();
  const background = loadExamples(BACKGROUND_FILE);
  console.log(`dataset ${DATASET_VERSION}: ${train.length} train (+ ${background.length} background chat), ${test.length} held out (not used here)`);

  const probabilities = outOfFold(train, background);
  const { thresholds, report } = chooseThresholds(train, probabilities, Number(values['fpr-budget']));
  console.log('thresholds (out-of-fold, train split):', thresholds);
  console.log('out-of-fold on the train split:', JSON.stringify(report.outOfFold));

  const name = values.name!;
  const built = buildTextModel({
    name,
    version: MODEL_VERSION,
    description: 'Crisis and self-harm risk (and danger from others), ES/EN; five levels. See bots/safety/data/README.md.',
    activation: 'softmax',
    labels: RISK_LEVELS,
    examples: [...train, ...background].map((e) => ({ text: e.text, labels: e.label })),
    featurizer: FEATURIZER,
    ...TRAIN_OPTIONS,
    training: { dataset: DATASET_VERSION, split: 'train', examples: train.length, background: background.length, patterns: PATTERNS_VERSION, thresholds, crossValidation: report },
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
