/**
 * @module spoiler-detector/detector
 * From a text to red flags: the same pipeline in the plugin, the CLI, training (threshold choice) and evaluation.
 *
 * 1. Pieces: the whole text, plus each line of a pasted chat (speaker names and WhatsApp-style time stamps removed)
 *    or each sentence of a long paragraph. The model scores every piece (one batched request) and a category keeps
 *    its highest score, so one abusive line in a long, otherwise friendly chat is not diluted.
 * 2. Cues (`cues.ts`) score the whole text per category.
 * 3. Combined score per category: 1 − (1 − model)(1 − cues) (a probabilistic OR: either source can raise it, both
 *    together raise it more). A category is flagged when its combined score reaches its threshold; thresholds are
 *    chosen by `bots/spoiler/train.ts` on the training split (out-of-fold) and shipped in `thresholds.json`.
 *    The model also has a `red_flag` output (any category, which has many more positive examples than each one),
 *    combined with the strongest cue. With `redFlagRule: 'or'` it flags a text on its own when it reaches
 *    `redFlagThreshold` (naming the category closest to its threshold); with `'gate'` a text is flagged only when it
 *    does, and the categories say which.
 * 4. Risk from what was flagged (`riskOf`).
 *
 * Without a model (no inference service), the cue scores alone are compared with the cue-only thresholds, chosen the
 * same way; the result says so (`source: 'cues'`).
 */
import { CATEGORIES, type Category } from './categories.ts';
import { cueScores, type CueHit } from './cues.ts';
import shipped from './thresholds.json' with { type: 'json' };

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';
export type RedFlagRule = 'or' | 'gate';
export type CategoryScores = Record<Category, number>;

/** The model's outputs: one sigmoid per category, plus `red_flag` (any category), trained one-vs-rest alike. */
export const RED_FLAG = 'red_flag';
export const MODEL_LABELS = [...CATEGORIES, RED_FLAG] as const;
export type ModelLabel = (typeof MODEL_LABELS)[number];
export type ModelScores = Record<ModelLabel, number>;

/** Model scores for texts, one record per text, in order. */
export type Scorer = (texts: readonly string[]) => Promise<ModelScores[]>;

export interface ThresholdsFile {
  readonly format: 'spoiler-thresholds/1';
  readonly model: string;
  readonly modelVersion: string;
  readonly dataset: string;
  readonly chosenOn: string;
  readonly thresholds: CategoryScores;
  /** The `red_flag` head combined with the strongest cue, compared with this threshold; > 1 = never fires. */
  readonly redFlagThreshold: number;
  /**
   * How the head and the categories decide together: `or`, a text is flagged when a category reaches its threshold
   * or the head fires; `gate`, only when the head fires (categories then say which).
   */
  readonly redFlagRule: RedFlagRule;
  readonly cuesOnlyThresholds: CategoryScores;
}

export const SHIPPED_THRESHOLDS = shipped as ThresholdsFile;

export interface CategoryDetail {
  readonly model: number | null;
  readonly cues: number;
  readonly combined: number;
  readonly threshold: number;
}

export interface Detection {
  /**
   * Flagged categories, highest combined score first. When only the `red_flag` head fired, the one category closest
   * to its threshold, so a flagged text always names at least one category.
   */
  readonly categories: readonly Category[];
  readonly redFlag: boolean;
  /** The `red_flag` head combined with the strongest cue; null without a model. */
  readonly redFlagScore: number | null;
  readonly risk: RiskLevel;
  readonly scores: Readonly<Record<Category, CategoryDetail>>;
  readonly cueHits: readonly CueHit[];
  /** A cue of physical danger (death threat, weapon, strangulation, assault) outside a joke. */
  readonly danger: boolean;
  /** A threat of self-harm used as pressure. */
  readonly selfHarm: boolean;
  /** What decided: the model and the cues, or the cues alone (no model reachable). */
  readonly source: 'model+cues' | 'cues';
}

/** Most pieces sent to the model per text (a very long paste keeps its first lines). */
export const MAX_PIECES = 64;
const MAX_PIECE_CHARS = 2_000;
const LONG_LINE = 200;

