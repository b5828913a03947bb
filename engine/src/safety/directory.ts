/**
 * @module safety/directory
 * The helpline directory's shape and rules (schema/PROTOCOL.md "Admin: helpline directory"): what an admin may
 * store for a country, and which lines a crisis card shows for a risk. Only what is stored here is ever shown: no
 * model or plugin writes a phone number into a card.
 */
import { z } from 'zod';
import type { CrisisLine, RiskLevel } from '../../../schema/protocol.ts';

export const LINE_KINDS = ['crisis', 'emotional', 'gender_violence', 'violence', 'children', 'other'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
/** On a card, the emergency number is also a line (for clients that show only `lines`). */
export type CardLineKind = LineKind | 'emergency';

export const FALLBACK_COUNTRY = '_default';
/** A directory key: two letters, or the fallback entry. */
export const COUNTRY_KEY = /^(?:[A-Z]{2}|_default)$/;

export interface LocalizedName {
  es: string;
  en: string;
}

export interface HelplineLine {
  name: string;
  phone?: string;
  url?: string;
  hours: string;
  kind: LineKind;
  /** Caveats an admin must know and a reader may need (regional line, volunteer-run, check hours). */
  note?: string;
}

export interface HelplineCountry {
  country: string;
  name: LocalizedName;
  emergency: string;
  lines: HelplineLine[];
  verifiedAt: string | null;
  updatedBy: string;
  /** ISO 8601. */
  updatedAt: string;
}

/** Digits and the dialling signs people actually see on official pages ("*4141", "(011) 5275-1135", "131 / 133"). */
const PHONE = /^[0-9+*#() ./-]{1,40}$/;
const text = (max: number) => z.string().trim().min(1, { error: 'required' }).max(max, { error: `at most ${max} characters` });

const lineSchema = z.strictObject({
  name: text(120),
  phone: z.string().trim().regex(PHONE, { error: 'digits, spaces and + * # ( ) / - . only, at most 40' }).refine((v) => /\d/.test(v), { error: 'must contain a digit' }).optional(),
  url: z.string().trim().max(300, { error: 'at most 300 characters' }).regex(/^https?:\/\/[^\s]+$/, { error: 'must be an http(s) URL' }).optional(),
  hours: text(120),
  kind: z.enum(LINE_KINDS, { error: `one of ${LINE_KINDS.join(', ')}` }),
  note: text(300).optional(),
}).refine((line) => line.phone !== undefined || line.url !== undefined, { error: 'a line needs a phone or a url' });

/** The body of `PUT /api/admin/helplines/:country`. */
export const countryInputSchema = z.strictObject({
  name: z.strictObject({ es: text(80), en: text(80) }),
  emergency: z.string().trim().regex(PHONE, { error: 'digits, spaces and + * # ( ) / - . only, at most 40' }).refine((v) => /\d/.test(v), { error: 'must contain a digit' }),
  lines: z.array(lineSchema).min(1, { error: 'at least one line' }).max(12, { error: 'at most 12 lines' }),
  verifiedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'YYYY-MM-DD' }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: 'not a date' }).nullable().optional(),
});
export type CountryInput = z.output<typeof countryInputSchema>;

/** The first problem as "path: message" (`lines.0.phone: …`), the style of every BAD_ARGS in the engine. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/** A normalised directory key from a URL or profile value ("es" → "ES"), or undefined. */
export function countryKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === FALLBACK_COUNTRY) return FALLBACK_COUNTRY;
  const code = trimmed.toUpperCase();
  if (code === 'UK') return 'GB';
  return /^[A-Z]{2}$/.test(code) ? code : undefined;
}

/** What the risk is about, as the safety labeller names it. */
export type RiskCategory = 'self' | 'others' | 'third_party';

export interface CardLine extends CrisisLine {
  kind: CardLineKind;
}

/**
 * Directory lines for a card, in the order a person should read them. Self-harm or someone else at risk: crisis
 * lines, then emotional support (violence lines are left out). Danger from other people: violence lines, then crisis
 * and emotional support. `children` and `other` lines are shown only when the entry has none of those (the user's
 * age is unknown; a children's line is not what an adult in crisis should be offered first).
 */
export function linesFor(entry: Pick<HelplineCountry, 'lines'>, category: RiskCategory): CardLine[] {
  const rank = (kind: LineKind): number => {
    if (category === 'others') return kind === 'gender_violence' || kind === 'violence' ? 0 : kind === 'crisis' ? 1 : kind === 'emotional' ? 2 : 8;
    return kind === 'crisis' ? 0 : kind === 'emotional' ? 1 : kind === 'children' || kind === 'other' ? 8 : 9;
  };
  const ranked = entry.lines.map((line, index) => ({ line, index, rank: rank(line.kind) }));
  const main = ranked.filter((l) => l.rank < 8);
  return (main.length > 0 ? main : ranked.filter((l) => l.rank === 8))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ line }) => ({
      name: line.name,
      ...(line.phone === undefined ? {} : { phone: line.phone }),
      ...(line.url === undefined ? {} : { url: line.url }),
      hours: line.hours,
      kind: line.kind,
    }));
}

export const CRISIS_LEVELS: readonly RiskLevel[] = ['medium', 'high', 'critical'];
const ORDER: readonly RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];
export const levelRank = (level: string): number => ORDER.indexOf(level as RiskLevel);
export const isRiskLevel = (value: unknown): value is RiskLevel => typeof value === 'string' && ORDER.includes(value as RiskLevel);
export const maxLevel = (a: RiskLevel, b: RiskLevel): RiskLevel => (levelRank(a) >= levelRank(b) ? a : b);
