/** The detection pipeline (pieces, combination, thresholds, risk) and the files it depends on (dataset, model). */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../bots/inference/featurize.ts';
import { parseSidecar } from '../../bots/inference/model-files.ts';
import {
  DATASET_FILE,
  DATASET_VERSION,
  UNSEEN_FILE,
  UNSEEN_V2_FILE,
  categoryCounts,
  loadExamples,
  splitExamples,
  splitOf,
} from '../../bots/spoiler/dataset.ts';
import { CATEGORIES } from '../../plugins/spoiler-detector/categories.ts';
import {
  MODEL_LABELS,
  SHIPPED_THRESHOLDS,
  analyzeText,
  analyzeTexts,
  detect,
  piecesOf,
  riskOf,
  zeroScores,
  type ModelScores,
} from '../../plugins/spoiler-detector/detector.ts';
import { detectLanguage, languageOf } from '../../plugins/spoiler-detector/lang.ts';
import { textToAnalyse } from '../../plugins/spoiler-detector/plugin.ts';
import { RESOURCES, linesFor } from '../../plugins/spoiler-detector/resources.ts';

const MODELS = fileURLToPath(new URL('../../models/', import.meta.url));
const model = (scores: Partial<ModelScores>): ModelScores => ({ ...zeroScores(), ...scores });

describe('piecesOf', () => {
  it('keeps a short text whole', () => {
    expect(piecesOf('  dame tu contraseña  ')).toEqual(['dame tu contraseña']);
    expect(piecesOf('   ')).toEqual([]);
  });

  it('splits a pasted chat into lines without speakers or WhatsApp time stamps, after the whole chat', () => {
    const chat = '12/03/24, 22:15 - Andrés: Activa la ubicación\n[21:04] Javi: y te vas a arrepentir\nÉl: quién es ese\n\nYo: un amigo';
    expect(piecesOf(chat)).toEqual([
      'Activa la ubicación\ny te vas a arrepentir\nquién es ese\nun amigo',
      'Activa la ubicación',
      'y te vas a arrepentir',
      'quién es ese',
      'un amigo',
    ]);
  });

  it('splits a long paragraph into sentences and caps the number of pieces', () => {
    const long = Array.from({ length: 100 }, (_, i) => `Frase número ${i} de un texto largo.`).join(' ');
    const pieces = piecesOf(long);
    expect(pieces[0]).toBe(long.slice(0, 2_000));
    expect(pieces.length).toBe(64);
    expect(pieces[1]).toBe('Frase número 0 de un texto largo.');
  });
});

describe('detect', () => {
  it('combines model and cues as 1 − (1 − m)(1 − c) and flags categories at their thresholds', () => {
    const d = detect('hola', model({ control: 0.9, red_flag: 0.99 }));
    expect(d.scores.control.combined).toBeCloseTo(0.9, 3);
    expect(d.categories).toEqual(['control']);
    expect(d.redFlag).toBe(true);
    expect(d.source).toBe('model+cues');
    const withCue = detect('dame tu contraseña', model({ surveillance: 0.5 }));
    expect(withCue.scores.surveillance.combined).toBeCloseTo(1 - 0.5 * (1 - withCue.scores.surveillance.cues), 3);
  });

  it('uses config thresholds over the shipped ones', () => {
    const or = { redFlagRule: 'or', redFlagThreshold: 1.01 } as const;
    expect(detect('hola', model({ jealousy: 0.5 }), { ...or, thresholds: { jealousy: 0.6 } }).categories).toEqual([]);
    expect(detect('hola', model({ jealousy: 0.5 }), { ...or, thresholds: { jealousy: 0.4 } }).categories).toEqual(['jealousy']);
  });

  it('lets the red-flag head decide with the shipped rule, naming the closest category', () => {
    const below = Object.fromEntries(CATEGORIES.map((c) => [c, SHIPPED_THRESHOLDS.thresholds[c] * 0.5]));
    const fired = detect('hola', model({ ...below, threats: SHIPPED_THRESHOLDS.thresholds.threats * 0.9, red_flag: 0.99 }), {
      redFlagThreshold: 0.9,
      redFlagRule: 'or',
    });
    expect(fired.redFlag).toBe(true);
    expect(fired.categories).toEqual(['threats']);
    const gated = detect('hola', model({ control: 0.99, red_flag: 0.1 }), { redFlagThreshold: 0.9, redFlagRule: 'gate' });
    expect(gated.redFlag).toBe(false);
    const open = detect('hola', model({ control: 0.99, red_flag: 0.1 }), { redFlagThreshold: 0.9, redFlagRule: 'or' });
    expect(open.categories).toEqual(['control']);
  });

  it('falls back to cues alone without a model, with the cue-only thresholds', () => {
    const d = detect('Dame tu contraseña del Instagram ya', undefined);
    expect(d.source).toBe('cues');
    expect(d.redFlagScore).toBeNull();
    expect(d.categories).toContain('surveillance');
    expect(d.scores.surveillance.model).toBeNull();
    expect(d.scores.surveillance.threshold).toBe(SHIPPED_THRESHOLDS.cuesOnlyThresholds.surveillance);
  });

  it('a failing model makes the result cue-only and reports the error', async () => {
    const errors: unknown[] = [];
    const d = await analyzeText('Dame tu contraseña', () => Promise.reject(new Error('down')), { onModelError: (e) => errors.push(e) });
    expect(d.source).toBe('cues');
    expect(errors).toHaveLength(1);
  });

  it('scores every piece of a pasted chat in one call and keeps the maximum per label', async () => {
    const calls: string[][] = [];
    const scorer = async (texts: readonly string[]) => {
      calls.push([...texts]);
      return texts.map((t) => model(t.includes('insta') ? { surveillance: 0.95, red_flag: 0.95 } : {}));
    };
    const d = await analyzeText('Él: hola\nÉl: pasame tu insta', scorer);
    expect(calls).toEqual([['hola\npasame tu insta', 'hola', 'pasame tu insta']]);
    expect(d.scores.surveillance.model).toBeCloseTo(0.95, 3);
    const many = await analyzeTexts(['a', 'Él: x\nÉl: insta', ''], scorer);
    expect(many.map((x) => x.redFlag)).toEqual([false, true, false]);
  });
});

