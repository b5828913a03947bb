/**
 * @module safety/segments
 * The classifier reads a message sentence by sentence as well as whole. Its features are L2-normalised over the
 * text, so one risky sentence inside a long message about the day, the boss and a recipe is diluted below the
 * threshold ("…ya no sé si quiero seguir viviendo. Bueno, ¿me recomiendas una receta?"). The verdict of a message is
 * the verdict of its riskiest part: the whole text or one of its sentences, whichever has the highest crisis
 * probability (assess.ts `bySegments`). The pattern list always reads the whole message (its guards need the
 * context).
 */

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
