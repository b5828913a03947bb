/**
 * Sign-link: sign-language accessibility in the chat, for Mexican (LSM) and Spanish (LSE) sign languages. See README.md.
 *
 * `onTurn` answers, in this order:
 * 1. a `landmarks` body (hand landmark frames from the client's camera, MediaPipe Hands format) → the static
 *    fingerspelled letters it recognises, as a `sign` body (so the hub shows the letters' hand shapes);
 * 2. "mis solicitudes", "cancelar solicitud", "elijo el 2" (with a search open) → the interpreter request flow;
 * 3. a message asking for an interpreter → candidates from the (sample) directory, stored as a request;
 * 4. anything else → an approximate gloss sequence with fingerspelling, as a `sign` body.
 *
 * Language: an "LSE:" / "en LSM:" prefix, else the person's profile (`signLanguage` if the profile ever carries it,
 * else `country`: MX → LSM, ES → LSE), else `defaultLanguage`.
 */
import { z } from 'zod';
import type { MessageBody } from '../../schema/protocol.ts';
import { CAPABILITY_NOT_AVAILABLE, definePlugin, type ClassifierHandle, type TurnContext, type TurnOutput } from '../../bots/sdk/index.ts';
import { SIGN_LANGUAGES, type SignLanguage } from '../../clients/sign-shapes/src/index.ts';
import { cancelLatest, choose, hasPendingChoice, listRequests, startRequest } from './flow.ts';
import { glossText } from './gloss.ts';
import { MODEL_NAME } from './model.ts';
import { recogniseFrames, type VectorScorer } from './recognise.ts';
import { isCancel, isInterpreterRequest, isStatus, parseChoice, parseRequest } from './request.ts';
import { TEXT, langOf, type Lang } from './texts.ts';

const language = z.enum(['LSM', 'LSE']);

const config = z.object({
  /** Sign language when the message and the person's profile do not say. */
  defaultLanguage: language.default('LSM'),
  /** The fingerspelling model's name in the inference service's MODELS_DIR. */
  model: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/).default(MODEL_NAME),
  /** Consecutive frames a letter must hold to count (fewer are transitions between letters). */
  minFrames: z.number().int().min(1).max(30).default(2),
  /** Lowest model score for a frame's letter to count. */
  minScore: z.number().min(0).max(1).default(0.5),
});
type SignConfig = z.output<typeof config>;
type Ctx = TurnContext<SignConfig>;

/** "LSE: texto", "en LSM: texto", "in LSE: text". */
const LANGUAGE_PREFIX = /^\s*(?:en|in)?\s*(LSM|LSE)\s*[:,-]\s*/i;

export function languageFor(text: string, profile: Readonly<Record<string, unknown>>, fallback: SignLanguage): { language: SignLanguage; text: string } {
  const prefix = LANGUAGE_PREFIX.exec(text);
  if (prefix) return { language: prefix[1]!.toUpperCase() as SignLanguage, text: text.slice(prefix[0].length) };
  const explicit = typeof profile.signLanguage === 'string' ? profile.signLanguage.toUpperCase() : undefined;
  if ((SIGN_LANGUAGES as readonly string[]).includes(explicit ?? '')) return { language: explicit as SignLanguage, text };
  const country = typeof profile.country === 'string' ? profile.country.toUpperCase() : undefined;
  return { language: country ? COUNTRY_LANGUAGE[country] ?? fallback : fallback, text };
}

/** The sign language of the person's country (profile field `country`), where we support it. */
const COUNTRY_LANGUAGE: Readonly<Record<string, SignLanguage>> = { MX: 'LSM', ES: 'LSE' };

export default definePlugin({
  name: 'sign-link',
  version: '1.0.0',
  title: { es: 'Sign-Link: lengua de señas', en: 'Sign-Link: sign language' },
  description: {
    es: 'Accesibilidad en lengua de señas mexicana (LSM) y española (LSE): glosas aproximadas con deletreo dibujado, reconocimiento de letras estáticas del alfabeto manual desde puntos de la mano, y un directorio de intérpretes de ejemplo con solicitudes.',
    en: 'Mexican (LSM) and Spanish (LSE) sign-language accessibility: approximate glosses with drawn fingerspelling, recognition of static manual-alphabet letters from hand landmarks, and a sample interpreters directory with requests.',
  },
  category: 'accessibility',
  capabilities: ['classifier', 'storage'],
  profileFields: ['language', 'country', 'signLanguage'],
  window: 1,
  config,
  limits: { timeoutMs: 15_000, concurrency: 8, memoryMb: 192 },
  hooks: {
    async *onTurn(turn, ctx) {
      const lang = langOf(ctx.user.profile.language);
      const body = turn.trigger.body;
      if (body.kind === 'landmarks') {
        yield { type: 'body', body: await recognitionBody(body.data, ctx, lang) };
        return;
      }
      const flow = await interpreterFlow(turn.text, ctx, lang);
      if (flow) {
        yield { type: 'body', body: flow };
        return;
      }
      yield* glossReply(turn.text, ctx, lang);
    },
  },
});

