/**
 * Compares classifier configurations on the TRAIN split (5-fold out-of-fold) and on the dev set, in-process (no
 * ONNX), so model choices are made without touching the held-out split or any unseen set.
 *
 *   npx tsx bots/safety/experiment.ts [--configs name,name] [--errors]
 *
 * Prints, per configuration: out-of-fold AUC of the crisis score, the combined (patterns + classifier) out-of-fold
 * recall/FPR at the thresholds chosen from those scores, and the combined dev recall/FPR of a model trained on the
 * whole train split. `--errors` lists the dev and out-of-fold errors of the first configuration.
 */
import { parseArgs } from 'node:util';
import { featurizeText, type HashedNgramsFeaturizer } from '../inference/featurize.ts';
import { forward, trainClassifier, type TrainOptions } from '../inference/train-logreg.ts';
import { combine, readModelLabels } from '../../plugins/safety/assess.ts';
import { isCrisis, RISK_LEVELS } from '../../plugins/safety/levels.ts';
import { matchPatterns } from '../../plugins/safety/patterns.ts';
import { BACKGROUND_FILE, DEV_FILE, loadExamples, loadSplit, type CrisisExample } from './dataset.ts';
import { chooseThresholds, CONFIGS, forwardRiskiest, type ModelConfig } from './train.ts';

const FOLDS = 5;

function trainOn(examples: readonly CrisisExample[], config: ModelConfig): { forward: (f: ReturnType<typeof featurizeText>) => Float64Array } {
  if (config.ensemble) {
    const members = config.ensemble.map((name) => trainOn(examples, CONFIGS[name]!));
    return { forward: (f) => averageLogits(members.map((m) => m.forward(f))) };
  }
  const network = trainSingle(examples, config);
  return { forward: (f) => forward(network, f) };
}

/** Softmax of the mean log-probability (= mean logits up to a constant). */
function averageLogits(probabilities: Float64Array[]): Float64Array {
  const k = probabilities[0]!.length;
  const z = new Float64Array(k);
  for (const p of probabilities) for (let c = 0; c < k; c++) z[c] = (z[c] ?? 0) + Math.log(Math.max(p[c] ?? 0, 1e-12)) / probabilities.length;
  const max = Math.max(...z);
  let sum = 0;
  const out = z.map((v) => { const e = Math.exp(v - max); sum += e; return e; });
  return out.map((v) => v / sum);
}

function trainSingle(examples: readonly CrisisExample[], config: ModelConfig) {
  const training = examples.map((e) => ({ features: featurizeText(e.text, config.featurizer), labels: [RISK_LEVELS.indexOf(e.label)] }));
  const options: TrainOptions = { inputs: config.featurizer.dims, classes: RISK_LEVELS.length, activation: 'softmax', ...config.train };
  return trainClassifier(training, options);
}

function oof(examples: readonly CrisisExample[], background: readonly CrisisExample[], config: ModelConfig): Float64Array[] {
  const out: Float64Array[] = new Array(examples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const network = trainOn([...examples.filter((_, i) => i % FOLDS !== fold), ...background], config);
    examples.forEach((e, i) => {
      if (i % FOLDS === fold) out[i] = forwardRiskiest(network.forward, e.text, config.featurizer);
    });
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { configs: { type: 'string' }, errors: { type: 'boolean', default: false }, budget: { type: 'string', default: '0.12' } } });
  const { train } = loadSplit();
  const dev = loadExamples(DEV_FILE);
  const background = loadExamples(BACKGROUND_FILE);
  const names = values.configs ? values.configs.split(',') : Object.keys(CONFIGS);
  for (const name of names) {
    const config = CONFIGS[name];
    if (!config) throw new Error(`unknown config ${name}`);
    const started = performance.now();
    const probabilities = oof(train, background, config);
    const { thresholds, report } = chooseThresholds(train, probabilities, Number(values.budget));
    const network = trainOn([...train, ...background], config);
    let tp = 0, fn = 0, fp = 0, tn = 0;
    const devErrors: string[] = [];
    for (const e of dev) {
      const p = forwardRiskiest(network.forward, e.text, config.featurizer);
      const a = combine(matchPatterns(e.text), readModelLabels(RISK_LEVELS.map((label, c) => ({ label, score: p[c] ?? 0 }))), thresholds);
      const gold = isCrisis(e.label);
      const pred = isCrisis(a.level);
      if (gold && pred) tp++;
      else if (gold) fn++;
      else if (pred) fp++;
      else tn++;
      if (gold !== pred) devErrors.push(`  dev [${e.lang} ${e.label} → ${a.level} ${a.model?.crisis}] ${e.text}`);
    }
    const o = report.outOfFold as { combined: { recall: number; fpr: number }; classifierOnly: { recall: number; fpr: number }; auc: number };
    console.log(
      `${name.padEnd(14)} oof auc ${o.auc.toFixed(4)}  oof comb ${(o.combined.recall * 100).toFixed(1)}/${(o.combined.fpr * 100).toFixed(1)}  ` +
        `dev ${((tp / (tp + fn)) * 100).toFixed(1)}/${((fp / (fp + tn)) * 100).toFixed(1)} (fn ${fn}, fp ${fp})  thr ${thresholds.crisis}/${thresholds.idiom}  ${((performance.now() - started) / 1000).toFixed(0)}s`,
    );
    if (values.errors && name === names[0]) {
      for (const line of devErrors) console.log(line);
      train.forEach((e, i) => {
        const p = probabilities[i]!;
        const a = combine(matchPatterns(e.text), readModelLabels(RISK_LEVELS.map((label, c) => ({ label, score: p[c] ?? 0 }))), thresholds);
        if (isCrisis(e.label) !== isCrisis(a.level)) console.log(`  oof [${e.lang} ${e.label} → ${a.level} ${a.model?.crisis}] ${e.text}`);
      });
    }
  }
}

main();
