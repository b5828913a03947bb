/**
 * @module safety/segments
 * The classifier reads a message sentence by sentence as well as whole. Its features are L2-normalised over the
 * text, so one risky sentence inside a long message about the day, the boss and a recipe is diluted below the
 * threshold ("…ya no sé si quiero seguir viviendo. Bueno, ¿me recomiendas una receta?"). The verdict of a message is
 * the verdict of its riskiest part: the whole text or one of its sentences, whichever has the highest crisis
 * probability. The pattern list always reads the whole message (its guards need the context).
 */
import type { LabelScore, ScoreTexts } from './assess.ts';

/** Sentences shorter than this many words are left to the whole text (too little to judge on their own). */
const MIN_WORDS = 3;
/** A message is never scored in more than this many parts (the whole text + sentences). */
export const MAX_PARTS = 12;

const SENTENCE_END = /(?<=[.!?…;])\s+|\s*\n+\s*/u;

/** The parts of a message the classifier scores: the whole text first, then its sentences when there are several. */
export function segmentsOf(text: string): string[] {
  const sentences = text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/u).length >= MIN_WORDS);
  if (sentences.length < 2) return [text];
  return [text, ...sentences.slice(0, MAX_PARTS - 1)];
}

/** P(medium) + P(high) + P(critical), or a binary model's crisis label: what "riskiest" is measured by. */
export function crisisMass(labels: readonly LabelScore[]): number {
  let sum = 0;
  for (const l of labels) if (l.label === 'medium' || l.label === 'high' || l.label === 'critical' || l.label === 'crisis' || l.label === 'risk' || l.label === 'self-harm') sum += l.score;
  return sum;
}

/** The index of the riskiest part among a message's parts' label lists. */
export function riskiestPart(parts: readonly (readonly LabelScore[])[]): number {
  let best = 0;
  for (let i = 1; i < parts.length; i++) if (crisisMass(parts[i]!) > crisisMass(parts[best]!)) best = i;
  return best;
}

/** Wraps a scorer so each text is scored whole and per sentence, in one batch, answering the riskiest part's labels. */
export function bySegments(score: ScoreTexts): ScoreTexts {
  return async (texts) => {
    const parts = texts.map(segmentsOf);
    const results = await score(parts.flat());
    const out: (readonly LabelScore[])[] = [];
    let next = 0;
    for (const p of parts) {
      const mine = results.slice(next, next + p.length);
      next += p.length;
      out.push(mine[riskiestPart(mine)]!);
    }
    return out;
  };
}
