/**
 * @module safety/assess
 * Layer 3: combining the pattern list (patterns.ts) and the trained classifier into one assessment
 * `{level, score, matched}`. Shared by the plugin, the CLI (`npm run -s classify -- crisis`) and the evaluation, so
 * the three can never disagree.
 *
 * The rule:
 * 1. **Patterns win upward.** The final level is never below the highest pattern match.
 * 2. **The classifier catches indirect phrasings.** Its crisis probability `P(medium) + P(high) + P(critical)` is
 *    compared with a threshold chosen on the training split (bots/safety/train.ts, out-of-fold scores) for recall
 *    under a false-positive budget. Above it, the level is the model's most likely crisis level (at least `medium`);
 *    below it, `low` when `P(low or above)` passes the low threshold.
 * 3. **Guards make the classifier stricter, never the patterns laxer.** When the message holds an idiom
 *    ("me muero de risa", an ordinary goodbye, an accident), is a recovery story told from safety ("hace diez años
 *    intenté matarme y hoy soy feliz"), or a pattern was lowered by a joke/recovery guard, and no pattern reached `medium`, the
 *    classifier needs the stricter `idiom` threshold, and its own `low` is dropped (a `low` pattern still counts).
 * 4. **Conversation state makes it more sensitive.** In a conversation whose risk is elevated (a recent crisis), the
 *    classifier's threshold drops to `elevated`.
 * 5. **Degraded mode.** Without the classifier (inference service down), a `low` pattern counts as `medium`: the
 *    layer errs towards the card rather than towards silence.
 *
 * `score` is a crisis score in [0, 1] whose decision point is 0.5: the model's probability is mapped piecewise-linearly
 * so that its effective threshold lands on 0.5, and a pattern match at `medium`+ scores at least 0.8.
 */
import { atLeast, isCrisis, maxLevel, rank, type RiskLevel } from './levels.ts';
import { matchPatterns, type Category, type PatternResult } from './patterns.ts';
import { segmentsOf } from './segments.ts';

export interface Thresholds {
  /** P(crisis) at or above which the classifier says crisis. */
  readonly crisis: number;
  /** Stricter threshold when an idiom or a joke/recovery guard is present and no pattern reached medium. */
  readonly idiom: number;
  /** Lower threshold in a conversation with elevated risk. */
  readonly elevated: number;
  /** P(low or above) at or above which the classifier says low. */
  readonly low: number;
}

export interface LabelScore {
  readonly label: string;
  readonly score: number;
}

/** What the classifier said about one text, read from its labels. */
export interface ModelVerdict {
  /** P(medium) + P(high) + P(critical); for a binary model, P(crisis). */
  readonly crisis: number;
  /** P(low). */
  readonly low: number;
  /** The most likely crisis level (`medium` for a binary model). */
  readonly crisisLevel: RiskLevel;
}

const CRISIS_LEVELS: readonly RiskLevel[] = ['medium', 'high', 'critical'];

/**
 * Reads a model's labels. Works with the project's five-level model and with a production model whose labels are a
 * subset of the levels, or binary (`crisis` / `none`, or `risk` / `safe`).
 */
export function readModelLabels(labels: readonly LabelScore[]): ModelVerdict {
  const score = (name: string) => labels.find((l) => l.label === name)?.score ?? 0;
  const byLevel = CRISIS_LEVELS.map((level) => [level, score(level)] as const);
  const levelSum = byLevel.reduce((sum, [, s]) => sum + s, 0);
  const binary = Math.max(score('crisis'), score('risk'), score('self-harm'));
  if (levelSum === 0 && binary > 0) return { crisis: clamp01(binary), low: 0, crisisLevel: 'medium' };
  const top = byLevel.reduce((best, entry) => (entry[1] > best[1] ? entry : best), byLevel[0]!);
  return { crisis: clamp01(levelSum), low: clamp01(score('low')), crisisLevel: top[0] };
}

export interface AssessContext {
  /** The conversation's risk is elevated (a recent crisis): the classifier uses the `elevated` threshold. */
  readonly elevated?: boolean;
}

export interface Assessment {
  readonly level: RiskLevel;
  /** Crisis score in [0, 1]; 0.5 is the decision point (see module doc). */
  readonly score: number;
  /** Pattern ids that matched, plus `model` when the classifier raised the level. Never message text. */
  readonly matched: readonly string[];
  readonly category: Category;
  /** Highest pattern level, and the classifier's own verdict. */
  readonly patterns: RiskLevel;
  readonly model?: { readonly level: RiskLevel; readonly crisis: number; readonly threshold: number };
  /** No classifier was available: patterns only, `low` counted as `medium`. */
  readonly degraded: boolean;
  readonly idioms: readonly string[];
}

