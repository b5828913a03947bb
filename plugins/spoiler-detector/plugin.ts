/**
 * Spoiler detector: red flags of toxic or abusive relationships in what people write or paste (a partner's
 * messages, a description of what happened). See README.md beside it.
 *
 * - `onMessage` (labeller): for each message a person writes, an annotation with the flagged categories and their
 *   scores, a risk level, short explanations (es/en) and help lines; nothing (null) when there are no red flags.
 * - `onTurn` (responder): "analiza esta conversación: …" (or any pasted text; with nothing after the phrase, the
 *   person's recent messages in the room) gets a short analysis streamed line by line, in the person's language first,
 *   ending with a `card` body that summarises it.
 *
 * The model (`models/spoiler.onnx`, trained by `bots/spoiler/train.ts`) runs in the shared inference service through
 * `ctx.classifier`; rule cues (`cues.ts`) are combined with it (`detector.ts`). Without the service the detector
 * says so and falls back to the cues alone.
 */
import { z } from 'zod';
import type { StoredMessage } from '../../schema/protocol.ts';
import { randomUUID } from 'node:crypto';
import { definePlugin, mentionedNames, type ClassifierHandle, type LabellerContext, type PluginUser, type TurnContext } from '../../bots/sdk/index.ts';
import { CATEGORIES } from './categories.ts';
import { RISK_ORDER, SHIPPED_THRESHOLDS, analyzeText, scoresFromLabels, type Detection, type RiskLevel, type Scorer } from './detector.ts';
import { detectLanguage, languageOf, type Lang } from './lang.ts';
import { analysisOf, annotationOf } from './report.ts';
import { linesFor } from './resources.ts';
import { ANALYSES_COLLECTION, analysisRecordOf, type RelationshipAnalysisRecord } from './storage.ts';

const thresholdOverrides = z.object(Object.fromEntries(CATEGORIES.map((c) => [c, z.number().min(0).max(1).optional()])) as Record<
  (typeof CATEGORIES)[number],
  z.ZodOptional<z.ZodNumber>
>);

const config = z.object({
  /** Model name in the inference service's models folder (MODELS_DIR). */
  model: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/)
    .default('spoiler'),
  /** ISO 3166 country code (ES, MX, AR, CO, CL, US) to show only that country's help lines; all of them otherwise. */
  country: z.string().length(2).optional(),
  /** The labeller annotates from this risk level up. */
  minRisk: z.enum(['low', 'medium', 'high', 'critical']).default('low'),
  /** Per-category threshold overrides (defaults: thresholds.json, chosen by training). */
  thresholds: thresholdOverrides.default({}),
  /** Override of the red-flag head's threshold. */
  redFlagThreshold: z.number().min(0).max(1.01).optional(),
  /** Skip the model and use the rule cues alone (for tests and hosts without the inference service). */
  cuesOnly: z.boolean().default(false),
});
type SpoilerConfig = z.output<typeof config>;

/** "analiza esta conversación: …", "¿puedes revisar este chat?", "analyze this conversation:" … and what follows. */
export const TRIGGER = new RegExp(
  [
    String.raw`^\s*[¿¡]?\s*(?:(?:me\s+)?(?:puedes|podrías|podrias|podes|podés|can\s+you|could\s+you|please|por\s+favor)\s*,?\s+)?`,
    String.raw`(?:analiza(?:r|me)?|analízame|analizá|revisa(?:r|me)?|revisá|evalúa|evalua|analy[sz]e|check|review)`,
    // … followed by what to analyse ("esta conversación", "this chat", "esto") or by a colon: "revisa tu móvil" is not a request.
    String.raw`(?:\s+(?:(?:esta|este|estos|estas|la|el|mi|mis|los|las|this|the|my|these|our)\s+)?(?:conversaci[oó]n(?:es)?|chats?|charla|mensajes?|texto|conversations?|messages?|texts?|esto|this)\b(?:\s*,?\s*(?:por\s+favor|please|pls|porfa))?\s*[?:\-–—.,!]*|\s*[:\-–—]+)\s*`,
  ].join(''),
  'iu',
);

/** The text to analyse: what follows the trigger phrase, or the whole message; `undefined` when only the phrase was sent. */
export function textToAnalyse(message: string): { text: string | undefined; triggered: boolean } {
  const match = TRIGGER.exec(message);
  if (match === null) return { text: message.trim(), triggered: false };
  const rest = message.slice(match[0].length).trim();
  return { text: rest === '' ? undefined : rest, triggered: true };
}