describe('riskOf', () => {
  const scores = (insults = 0.5) => ({ ...Object.fromEntries(CATEGORIES.map((c) => [c, { combined: 0.5 }])), insults: { combined: insults } }) as never;
  it.each([
    [[], false, false, 'none'],
    [['jealousy'], false, false, 'low'],
    [['insults'], false, false, 'low'],
    [['control'], false, false, 'medium'],
    [['jealousy', 'insults'], false, false, 'medium'],
    [['control', 'isolation', 'surveillance'], false, false, 'high'],
    [['threats'], false, false, 'high'],
    [['sexual_coercion'], false, false, 'high'],
    [['threats'], false, true, 'high'],
    [['threats'], true, false, 'critical'],
  ] as const)('%j danger=%s selfHarm=%s → %s', (categories, danger, selfHarm, risk) => {
    expect(riskOf(categories, scores(), danger, selfHarm)).toBe(risk);
  });
  it('strong insults alone are medium', () => {
    expect(riskOf(['insults'], scores(0.9), false, false)).toBe('medium');
  });
});

describe('the responder trigger and the language', () => {
  it.each([
    ['analiza esta conversación: Él: dame tu clave', 'Él: dame tu clave', true],
    ['Analiza esta conversacion:\nÉl: hola', 'Él: hola', true],
    ['¿Puedes analizar este chat? Él: no sales', 'Él: no sales', true],
    ['analyze this conversation: him: where are you', 'him: where are you', true],
    ['analiza esta conversación', undefined, true],
    ['Mi novio me revisa el móvil', 'Mi novio me revisa el móvil', false],
    ['Revisa tu correo ahora mismo', 'Revisa tu correo ahora mismo', false],
    ['analiza: dame tu clave', 'dame tu clave', true],
    ['Analyze this chat please: him: send nudes', 'him: send nudes', true],
  ] as const)('%j', (message, text, triggered) => {
    expect(textToAnalyse(message)).toEqual({ text, triggered });
  });

  it('tells Spanish from English, Spanish when unsure, and reads profile values', () => {
    expect(detectLanguage('Mi novio no me deja salir con mis amigas')).toBe('es');
    expect(detectLanguage("My boyfriend won't let me see my friends")).toBe('en');
    expect(detectLanguage('ok')).toBe('es');
    expect(languageOf('en-US')).toBe('en');
    expect(languageOf('es_MX')).toBe('es');
    expect(languageOf(42)).toBeUndefined();
  });
});

