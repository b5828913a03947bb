/**
 * @module gerencia-ia/llm-turn
 * The tool loop with a model: ask with the tool catalogue, run the read tools it calls and feed their results back,
 * turn write-tool calls into proposals (never run), and stream the final answer. At most `maxRounds` model requests
 * per turn; a read result ends the turn as a `card` body carrying the model's words.
 */
import type { LlmMessage } from '../../bots/llm/index.ts';
import { streamLlmText, windowToLlmMessages, type TurnContext, type TurnOutput } from '../../bots/sdk/index.ts';
import { cardBody, type Card } from './cards.ts';
import type { Lang } from './language.ts';
import { systemPrompt } from './prompt.ts';
import { propose } from './proposals.ts';
import { parseArgs, toolDefinitions, toolNamed } from './tools.ts';
import { today, type Workspace } from './workspace.ts';

export interface LlmTurnOptions {
  readonly maxRounds: number;
  readonly maxTokens: number;
}

export async function* llmTurn(ctx: TurnContext<unknown>, ws: Workspace, lang: Lang, options: LlmTurnOptions): AsyncGenerator<TurnOutput, void, undefined> {
  const messages: LlmMessage[] = windowToLlmMessages(ctx.window, { self: ctx.plugin.name });
  const request = { system: systemPrompt(lang, today()), tools: toolDefinitions(), maxTokens: options.maxTokens };
  let said = '';
  let card: Card | undefined;
  for (let round = 1; round <= options.maxRounds; round++) {
    const stream = streamLlmText(ctx, { ...request, messages });
    let step = await stream.next();
    while (step.done !== true) {
      // Tool calls are handled below, one by one: only text (and the no-model notice) goes out as it comes.
      if (step.value.type === 'text') said += step.value.text;
      if (step.value.type !== 'tool_call') yield step.value;
      step = await stream.next();
    }
    const summary = step.value;
    if (summary.toolCalls.length === 0 || summary.finishReason !== 'tool_calls') break;
    messages.push({ role: 'assistant', content: summary.text, toolCalls: summary.toolCalls });
    for (const call of summary.toolCalls) {
      const outcome = yield* runToolCall(call, ws, lang);
      if (outcome.card) card = outcome.card;
      messages.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify(outcome.result) });
    }
    if (round === options.maxRounds) {
      const note = lang === 'es' ? '\n\n(He llegado al límite de pasos de este turno; pídemelo de nuevo si falta algo.)' : '\n\n(I reached this turn\'s step limit; ask again if something is missing.)';
      said += note;
      yield { type: 'text', text: note };
    }
  }
  if (card) yield { type: 'body', body: cardBody(card, lang, said.trim() === '' ? {} : { text: said.trim(), note: { es: said.trim(), en: said.trim() } }) };
}

/** What the model gets back for one tool call, and the card of a read. Write calls become proposals. */
async function* runToolCall(
  call: { id: string; name: string; args: Readonly<Record<string, unknown>> },
  ws: Workspace,
  lang: Lang,
): AsyncGenerator<TurnOutput, { result: unknown; card?: Card }, undefined> {
  const tool = toolNamed(call.name);
  if (!tool) return { result: { error: `unknown tool "${call.name}"` } };
  if (tool.kind === 'read') {
    const parsed = parseArgs(tool, call.args);
    if (!parsed.ok) return { result: { error: parsed.problem.en } };
    const card = await tool.run(ws, parsed.args);
    return { result: { title: card.title[lang], items: card.items.length > 0 ? card.items : [], empty: card.items.length === 0 ? card.empty[lang] : undefined }, card };
  }
  const proposal = await propose(tool, call.args, ws, call.id);
  if (!proposal.ok) return { result: { error: proposal.problem[lang] } };
  yield proposal.output;
  return {
    result: {
      status: 'awaiting_confirmation',
      proposal: proposal.question[lang],
      note: 'Not done yet: the person must press Confirmar/Confirm. Do not say it is done.',
    },
  };
}
