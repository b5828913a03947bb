/**
 * @module blu-psicologa/memory
 * A short summary of the conversation, kept in `ctx.storage.room` (collection `memory`, record `conversation`;
 * encrypted at rest by the engine like messages, erased with the conversation) and fed into the next prompt. It is
 * rewritten after each answer: by the model when one is configured (a second, small request), otherwise by a
 * deterministic extractive summary (the topics asked about and the person's last words, trimmed). Memory is a help,
 * never a requirement: where storage is not available the plugin answers without it.
 */
import type { Language, LlmProvider, StorageHandle, TurnContext } from '../../bots/sdk/index.ts';
import type { OfflineIntent } from './offline.ts';

export const MEMORY_COLLECTION = 'memory';
export const MEMORY_ID = 'conversation';
/** Longest summary kept (characters): it goes into every prompt. */
export const SUMMARY_MAX_CHARS = 700;

export interface ConversationMemory {
  readonly summary: string;
  /** BLU's answers so far in this conversation. */
  readonly turns: number;
  /** ms since the epoch of the last crisis card seen here (null: none). */
  readonly elevatedAt: number | null;
  /** Offline topics asked about, most recent last (extractive summary). */
  readonly topics: readonly string[];
  readonly language: Language;
}

export const EMPTY_MEMORY: ConversationMemory = { summary: '', turns: 0, elevatedAt: null, topics: [], language: 'es' };

type Ctx = Pick<TurnContext, 'log'> & { readonly storage?: StorageHandle | undefined };

/** The stored memory, or the empty one (no storage, nothing stored yet, or storage failing: logged, not fatal). */
export async function loadMemory(ctx: Ctx): Promise<{ memory: ConversationMemory; available: boolean }> {
  if (ctx.storage === undefined) return { memory: EMPTY_MEMORY, available: false };
  try {
    const record = await ctx.storage.room.collection<ConversationMemory>(MEMORY_COLLECTION).get(MEMORY_ID);
    return { memory: record ? { ...EMPTY_MEMORY, ...record.data } : EMPTY_MEMORY, available: true };
  } catch (err) {
    ctx.log.warn({ code: (err as { code?: string }).code }, 'conversation memory unavailable; answering without it');
    return { memory: EMPTY_MEMORY, available: false };
  }
}

export async function saveMemory(ctx: Ctx, memory: ConversationMemory): Promise<void> {
  if (ctx.storage === undefined) return;
  try {
    await ctx.storage.room.collection<ConversationMemory>(MEMORY_COLLECTION).put(MEMORY_ID, memory);
  } catch (err) {
    ctx.log.warn({ code: (err as { code?: string }).code }, 'could not save the conversation memory');
  }
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const TOPIC_NAMES: Record<OfflineIntent, Record<Language, string>> = {
  grounding: { es: 'anclaje 5-4-3-2-1', en: '5-4-3-2-1 grounding' },
  breathing: { es: 'respiración', en: 'breathing' },
  anxiety: { es: 'ansiedad', en: 'anxiety' },
  overload: { es: 'sobrecarga sensorial', en: 'sensory overload' },
  burnout: { es: 'burnout', en: 'burnout' },
  masking: { es: 'camuflaje', en: 'masking' },
  helplines: { es: 'líneas de ayuda', en: 'helplines' },
  menu: { es: 'menú', en: 'menu' },
};

/** Offline: what was asked about and the person's last words, in the conversation's language. */
export function extractiveSummary(previous: ConversationMemory, intent: OfflineIntent, userText: string, language: Language): { summary: string; topics: string[] } {
  const topic = TOPIC_NAMES[intent][language];
  const topics = [...previous.topics.filter((t) => t !== topic), topic].slice(-5);
  const label = language === 'en' ? 'Topics' : 'Temas';
  const last = language === 'en' ? 'Last message from the person' : 'Último mensaje de la persona';
  const summary = clip(`${label}: ${topics.join(', ')}. ${last}: «${clip(oneLine(userText), 300)}»`, SUMMARY_MAX_CHARS);
  return { summary, topics };
}

const SUMMARY_SYSTEM = [
  'Eres el módulo de memoria de BLU, una IA de acompañamiento. Escribes un resumen breve y neutral de la conversación para que BLU lo lea en el siguiente turno.',
  'Máximo 80 palabras, en el idioma de la conversación, en tercera persona ("la persona…").',
  'Incluye: temas, lo que ayudó o no ayudó, preferencias que la persona haya dicho, y si ha hablado de riesgo o de pedir ayuda.',
  'No incluyas diagnósticos, nombres completos, direcciones, teléfonos ni datos de contacto. No inventes nada.',
  'Responde solo con el resumen, sin títulos.',
].join('\n');

/** Model summary of the previous summary plus this exchange; undefined when the model fails (the old one is kept). */
export async function modelSummary(
  llm: LlmProvider,
  signal: AbortSignal,
  input: { readonly previous: string; readonly userText: string; readonly answer: string },
): Promise<string | undefined> {
  const content = [
    `Resumen anterior: ${input.previous === '' ? '(ninguno)' : input.previous}`,
    '',
    'Último intercambio:',
    `Persona: ${clip(oneLine(input.userText), 2000)}`,
    `BLU: ${clip(oneLine(input.answer), 2000)}`,
    '',
    'Escribe el nuevo resumen.',
  ].join('\n');
  let text = '';
  for await (const event of llm.stream({ system: SUMMARY_SYSTEM, messages: [{ role: 'user', content }], maxTokens: 220, temperature: 0.2 }, signal)) {
    if (event.type === 'text') text += event.text;
    else if (event.type === 'error') return undefined;
    else if (event.type === 'finish' && event.reason !== 'stop' && event.reason !== 'length') return undefined;
  }
  const summary = oneLine(text);
  return summary === '' ? undefined : clip(summary, SUMMARY_MAX_CHARS);
}
