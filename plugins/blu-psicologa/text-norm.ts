/**
 * @module blu-psicologa/text-norm
 * One normalisation for every deterministic check of the plugin (identity questions, intents, the output guard, the
 * crisis net): lower case, accents stripped, punctuation turned into spaces, runs of spaces collapsed. Patterns are
 * then written without accents and match "psicóloga", "PSICOLOGA" and "psicologa" alike.
 */

export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'+\-\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether any of the patterns matches the normalised text. */
export function matchesAny(normalized: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(normalized));
}
