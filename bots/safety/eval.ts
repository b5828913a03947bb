/**
 * Evaluates the safety layer on data it was not trained on.
 *
 *   npx tsx bots/safety/eval.ts [--set test|unseen|unseen-v3|retired-v4|unseen-v5|dev|neutral|all] [--json report.json] [--quiet]
 *
 * - `test`: the held-out split of data/crisis.es-en.jsonl (dataset.ts; never used by train.ts).
 * - `unseen`: data/crisis.unseen.jsonl (unseen v2, 112 messages; written after model 1.1.0).
 * - `unseen-v3`: data/crisis.unseen-v3.jsonl (320 messages, frozen before any v3 tuning; sha256 in data/README.md).
 *   Its misses are listed only with `--show-v3-errors`: the set must not steer the training data or the patterns.
 * - `retired-v4`: data/history/crisis.unseen-v4.jsonl, written by someone else while model 1.3.0 was built, evaluated
 *   once with it, then retired: in v5 its errors were read, so it is a second dev set now (binary labels).
 * - `unseen-v5`: data/crisis.unseen-v5.jsonl (written by an independent writer during v5, frozen). Aggregates only,
 *   always: its misses and false alarms are never printed nor written to `--json`. Not part of `all`.
 * - `dev`: data/crisis.dev.jsonl, the set used for error analysis while tuning (not trained on).
 * - `neutral`: NEUTRAL_CHAT (neutral.ts), ordinary chat and bot commands that must all come out `none`.
 *
 * Binary decision: crisis = level ≥ medium. Reports recall and false-positive rate (over none + low) overall and per
 * language, for each layer alone (patterns, classifier at its threshold) and combined, a confusion table of levels
 * (rows: gold, columns: predicted), and every miss and false alarm. The model runs in-process through the same
 * loader as the inference service (local-model.ts: `MODELS_DIR`, `CRISIS_MODEL`).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bySegments, combine, readModelLabels, type Assessment } from '../../plugins/safety/assess.ts';
import { isCrisis, RISK_LEVELS, type RiskLevel } from '../../plugins/safety/levels.ts';
import { matchPatterns } from '../../plugins/safety/patterns.ts';
import { DATASET_FILE, DATASET_VERSION, DEV_FILE, loadExamples, loadSplit, splitKey, UNSEEN_FILE, UNSEEN_V3_FILE, RETIRED_V4_FILE, UNSEEN_V5_FILE, type CrisisExample } from './dataset.ts';
import { loadLocalCrisisModel } from './local-model.ts';
import { NEUTRAL_CHAT } from './neutral.ts';

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
  /** Only for the neutral list: every text with its level and score. */
  readonly neutral?: readonly { text: string; level: RiskLevel; score: number }[];
}

const NEUTRAL_SET = 'neutral chat and commands (all must be none)';
const V3_SET = 'crisis.unseen-v3.jsonl (frozen before v3 tuning; never trained or tuned on)';
const V4_SET = 'history/crisis.unseen-v4.jsonl = retired unseen v4 (another writer; a dev set since v5)';
const V5_SET = 'crisis.unseen-v5.jsonl (independent writer, frozen; aggregates only)';

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
  if (r.set === NEUTRAL_SET) {
    const wrong = (r.neutral ?? []).filter((n) => n.level !== 'none').length;
    console.log(`\n== ${r.set} ==`);
    console.log(`  ${r.combined.n - wrong}/${r.combined.n} none${wrong === 0 ? '' : `  (NOT all none: ${wrong})`}`);
    for (const f of r.neutral ?? []) console.log(`    ${f.level.padEnd(8)} ${f.score.toFixed(3)}  ${f.text}`);
    return;
  }
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
  console.log(`\n  confusion (rows gold, columns predicted)${r.set === V4_SET ? '; binary gold labels: the "medium" row is every crisis' : ''}`);
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
      'show-v3-errors': { type: 'boolean', default: false },
    },
  });
  const all = values.set === 'all';
  const sets: [string, CrisisExample[]][] = [];
  if (values.set === 'test' || all) sets.push([`held-out test split of ${DATASET_VERSION}`, loadSplit().test]);
  if (values.set === 'dev' || all) {
    if (existsSync(DEV_FILE)) sets.push(['crisis.dev.jsonl (error analysis while tuning; not trained on)', loadExamples(DEV_FILE)]);
    else console.warn(`no ${DEV_FILE}`);
  }
  if (values.set === 'unseen' || all) {
    if (existsSync(UNSEEN_FILE)) sets.push(['crisis.unseen.jsonl = unseen v2 (written after model 1.1.0; never trained on)', loadExamples(UNSEEN_FILE)]);
    else console.warn(`no ${UNSEEN_FILE}`);
  }
  if (values.set === 'unseen-v3' || all) {
    if (existsSync(UNSEEN_V3_FILE)) sets.push([V3_SET, loadExamples(UNSEEN_V3_FILE)]);
    else console.warn(`no ${UNSEEN_V3_FILE}`);
  }
  if (values.set === 'retired-v4' || all) sets.push([V4_SET, loadExamples(RETIRED_V4_FILE, { binaryLabels: true })]);
  // Only on request, never with `all`: the final, one-time check of a model.
  if (values.set === 'unseen-v5') {
    if (existsSync(UNSEEN_V5_FILE)) {
      const v5 = loadExamples(UNSEEN_V5_FILE);
      sets.push([V5_SET, v5]);
      // A count, never the texts: how many v5 messages the model may have seen (same normalised text).
      const known = new Set(loadExamples(DATASET_FILE).map((e) => splitKey(e.text)));
      console.log(`unseen v5: ${v5.length} messages, ${v5.filter((e) => known.has(splitKey(e.text))).length} of them also in ${DATASET_VERSION}`);
    }
    else console.warn(`no ${UNSEEN_V5_FILE}`);
  }
  if (values.set === 'neutral' || all) sets.push([NEUTRAL_SET, NEUTRAL_CHAT.map((text) => ({ text, label: 'none', lang: 'es', source: 'product' }))]);
  if (values.set === 'train') sets.push([`train split of ${DATASET_VERSION} (in-sample, for reference only)`, loadSplit().train]);

  const model = await loadLocalCrisisModel();
  console.log(`model ${model.name}@${model.version} (${model.file}); thresholds ${JSON.stringify(model.thresholds)}`);
  const reports: SetReport[] = [];
  try {
    for (const [name, examples] of sets) {
      const labels = await bySegments(model.score)(examples.map((e) => e.text));
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
      const r = name === NEUTRAL_SET ? { ...report(name, scored), neutral: scored.map((s) => ({ text: s.example.text, level: s.assessment.level, score: s.assessment.score })) } : report(name, scored);
      // The frozen sets report figures only, so their items cannot steer the next round of data or patterns.
      const hide = (name === V3_SET && !values['show-v3-errors']) || name === V5_SET;
      reports.push(hide ? { ...r, misses: [], falseAlarms: [] } : r);
      printReport(hide ? { ...r, misses: [], falseAlarms: [] } : r, (values.quiet ?? false) || hide);
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
