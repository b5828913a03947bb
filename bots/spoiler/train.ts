/**
 * Trains the spoiler detector's model and chooses its thresholds, deterministically (same data, same bytes):
 *
 *   npx tsx bots/spoiler/train.ts                     # writes models/spoiler.{onnx,json} and plugins/spoiler-detector/thresholds.json
 *   npx tsx bots/spoiler/train.ts --dry-run           # prints the cross-validation table only
 *   npx tsx bots/spoiler/train.ts --dry-run --errors  # … and the out-of-fold errors (train split only)
 *
 * 1. Loads `data/red-flags.es-en.jsonl` and keeps the **train** split (the test split and the unseen file are never
 *    read here).
 * 2. Model: multi-label logistic regression (one-vs-rest sigmoid, SGD + L2, `bots/inference`) over hashed n-grams,
 *    one output per category plus `red_flag` (any category). Settings (char n-gram range, epochs, oversampling of
 *    examples with red flags) are compared by 5-fold cross-validation on the train split, scoring each fold's held-out
 *    examples with the full pipeline of `plugins/spoiler-detector/detector.ts` (pieces, max over pieces, cues,
 *    combined score).
 * 3. Thresholds: per category (best F1), one global (best micro-F1), or their average; then the `red_flag` head's
 *    threshold and rule (`or` / `gate`). Each combination is judged by nested cross-validation on the out-of-fold
 *    scores (chosen on 4/5, measured on 1/5) so that fitting nine thresholds does not flatter itself. The best is
 *    refitted on all out-of-fold scores. Cue-only thresholds (the degraded path without a model) are chosen on the
 *    cue scores of the train split.
 * 4. The final model is trained on the whole train split, exported to ONNX (opset 13) and saved with its sidecar in
 *    MODELS_DIR (default `models/`); the thresholds go to `plugins/spoiler-detector/thresholds.json`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TEXT_FEATURIZER, featurizeText, fnv1a32, normalizeText, type HashedNgramsFeaturizer } from '../inference/featurize.ts';
import { buildTextModel, saveModel } from '../inference/index.ts';
import { forward, trainClassifier, type TrainedNetwork } from '../inference/train-logreg.ts';
import { CATEGORIES, type Category } from '../../plugins/spoiler-detector/categories.ts';
import { cueScores } from '../../plugins/spoiler-detector/cues.ts';
import {
  MODEL_LABELS,
  RED_FLAG,
  maxOverPieces,
  piecesOf,
  type CategoryScores,
  type ModelScores,
  type RedFlagRule,
  type ThresholdsFile,
} from '../../plugins/spoiler-detector/detector.ts';
import { DATASET_FILE, DATASET_NAME, DATASET_VERSION, fileSha256, loadExamples, splitExamples, type Example } from './dataset.ts';

export const MODEL_NAME = 'spoiler';
export const MODEL_VERSION = '1.0.0';
const SEED = 7;
const FOLDS = 5;
const THRESHOLD_GRID = Array.from({ length: 29 }, (_, i) => Math.round((0.2 + i * 0.025) * 1000) / 1000); // 0.2 … 0.9
/** For the red-flag head: 0.2 … 0.95, and 1.01 = off (categories alone decide). */
const RED_FLAG_GRID = [...Array.from({ length: 31 }, (_, i) => Math.round((0.2 + i * 0.025) * 1000) / 1000), 1.01];
const THRESHOLDS_FILE = fileURLToPath(new URL('../../plugins/spoiler-detector/thresholds.json', import.meta.url));

interface Settings {
  readonly dims: number;
  readonly charNgrams: readonly [number, number];
  readonly wordNgrams: readonly [number, number];
  readonly epochs: number;
  readonly l2: number;
  /** Each example with at least one category is seen this many times per epoch. */
  readonly oversample: number;
}

const NGRAMS: readonly Pick<Settings, 'charNgrams' | 'wordNgrams'>[] = [
  { charNgrams: [2, 4], wordNgrams: [1, 2] },
  { charNgrams: [3, 5], wordNgrams: [1, 2] },
];
const GRID: readonly Settings[] = NGRAMS.flatMap((ngrams) =>
  [40, 80].flatMap((epochs) => [1, 2].map((oversample) => ({ dims: 32_768, ...ngrams, epochs, l2: 1e-5, oversample }))),
);