export default definePlugin({
  name: 'spoiler-detector',
  version: '1.0.0',
  title: { es: 'Spoiler: señales de alerta', en: 'Spoiler: red flags' },
  description: {
    es: 'Detecta señales de alerta de relaciones tóxicas o abusivas (control, celos, aislamiento, vigilancia, gaslighting, insultos, amenazas, control económico, presión sexual) en lo que escribes o pegas, con un nivel de riesgo, explicaciones breves y teléfonos de ayuda. No es un diagnóstico.',
    en: 'Flags red flags of toxic or abusive relationships (control, jealousy, isolation, surveillance, gaslighting, insults, threats, economic control, sexual coercion) in what you write or paste, with a risk level, short explanations and help lines. Not a diagnosis.',
  },
  category: 'safety',
  capabilities: ['classifier', 'storage'],
  profileFields: ['language', 'country'],
  window: 20,
  config,
  limits: { timeoutMs: 15_000, concurrency: 8, memoryMb: 192 },
  hooks: {
    async onMessage(message, ctx) {
      if (message.from.kind !== 'user' || message.body.text.trim() === '') return null;
      const detection = await detectWith(message.body.text, ctx.classifier, ctx.config, ctx.log);
      if (!detection.redFlag || RISK_ORDER.indexOf(detection.risk) < RISK_ORDER.indexOf(ctx.config.minRisk as RiskLevel)) return null;
      const user = (ctx as { user?: PluginUser }).user;
      const annotation = annotationOf(detection, { country: countryOf(ctx.config, user), modelVersion: modelVersionOf(detection) });
      // Only the author sees it: in a room shared with the partner, the red flags must not be shown to them.
      return annotation === null ? null : { ...annotation, audience: 'author' };
    },

    async *onTurn(turn, ctx) {
      const asked = textToAnalyse(turn.text);
      // The answer is a room message: in a room shared with someone else (perhaps the person described), only an
      // explicit request is analysed, never a message in passing.
      if (ctx.people > 1 && !asked.triggered && !mentionedNames(turn.text).includes(ctx.plugin.name)) return;
      const text = asked.text ?? recentUserText(ctx.window, turn.trigger);
      const lang: Lang = languageOf(ctx.user.profile.language) ?? detectLanguage(text ?? turn.text);
      const detection = await detectWith(text ?? '', ctx.classifier, ctx.config, ctx.log);
      const country = countryOf(ctx.config, ctx.user);
      const analysis = analysisOf(detection, lang, { country, modelVersion: modelVersionOf(detection) });
      for (const line of analysis.lines) yield { type: 'text', text: line };
      yield { type: 'body', body: analysis.body };
      if (text !== undefined) await saveAnalysis(ctx, detection, detection.redFlag ? linesFor(country).map((l) => l.country) : []);
    },
  },
});

/** Keeps the analysis (categories and risk, never the text) in the person's history; a failure costs only the history. */
async function saveAnalysis(ctx: TurnContext<SpoilerConfig>, detection: Detection, resourcesShown: readonly string[]): Promise<void> {
  const analyses = ctx.storage?.user?.collection<RelationshipAnalysisRecord>(ANALYSES_COLLECTION);
  if (analyses === undefined) return;
  try {
    const id = randomUUID();
    const model = modelVersionOf(detection);
    await analyses.insert(
      analysisRecordOf(detection, { id, userId: ctx.user.id, room: ctx.room, now: new Date(), resourcesShown, ...(model ? { model } : {}) }),
      { id },
    );
  } catch (error) {
    ctx.log.warn({ code: (error as { code?: unknown }).code }, 'could not store the analysis in the history');
  }
}

/** The model through the inference service, the cues alone when it cannot be reached (logged, and said in the result). */
async function detectWith(
  text: string,
  classifier: ClassifierHandle | undefined,
  cfg: SpoilerConfig,
  log: LabellerContext['log'],
): Promise<Detection> {
  const scorer: Scorer | undefined =
    cfg.cuesOnly || classifier === undefined
      ? undefined
      : async (pieces) => (await classifier.classify(cfg.model, pieces)).map((result) => scoresFromLabels(result.labels));
  const thresholds = Object.fromEntries(Object.entries(cfg.thresholds).filter(([, v]) => v !== undefined));
  return analyzeText(text, scorer, {
    thresholds,
    ...(cfg.redFlagThreshold === undefined ? {} : { redFlagThreshold: cfg.redFlagThreshold }),
    onModelError: (error) => {
      const code = (error as { code?: unknown }).code;
      log.warn({ code, err: error instanceof Error ? error.message : String(error) }, 'spoiler model unavailable; using cues only');
    },
  });
}

/**
 * With nothing after "analiza esta conversación", the asking person's own earlier messages in the window (not bots',
 * not other people's, not the trigger).
 */
function recentUserText(window: readonly StoredMessage[], trigger: StoredMessage): string | undefined {
  const texts = window
    .filter((m) => m.msgId !== trigger.msgId && m.from.kind === 'user' && m.from.id === trigger.from.id && m.body.text.trim() !== '' && !TRIGGER.test(m.body.text))
    .map((m) => m.body.text.trim());
  return texts.length === 0 ? undefined : texts.join('\n');
}

function countryOf(cfg: SpoilerConfig, user: PluginUser | undefined): string | undefined {
  const fromProfile = user?.profile.country;
  return cfg.country ?? (typeof fromProfile === 'string' ? fromProfile : undefined);
}

function modelVersionOf(detection: Detection): string | undefined {
  return detection.source === 'model+cues' ? SHIPPED_THRESHOLDS.modelVersion : undefined;
}