describe('resources', () => {
  it('lists the official lines with the date they were checked', () => {
    expect(RESOURCES.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const phones = Object.fromEntries(RESOURCES.lines.map((l) => [l.country, l.phone]));
    expect(phones).toEqual({ ES: '016', MX: '55 5658 1111', AR: '144', CO: '155', CL: '1455', US: '1-800-799-7233' });
    for (const line of RESOURCES.lines) expect(line.sources.length).toBeGreaterThan(0);
    expect(linesFor('mx').map((l) => l.country)).toEqual(['MX']);
    expect(linesFor('FR')).toHaveLength(RESOURCES.lines.length);
  });
});

describe('the dataset and the shipped model', () => {
  const examples = loadExamples();

  it('is several hundred valid, bilingual, multi-label examples with hard negatives', () => {
    expect(examples.length).toBeGreaterThanOrEqual(900);
    const counts = categoryCounts(examples);
    for (const category of CATEGORIES) expect(counts[category]).toBeGreaterThanOrEqual(50);
    expect(counts.none).toBeGreaterThanOrEqual(400);
    expect(examples.filter((e) => e.lang === 'en').length).toBeGreaterThanOrEqual(300);
    expect(examples.filter((e) => e.categories.length > 1).length).toBeGreaterThanOrEqual(50);
  });

  it('splits deterministically by text, about 80/20', () => {
    const { train, test } = splitExamples(examples);
    expect(test.length / examples.length).toBeGreaterThan(0.15);
    expect(test.length / examples.length).toBeLessThan(0.25);
    expect(splitOf('Dame tu contraseña')).toBe(splitOf('DAME TU CONTRASEÑA'));
    expect(new Set(train.map((e) => e.id)).size + new Set(test.map((e) => e.id)).size).toBe(examples.length);
  });

  it('keeps the unseen file apart from the dataset', () => {
    const unseen = loadExamples(UNSEEN_FILE);
    expect(unseen.length).toBeGreaterThanOrEqual(150);
    const known = new Set(examples.map((e) => normalizeText(e.text)));
    expect(unseen.filter((e) => known.has(normalizeText(e.text)))).toEqual([]);
  });

  it('keeps the independent unseen v2 frozen (the sha256 data/README.md records) and apart from the dataset', () => {
    const sha = createHash('sha256').update(readFileSync(UNSEEN_V2_FILE)).digest('hex');
    expect(sha).toBe('0590ce37136f77411b76d42a7044d5fdc44db318a2def5397c3ead9482e9ac1a');
    expect(readFileSync(fileURLToPath(new URL('../../bots/spoiler/data/README.md', import.meta.url)), 'utf8')).toContain(sha);
    const v2 = loadExamples(UNSEEN_V2_FILE);
    expect(v2.length).toBe(300);
    // A count, never the texts: a failure must not show the frozen set's items.
    const known = new Set([...examples, ...loadExamples(UNSEEN_FILE)].map((e) => normalizeText(e.text)));
    expect(v2.filter((e) => known.has(normalizeText(e.text))).length).toBe(0);
  });

  it('ships a small ONNX model whose sidecar and thresholds match the pipeline and the dataset', () => {
    const onnx = `${MODELS}spoiler.onnx`;
    expect(existsSync(onnx)).toBe(true);
    expect(statSync(onnx).size).toBeLessThan(2 * 1024 * 1024);
    const sidecar = parseSidecar(readFileSync(`${MODELS}spoiler.json`, 'utf8'), 'spoiler.json');
    expect(sidecar.labels).toEqual([...MODEL_LABELS]);
    expect(sidecar.activation).toBe('sigmoid');
    expect(sidecar.version).toBe(SHIPPED_THRESHOLDS.modelVersion);
    expect(sidecar.training?.dataset).toBe(`red-flags-es-en@${DATASET_VERSION}`);
    expect(SHIPPED_THRESHOLDS.dataset).toBe(`red-flags-es-en@${DATASET_VERSION}`);
    expect(existsSync(DATASET_FILE)).toBe(true);
  });
});

describe('the analysis record', () => {
  it('keeps categories, scores and risk, never the text', async () => {
    const { analysisRecordOf, ANALYSES_COLLECTION } = await import('../../plugins/spoiler-detector/storage.ts');
    const d = detect('Dame tu contraseña del Instagram ya', undefined);
    const record = analysisRecordOf(d, { id: 'r1', userId: 'u1', room: 'room-1', now: new Date('2026-11-22T10:00:00Z'), resourcesShown: ['ES'] });
    expect(record).toMatchObject({ userId: 'u1', room: 'room-1', categories: ['surveillance'], risk: 'medium', source: 'cues', createdAt: '2026-11-22T10:00:00.000Z' });
    expect(JSON.stringify(record)).not.toContain('Instagram');
    expect(ANALYSES_COLLECTION).toBe('relationship_analyses');
  });
});