export function featurizerFor(settings: Pick<Settings, 'dims' | 'charNgrams' | 'wordNgrams'>): HashedNgramsFeaturizer {
  return { ...DEFAULT_TEXT_FEATURIZER, dims: settings.dims, charNgrams: settings.charNgrams, wordNgrams: settings.wordNgrams };
}

/** Labels of an example for the model: its categories, plus `red_flag` when it has any. */
function modelLabels(example: Example): string[] {
  return example.categories.length > 0 ? [...example.categories, RED_FLAG] : [];
}

function trainingRows(examples: readonly Example[], oversample: number): { text: string; labels: string[] }[] {
  return examples.flatMap((e) => Array.from({ length: e.categories.length > 0 ? oversample : 1 }, () => ({ text: e.text, labels: modelLabels(e) })));
}

function trainNetwork(examples: readonly Example[], settings: Settings): TrainedNetwork {
  const featurizer = featurizerFor(settings);
  const rows = trainingRows(examples, settings.oversample).map((row) => ({
    features: featurizeText(row.text, featurizer),
    labels: row.labels.map((label) => (MODEL_LABELS as readonly string[]).indexOf(label)),
  }));
  return trainClassifier(rows, {
    inputs: settings.dims,
    classes: MODEL_LABELS.length,
    activation: 'sigmoid',
    epochs: settings.epochs,
    l2: settings.l2,
    seed: SEED,
  });
}

/** The model part of the pipeline, in JS (`forward` is the float32 reference the ONNX graph matches to 1e-5). */
export function jsScores(network: TrainedNetwork, featurizer: HashedNgramsFeaturizer, text: string): ModelScores {
  const pieces = piecesOf(text);
  return maxOverPieces(
    pieces.map((piece) => {
      const probs = forward(network, featurizeText(piece, featurizer));
      return Object.fromEntries(MODEL_LABELS.map((c, i) => [c, probs[i] ?? 0])) as ModelScores;
    }),
  );
}

const combine = (model: number, cues: number) => 1 - (1 - model) * (1 - cues);
const foldOf = (text: string) => fnv1a32(`fold:${normalizeText(text)}`) % FOLDS;

interface Scored {
  readonly example: Example;
  readonly combined: CategoryScores;
  readonly cues: CategoryScores;
  /** The red-flag head combined with the strongest cue (0 for cue-only rows). */
  readonly redFlag: number;
}

function outOfFold(train: readonly Example[], settings: Settings): Scored[] {
  const featurizer = featurizerFor(settings);
  const scored: Scored[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const network = trainNetwork(train.filter((e) => foldOf(e.text) !== fold), settings);
    for (const example of train.filter((e) => foldOf(e.text) === fold)) {
      const model = jsScores(network, featurizer, example.text);
      const cues = cueScores(example.text).scores;
      const combined = Object.fromEntries(CATEGORIES.map((c) => [c, combine(model[c], cues[c])])) as CategoryScores;
      scored.push({ example, combined, cues, redFlag: combine(model.red_flag, Math.max(...CATEGORIES.map((c) => cues[c]))) });
    }
  }
  return scored;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function f1(counts: Counts): number {
  return counts.tp === 0 ? 0 : (2 * counts.tp) / (2 * counts.tp + counts.fp + counts.fn);
}

function countsAt(scored: readonly Scored[], category: Category, threshold: number, key: 'combined' | 'cues'): Counts {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const s of scored) {
    const truth = s.example.categories.includes(category);
    const predicted = s[key][category] >= threshold;
    if (truth && predicted) counts.tp++;
    else if (predicted) counts.fp++;
    else if (truth) counts.fn++;
  }
  return counts;
}

/** How the per-category thresholds are chosen from out-of-fold scores. */
type ThresholdStrategy = 'per-category' | 'global' | 'blend';

