/**
 * @module sign-link/evaluation
 * Held-out evaluation of static letter recognition, per language: every fixture of a handshape that is a static
 * letter of the language is classified on its own (one frame), restricted to that language as the plugin does
 * (`isPlausibleHand`, `letterOf`), and compared with its letter. "No letter" (below the score bar, or another
 * shape) counts as wrong.
 */
import { staticLetters, type SignLanguage } from '../../clients/sign-shapes/src/index.ts';
import { handFeatures, isPlausibleHand } from './features.ts';
import type { Fixture } from './fixtures.ts';
import { letterOf, type VectorScorer } from './recognise.ts';

export interface LetterReport {
  readonly letter: string;
  readonly shape: string;
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  /** Letters it was taken for ('∅' = no letter), most frequent first. */
  readonly confusedWith: readonly { readonly letter: string; readonly count: number }[];
}

export interface LanguageReport {
  readonly language: SignLanguage;
  readonly total: number;
  readonly accuracy: number;
  /** Share of frames answered "no letter". */
  readonly rejected: number;
  readonly letters: readonly LetterReport[];
}

export const NO_LETTER = '∅';

export async function evaluateLanguage(language: SignLanguage, fixtures: readonly Fixture[], scorer: VectorScorer, minScore = 0.5): Promise<LanguageReport> {
  const letters = staticLetters(language);
  const relevant = fixtures.filter((f) => letters.some((l) => l.shape === f.shape));
  const results = await scorer(relevant.map((f) => handFeatures(f.frame)));
  const byLetter = new Map(letters.map((l) => [l.letter, { letter: l.letter, shape: l.shape, total: 0, correct: 0, wrong: new Map<string, number>() }]));
  let rejected = 0;
  relevant.forEach((fixture, i) => {
    const expected = letters.find((l) => l.shape === fixture.shape)!.letter;
    const got = (isPlausibleHand(fixture.frame) ? letterOf(results[i]!.labels, language, minScore).letter : null) ?? NO_LETTER;
    if (got === NO_LETTER) rejected++;
    const row = byLetter.get(expected)!;
    row.total++;
    if (got === expected) row.correct++;
    else row.wrong.set(got, (row.wrong.get(got) ?? 0) + 1);
  });
  const rows: LetterReport[] = [...byLetter.values()].map((r) => ({
    letter: r.letter,
    shape: r.shape,
    total: r.total,
    correct: r.correct,
    accuracy: r.total === 0 ? 0 : r.correct / r.total,
    confusedWith: [...r.wrong.entries()].sort((a, b) => b[1] - a[1]).map(([letter, count]) => ({ letter, count })),
  }));
  const correct = rows.reduce((s, r) => s + r.correct, 0);
  return { language, total: relevant.length, accuracy: relevant.length === 0 ? 0 : correct / relevant.length, rejected: relevant.length === 0 ? 0 : rejected / relevant.length, letters: rows };
}

/** A plain-text table: per-letter accuracy and what each letter was confused with. */
export function formatReport(report: LanguageReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `${report.language}: ${pct(report.accuracy)} of ${report.total} held-out frames (no letter: ${pct(report.rejected)})`,
    'letter  shape   n    accuracy  confused with',
  ];
  for (const r of report.letters) {
    const confused = r.confusedWith.slice(0, 3).map((c) => `${c.letter}×${c.count}`).join(' ');
    lines.push(`${r.letter.padEnd(7)} ${r.shape.padEnd(7)} ${String(r.total).padStart(4)} ${pct(r.accuracy).padStart(9)}  ${confused}`);
  }
  const pairs = report.letters.flatMap((r) => r.confusedWith.map((c) => ({ pair: `${r.letter}→${c.letter}`, count: c.count }))).sort((a, b) => b.count - a.count).slice(0, 8);
  lines.push(`most frequent confusions: ${pairs.length === 0 ? 'none' : pairs.map((p) => `${p.pair} (${p.count})`).join(', ')}`);
  return lines.join('\n');
}
