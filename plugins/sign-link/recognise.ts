/**
 * @module sign-link/recognise
 * From landmark frames to text: each frame's features are scored by the model (through any `VectorScorer`: the
 * inference service in the plugin, onnxruntime in-process in the evaluation), restricted to the static letters of
 * the language, and the per-frame letters are turned into text:
 *
 * - a frame that does not look like a hand (`isPlausibleHand`), or whose best handshape is not a static letter of
 *   the language (a letter with movement, another
 *   language's shape), or whose score is below `minScore`, counts as "no letter";
 * - a run of at least `minFrames` consecutive frames with the same letter gives that letter once (shorter runs are
 *   the transitions between letters);
 * - an empty frame (`[]`, no hand) is a pause: it is how a client spells a doubled letter (L, pause, L).
 */
import { staticLetters, type SignLanguage } from '../../clients/sign-shapes/src/index.ts';
import { handFeatures, isPlausibleHand, type Frame } from './features.ts';

export interface LabelScore {
  readonly label: string;
  readonly score: number;
}
/** Scores feature vectors; one label list per vector (every label of the model). */
export type VectorScorer = (vectors: number[][]) => Promise<readonly { readonly labels: readonly LabelScore[] }[]>;

export interface RecogniseOptions {
  /** @default 2 */
  readonly minFrames?: number;
  /** @default 0.5 */
  readonly minScore?: number;
}

export interface FrameLetter {
  readonly letter: string | null;
  readonly score: number;
}

export interface RecognisedLetter {
  readonly letter: string;
  /** Mean score over the run. */
  readonly score: number;
  readonly frames: number;
}

export interface Recognition {
  readonly language: SignLanguage;
  readonly text: string;
  readonly letters: readonly RecognisedLetter[];
  readonly frames: number;
  /** Frames with a hand but no confident static letter. */
  readonly unrecognisedFrames: number;
}

/** The letter of one frame's scores in `language`, or null. */
export function letterOf(labels: readonly LabelScore[], language: SignLanguage, minScore = 0.5): FrameLetter {
  const best = labels.reduce<LabelScore | undefined>((top, l) => (top === undefined || l.score > top.score ? l : top), undefined);
  if (best === undefined) return { letter: null, score: 0 };
  const letter = staticLetters(language).find((l) => l.shape === best.label)?.letter;
  return letter !== undefined && best.score >= minScore ? { letter, score: best.score } : { letter: null, score: best.score };
}

/** Runs of the same letter → text. */
export function lettersFromFrames(perFrame: readonly (FrameLetter | 'pause')[], minFrames = 2): RecognisedLetter[] {
  const out: RecognisedLetter[] = [];
  let run: { letter: string; scores: number[] } | undefined;
  let pausedSinceLast = true;
  const close = () => {
    if (run && run.scores.length >= minFrames) {
      const score = run.scores.reduce((a, b) => a + b, 0) / run.scores.length;
      const last = out.at(-1);
      // The same letter again without a pause is one letter interrupted by a stray frame: keep it once.
      if (last && last.letter === run.letter && !pausedSinceLast) {
        const frames = last.frames + run.scores.length;
        out[out.length - 1] = { letter: last.letter, score: (last.score * last.frames + score * run.scores.length) / frames, frames };
      } else out.push({ letter: run.letter, score, frames: run.scores.length });
      pausedSinceLast = false;
    }
    run = undefined;
  };
  for (const frame of perFrame) {
    if (frame === 'pause' || frame.letter === null) {
      close();
      if (frame === 'pause') pausedSinceLast = true;
      continue;
    }
    if (run && run.letter === frame.letter) run.scores.push(frame.score);
    else {
      close();
      run = { letter: frame.letter, scores: [frame.score] };
    }
  }
  close();
  return out;
}

export async function recogniseFrames(
  frames: readonly Frame[],
  language: SignLanguage,
  scorer: VectorScorer,
  options: RecogniseOptions = {},
): Promise<Recognition> {
  const perFrame: (FrameLetter | 'pause')[] = frames.map((frame) => (frame.length === 0 ? 'pause' : { letter: null, score: 0 }));
  // Frames that do not look like a hand stay "no letter" and are not sent to the model.
  const withHand = frames.map((frame, i) => ({ frame, i })).filter((f) => f.frame.length > 0 && isPlausibleHand(f.frame));
  const results = withHand.length === 0 ? [] : await scorer(withHand.map((f) => handFeatures(f.frame)));
  withHand.forEach((f, k) => {
    perFrame[f.i] = letterOf(results[k]?.labels ?? [], language, options.minScore ?? 0.5);
  });
  const letters = lettersFromFrames(perFrame, options.minFrames ?? 2);
  const unrecognisedFrames = perFrame.filter((f) => f !== 'pause' && f.letter === null).length;
  return { language, text: letters.map((l) => l.letter).join(''), letters, frames: frames.length, unrecognisedFrames };
}
