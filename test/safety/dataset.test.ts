/** The versioned dataset, its deterministic split, and the committed model files. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSidecar } from '../../bots/inference/model-files.ts';
import { DATASET_FILE, DATASET_VERSION, DEV_FILE, isTestExample, loadExamples, loadSplit, splitKey, UNSEEN_FILE, UNSEEN_V3_FILE, UNSEEN_V5_FILE, BACKGROUND_FILE, RETIRED_V4_FILE } from '../../bots/safety/dataset.ts';
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
    // Every line was written for this dataset (by the project's writers: `written`, `written-v5-*`), none copied.
    expect(examples.filter((e) => !/^written(?:-v\d+-[a-z]+)?$/.test(e.source))).toEqual([]);
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

describe('unseen v3 and dev sets', () => {
  const known = new Set(loadExamples(DATASET_FILE).map((e) => splitKey(e.text)));

  it('keeps unseen v3 frozen: the bytes whose sha256 data/README.md records', () => {
    const sha = createHash('sha256').update(readFileSync(UNSEEN_V3_FILE)).digest('hex');
    expect(sha).toBe('fa55841f7006498f111fe7a3e52670901d63c2e7abc2adec9da0e4c78e5a080c');
    expect(readFileSync('bots/safety/data/README.md', 'utf8')).toContain(sha);
  });

  it('has ≥ 300 messages, both languages balanced, 35–45% crisis', () => {
    const v3 = loadExamples(UNSEEN_V3_FILE);
    expect(v3.length).toBeGreaterThanOrEqual(300);
    const es = v3.filter((e) => e.lang === 'es').length;
    expect(Math.abs(es - (v3.length - es))).toBeLessThanOrEqual(v3.length * 0.1);
    const crisis = v3.filter((e) => ['medium', 'high', 'critical'].includes(e.label)).length / v3.length;
    expect(crisis).toBeGreaterThanOrEqual(0.35);
    expect(crisis).toBeLessThanOrEqual(0.45);
  });

  it('shares no message with the dataset, nor dev with unseen v3', () => {
    const v3 = loadExamples(UNSEEN_V3_FILE);
    const dev = loadExamples(DEV_FILE);
    expect(v3.filter((e) => known.has(splitKey(e.text))).map((e) => e.text)).toEqual([]);
    expect(dev.filter((e) => known.has(splitKey(e.text))).map((e) => e.text)).toEqual([]);
    const v3Keys = new Set(v3.map((e) => splitKey(e.text)));
    expect(dev.filter((e) => v3Keys.has(splitKey(e.text))).map((e) => e.text)).toEqual([]);
  });
});

describe('unseen v5', () => {
  it('is frozen (the sha256 data/README.md records), independent of the dataset, 400 messages, ~40% crisis', () => {
    const sha = createHash('sha256').update(readFileSync(UNSEEN_V5_FILE)).digest('hex');
    expect(sha).toBe('10387e462f48b5d375bdcdea38779eec262c7b75d6f3c3a6de0b4aa4ba919bf2');
    expect(readFileSync('bots/safety/data/README.md', 'utf8')).toContain(sha);
    const v5 = loadExamples(UNSEEN_V5_FILE);
    expect(v5.length).toBe(400);
    const crisis = v5.filter((e) => ['medium', 'high', 'critical'].includes(e.label)).length / v5.length;
    expect(crisis).toBeCloseTo(0.4, 1);
    // A count, never the texts: a failure here must not show the frozen set's items. The 3 are short sentences the
    // dataset already had before v5 was written (data/README.md); v5's own additions share none.
    const known = new Set(loadExamples(DATASET_FILE).map((e) => splitKey(e.text)));
    expect(v5.filter((e) => known.has(splitKey(e.text))).length).toBe(3);
  });
});

describe('background chat (training only)', () => {
  it('is plain chat labelled none, and shares no message with the dataset or any evaluation set', () => {
    const background = loadExamples(BACKGROUND_FILE);
    expect(background.length).toBeGreaterThan(1000);
    expect(background.filter((e) => e.label !== 'none')).toEqual([]);
    const evaluation = [DATASET_FILE, DEV_FILE, UNSEEN_FILE, UNSEEN_V3_FILE, UNSEEN_V5_FILE].flatMap((f) => loadExamples(f));
    const keys = new Set([...evaluation, ...loadExamples(RETIRED_V4_FILE, { binaryLabels: true })].map((e) => splitKey(e.text)));
    expect(background.filter((e) => keys.has(splitKey(e.text))).length).toBe(0);
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