function chooseThresholds(scored: readonly Scored[], key: 'combined' | 'cues', strategy: ThresholdStrategy = 'per-category'): CategoryScores {
  const perCategory = {} as CategoryScores;
  for (const category of CATEGORIES) {
    let best = { threshold: 0.5, f1: -1 };
    for (const threshold of THRESHOLD_GRID) {
      const value = f1(countsAt(scored, category, threshold, key));
      if (value > best.f1 + 1e-12) best = { threshold, f1: value };
    }
    perCategory[category] = best.threshold;
  }
  if (strategy === 'per-category') return perCategory;
  // One threshold for every category, best micro-F1: 1 free parameter instead of 9, so less fitted to the noise.
  let global = { threshold: 0.5, f1: -1 };
  for (const threshold of THRESHOLD_GRID) {
    const micro = { tp: 0, fp: 0, fn: 0 };
    for (const category of CATEGORIES) {
      const counts = countsAt(scored, category, threshold, key);
      micro.tp += counts.tp;
      micro.fp += counts.fp;
      micro.fn += counts.fn;
    }
    const value = f1(micro);
    if (value > global.f1 + 1e-12) global = { threshold, f1: value };
  }
  const out = {} as CategoryScores;
  for (const category of CATEGORIES) {
    out[category] = strategy === 'global' ? global.threshold : Math.round(((perCategory[category] + global.threshold) / 2) * 1000) / 1000;
  }
  return out;
}

/** What `detect` decides, from precomputed scores: flagged categories, or the closest one when only the head fired. */
function predict(s: Scored, thresholds: CategoryScores, redFlagThreshold: number, key: 'combined' | 'cues', rule: RedFlagRule = 'or'): Category[] {
  const flagged = CATEGORIES.filter((c) => s[key][c] >= thresholds[c]);
  if (key === 'cues') return flagged;
  if (s.redFlag < redFlagThreshold) return rule === 'gate' ? [] : flagged;
  if (flagged.length > 0) return flagged;
  let best: Category = CATEGORIES[0];
  for (const c of CATEGORIES) if (s[key][c] / thresholds[c] > s[key][best] / thresholds[best]) best = c;
  return [best];
}

interface Summary {
  readonly microF1: number;
  readonly macroF1: number;
  readonly redFlag: { readonly precision: number; readonly recall: number; readonly f1: number };
  readonly perCategory: Record<Category, number>;
}

function summarize(
  scored: readonly Scored[],
  thresholds: CategoryScores,
  redFlagThreshold: number,
  key: 'combined' | 'cues',
  rule: RedFlagRule = 'or',
): Summary {
  return summaryOf(scored.map((s) => ({ s, predicted: predict(s, thresholds, redFlagThreshold, key, rule) })));
}

function summaryOf(rows: readonly { s: Scored; predicted: readonly Category[] }[]): Summary {
  const perCounts = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<Category, Counts>;
  const flag = { tp: 0, fp: 0, fn: 0 };
  for (const { s, predicted } of rows) {
    for (const c of CATEGORIES) {
      const truth = s.example.categories.includes(c);
      const p = predicted.includes(c);
      if (truth && p) perCounts[c].tp++;
      else if (p) perCounts[c].fp++;
      else if (truth) perCounts[c].fn++;
    }
    const truth = s.example.categories.length > 0;
    const p = predicted.length > 0;
    if (truth && p) flag.tp++;
    else if (p) flag.fp++;
    else if (truth) flag.fn++;
  }
  const micro = { tp: 0, fp: 0, fn: 0 };
  const perCategory = {} as Record<Category, number>;
  for (const c of CATEGORIES) {
    micro.tp += perCounts[c].tp;
    micro.fp += perCounts[c].fp;
    micro.fn += perCounts[c].fn;
    perCategory[c] = round(f1(perCounts[c]));
  }
  const macro = CATEGORIES.reduce((sum, c) => sum + perCategory[c], 0) / CATEGORIES.length;
  const precision = flag.tp + flag.fp === 0 ? 0 : flag.tp / (flag.tp + flag.fp);
  const recall = flag.tp + flag.fn === 0 ? 0 : flag.tp / (flag.tp + flag.fn);
  return {
    microF1: round(f1(micro)),
    macroF1: round(macro),
    redFlag: { precision: round(precision), recall: round(recall), f1: round(f1(flag)) },
    perCategory,
  };
}