// "[21:03] Javi: …", "12/03/24, 22:15 - Andrés: …", "3/12/24, 10:15 PM - Andrew: …", "Él: …", "- Yo: …"
const TIMESTAMP = /^\s*(?:\[[^\]]{1,40}\]\s*)?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?\s?m\.?)?\s*[-–:]\s*)?/iu;
const SPEAKER = /^\s*[-–•]?\s*[\p{L}\p{N}][\p{L}\p{N} ._'’-]{0,29}:\s+/u;

/** The whole text first, then its lines (or sentences), deduplicated, at most `MAX_PIECES`. */
export function piecesOf(text: string): string[] {
  const whole = text.trim().slice(0, 20_000);
  if (whole === '') return [];
  const lines = whole
    .split(/\r?\n+/)
    .map(stripSpeaker)
    .filter((line) => /[\p{L}\p{N}]/u.test(line));
  const parts = lines.length > 1 ? lines : sentencesOf(lines[0] ?? whole);
  const pieces = [lines.length > 1 ? lines.join('\n') : whole];
  for (const part of parts.length > 1 ? parts : []) {
    if (!pieces.includes(part)) pieces.push(part);
    if (pieces.length >= MAX_PIECES) break;
  }
  return pieces.map((piece) => piece.slice(0, MAX_PIECE_CHARS));
}

function stripSpeaker(line: string): string {
  return line.replace(TIMESTAMP, '').replace(SPEAKER, '').trim();
}

function sentencesOf(text: string): string[] {
  if (text.length < LONG_LINE) return [text];
  return text
    .split(/(?<=[.!?…])\s+(?=\S)/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** A classifier result (`[{label, score}]`, any order) as model scores; unknown labels ignored, missing = 0. */
export function scoresFromLabels(labels: readonly { readonly label: string; readonly score: number }[]): ModelScores {
  const scores = zeroScores();
  for (const { label, score } of labels) if ((MODEL_LABELS as readonly string[]).includes(label)) scores[label as ModelLabel] = score;
  return scores;
}

export function zeroScores(): ModelScores {
  return Object.fromEntries(MODEL_LABELS.map((c) => [c, 0])) as ModelScores;
}

/** Per label, the highest score over the pieces. */
export function maxOverPieces(pieceScores: readonly ModelScores[]): ModelScores {
  const out = zeroScores();
  for (const scores of pieceScores) for (const c of MODEL_LABELS) out[c] = Math.max(out[c], scores[c] ?? 0);
  return out;
}

export interface DetectOptions {
  readonly thresholds?: Partial<CategoryScores>;
  readonly redFlagThreshold?: number;
  readonly redFlagRule?: RedFlagRule;
  readonly cuesOnlyThresholds?: Partial<CategoryScores>;
}

/**
 * The pure part: a text's model scores (already reduced over its pieces; `undefined` = no model) → detection.
 */
export function detect(text: string, model: ModelScores | undefined, options: DetectOptions = {}): Detection {
  const cues = cueScores(text);
  const source = model === undefined ? 'cues' : 'model+cues';
  const thresholds =
    model === undefined
      ? { ...SHIPPED_THRESHOLDS.cuesOnlyThresholds, ...options.cuesOnlyThresholds }
      : { ...SHIPPED_THRESHOLDS.thresholds, ...options.thresholds };
  const scores = {} as Record<Category, CategoryDetail>;
  for (const category of CATEGORIES) {
    const m = model === undefined ? null : clamp(model[category]);
    const c = cues.scores[category];
    const combined = round(1 - (1 - (m ?? 0)) * (1 - c));
    scores[category] = { model: m === null ? null : round(m), cues: c, combined, threshold: thresholds[category] };
  }
  const flagged = CATEGORIES.filter((c) => scores[c].combined >= scores[c].threshold).sort(
    (a, b) => scores[b].combined - scores[a].combined || CATEGORIES.indexOf(a) - CATEGORIES.indexOf(b),
  );
  const strongestCue = Math.max(...CATEGORIES.map((c) => cues.scores[c]));
  const redFlagScore = model === undefined ? null : round(1 - (1 - clamp(model.red_flag ?? 0)) * (1 - strongestCue));
  const redFlagThreshold = options.redFlagThreshold ?? SHIPPED_THRESHOLDS.redFlagThreshold;
  const headFired = redFlagScore !== null && redFlagScore >= redFlagThreshold;
  const rule = options.redFlagRule ?? SHIPPED_THRESHOLDS.redFlagRule;
  const categories =
    redFlagScore === null ? flagged : rule === 'gate' && !headFired ? [] : flagged.length > 0 || !headFired ? flagged : [closestCategory(scores)];
  const danger = cues.danger && categories.includes('threats');
  const selfHarm = cues.selfHarm && categories.includes('threats');
  return {
    categories,
    redFlag: categories.length > 0,
    redFlagScore,
    risk: riskOf(categories, scores, danger, selfHarm),
    scores,
    cueHits: cues.hits,
    danger,
    selfHarm,
    source,
  };
}

/** The category whose combined score is closest to (highest relative to) its threshold. */
function closestCategory(scores: Readonly<Record<Category, CategoryDetail>>): Category {
  let best: Category = CATEGORIES[0];
  for (const c of CATEGORIES) if (scores[c].combined / scores[c].threshold > scores[best].combined / scores[best].threshold) best = c;
  return best;
}

/** Pieces → one batched model call → detection. A scorer that fails makes the result cue-only (`source: 'cues'`). */
export async function analyzeText(
  text: string,
  scorer: Scorer | undefined,
  options: DetectOptions & { readonly onModelError?: (error: unknown) => void } = {},
): Promise<Detection> {
  const pieces = piecesOf(text);
  if (pieces.length === 0) return detect('', zeroScores(), options);
  let model: ModelScores | undefined;
  if (scorer !== undefined) {
    try {
      model = maxOverPieces(await scorer(pieces));
    } catch (error) {
      options.onModelError?.(error);
    }
  }
  return detect(text, model, options);
}

/**
 * Many texts with one model call: all their pieces go in one batch (the CLI and the evaluation use this; the inference
 * service batches across requests anyway).
 */
export async function analyzeTexts(
  texts: readonly string[],
  scorer: Scorer | undefined,
  options: DetectOptions & { readonly onModelError?: (error: unknown) => void } = {},
): Promise<Detection[]> {
  const pieces = texts.map(piecesOf);
  let flat: ModelScores[] | undefined;
  const all = pieces.flat();
  if (scorer !== undefined && all.length > 0) {
    try {
      flat = await scorer(all);
    } catch (error) {
      options.onModelError?.(error);
    }
  }
  let at = 0;
  return texts.map((text, i) => {
    const count = pieces[i]?.length ?? 0;
    const own = flat?.slice(at, at + count);
    at += count;
    const model = scorer === undefined || flat === undefined ? undefined : count === 0 ? zeroScores() : maxOverPieces(own ?? []);
    return detect(count === 0 ? '' : text, model, options);
  });
}

/**
 * - none: nothing flagged;
 * - critical: physical danger (threat to kill or hurt, weapon, strangulation, assault described);
 * - high: threats (including self-harm used as pressure) or sexual coercion, or three or more categories;
 * - medium: two categories, or one of control, isolation, surveillance, gaslighting, economic control, or strong
 *   insults (combined ≥ 0.8);
 * - low: jealousy alone, or milder insults alone.
 */
export function riskOf(
  categories: readonly Category[],
  scores: Readonly<Record<Category, { readonly combined: number }>>,
  danger: boolean,
  selfHarm: boolean,
): RiskLevel {
  if (categories.length === 0) return 'none';
  if (danger) return 'critical';
  if (selfHarm || categories.includes('threats') || categories.includes('sexual_coercion') || categories.length >= 3) return 'high';
  if (categories.length === 2) return 'medium';
  const only = categories[0] as Category;
  if (only === 'jealousy') return 'low';
  if (only === 'insults') return scores.insults.combined >= 0.8 ? 'medium' : 'low';
  return 'medium';
}

export const RISK_ORDER: readonly RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];

export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return RISK_ORDER.indexOf(a) >= RISK_ORDER.indexOf(b) ? a : b;
}

const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const round = (x: number) => Math.round(x * 1_000) / 1_000;
