/**
 * Gerencia IA: a business-management assistant for small teams (see README.md beside it). The conversation is the
 * team's workspace: tasks, objectives with KPIs and meeting notes live in the room's `storage`.
 *
 * - With a model: a tool loop (llm-turn.ts). Read tools run at once and answer with cards; write tools only propose.
 * - Without one: a clearly labelled no-AI mode with typed commands (offline.ts), same tools, same proposals.
 * - A person's answer to a proposal arrives as a turn with `ctx.confirmation` (verified by the engine); only then
 *   does a write tool run, with exactly the signed arguments (confirmed.ts).
 */
import { z } from 'zod';
import { definePlugin } from '../../bots/sdk/index.ts';
import { runConfirmed } from './confirmed.ts';
import { detectLanguage, type Lang } from './language.ts';
import { llmTurn } from './llm-turn.ts';
import { offlineTurn } from './offline.ts';
import { Workspace } from './workspace.ts';

const config = z.object({
  /** Model requests per turn at most (each tool round is one). */
  maxToolRounds: z.number().int().min(1).max(8).default(4),
  maxTokens: z.number().int().min(64).max(4096).default(800),
  /** false: always the typed-command mode, even with a model configured. */
  useLlm: z.boolean().default(true),
});

export default definePlugin({
  name: 'gerencia-ia',
  version: '1.0.0',
  title: { es: 'Gerencia IA', en: 'Gerencia IA (management)' },
  description: {
    es: 'Asistente de gestión para equipos pequeños: tareas, objetivos y KPI, notas de reuniones, resúmenes de progreso y planes. Los cambios se aplican solo cuando alguien los confirma.',
    en: 'Management assistant for small teams: tasks, objectives and KPIs, meeting notes, progress summaries and plans. Changes apply only once someone confirms them.',
  },
  category: 'productivity',
  capabilities: ['llm', 'tools', 'storage'],
  profileFields: ['locale'],
  window: 16,
  config,
  limits: { timeoutMs: 60_000, concurrency: 8, memoryMb: 192 },
  hooks: {
    async *onTurn(turn, ctx) {
      const ws = new Workspace(ctx.storage!.room);
      if (ctx.confirmation !== undefined) {
        yield { type: 'body', body: await runConfirmed(ctx.confirmation, ws, ctx.user.id, conversationLanguage(ctx.window, ctx.user.profile.locale)) };
        return;
      }
      const lang = detectLanguage(turn.text, ctx.user.profile.locale);
      if (ctx.llm !== undefined && ctx.config.useLlm) {
        yield* llmTurn(ctx, ws, lang, { maxRounds: ctx.config.maxToolRounds, maxTokens: ctx.config.maxTokens });
        return;
      }
      yield* offlineTurn(turn.text, ws, lang);
    },
  },
});

/** The language of the person's last typed message (a `confirm` answer says little). */
function conversationLanguage(window: readonly { from: { kind: string }; body: { kind?: string; text: string } }[], locale: unknown): Lang {
  const typed = [...window].reverse().find((m) => m.from.kind === 'user' && (m.body.kind ?? 'text') === 'text');
  return detectLanguage(typed?.body.text ?? '', locale);
}
