/**
 * BLU Psicóloga: a warm, Spanish-first support companion for neurodivergent people. Not a therapist (README.md).
 *
 * One turn, in order:
 * 1. read the person's preferences (profile fields) and the conversation memory (`ctx.storage.room`);
 * 2. a message that says plainly the person may hurt themselves gets a fixed hand-off text, never a model answer
 *    (the engine's safety layer normally stops such messages and shows its crisis card before BLU runs; this is the
 *    net behind it);
 * 3. the AI disclosure is written by the plugin on the first answer, every 15 answers, and whenever the person
 *    asks what BLU is; an elevated conversation (engine risk state, or a crisis card shown) opens with where help is;
 * 4. with a model: the answer streams sentence by sentence through the output guard (no titles, diagnoses or
 *    prescriptions); without one: a clearly labelled offline card (grounding, breathing, psychoeducation, helplines);
 * 5. the memory is updated (model summary, or an extractive one offline).
 */
import { z } from 'zod';
import { definePlugin, windowToLlmMessages, type TurnContext, type TurnOutput } from '../../bots/sdk/index.ts';
import { crisisInWindow, gentleLine, handOffBody, isElevated, saysCrisis } from './crisis.ts';
import { disclosureReason, disclosureText } from './disclosure.ts';
import { CORRECTION, SentenceGate } from './guard.ts';
import { replyLanguage } from './language.ts';
import { extractiveSummary, loadMemory, modelSummary, saveMemory, type ConversationMemory } from './memory.ts';
import { offlineCard, offlineIntent } from './offline.ts';
import { readPreferences } from './preferences.ts';
import { PROMPT_VERSION, buildSystemPrompt } from './prompt.ts';

const config = z.object({
  /** Longest model answer, in tokens. */
  maxTokens: z.number().int().min(50).max(4_000).default(600),
  /** Keep and use the conversation summary (needs the engine's storage). */
  memory: z.boolean().default(true),
  /** Longest wait for the summary request; past it the previous summary is kept (the answer is never lost to it). */
  summaryTimeoutMs: z.number().int().min(500).max(60_000).default(15_000),
});
type BluConfig = z.output<typeof config>;
type Ctx = TurnContext<BluConfig>;

