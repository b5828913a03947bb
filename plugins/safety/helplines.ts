/**
 * @module safety/helplines
 * The plugin's own copy of the helpline directory (`helplines.json`) and the choice of lines for its card: by the
 * user's country, by what the risk is about (self-harm, danger from others, someone else at risk) and by how urgent
 * it is. The card people see is the ENGINE's, composed from the admin-maintained directory in PostgreSQL
 * (engine/src/safety); this one is the fallback when the engine cannot compose its own.
 *
 * The model never writes numbers: cards list only what this directory holds.
 */
import { z } from 'zod';
import type { CrisisLine } from '../../schema/protocol.ts';
import type { RiskLevel } from './levels.ts';
import type { Category } from './patterns.ts';
import shipped from './helplines.json' with { type: 'json' };

const lineSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  phone: z.string().min(1).optional(),
  url: z.url().optional(),
  hours: z.string().min(1),
  topics: z.array(z.enum(['suicide', 'emotional', 'violence'])).default(['suicide']),
  verifiedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'verifiedAt must be YYYY-MM-DD' }),
  source: z.string().optional(),
});

const countrySchema = z.object({
  name: z.object({ es: z.string(), en: z.string() }),
  emergency: lineSchema.omit({ topics: true }),
  lines: z.array(lineSchema).min(1),
});

export const directorySchema = z.object({
  version: z.number().int().positive(),
  updatedAt: z.string(),
  reviewNote: z.string().optional(),
  countries: z.record(z.string().regex(/^(?:[A-Z]{2}|_default)$/), countrySchema).refine((c) => '_default' in c, { error: 'the directory needs a "_default" entry' }),
});

export type HelplineDirectory = z.output<typeof directorySchema>;
export type DirectoryLine = z.output<typeof lineSchema>;
export type DirectoryCountry = z.output<typeof countrySchema>;

/** The shipped directory, validated when the module loads (a broken file fails the plugin's start, loudly). */
export const SHIPPED_DIRECTORY: HelplineDirectory = directorySchema.parse(shipped);

export const DEFAULT_COUNTRY = 'ES';

/** An ISO 3166-1 alpha-2 code from a profile value ("es", " MX "), or undefined. */
export function countryCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const code = value.trim().toUpperCase();
  if (code === 'UK') return 'GB';
  return /^[A-Z]{2}$/.test(code) ? code : undefined;
}

export interface ChosenLines {
  /** The country the lines are for: the user's code even when the generic fallback is used. */
  readonly country: string;
  /** Whether the directory has this country (false: the generic fallback). */
  readonly known: boolean;
  readonly lines: CrisisLine[];
  /** Directory ids, for the audit. */
  readonly ids: string[];
  readonly emergencyPhone: string;
}

const toWire = (line: { name: string; phone?: string | undefined; url?: string | undefined; hours: string }): CrisisLine => ({
  name: line.name,
  ...(line.phone === undefined ? {} : { phone: line.phone }),
  ...(line.url === undefined ? {} : { url: line.url }),
  hours: line.hours,
});

/**
 * Lines for a card. Self-harm: the suicide/emotional lines, then the emergency number (first when `critical`).
 * Danger from others: the emergency number first, then violence lines, then the others. Someone else at risk: the
 * same as self-harm (these lines also serve family and friends).
 */
export function chooseLines(directory: HelplineDirectory, country: string, category: Category, level: RiskLevel): ChosenLines {
  const entry = directory.countries[country];
  const known = entry !== undefined;
  const chosen = entry ?? directory.countries._default!;
  const topicFirst = category === 'others' ? 'violence' : 'suicide';
  const primary = chosen.lines.filter((l) => l.topics.includes(topicFirst));
  const rest = chosen.lines.filter((l) => !l.topics.includes(topicFirst) && (category === 'others' || !(l.topics.length === 1 && l.topics[0] === 'violence')));
  const ordered = [...primary, ...rest];
  const emergencyFirst = category === 'others' || level === 'critical';
  const all = emergencyFirst ? [chosen.emergency, ...ordered] : [...ordered, chosen.emergency];
  return {
    country,
    known,
    lines: all.map(toWire),
    ids: all.map((l) => l.id),
    emergencyPhone: chosen.emergency.phone ?? '112',
  };
}
