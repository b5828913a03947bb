/**
 * Evaluates the safety layer on data it was not trained on.
 *
 *   npx tsx bots/safety/eval.ts [--set test|unseen|all] [--json report.json] [--quiet]
 *
 * - `test`: the held-out split of data/crisis.es-en.jsonl (dataset.ts; never used by train.ts).
 * - `unseen`: data/crisis.unseen.jsonl, written after training and never used to tune anything.
 *
 * Binary decision: crisis = level ≥ medium. Reports recall and false-positive rate (over none + low) overall and per
 * language, for each layer alone (patterns, classifier at its threshold) and combined, a confusion table of levels
 * (rows: gold, columns: predicted), and every miss and false alarm. The model runs in-process through the same
 * loader as the inference service (local-model.ts: `MODELS_DIR`, `CRISIS_MODEL`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { combine, readModelLabels, type Assessment } from '../../plugins/safety/assess.ts';
import { isCrisis, RISK_LEVELS, type RiskLevel } from '../../plugins/safety/levels.ts';
import { matchPatterns } from '../../plugins/safety/patterns.ts';
import { DATASET_VERSION, loadExamples, loadSplit, UNSEEN_FILE, type CrisisExample } from './dataset.ts';
import { loadLocalCrisisModel } from './local-model.ts';

export const GOAL = { recall: 0.95, fpr: 0.1 } as const;

interface Rates {
  readonly n: number;
  readonly positives: number;
  readonly negatives: number;
  readonly recall: number;
  readonly fpr: number;
}

interface Scored {
  readonly example: CrisisExample;
  readonly assessment: Assessment;
  readonly patternsOnly: RiskLevel;
  readonly classifierCrisis: boolean;
}

export interface SetReport {
  readonly set: string;
  readonly combined: Rates;
  readonly byLanguage: Record<string, Rates>;
  readonly layers: { readonly patterns: Rates; readonly classifier: Rates; readonly degraded: Rates };
  readonly confusion: Record<RiskLevel, Record<RiskLevel, number>>;
  readonly misses: readonly { text: string; gold: RiskLevel; predicted: RiskLevel; lang: string }[];
  readonly falseAlarms: readonly { text: string; gold: RiskLevel; predicted: RiskLevel; lang: string; matched: readonly string[] }[];
  readonly meetsGoal: boolean;
}

function rates(items: readonly { gold: RiskLevel; predicted: boolean }[]): Rates {
  const positives = items.filter((i) => isCrisis(i.gold));
  const negatives = items.filter((i) => !isCrisis(i.gold));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: items.length,
    positives: positives.length,
    negatives: negatives.length,
    recall: positives.length === 0 ? NaN : round(positives.filter((i) => i.predicted).length / positives.length),
    fpr: negatives.length === 0 ? NaN : round(negatives.filter((i) => i.predicted).length / negatives.length),
  };
}

export function report(set: string, scored: readonly Scored[]): SetReport {
  const pick = (f: (s: Scored) => boolean) => scored.map((s) => ({ gold: s.example.label, predicted: f(s) }));
  const combined = rates(pick((s) => isCrisis(s.assessment.level)));
  const byLanguage: Record<string, Rates> = {};
  for (const lang of [...new Set(scored.map((s) => s.example.lang))].sort()) {
    byLanguage[lang] = rates(scored.filter((s) => s.example.lang === lang).map((s) => ({ gold: s.example.label, predicted: isCrisis(s.assessment.level) })));
  }
  const confusion = Object.fromEntries(RISK_LEVELS.map((g) => [g, Object.fromEntries(RISK_LEVELS.map((p) => [p, 0]))])) as Record<RiskLevel, Record<RiskLevel, number>>;
  for (const s of scored) confusion[s.example.label][s.assessment.level]++;
  return {
    set,
    combined,
    byLanguage,
    layers: {
      patterns: rates(pick((s) => isCrisis(s.patternsOnly))),
      classifier: rates(pick((s) => s.classifierCrisis)),
      degraded: rates(pick((s) => isCrisis(combine(matchPatterns(s.example.text), undefined, { crisis: 1, idiom: 1, elevated: 1, low: 1 }).level))),
    },
    confusion,
    misses: scored
      .filter((s) => isCrisis(s.example.label) && !isCrisis(s.assessment.level))
      .map((s) => ({ text: s.example.text, gold: s.example.label, predicted: s.assessment.level, lang: s.example.lang })),
    falseAlarms: scored
      .filter((s) => !isCrisis(s.example.label) && isCrisis(s.assessment.level))
      .map((s) => ({ text: s.example.text, gold: s.example.label, predicted: s.assessment.level, lang: s.example.lang, matched: s.assessment.matched })),
    meetsGoal: combined.recall >= GOAL.recall && combined.fpr <= GOAL.fpr,
  };
}

function printReport(r: SetReport, quiet: boolean): void {
  const pct = (x: number) => (Number.isNaN(x) ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);
  const line = (name: string, x: Rates) =>
    `  ${name.padEnd(22)} recall ${pct(x.recall)}  FPR ${pct(x.fpr)}   (${x.positives} crisis, ${x.negatives} non-crisis)`;
  console.log(`\n== ${r.set} ==`);
  console.log(line('combined', r.combined));
  for (const [lang, x] of Object.entries(r.byLanguage)) console.log(line(`  ${lang}`, x));
  console.log(line('patterns only', r.layers.patterns));
  console.log(line('classifier only', r.layers.classifier));
  console.log(line('degraded (no model)', r.layers.degraded));
  console.log(`  goal recall ≥ ${GOAL.recall * 100}% and FPR ≤ ${GOAL.fpr * 100}%: ${r.meetsGoal ? 'met' : 'NOT met'}`);
  console.log('\n  confusion (rows gold, columns predicted)');
  console.log(`  ${''.padEnd(9)}${RISK_LEVELS.map((l) => l.padStart(9)).join('')}`);
  for (const gold of RISK_LEVELS) console.log(`  ${gold.padEnd(9)}${RISK_LEVELS.map((p) => String(r.confusion[gold][p]).padStart(9)).join('')}`);
  if (quiet) return;
  console.log(`\n  misses (${r.misses.length}):`);
  for (const m of r.misses) console.log(`    [${m.lang} ${m.gold} → ${m.predicted}] ${m.text}`);
  console.log(`\n  false alarms (${r.falseAlarms.length}):`);
  for (const f of r.falseAlarms) console.log(`    [${f.lang} ${f.gold} → ${f.predicted}] ${f.text}   {${f.matched.join(', ')}}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: 'all' },
      json: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const sets: [string, CrisisExample[]][] = [];
  if (values.set === 'test' || values.set === 'all') sets.push([`held-out test split of ${DATASET_VERSION}`, loadSplit().test]);
  if (values.set === 'unseen' || values.set === 'all') {
    if (existsSync(UNSEEN_FILE)) sets.push(['crisis.unseen.jsonl (never used to train or tune)', loadExamples(UNSEEN_FILE)]);
    else console.warn(`no ${UNSEEN_FILE}`);
  }
  if (values.set === 'train') sets.push([`train split of ${DATASET_VERSION} (in-sample, for reference only)`, loadSplit().train]);

  const model = await loadLocalCrisisModel();
  console.log(`model ${model.name}@${model.version} (${model.file}); thresholds ${JSON.stringify(model.thresholds)}`);
  const reports: SetReport[] = [];
  try {
    for (const [name, examples] of sets) {
      const labels = await model.score(examples.map((e) => e.text));
      const scored: Scored[] = examples.map((example, i) => {
        const patterns = matchPatterns(example.text);
        const verdict = readModelLabels(labels[i]!);
        return {
          example,
          assessment: combine(patterns, verdict, model.thresholds),
          patternsOnly: patterns.level,
          classifierCrisis: verdict.crisis >= model.thresholds.crisis,
        };
      });
      const r = report(name, scored);
      reports.push(r);
      printReport(r, values.quiet ?? false);
    }
  } finally {
    await model.close();
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ model: { name: model.name, version: model.version, thresholds: model.thresholds }, reports }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
