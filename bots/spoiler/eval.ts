/**
 * Evaluates the shipped detector — the exported ONNX model run by onnxruntime (`models/spoiler.onnx`), the cues and
 * the shipped thresholds, through the same pipeline as the plugin (`detector.ts`) — on:
 * - the held-out **test** split of `data/red-flags.es-en.jsonl` (never used for training or for choosing thresholds);
 * - `data/red-flags.unseen.jsonl`, written after the model was trained and never used to tune anything;
 * - `data/red-flags.unseen-v2.jsonl`, written by an independent writer from the labelling guide alone (its errors are
 *   never listed, even with `--errors`).
 *
 *   npx tsx bots/spoiler/eval.ts               # both sets, all examples and per language
 *   npx tsx bots/spoiler/eval.ts --cues-only   # the degraded path (no model), for comparison
 *   npx tsx bots/spoiler/eval.ts --errors      # also list the misclassified examples
 *   npx tsx bots/spoiler/eval.ts --json        # machine-readable summary
 *
 * Prints per-category precision / recall / F1 (support = examples with that category) and red-flag (any category)
 * precision / recall / F1. MODELS_DIR selects another models folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATEGORIES, type Category } from '../../plugins/spoiler-detector/categories.ts';
import { analyzeTexts, type Detection } from '../../plugins/spoiler-detector/detector.ts';
import { createLocalScorer } from '../../plugins/spoiler-detector/local-scorer.ts';
import { DATASET_NAME, DATASET_VERSION, UNSEEN_FILE, UNSEEN_V2_FILE, loadExamples, splitExamples, type Example } from './dataset.ts';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Metrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface Report {
  readonly name: string;
  readonly examples: number;
  readonly healthy: number;
  readonly redFlag: Metrics;
  readonly perCategory: Record<Category, Metrics>;
  readonly microF1: number;
  readonly macroF1: number;
}

export function metricsOf(counts: Counts): Metrics {
  const precision = counts.tp + counts.fp === 0 ? 0 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 0 : counts.tp / (counts.tp + counts.fn);
  const f1 = counts.tp === 0 ? 0 : (2 * counts.tp) / (2 * counts.tp + counts.fp + counts.fn);
  return { precision: r3(precision), recall: r3(recall), f1: r3(f1), support: counts.tp + counts.fn, ...counts };
}

export function report(name: string, examples: readonly Example[], detections: readonly Detection[]): Report {
  const flag: Counts = { tp: 0, fp: 0, fn: 0 };
  const per = Object.fromEntries(CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<Category, Counts>;
  examples.forEach((example, i) => {
    const detection = detections[i] as Detection;
    tally(flag, example.categories.length > 0, detection.redFlag);
    for (const c of CATEGORIES) tally(per[c], example.categories.includes(c), detection.categories.includes(c));
  });
  const micro = Object.values(per).reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), { tp: 0, fp: 0, fn: 0 });
  const perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, metricsOf(per[c])])) as Record<Category, Metrics>;
  const withSupport = CATEGORIES.filter((c) => perCategory[c].support > 0);
  return {
    name,
    examples: examples.length,
    healthy: examples.filter((e) => e.categories.length === 0).length,
    redFlag: metricsOf(flag),
    perCategory,
    microF1: metricsOf(micro).f1,
    macroF1: r3(withSupport.reduce((sum, c) => sum + perCategory[c].f1, 0) / Math.max(1, withSupport.length)),
  };
}

function tally(counts: Counts, truth: boolean, predicted: boolean): void {
  if (truth && predicted) counts.tp++;
  else if (predicted) counts.fp++;
  else if (truth) counts.fn++;
}

export function formatReport(r: Report): string {
  const row = (label: string, m: Metrics) =>
    `  ${label.padEnd(18)}${m.precision.toFixed(3).padStart(9)}${m.recall.toFixed(3).padStart(9)}${m.f1.toFixed(3).padStart(9)}${String(m.support).padStart(9)}`;
  return [
    `${r.name}: ${r.examples} examples (${r.healthy} healthy)`,
    `  ${'category'.padEnd(18)}${'precision'.padStart(9)}${'recall'.padStart(9)}${'F1'.padStart(9)}${'support'.padStart(9)}`,
    ...CATEGORIES.map((c) => row(c, r.perCategory[c])),
    `  ${'micro / macro F1'.padEnd(18)}${''.padStart(9)}${''.padStart(9)}${`${r.microF1.toFixed(3)}/${r.macroF1.toFixed(3)}`.padStart(18)}`,
    row('RED FLAG (any)', r.redFlag),
  ].join('\n');
}

const r3 = (x: number) => Math.round(x * 1_000) / 1_000;

async function main(): Promise<void> {
  const cuesOnly = process.argv.includes('--cues-only');
  const showErrors = process.argv.includes('--errors');
  const asJson = process.argv.includes('--json');
  const local = cuesOnly ? undefined : await createLocalScorer();
  const sets: { name: string; examples: Example[]; hideErrors?: boolean }[] = [{ name: `held-out test split of ${DATASET_NAME}@${DATASET_VERSION}`, examples: splitExamples(loadExamples()).test }];
  if (existsSync(UNSEEN_FILE)) sets.push({ name: `unseen (${path.basename(UNSEEN_FILE)})`, examples: loadExamples(UNSEEN_FILE) });
  else console.error(`(no ${UNSEEN_FILE}: only the test split is evaluated)`);
  if (existsSync(UNSEEN_V2_FILE)) sets.push({ name: `unseen v2, independent writer (${path.basename(UNSEEN_V2_FILE)})`, examples: loadExamples(UNSEEN_V2_FILE), hideErrors: true });
  const reports: Report[] = [];
  if (!asJson) console.log(`model: ${cuesOnly ? 'none (cues only)' : `spoiler ${local?.modelVersion} via onnxruntime`}\n`);
  for (const set of sets) {
    const detections = await analyzeTexts(
      set.examples.map((e) => e.text),
      local?.scorer,
      { onModelError: (error) => { throw error; } },
    );
    const parts: [string, Example[], Detection[]][] = [
      [set.name, set.examples, detections],
      ...(['es', 'en'] as const).map((lang): [string, Example[], Detection[]] => [
        `${set.name} — ${lang}`,
        set.examples.filter((e) => e.lang === lang),
        detections.filter((_, i) => set.examples[i]?.lang === lang),
      ]),
    ];
    for (const [name, examples, dets] of parts) {
      const r = report(name, examples, dets);
      reports.push(r);
      if (!asJson) console.log(`${formatReport(r)}\n`);
    }
    if (showErrors && !asJson && !set.hideErrors) {
      console.log(`errors in ${set.name}:`);
      set.examples.forEach((example, i) => {
        const d = detections[i] as Detection;
        const truth = [...example.categories].sort().join(',');
        const got = [...d.categories].sort().join(',');
        if (truth !== got) console.log(`  [${truth || '-'}] → [${got || '-'}] ${d.risk}  ${example.text.replace(/\n/g, ' / ')}`);
      });
      console.log('');
    }
  }
  if (asJson) console.log(JSON.stringify(reports, null, 2));
  await local?.close();
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
