/**
 * Echo: the example plugin, and the template to copy for a new one (see README.md beside it and bots/README.md).
 *
 * - `onTurn` (responder): without a model it is plainly an echo bot. It says so, and streams your words back one
 *   delta per word (transformed by `config.style`). With a model configured (`LLM_*`, `ANTHROPIC_*` or `OPENAI_*`
 *   variables, see bots/llm/README.md) it answers through `streamLlmText` instead.
 * - `onMessage` (labeller): flags messages written in capitals ("shouting"), to show what a labeller returns.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { definePlugin, streamLlmText, windowToLlmMessages, type TurnContext, type TurnOutput } from '../../bots/sdk/index.ts';

const config = z.object({
  /** How the echo transforms your words. */
  style: z.enum(['plain', 'upper', 'reverse']).default('plain'),
  /** Pause between words, to watch the stream in `npm run bot -- chat echo`. */
  wordDelayMs: z.number().int().min(0).max(2_000).default(0),
  /** Answer with the configured model when there is one (false: always echo). */
  useLlm: z.boolean().default(true),
});
type EchoConfig = z.output<typeof config>;

/** Said once per conversation, so nobody mistakes the echo for an AI answer. */
const INTRO = 'Eco: bot de ejemplo, sin IA; repito lo que escribes. / Echo: example bot, no AI; I repeat what you write.\n';

const SYSTEM_PROMPT = [
  'Eres Eco, el bot de ejemplo del SDK de plugins de MENTALIA.',
  'Responde en el idioma del usuario, en una o dos frases: repite su último mensaje entre comillas y añade un comentario breve y amable.',
].join(' ');

export default definePlugin({
  name: 'echo',
  version: '1.0.0',
  title: { es: 'Eco', en: 'Echo' },
  description: {
    es: 'Bot de ejemplo y plantilla para autores: repite lo que escribes, palabra a palabra. Con un modelo configurado, responde con él.',
    en: 'Example bot and template for authors: repeats what you write, word by word. With a model configured, it answers with it.',
  },
  category: 'developer',
  capabilities: ['llm'],
  window: 10,
  config,
  limits: { timeoutMs: 30_000, concurrency: 8, memoryMb: 128 },
  hooks: {
    async *onTurn(turn, ctx) {
      if (ctx.llm !== undefined && ctx.config.useLlm) {
        ctx.log.debug({ model: ctx.llm.model, window: ctx.window.length }, 'answering with the model');
        yield* streamLlmText(ctx, { system: SYSTEM_PROMPT, messages: windowToLlmMessages(ctx.window), maxTokens: 300 });
        return;
      }
      yield* echo(turn.text, ctx);
    },

    onMessage(message) {
      const letters = message.body.text.replace(/[^\p{L}]/gu, '');
      const shouting = letters.length >= 4 && letters === letters.toLocaleUpperCase('es') && letters !== letters.toLocaleLowerCase('es');
      return shouting ? { labels: [{ label: 'shouting', score: 1 }], risk: 'none' } : null;
    },
  },
});

/** The echo itself: an honest prefix, then one `text` delta per word. */
async function* echo(text: string, ctx: TurnContext<EchoConfig>): AsyncGenerator<TurnOutput> {
  const firstReply = !ctx.window.some((message) => message.from.kind === 'bot');
  yield { type: 'text', text: `${firstReply ? INTRO : ''}🔁 ` };
  const words = transform(text.trim(), ctx.config.style);
  if (words.length === 0) {
    yield { type: 'text', text: '(mensaje vacío / empty message)' };
    return;
  }
  for (const [index, word] of words.entries()) {
    // The signal makes the pause end at once on cancel; the host then ends the turn.
    if (ctx.config.wordDelayMs > 0) await sleep(ctx.config.wordDelayMs, undefined, { signal: ctx.signal });
    yield { type: 'text', text: index === 0 ? word : ` ${word}` };
  }
}

function transform(text: string, style: EchoConfig['style']): string[] {
  const words = text.split(/\s+/).filter((word) => word !== '');
  if (style === 'upper') return words.map((word) => word.toLocaleUpperCase('es'));
  if (style === 'reverse') return words.reverse();
  return words;
}