const PATTERN_SCORE: Record<RiskLevel, number> = { none: 0, low: 0.3, medium: 0.8, high: 0.9, critical: 0.99 };

/** Combines one message's pattern result with the classifier's verdict (undefined: no classifier). */
export function combine(
  patterns: PatternResult,
  model: ModelVerdict | undefined,
  thresholds: Thresholds,
  context: AssessContext = {},
): Assessment {
  const guarded = !isCrisis(patterns.level) && (patterns.idioms.length > 0 || patterns.recovery || patterns.matches.some((m) => m.loweredFrom !== undefined));
  const patternIds = patterns.matches.map((m) => m.id);
  if (model === undefined) {
    const level = patterns.level === 'low' ? 'medium' : patterns.level;
    return {
      level,
      score: PATTERN_SCORE[level],
      matched: patternIds,
      category: patterns.category,
      patterns: patterns.level,
      degraded: true,
      idioms: patterns.idioms,
    };
  }
  let threshold = guarded ? Math.max(thresholds.crisis, thresholds.idiom) : thresholds.crisis;
  if (context.elevated) threshold = Math.min(threshold, thresholds.elevated);
  // Below the crisis threshold the classifier may still say `low`, except on an idiom it was not trusted with.
  const modelLevel: RiskLevel =
    model.crisis >= threshold ? maxLevel('medium', model.crisisLevel) : model.crisis + model.low >= thresholds.low && !guarded ? 'low' : 'none';
  const level = maxLevel(patterns.level, modelLevel);
  const modelScore = calibrate(model.crisis, threshold);
  const score = isCrisis(patterns.level) ? Math.max(modelScore, PATTERN_SCORE[patterns.level]) : modelScore;
  const raisedByModel = rank(modelLevel) > rank(patterns.level);
  return {
    level,
    score: round(score),
    matched: raisedByModel ? [...patternIds, 'model'] : patternIds,
    category: atLeast(patterns.level, 'low') ? patterns.category : 'self',
    patterns: patterns.level,
    model: { level: modelLevel, crisis: round(model.crisis), threshold },
    degraded: false,
    idioms: patterns.idioms,
  };
}

/** Scores texts with a classifier; one label list per text, in order. */
export type ScoreTexts = (texts: readonly string[]) => Promise<readonly (readonly LabelScore[])[]>;

/**
 * Assesses texts: patterns always, the classifier when `score` is given and answers (on the whole text and on each
 * sentence, segments.ts). A classifier failure degrades
 * to patterns only (the failure is returned so the caller can log it), never to "no risk".
 */
export async function assessTexts(
  texts: readonly string[],
  score: ScoreTexts | undefined,
  thresholds: Thresholds,
  context: AssessContext = {},
): Promise<{ assessments: Assessment[]; modelError?: unknown }> {
  const patterns = texts.map((text) => matchPatterns(text));
  let verdicts: (ModelVerdict | undefined)[] = texts.map(() => undefined);
  let modelError: unknown;
  if (score !== undefined && texts.length > 0) {
    try {
      const results = await bySegments(score)(texts);
      verdicts = results.map((labels) => readModelLabels(labels));
    } catch (error) {
      modelError = error;
    }
  }
  const assessments = patterns.map((result, i) => combine(result, verdicts[i], thresholds, context));
  return modelError === undefined ? { assessments } : { assessments, modelError };
}

/**
 * Wraps a scorer so each text is scored whole and per sentence (segments.ts), in one batch, answering the labels of
 * its riskiest part: the one whose crisis probability, read as the decision reads it, is highest.
 */
export function bySegments(score: ScoreTexts): ScoreTexts {
  return async (texts) => {
    const parts = texts.map(segmentsOf);
    const results = await score(parts.flat());
    const out: (readonly LabelScore[])[] = [];
    let next = 0;
    for (const p of parts) {
      const mine = results.slice(next, next + p.length);
      next += p.length;
      out.push(mine.reduce((best, labels) => (readModelLabels(labels).crisis > readModelLabels(best).crisis ? labels : best)));
    }
    return out;
  };
}

/** Maps p ∈ [0, 1] so that `threshold` lands on 0.5, linearly on each side. */
export function calibrate(p: number, threshold: number): number {
  const t = Math.min(Math.max(threshold, 1e-6), 1 - 1e-6);
  return p < t ? (0.5 * p) / t : 0.5 + (0.5 * (p - t)) / (1 - t);
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const round = (x: number) => Math.round(x * 1000) / 1000;