export default definePlugin({
  name: 'blu-psicologa',
  version: '1.0.0',
  // The display name is on every message BLU sends: it says what BLU is, not a regulated title (README, "Limits").
  title: { es: 'BLU · IA de acompañamiento', en: 'BLU · AI support companion' },
  description: {
    es: 'Acompañamiento emocional para personas neurodivergentes, en español primero. Es una IA, no una psicóloga: no diagnostica ni receta, se adapta a tus preferencias de comunicación y te muestra líneas de ayuda cuando hace falta.',
    en: 'Emotional support companion for neurodivergent people, Spanish first. It is an AI, not a psychologist: it does not diagnose or prescribe, adapts to your communication preferences and shows helplines when needed.',
  },
  category: 'wellbeing',
  capabilities: ['llm', 'storage'],
  profileFields: ['language', 'communication', 'sensory'],
  window: 20,
  config,
  limits: { timeoutMs: 90_000, concurrency: 32, memoryMb: 192 },
  hooks: {
    async *onTurn(turn, ctx) {
      const preferences = readPreferences(ctx.user.profile);
      const language = replyLanguage(turn.text, preferences.language);
      const { memory } = ctx.config.memory ? await loadMemory(ctx) : { memory: undefined };
      const previous: ConversationMemory = memory ?? { summary: '', turns: 0, elevatedAt: null, topics: [], language };
      const card = crisisInWindow(ctx.window);
      const elevatedAt = Math.max(previous.elevatedAt ?? 0, card?.ts ?? 0) || null;
      const elevated = isElevated({ roomRisk: ctx.roomRisk, window: ctx.window, elevatedAt, now: Date.now() });

      const reason = disclosureReason({ text: turn.text, window: ctx.window, self: ctx.plugin.name, turns: memory?.turns });

      if (saysCrisis(turn.text)) {
        ctx.log.warn({ event: 'blu.crisis-handoff', repeat: elevated }, 'crisis phrase: handing off, no model answer');
        // The repeated hand-off ("Sigo aquí…") does not say BLU is an AI: a due disclosure opens it.
        yield { type: 'body', body: handOffBody(language, elevated, reason === undefined ? undefined : disclosureText(reason, language)) };
        await remember(ctx, { ...previous, turns: previous.turns + 1, elevatedAt: Date.now(), language });
        return;
      }

      const preface = [
        ...(reason === undefined ? [] : [disclosureText(reason, language)]),
        ...(elevated ? [gentleLine(language)] : []),
      ];

      if (ctx.llm === undefined) {
        const intent = offlineIntent(turn.text);
        yield { type: 'body', body: offlineCard(intent, { language, preferences, preface, elevated }) };
        const { summary, topics } = extractiveSummary(previous, intent, turn.text, language);
        await remember(ctx, { summary, topics, turns: previous.turns + 1, elevatedAt, language });
        return;
      }

      if (preface.length > 0) yield { type: 'text', text: `${preface.join('\n\n')}\n\n` };
      const system = buildSystemPrompt({
        preferences, language, summary: previous.summary, elevated, disclosedThisTurn: reason !== undefined, name: ctx.user.name,
      });
      // Crisis cards are the safety layer's, not part of the dialogue: the prompt says the conversation is elevated.
      const dialogue = ctx.window.filter((m) => m.body.kind !== 'crisis');
      const messages = windowToLlmMessages(dialogue, { self: ctx.plugin.name });
      ctx.log.debug({ prompt: PROMPT_VERSION, messages: messages.length, elevated, disclosure: reason ?? null }, 'asking the model');
      const answer = yield* guardedAnswer(ctx, system, messages, language);
      if (answer === undefined || ctx.signal.aborted) return;

      // Bounded well inside the turn's timeout: a slow summary must not make the turn fail after the answer streamed.
      const summarySignal = AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.config.summaryTimeoutMs)]);
      const summary = await modelSummary(ctx.llm, summarySignal, { previous: previous.summary, userText: turn.text, answer }).catch((err: unknown) => {
        ctx.log.warn({ code: (err as { code?: string }).code }, 'summary request failed; keeping the previous summary');
        return undefined;
      });
      await remember(ctx, { ...previous, summary: summary ?? previous.summary, turns: previous.turns + 1, elevatedAt, language });
    },
  },
});

async function remember(ctx: Ctx, memory: ConversationMemory): Promise<void> {
  if (ctx.config.memory) await saveMemory(ctx, memory);
}

/**
 * Streams the model's answer through the sentence gate; a sentence the guard blocks is replaced by the correction
 * and the model request is aborted. Returns the text shown (undefined when the model request was cancelled).
 */
async function* guardedAnswer(
  ctx: Ctx,
  system: string,
  messages: ReturnType<typeof windowToLlmMessages>,
  language: 'es' | 'en',
): AsyncGenerator<TurnOutput, string | undefined, undefined> {
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  const gate = new SentenceGate();
  let shown = '';
  const release = function* (step: { text: string; violation: { rule: string; pattern: string } | null }): Generator<TurnOutput> {
    if (step.text !== '') {
      shown += step.text;
      yield { type: 'text', text: step.text };
    }
    if (step.violation) {
      ctx.log.warn({ event: 'blu.guard', rule: step.violation.rule, pattern: step.violation.pattern }, 'model draft blocked by the output guard');
      const correction = `${shown === '' || shown.endsWith('\n') ? '' : '\n\n'}${CORRECTION[language]}`;
      shown += correction;
      yield { type: 'text', text: correction };
    }
  };
  for await (const event of ctx.llm!.stream({ system, messages, maxTokens: ctx.config.maxTokens }, signal)) {
    if (event.type === 'text' && event.text !== '') {
      const step = gate.push(event.text);
      yield* release(step);
      if (step.violation) {
        stop.abort();
        return shown;
      }
    } else if (event.type === 'error') {
      throw event.error;
    } else if (event.type === 'finish') {
      if (event.reason === 'cancelled') return undefined;
      yield* release(gate.end());
      return shown;
    }
  }
  yield* release(gate.end());
  return shown;
}
