/** The versioned dataset, its deterministic split, and the committed model files. */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSidecar } from '../../bots/inference/model-files.ts';
import { DATASET_FILE, DATASET_VERSION, isTestExample, loadExamples, loadSplit, splitKey, UNSEEN_FILE } from '../../bots/safety/dataset.ts';
import { RISK_LEVELS } from '../../plugins/safety/levels.ts';
import { SHIPPED } from '../../plugins/safety/thresholds.ts';

describe('dataset', () => {
  const examples = loadExamples(DATASET_FILE);

  it('has several hundred labelled examples, Spanish first, every level and language', () => {
    expect(examples.length).toBeGreaterThanOrEqual(500);
    const es = examples.filter((e) => e.lang === 'es').length;
    expect(es).toBeGreaterThan(examples.length / 2);
    for (const lang of ['es', 'en']) {
      for (const level of RISK_LEVELS) expect(examples.filter((e) => e.lang === lang && e.label === level).length, `${lang}/${level}`).toBeGreaterThanOrEqual(20);
    }
    expect(new Set(examples.map((e) => e.source))).toEqual(new Set(['written']));
  });

  it('has no duplicates once accents, case and punctuation are ignored', () => {
    const keys = examples.map((e) => splitKey(e.text));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('splits deterministically by hash of the normalised text (about 20% held out)', () => {
    const { train, test } = loadSplit();
    expect(train.length + test.length).toBe(examples.length);
    expect(test.length / examples.length).toBeGreaterThan(0.12);
    expect(test.length / examples.length).toBeLessThan(0.28);
    // Variants that differ only in accents and case fall on the same side.
    expect(isTestExample('Nadie me extrañaría')).toBe(isTestExample('nadie me extranaria'));
    expect(loadSplit().test.map((e) => e.text)).toEqual(test.map((e) => e.text));
  });

  it('keeps the unseen file apart from the dataset', () => {
    const unseen = loadExamples(UNSEEN_FILE);
    expect(unseen.length).toBeGreaterThanOrEqual(50);
    const known = new Set(examples.map((e) => splitKey(e.text)));
    expect(unseen.filter((e) => known.has(splitKey(e.text)))).toEqual([]);
  });
});

describe('committed model', () => {
  it('is small, valid, trained on this dataset, and matches the thresholds the plugin ships', async () => {
    const { sidecar, onnxPath } = await loadSidecar('models', 'crisis');
    expect(statSync(onnxPath).size).toBeLessThan(2 * 1024 * 1024);
    expect(sidecar.labels).toEqual([...RISK_LEVELS]);
    expect(sidecar.training?.dataset).toBe(DATASET_VERSION);
    expect(sidecar.training?.thresholds).toEqual(SHIPPED.thresholds);
    expect(JSON.parse(readFileSync('plugins/safety/thresholds.json', 'utf8')).dataset).toBe(DATASET_VERSION);
  });
});
