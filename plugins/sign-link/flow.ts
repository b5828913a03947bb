/**
 * @module sign-link/flow
 * The interpreter request flow in a conversation, kept in `ctx.storage.room`, collection `interpreter_requests`
 * (encrypted at rest by the engine, erased with the conversation):
 *
 *   request ("necesito un intérprete de LSM para el martes a las 10")
 *     → record {status: 'choosing', candidates} + a card with up to 3 candidates
 *   choice ("elijo el 2")          → status 'requested' (+ `interpreterId`) + a confirmation card
 *   "cancelar solicitud"           → status 'cancelled'
 *   "mis solicitudes"              → a card listing this conversation's requests
 *
 * NO REAL INTERPRETER IS CONTACTED: 'requested' means "recorded here". The README says what a deployment must connect.
 * Records hold structured fields only (ids, language, day, time, status), never the person's free text.
 */
import type { MessageBody } from '../../schema/protocol.ts';
import type { StorageCollection, StorageHandle } from '../../bots/sdk/index.ts';
import type { SignLanguage } from '../../clients/sign-shapes/src/index.ts';
import { interpreterById, searchInterpreters, type Candidate, type Day, type Interpreter, type Mode, type Specialisation } from './interpreters.ts';
import type { ParsedRequest } from './request.ts';
import { dayName, modeName, specialisationName, type Lang } from './texts.ts';

export const COLLECTION = 'interpreter_requests';

export type RequestStatus = 'choosing' | 'requested' | 'cancelled';

export interface InterpreterRequest {
  [key: string]: unknown;
  status: RequestStatus;
  language: SignLanguage;
  day: Day | null;
  time: string | null;
  specialisation: Specialisation | null;
  mode: Mode | null;
  candidates: string[];
  interpreterId: string | null;
  requestedBy: string;
}

const requests = (storage: StorageHandle) => storage.room.collection<InterpreterRequest>(COLLECTION);

const card = (text: string, title: string, items: unknown[], note: string, extra: Record<string, unknown> = {}): MessageBody => ({
  kind: 'card',
  text,
  data: { title, items, note, ...extra },
});

function describe(i: Interpreter, lang: Lang): { title: string; detail: string } {
  const modes = i.modes.map((m) => modeName(m, lang)).join(' / ');
  const windows = i.availability.map((w) => `${w.days.map((d) => dayName(d, lang, true)).join(', ')} ${w.from}–${w.to}`).join('; ');
  const specialities = i.specialisations.map((s) => specialisationName(s, lang)).join(', ');
  return {
    title: `${i.name} · ${i.languages.join(', ')} · ${i.city} (${modes})`,
    detail: lang === 'es' ? `${specialities}. Disponible: ${windows}. Valoración ${i.rating}.` : `${specialities}. Available: ${windows}. Rating ${i.rating}.`,
  };
}

const sampleNote = (lang: Lang) =>
  lang === 'es'
    ? 'Directorio de ejemplo: personas ficticias. No se contacta a ningún intérprete real.'
    : 'Sample directory: fictional people. No real interpreter is contacted.';

function whenText(r: Pick<InterpreterRequest, 'day' | 'time'>, lang: Lang): string {
  const day = r.day ? dayName(r.day, lang) : lang === 'es' ? 'cualquier día' : 'any day';
  const time = r.time ? (lang === 'es' ? ` a las ${r.time}` : ` at ${r.time}`) : '';
  return `${day}${time}`;
}

/** A new request: search, store it with its candidates, answer with the candidates card. */
export async function startRequest(storage: StorageHandle, parsed: ParsedRequest, language: SignLanguage, userId: string, lang: Lang): Promise<MessageBody> {
  const query = {
    language,
    ...(parsed.specialisation ? { specialisation: parsed.specialisation } : {}),
    ...(parsed.day ? { day: parsed.day } : {}),
    ...(parsed.time ? { time: parsed.time } : {}),
    ...(parsed.mode ? { mode: parsed.mode } : {}),
  };
  const candidates: Candidate[] = searchInterpreters(query);
  const when = whenText({ day: parsed.day ?? null, time: parsed.time ?? null }, lang);
  if (candidates.length === 0) {
    const text = lang === 'es'
      ? `No encontré intérpretes de ${language} disponibles ${when} en el directorio de ejemplo. Prueba con otro día u hora.`
      : `I found no ${language} interpreters available ${when} in the sample directory. Try another day or time.`;
    return card(text, lang === 'es' ? 'Sin intérpretes disponibles' : 'No interpreters available', [], sampleNote(lang));
  }
  const record = await requests(storage).insert({
    status: 'choosing',
    language,
    day: parsed.day ?? null,
    time: parsed.time ?? null,
    specialisation: parsed.specialisation ?? null,
    mode: parsed.mode ?? null,
    candidates: candidates.map((c) => c.interpreter.id),
    interpreterId: null,
    requestedBy: userId,
  });
  const items = candidates.map((c, n) => {
    const d = describe(c.interpreter, lang);
    return { title: `${n + 1}. ${d.title}`, detail: d.detail, id: c.interpreter.id };
  });
  const noSpeciality = parsed.specialisation !== undefined && !candidates.some((c) => c.specialisationMatch);
  const title = lang === 'es' ? `Intérpretes de ${language} · ${when}` : `${language} interpreters · ${when}`;
  const ask = lang === 'es' ? `Responde «elijo 1», «elijo 2»… para solicitarlo.` : `Reply "choose 1", "choose 2"… to request one.`;
  const caveat = noSpeciality
    ? lang === 'es' ? ` Nadie con la especialidad «${specialisationName(parsed.specialisation!, lang)}» está disponible entonces; estos son los disponibles.` : ` Nobody with the "${specialisationName(parsed.specialisation!, lang)}" speciality is available then; these are the available ones.`
    : '';
  const text = [title, ...items.map((i) => `${i.title} — ${i.detail}`), `${ask}${caveat}`, sampleNote(lang)].join('\n');
  return card(text, title, items, `${ask}${caveat} ${sampleNote(lang)}`, { requestId: record.id, status: 'choosing' });
}