async function* glossReply(message: string, ctx: Ctx, lang: Lang): AsyncGenerator<TurnOutput> {
  const { language, text } = languageFor(message, ctx.user.profile, ctx.config.defaultLanguage);
  const result = glossText(text, language);
  if (result.glosses.length === 0) {
    yield { type: 'text', text: TEXT.nothingToGloss[lang] };
    return;
  }
  const lines = [TEXT.glossHeader[lang](language), result.glosses.join(' ')];
  if (result.fingerspelling.length > 0) lines.push(`${TEXT.fingerspelled[lang]} ${result.fingerspelling.join(', ')}`);
  yield { type: 'body', body: { kind: 'sign', text: lines.join('\n'), data: { language, glosses: result.glosses, fingerspelling: result.fingerspelling, approximate: true } } };
}

/** The interpreter flow's answer, or undefined when the message is not about interpreters. */
async function interpreterFlow(text: string, ctx: Ctx, lang: Lang): Promise<MessageBody | undefined> {
  const storage = ctx.storage;
  const choice = parseChoice(text);
  const wanted = isStatus(text) || isCancel(text) || isInterpreterRequest(text) || choice !== undefined;
  if (!wanted) return undefined;
  if (!storage) return { kind: 'text', text: TEXT.storageUnavailable[lang] };
  try {
    if (isStatus(text)) return await listRequests(storage, lang);
    if (isCancel(text)) return await cancelLatest(storage, lang);
    if (choice !== undefined && !isInterpreterRequest(text)) {
      // A bare number with no search open is just a message to gloss; "elijo el 2" is answered either way.
      const bare = /^\s*#?\d\s*[.!]?\s*$/.test(text);
      return !bare || (await hasPendingChoice(storage)) ? await choose(storage, choice, lang) : undefined;
    }
    const parsed = parseRequest(text);
    const language = parsed.language ?? languageFor(text, ctx.user.profile, ctx.config.defaultLanguage).language;
    return await startRequest(storage, parsed, language, ctx.user.id, lang);
  } catch (error) {
    if ((error as { code?: unknown }).code === CAPABILITY_NOT_AVAILABLE) {
      ctx.log.warn('storage not available for interpreter requests');
      return { kind: 'text', text: TEXT.storageUnavailable[lang] };
    }
    throw error;
  }
}

/** Scores through the shared inference service (`classifyVectors`). */
function serviceScorer(classifier: ClassifierHandle | undefined, model: string): VectorScorer | undefined {
  const classify = classifier?.classifyVectors?.bind(classifier);
  return classify ? (vectors) => classify(model, vectors) : undefined;
}

async function recognitionBody(data: unknown, ctx: Ctx, lang: Lang): Promise<MessageBody> {
  // The engine validated the shape (schema/validate.ts): frames of 21 × [x, y, z], or [] for a pause.
  const landmarks = data as { language?: SignLanguage; frames: number[][][] };
  const language = landmarks.language ?? languageFor('', ctx.user.profile, ctx.config.defaultLanguage).language;
  const scorer = serviceScorer(ctx.classifier, ctx.config.model);
  if (!scorer) return { kind: 'text', text: TEXT.recognitionUnavailable[lang] };
  let result;
  try {
    result = await recogniseFrames(landmarks.frames, language, scorer, { minFrames: ctx.config.minFrames, minScore: ctx.config.minScore });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code === CAPABILITY_NOT_AVAILABLE || code.startsWith('INFERENCE_') || code === 'MODEL_NOT_FOUND')) {
      ctx.log.warn({ code }, 'fingerspelling model unavailable');
      return { kind: 'text', text: TEXT.recognitionUnavailable[lang] };
    }
    throw error;
  }
  const recognised = { language, text: result.text, letters: result.letters, frames: result.frames, unrecognisedFrames: result.unrecognisedFrames };
  if (result.text === '') return { kind: 'text', text: `${TEXT.nothingRecognised[lang](language)}`, data: { recognised } };
  const letters = result.letters.map((l) => l.letter);
  return {
    kind: 'sign',
    text: `${TEXT.recognised[lang](language, result.text)}\n${TEXT.recognitionCaveat[lang]}`,
    data: { language, glosses: [letters.join('-')], fingerspelling: [result.text], recognised },
  };
}
