/**
 * The fingerspelling recogniser: geometric features, the committed ONNX model (run by onnxruntime in this process
 * through the inference service's own code) on held-out synthetic fixtures, and frames → text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAND_SHAPES, staticLetters } from '../../clients/sign-shapes/src/index.ts';
import { EVAL_SEED_FOR_TESTS, heldOutFixtures } from './evaluation-fixtures.ts';
import { evaluateLanguage } from './evaluation.ts';
import { FEATURE_DIM, ORIENTATION_FEATURES, handFeatures, isPlausibleHand } from './features.ts';
import { generateFixtures, prng, sampleFrame } from './fixtures.ts';
import { loadLocalModel, type LocalModel } from './local-model.ts';
import { MODEL_DIM, MODEL_LABELS } from './model.ts';
import { lettersFromFrames, recogniseFrames } from './recognise.ts';

/** Accuracy bar on held-out fixtures, per language (stated in the README). */
const BAR = 0.95;

let model: LocalModel;
beforeAll(async () => {
  model = await loadLocalModel();
});
afterAll(() => model?.close());

describe('features', () => {
  const frame = sampleFrame('V', prng(1), { jointDeg: 0, rotationScale: 0, jitter: 0 }).frame;
  const shapePart = (f: number[]) => f.slice(0, FEATURE_DIM - ORIENTATION_FEATURES);
  const close = (a: number[], b: number[]) => a.every((x, i) => Math.abs(x - b[i]!) < 1e-3);

  it('are the model’s input size', () => {
    expect(handFeatures(frame)).toHaveLength(FEATURE_DIM);
    expect(MODEL_DIM).toBe(FEATURE_DIM);
  });

  it('do not change with position, size, in-plane rotation or a mirrored (left) hand; orientation features do', () => {
    const base = handFeatures(frame);
    const moved = frame.map(([x, y, z]) => [x! * 2.5 + 0.3, y! * 2.5 - 0.2, z! * 2.5]);
    const angle = (40 * Math.PI) / 180;
    const rotated = frame.map(([x, y, z]) => [x! * Math.cos(angle) - y! * Math.sin(angle), x! * Math.sin(angle) + y! * Math.cos(angle), z!]);
    const mirrored = frame.map(([x, y, z]) => [1 - x!, y!, z!]);
    expect(close(handFeatures(moved), base)).toBe(true);
    expect(close(shapePart(handFeatures(rotated)), shapePart(base))).toBe(true);
    expect(close(handFeatures(mirrored), base)).toBe(true);
    expect(close(handFeatures(rotated), base)).toBe(false); // the hand now points elsewhere
  });

  it('stay finite on degenerate frames a client could send (all points equal, collinear, at the limits)', () => {
    const degenerate = [
      Array.from({ length: 21 }, () => [0, 0, 0]),
      Array.from({ length: 21 }, (_, i) => [i * 0.01, 0, 0]),
      Array.from({ length: 21 }, (_, i) => [i % 2 ? 10 : -10, i % 3 ? 10 : -10, 0]),
    ];
    for (const f of degenerate) expect(handFeatures(f).every(Number.isFinite)).toBe(true);
    for (const f of degenerate) expect(isPlausibleHand(f)).toBe(false);
  });

  it('take every synthetic hand as plausible, including the stress variation', () => {
    const all = [...generateFixtures({ seed: 3, perShape: 30 }), ...generateFixtures({ seed: 4, perShape: 30, jointDeg: 16, rotationScale: 1.5, jitter: 0.03 })];
    expect(all.filter((f) => !isPlausibleHand(f.frame)).map((f) => f.shape)).toEqual([]);
  });

  it('reject frames that are not 21 landmarks', () => {
    expect(() => handFeatures(frame.slice(0, 20))).toThrow(/expected 21 landmarks/);
  });
});

describe('synthetic fixtures', () => {
  it('are deterministic per seed, half left hands, every handshape', () => {
    const a = generateFixtures({ seed: 9, perShape: 10 });
    expect(generateFixtures({ seed: 9, perShape: 10 })).toEqual(a);
    expect(generateFixtures({ seed: 10, perShape: 10 })).not.toEqual(a);
    expect(new Set(a.map((f) => f.shape))).toEqual(new Set(Object.keys(HAND_SHAPES)));
    const left = a.filter((f) => f.hand === 'left').length / a.length;
    expect(left).toBeGreaterThan(0.3);
    expect(left).toBeLessThan(0.7);
  });
});

describe('the committed model on held-out fixtures', () => {
  it('has one output per handshape', () => {
    expect(model.labels).toEqual(MODEL_LABELS);
  });

  for (const language of ['LSM', 'LSE'] as const) {
    it(`recognises every static ${language} letter above the bar (${BAR * 100}%)`, async () => {
      const report = await evaluateLanguage(language, heldOutFixtures(), model.scorer);
      expect(report.total).toBe(staticLetters(language).length * 40);
      expect(report.accuracy).toBeGreaterThanOrEqual(BAR);
      for (const letter of report.letters) expect(letter.accuracy, `${language} ${letter.letter}`).toBeGreaterThanOrEqual(0.85);
    });
  }

  it('tells the language-specific T apart, and reads a handshape of the other language as no letter', async () => {
    const rand = prng(EVAL_SEED_FOR_TESTS + 1);
    const tLsm = Array.from({ length: 4 }, () => sampleFrame('T-LSM', rand).frame);
    expect((await recogniseFrames(tLsm, 'LSM', model.scorer)).text).toBe('T');
    expect((await recogniseFrames(tLsm, 'LSE', model.scorer)).text).toBe('');
    const k = Array.from({ length: 4 }, () => sampleFrame('K', rand).frame);
    expect((await recogniseFrames(k, 'LSE', model.scorer)).text).toBe('K');
    expect((await recogniseFrames(k, 'LSM', model.scorer)).text).toBe(''); // K moves in LSM: not a static letter
  });

  it('reads a spelled word from frames, with a pause for a doubled letter', async () => {
    const rand = prng(77);
    const hold = (shape: string) => Array.from({ length: 3 }, () => sampleFrame(shape, rand).frame);
    const frames = [...hold('A'), ...hold('L'), [], ...hold('L'), ...hold('A')];
    const result = await recogniseFrames(frames, 'LSE', model.scorer);
    expect(result.text).toBe('ALLA');
    expect(result.letters.map((l) => l.frames)).toEqual([3, 3, 3, 3]);
    expect(result.letters.every((l) => l.score > 0.5)).toBe(true);
  });
});

describe('frames → letters', () => {
  const f = (letter: string | null, score = 0.9) => ({ letter, score });

  it('keeps runs of at least minFrames, drops transitions, merges a letter split by a stray frame', () => {
    const frames = [f('H'), f('H'), f('X', 0.9), f('O'), f('O'), f('O'), f(null), f('O'), f('O'), f('L'), f('A'), f('A')];
    expect(lettersFromFrames(frames, 2).map((l) => l.letter).join('')).toBe('HOA');
  });

  it('needs a pause to repeat a letter', () => {
    expect(lettersFromFrames([f('L'), f('L'), 'pause', f('L'), f('L')], 2).map((l) => l.letter)).toEqual(['L', 'L']);
    expect(lettersFromFrames([f('L'), f('L'), f(null), f('L'), f('L')], 2).map((l) => l.letter)).toEqual(['L']);
  });
});