/** The newest request of the room in a status, if any. */
async function latest(collection: StorageCollection<InterpreterRequest>, status: RequestStatus) {
  const [found] = await collection.list({ where: { status }, limit: 1 });
  return found;
}

export async function hasPendingChoice(storage: StorageHandle): Promise<boolean> {
  return (await latest(requests(storage), 'choosing')) !== undefined;
}

/** The person picked candidate `choice` (1-based) of the newest open request. */
export async function choose(storage: StorageHandle, choice: number, lang: Lang): Promise<MessageBody> {
  const collection = requests(storage);
  const open = await latest(collection, 'choosing');
  if (!open) {
    const text = lang === 'es' ? 'No hay ninguna búsqueda de intérprete abierta. Escribe, por ejemplo, «necesito un intérprete de LSM para el martes a las 10».' : 'There is no open interpreter search. Write, for example, "I need an LSM interpreter on Tuesday at 10".';
    return { kind: 'text', text };
  }
  const id = open.data.candidates[choice - 1];
  const interpreter = id === undefined ? undefined : interpreterById(id);
  if (!interpreter) {
    const text = lang === 'es' ? `Elige un número entre 1 y ${open.data.candidates.length}.` : `Choose a number from 1 to ${open.data.candidates.length}.`;
    return { kind: 'text', text };
  }
  const updated = await collection.update(open.id, { ...open.data, status: 'requested', interpreterId: interpreter.id }, { expectedVersion: open.version });
  const when = whenText(updated.data, lang);
  const title = lang === 'es' ? 'Solicitud registrada' : 'Request recorded';
  const d = describe(interpreter, lang);
  const status = lang === 'es'
    ? 'Estado: registrada en esta conversación, pendiente de confirmación. Aviso: es una demostración; nadie ha sido contactado.'
    : 'Status: recorded in this conversation, awaiting confirmation. Note: this is a demonstration; nobody has been contacted.';
  const items = [
    { title: lang === 'es' ? 'Intérprete' : 'Interpreter', detail: d.title },
    { title: lang === 'es' ? 'Cuándo' : 'When', detail: when },
    { title: lang === 'es' ? 'Estado' : 'Status', detail: lang === 'es' ? 'solicitada' : 'requested' },
  ];
  const text = [title, `${items[0]!.title}: ${d.title}`, `${items[1]!.title}: ${when}`, status].join('\n');
  return card(text, title, items, status, { requestId: updated.id, status: 'requested' });
}

export async function cancelLatest(storage: StorageHandle, lang: Lang): Promise<MessageBody> {
  const collection = requests(storage);
  const target = (await latest(collection, 'requested')) ?? (await latest(collection, 'choosing'));
  if (!target) return { kind: 'text', text: lang === 'es' ? 'No hay ninguna solicitud que cancelar.' : 'There is no request to cancel.' };
  await collection.update(target.id, { ...target.data, status: 'cancelled' }, { expectedVersion: target.version });
  return { kind: 'text', text: lang === 'es' ? `Solicitud cancelada (${whenText(target.data, lang)}).` : `Request cancelled (${whenText(target.data, lang)}).` };
}

const STATUS_NAMES: Readonly<Record<RequestStatus, { es: string; en: string }>> = {
  choosing: { es: 'eligiendo intérprete', en: 'choosing an interpreter' },
  requested: { es: 'solicitada', en: 'requested' },
  cancelled: { es: 'cancelada', en: 'cancelled' },
};

export async function listRequests(storage: StorageHandle, lang: Lang): Promise<MessageBody> {
  const all = await requests(storage).list({ limit: 20 });
  const title = lang === 'es' ? 'Solicitudes de intérprete' : 'Interpreter requests';
  if (all.length === 0) return card(lang === 'es' ? 'No hay solicitudes en esta conversación.' : 'There are no requests in this conversation.', title, [], sampleNote(lang));
  const items = all.map((r) => {
    const who = r.data.interpreterId ? interpreterById(r.data.interpreterId)?.name ?? r.data.interpreterId : '—';
    return { title: `${r.data.language} · ${whenText(r.data, lang)}`, detail: `${STATUS_NAMES[r.data.status][lang]} · ${who}`, status: r.data.status };
  });
  return card([title, ...items.map((i) => `${i.title}: ${i.detail}`)].join('\n'), title, items, sampleNote(lang));
}