/**
 * An honest estimate of a threshold strategy: thresholds chosen on 4/5 of the out-of-fold rows, applied to the other
 * 1/5, over the 5 folds (the scores themselves are already out-of-fold). Choosing thresholds and judging them on the
 * same rows flatters low thresholds; this does not.
 */
function nestedSummary(scored: readonly Scored[], strategy: ThresholdStrategy, rule: RedFlagRule): Summary {
  const predictedRows: { s: Scored; predicted: Category[] }[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const fit = scored.filter((s) => foldOf(`nested:${s.example.text}`) !== fold);
    const held = scored.filter((s) => foldOf(`nested:${s.example.text}`) === fold);
    const thresholds = chooseThresholds(fit, 'combined', strategy);
    const head = chooseRedFlagThreshold(fit, thresholds, rule);
    for (const s of held) predictedRows.push({ s, predicted: predict(s, thresholds, head, 'combined', rule) });
  }
  return summaryOf(predictedRows);
}

/** The red-flag head's threshold (given the category thresholds) with the best red-flag F1; ties → lower (recall). */
function chooseRedFlagThreshold(scored: readonly Scored[], thresholds: CategoryScores, rule: RedFlagRule): number {
  let best = { threshold: 1.01, f1: -1 };
  for (const threshold of rule === 'gate' ? RED_FLAG_GRID.filter((t) => t <= 1) : RED_FLAG_GRID) {
    const value = summarize(scored, thresholds, threshold, 'combined', rule).redFlag.f1;
    if (value > best.f1 + 1e-12) best = { threshold, f1: value };
  }
  return best.threshold;
}

