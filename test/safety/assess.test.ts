/** Layer 3: the combination of patterns and classifier, with a scripted classifier and with the shipped model. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessTexts, calibrate, combine, readModelLabels, type LabelScore, type Thresholds } from '../../plugins/safety/assess.ts';
import { isCrisis } from '../../plugins/safety/levels.ts';
import { matchPatterns } from '../../plugins/safety/patterns.ts';
import { SHIPPED } from '../../plugins/safety/thresholds.ts';
import { loadLocalCrisisModel, type LocalCrisisModel } from '../../bots/safety/local-model.ts';

const T: Thresholds = { crisis: 0.6, idiom: 0.9, elevated: 0.3, low: 0.5 };

/** Five-level labels with the given crisis mass spread as medium, and the given low mass. */
function labels(crisis: number, low = 0): LabelScore[] {
  return [
    { label: 'none', score: Math.max(0, 1 - crisis - low) },
    { label: 'low', score: low },
    { label: 'medium', score: crisis * 0.6 },
    { label: 'high', score: crisis * 0.3 },
    { label: 'critical', score: crisis * 0.1 },
  ];
}

const assess = (text: string, modelLabels: LabelScore[] | undefined, context = {}) =>
  combine(matchPatterns(text), modelLabels === undefined ? undefined : readModelLabels(modelLabels), T, context);

describe('readModelLabels', () => {
  it('sums the crisis levels and picks the most likely one', () => {
    const verdict = readModelLabels(labels(0.8, 0.1));
    expect(verdict.crisis).toBeCloseTo(0.8);
    expect(verdict.low).toBeCloseTo(0.1);
    expect(verdict.crisisLevel).toBe('medium');
  });

  it('reads a binary production model too', () => {
    expect(readModelLabels([{ label: 'crisis', score: 0.7 }, { label: 'none', score: 0.3 }])).toEqual({ crisis: 0.7, low: 0, crisisLevel: 'medium' });
  });
});

describe('combine', () => {
  it('lets patterns win upward whatever the classifier says', () => {
    const a = assess('he estado juntando pastillas', labels(0.01));
    expect(a.level).toBe('high');
    expect(a.matched).toEqual(['es.stockpile']);
    expect(a.score).toBeGreaterThanOrEqual(0.8);
  });

  it('lets the classifier catch what no pattern knows', () => {
    const a = assess('dormir es lo único que me alivia, ojalá fuera para siempre', labels(0.7));
    expect(a.level).toBe('medium');
    expect(a.matched).toEqual(['model']);
    expect(a.score).toBeGreaterThan(0.5);
  });

  it('says low below the crisis threshold when P(low or above) passes the low threshold', () => {
    expect(assess('no sé, estoy rara', labels(0.3, 0.3)).level).toBe('low');
    expect(assess('no sé, estoy rara', labels(0.1, 0.1)).level).toBe('none');
  });

  it('needs the stricter threshold on idioms, and drops the classifier-only low there', () => {
    expect(assess('este examen me va a matar', labels(0.8)).level).toBe('none');
    expect(assess('este examen me va a matar', labels(0.95)).level).toBe('medium');
    expect(assess("I'm dying to see it", labels(0.3, 0.4)).level).toBe('none');
  });

  it('is more sensitive in a conversation whose risk is elevated', () => {
    expect(assess('no sé si quiero seguir con todo esto', labels(0.4, 0.2)).level).toBe('low');
    expect(assess('no sé si quiero seguir con todo esto', labels(0.4, 0.2), { elevated: true }).level).toBe('medium');
  });

  it('degrades to patterns only without a classifier, counting low as medium', () => {
    const a = assess('estoy muy cansada, no puedo más', undefined);
    expect(a.degraded).toBe(true);
    expect(a.patterns).toBe('low');
    expect(a.level).toBe('medium');
    expect(assess('me muero de risa', undefined).level).toBe('none');
  });

  it('puts the decision point of the score at 0.5', () => {
    expect(calibrate(0.6, 0.6)).toBeCloseTo(0.5);
    expect(calibrate(0.3, 0.6)).toBeCloseTo(0.25);
    expect(calibrate(0.8, 0.6)).toBeCloseTo(0.75);
    for (const p of [0.1, 0.59, 0.61, 0.99]) expect(calibrate(p, 0.6) >= 0.5).toBe(p >= 0.6);
  });
});

describe('assessTexts', () => {
  it('falls back to patterns when the classifier fails, and says so', async () => {
    const failing = async () => {
      throw Object.assign(new Error('down'), { code: 'INFERENCE_UNAVAILABLE' });
    };
    const { assessments, modelError } = await assessTexts(['ya no quiero despertar', 'hola'], failing, T);
    expect(modelError).toMatchObject({ code: 'INFERENCE_UNAVAILABLE' });
    expect(assessments.map((a) => [a.level, a.degraded])).toEqual([
      ['medium', true],
      ['none', true],
    ]);
  });
});

describe('with the shipped model (models/crisis.onnx)', () => {
  let model: LocalCrisisModel;
  beforeAll(async () => {
    model = await loadLocalCrisisModel({ modelsDir: 'models' });
  });
  afterAll(() => model?.close());

  const run = async (texts: string[]) => (await assessTexts(texts, model.score, model.thresholds)).assessments;

  it('uses the thresholds trained with it', () => {
    expect(model.thresholds).toEqual(SHIPPED.thresholds);
  });

  it('flags indirect phrasings', async () => {
    const texts = [
      'ya no quiero despertar',
      'he estado juntando pastillas',
      'nadie me extrañaría',
      'dormir es lo único que me alivia, ojalá fuera para siempre',
      'I just want it all to end',
      'no one would even notice if I was gone',
    ];
    for (const [i, a] of (await run(texts)).entries()) expect(isCrisis(a.level), texts[i]).toBe(true);
  });

  it('keeps idioms and ordinary messages out', async () => {
    const texts = ['me muero de risa', 'me mata de la risa', 'este examen me va a matar', "I'm dying to see it", 'kill the lights', 'hola, ¿qué tal?', 'hoy estoy un poco triste por el examen'];
    for (const [i, a] of (await run(texts)).entries()) expect(isCrisis(a.level), texts[i]).toBe(false);
  });
});
