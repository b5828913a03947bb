/**
 * @module sign-link/interpreters
 * The interpreters directory (SAMPLE DATA, interpreters.json: fictional people, modelled on the seeds'
 * `sign_interpreters` table: languages, specialisations, certifications, availability, rating) and its search by
 * language, specialisation, day and hour, and mode (in person / remote).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SignLanguage } from '../../clients/sign-shapes/src/index.ts';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export const SPECIALISATIONS = ['medical', 'legal', 'education', 'mental_health', 'employment', 'events', 'general'] as const;
export type Specialisation = (typeof SPECIALISATIONS)[number];
export type Mode = 'in_person' | 'remote';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const interpreterSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  languages: z.array(z.enum(['LSM', 'LSE'])).min(1),
  specialisations: z.array(z.enum(SPECIALISATIONS)),
  certifications: z.array(z.string()),
  city: z.string(),
  country: z.string().length(2),
  modes: z.array(z.enum(['in_person', 'remote'])).min(1),
  timezone: z.string(),
  availability: z.array(z.object({ days: z.array(z.enum(DAYS)).min(1), from: time, to: time })),
  rating: z.number().min(0).max(5),
});
export type Interpreter = z.output<typeof interpreterSchema>;
const directorySchema = z.object({ notice: z.string(), interpreters: z.array(interpreterSchema) });

let cached: readonly Interpreter[] | undefined;

/** The sample directory shipped with the plugin (validated on first use). */
export function sampleDirectory(): readonly Interpreter[] {
  cached ??= directorySchema.parse(JSON.parse(readFileSync(new URL('./interpreters.json', import.meta.url), 'utf8'))).interpreters;
  return cached;
}

export interface InterpreterQuery {
  readonly language: SignLanguage;
  readonly specialisation?: Specialisation;
  readonly day?: Day;
  /** "HH:MM", in the interpreter's own time zone (the sample data does not convert between zones). */
  readonly time?: string;
  readonly mode?: Mode;
}

export interface Candidate {
  readonly interpreter: Interpreter;
  /** Whether the specialisation asked for is one of theirs (false when none was asked). */
  readonly specialisationMatch: boolean;
  readonly available: boolean;
}

/** Whether an interpreter works at that day and time (a window includes its start and excludes its end). */
export function isAvailable(interpreter: Interpreter, day: Day | undefined, at: string | undefined): boolean {
  if (day === undefined && at === undefined) return true;
  return interpreter.availability.some((w) => (day === undefined || w.days.includes(day)) && (at === undefined || (w.from <= at && at < w.to)));
}

/**
 * Interpreters of the language (and mode) who are available then, best first: specialisation match, then rating.
 * Without anyone with the specialisation, the available ones of the language are offered (the card says so).
 */
export function searchInterpreters(query: InterpreterQuery, directory: readonly Interpreter[] = sampleDirectory(), limit = 3): Candidate[] {
  return directory
    .filter((i) => i.languages.includes(query.language) && (query.mode === undefined || i.modes.includes(query.mode)))
    .map((interpreter) => ({
      interpreter,
      specialisationMatch: query.specialisation !== undefined && interpreter.specialisations.includes(query.specialisation),
      available: isAvailable(interpreter, query.day, query.time),
    }))
    .filter((c) => c.available)
    .sort((a, b) => Number(b.specialisationMatch) - Number(a.specialisationMatch) || b.interpreter.rating - a.interpreter.rating)
    .slice(0, limit);
}

export function interpreterById(id: string, directory: readonly Interpreter[] = sampleDirectory()): Interpreter | undefined {
  return directory.find((i) => i.id === id);
}
