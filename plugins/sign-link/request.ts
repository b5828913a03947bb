/**
 * @module sign-link/request
 * Reading what a person writes in the chat about interpreters (Spanish and English), with plain patterns:
 * - a request: "necesito un intérprete de LSM para el martes a las 10" → language, day, time, specialisation, mode;
 * - a choice among the offered candidates: "elijo el 2", "opción 2", "2";
 * - "cancelar solicitud", "mis solicitudes" / "cancel request", "my requests".
 */
import type { SignLanguage } from '../../clients/sign-shapes/src/index.ts';
import { DAYS, type Day, type Mode, type Specialisation } from './interpreters.ts';

export interface ParsedRequest {
  readonly language?: SignLanguage;
  readonly day?: Day;
  readonly time?: string;
  readonly specialisation?: Specialisation;
  readonly mode?: Mode;
}

const fold = (s: string) => s.toLocaleLowerCase('es').normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export const INTERPRETER_REQUEST = /\b(interprete|interpretes|interpreter|interpreters|interpretacion|interpreting)\b/;

export function isInterpreterRequest(text: string): boolean {
  return INTERPRETER_REQUEST.test(fold(text));
}

const DAY_WORDS: Readonly<Record<string, Day>> = {
  lunes: 'mon', martes: 'tue', miercoles: 'wed', jueves: 'thu', viernes: 'fri', sabado: 'sat', domingo: 'sun',
  monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun',
};

const SPECIALISATION_WORDS: readonly [RegExp, Specialisation][] = [
  [/\b(medic[oa]s?|hospital|cita medica|consulta|salud|doctor[a]?|medical|clinic)\b/, 'medical'],
  [/\b(psicolog[oa]|psiquiatr[oa]|terapia|salud mental|mental health|therapy)\b/, 'mental_health'],
  [/\b(juzgado|juicio|abogad[oa]|notari[oa]|legal|juridic[oa]|court|lawyer|policia)\b/, 'legal'],
  [/\b(escuela|clase|colegio|universidad|examen|school|class|university|tutoria)\b/, 'education'],
  [/\b(trabajo|entrevista|empleo|laboral|job|interview|work)\b/, 'employment'],
  [/\b(evento|conferencia|boda|congreso|event|conference|wedding)\b/, 'events'],
];

/** Reads a request; `now` resolves "hoy"/"mañana" (UTC weekday). */
export function parseRequest(text: string, now: Date = new Date()): ParsedRequest {
  const t = fold(text);
  const out: { -readonly [K in keyof ParsedRequest]: ParsedRequest[K] } = {};
  if (/\b(lsm|mexican[ao]s?|de mexico|mexican)\b/.test(t)) out.language = 'LSM';
  else if (/\b(lse|espanol[ae]?s?|de espana|spanish|spain)\b/.test(t)) out.language = 'LSE';
  const dayWord = Object.keys(DAY_WORDS).find((d) => new RegExp(`\\b${d}\\b`).test(t));
  if (dayWord) out.day = DAY_WORDS[dayWord];
  else if (/\b(pasado manana|day after tomorrow)\b/.test(t)) out.day = dayAfter(now, 2);
  else if (/\b(manana|tomorrow)\b/.test(t) && !/\b(por|de) la manana\b/.test(t)) out.day = dayAfter(now, 1);
  else if (/\b(hoy|today)\b/.test(t)) out.day = dayAfter(now, 0);
  const clock = /\b(?:a las|a la|at|sobre las)\s+(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|de la tarde|de la noche|de la manana)?/.exec(t);
  if (clock) {
    let hour = Number(clock[1]);
    const minutes = clock[2] ?? '00';
    const suffix = clock[3];
    if ((suffix === 'pm' || suffix === 'de la tarde' || suffix === 'de la noche') && hour < 12) hour += 12;
    if (suffix === 'am' && hour === 12) hour = 0;
    if (hour <= 23 && Number(minutes) <= 59) out.time = `${String(hour).padStart(2, '0')}:${minutes}`;
  }
  const specialisation = SPECIALISATION_WORDS.find(([re]) => re.test(t));
  if (specialisation) out.specialisation = specialisation[1];
  if (/\b(remoto|remota|en linea|online|videollamada|a distancia|remote|video call)\b/.test(t)) out.mode = 'remote';
  else if (/\b(presencial|en persona|in person)\b/.test(t)) out.mode = 'in_person';
  return out;
}

function dayAfter(now: Date, days: number): Day {
  // getUTCDay: 0 = Sunday.
  const index = (now.getUTCDay() + 6 + days) % 7;
  return DAYS[index]!;
}

/** "elijo el 2", "opción 2", "me quedo con la 1", "choose 3", or just "2": the 1-based choice. */
export function parseChoice(text: string): number | undefined {
  const t = fold(text).trim();
  if (t.length > 60) return undefined;
  const match =
    /^(?:elijo|escojo|prefiero|me quedo con|quiero|opcion|choose|pick|option|i choose|i pick)\s*(?:a|al|el|la|a la|the|number|numero|n\.?o)?\s*(?:opcion|interprete|option)?\s*#?(\d)\b/.exec(t) ??
    /^#?(\d)\s*[.!]?$/.exec(t);
  return match ? Number(match[1]) : undefined;
}

export const isCancel = (text: string) => /\b(cancela(r)?|anula(r)?|cancel)\b.*\b(solicitud|peticion|request|reserva)\b/.test(fold(text));
export const isStatus = (text: string) => /\b(mis solicitudes|estado de (mi|la|mis) solicitud(es)?|my requests|request status)\b/.test(fold(text));