const round = (x: number) => Math.round(x * 1_000) / 1_000;

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const modelsDir = path.resolve(process.env.MODELS_DIR || 'models');
  const { train, test } = splitExamples(loadExamples());
  console.log(`${DATASET_NAME}@${DATASET_VERSION}: ${train.length} train, ${test.length} test (test not used here)`);

  let best:
    | {
        settings: Settings;
        rule: RedFlagRule;
        strategy: ThresholdStrategy;
        scored: Scored[];
        nested: Summary;
        score: number;
      }
    | undefined;
  console.log('\n5-fold cross-validation on the train split; thresholds judged by nested cross-validation on the out-of-fold scores:');
  console.log('chars wrds epochs over  rule  thresholds    microF1  macroF1  red-flag P / R / F1');
  for (const settings of GRID) {
    const scored = outOfFold(train, settings);
    for (const rule of ['or', 'gate'] as const) {
      for (const strategy of ['per-category', 'global', 'blend'] as const) {
        const nested = nestedSummary(scored, strategy, rule);
        const score = nested.microF1 + nested.redFlag.f1;
        console.log(
          `${settings.charNgrams.join('-').padEnd(6)}${settings.wordNgrams.join('-').padEnd(5)}${String(settings.epochs).padEnd(7)}${String(settings.oversample).padEnd(6)}` +
            `${rule.padEnd(6)}${strategy.padEnd(14)}${nested.microF1.toFixed(3).padEnd(9)}${nested.macroF1.toFixed(3).padEnd(9)}` +
            `${nested.redFlag.precision.toFixed(3)} / ${nested.redFlag.recall.toFixed(3)} / ${nested.redFlag.f1.toFixed(3)}`,
        );
        if (best === undefined || score > best.score + 1e-9) best = { settings, rule, strategy, scored, nested, score };
      }
    }
  }
  if (best === undefined) throw new Error('no settings');
  const thresholds = chooseThresholds(best.scored, 'combined', best.strategy);
  const redFlagThreshold = chooseRedFlagThreshold(best.scored, thresholds, best.rule);
  const summary = summarize(best.scored, thresholds, redFlagThreshold, 'combined', best.rule);
  const cueRows: Scored[] = train.map((example) => {
    const cues = cueScores(example.text).scores;
    return { example, cues, combined: cues, redFlag: 0 };
  });
  const cueThresholds = chooseThresholds(cueRows, 'cues');
  const cueSummary = summarize(cueRows, cueThresholds, 1.01, 'cues');
  console.log(`\nchosen: ${JSON.stringify(best.settings)}, rule ${best.rule}, thresholds ${best.strategy}`);
  console.log(`nested estimate (train): microF1 ${best.nested.microF1}, macroF1 ${best.nested.macroF1}, red flag ${JSON.stringify(best.nested.redFlag)}`);
  console.log(`per category F1 (nested): ${JSON.stringify(best.nested.perCategory)}`);
  console.log(`thresholds (fitted on all out-of-fold rows): ${JSON.stringify(thresholds)}, red-flag head: ${redFlagThreshold}`);
  console.log(`(same rows they were fitted on, optimistic: microF1 ${summary.microF1}, red flag ${JSON.stringify(summary.redFlag)})`);
  console.log(`cues only (train): microF1 ${cueSummary.microF1}, red flag ${JSON.stringify(cueSummary.redFlag)}; thresholds ${JSON.stringify(cueThresholds)}`);
  if (process.argv.includes('--errors')) {
    console.log('\nout-of-fold errors of the chosen settings (train split):');
    for (const s of best.scored) {
      const predicted = predict(s, thresholds, redFlagThreshold, 'combined', best.rule);
      const truth = [...s.example.categories].sort().join(',');
      const got = [...predicted].sort().join(',');
      if (truth !== got) console.log(`  [${truth || '-'}] → [${got || '-'}]  ${s.example.text.replace(/\n/g, ' / ')}`);
    }
  }
  if (dryRun) return;

  const featurizer = featurizerFor(best.settings);
  const dataset = `${DATASET_NAME}@${DATASET_VERSION}`;
  const built = buildTextModel({
    name: MODEL_NAME,
    version: MODEL_VERSION,
    description: 'Red flags of toxic or abusive relationships (ES/EN), multi-label: one sigmoid per category plus red_flag (any). Thresholds in plugins/spoiler-detector/thresholds.json.',
    activation: 'sigmoid',
    labels: [...MODEL_LABELS],
    examples: trainingRows(train, best.settings.oversample).map((row) => ({ text: row.text, labels: row.labels })),
    featurizer,
    epochs: best.settings.epochs,
    l2: best.settings.l2,
    seed: SEED,
    training: {
      dataset,
      datasetSha256: fileSha256(DATASET_FILE),
      split: 'train (fnv1a32(normalized text) % 5 != 0)',
      examples: train.length,
      settings: best.settings,
      redFlagRule: best.rule,
      thresholdStrategy: best.strategy,
      chosenBy: '5-fold cross-validation on the train split, thresholds judged by nested cross-validation',
      nestedEstimate: best.nested,
      trainer: 'bots/spoiler/train.ts',
    },
  });
  // Same data, seed and settings as the final network trained above: the export is what the JS reference scored.
  const check = trainNetwork(train, best.settings);
  const sample = train[0]?.text ?? '';
  const a = jsScores(check, featurizer, sample);
  const b = jsScores(built.network, featurizer, sample);
  if (MODEL_LABELS.some((c) => Math.abs(a[c] - b[c]) > 1e-9)) throw new Error('training is not deterministic');

  await saveModel(modelsDir, MODEL_NAME, built.onnx, built.sidecar);
  const thresholdsFile: ThresholdsFile = {
    format: 'spoiler-thresholds/1',
    model: MODEL_NAME,
    modelVersion: MODEL_VERSION,
    dataset,
    chosenOn: `${best.strategy} thresholds on 5-fold out-of-fold scores of the train split (cues-only: on the train split)`,
    thresholds,
    redFlagThreshold,
    redFlagRule: best.rule,
    cuesOnlyThresholds: cueThresholds,
  };
  writeFileSync(THRESHOLDS_FILE, `${JSON.stringify(thresholdsFile, null, 2)}\n`);
  console.log(`\nwrote ${path.join(modelsDir, `${MODEL_NAME}.onnx`)} (${(built.onnx.byteLength / 1024).toFixed(0)} KiB), ${MODEL_NAME}.json and ${path.relative(process.cwd(), THRESHOLDS_FILE)}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
