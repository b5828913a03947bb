/**
 * @module sdk/stream-llm
 * `streamLlmText` bridges the `llm` capability to a responder's output: model text becomes `text` deltas, finished
 * tool calls become `tool_call` outputs. With no model configured it yields one plainly labelled notice
 * (`NO_MODEL_CONFIGURED`, both languages) and never anything that could pass for an AI answer.
 */
import type { MessageBody } from '../../schema/protocol.ts';
// errors.ts, not index.ts: plugin processes that never talk to a model should not load the vendor SDKs.
import { NO_MODEL_CONFIGURED } from '../llm/errors.ts';
import type { LlmFinishReason, LlmProvider, LlmRequest, LlmToolCall } from '../llm/index.ts';
import type { TurnOutput } from './hooks.ts';
import { bilingual, type Language } from './text.ts';

/** `body.data.notice` of runtime notices, so clients and the engine can tell them from a bot's own words. */
export const NOTICE_NO_MODEL = 'LLM_NOT_CONFIGURED';

/** The notice a responder gives when it needs a model and none is configured. */
export function noModelConfiguredBody(language: Language | 'both' = 'both'): MessageBody {
  const text = language === 'both' ? bilingual(NO_MODEL_CONFIGURED) : NO_MODEL_CONFIGURED[language];
  return { text, kind: 'text', data: { notice: NOTICE_NO_MODEL } };
}

export interface LlmTextSummary {
  readonly text: string;
  readonly toolCalls: readonly LlmToolCall[];
  /** `not_configured` when there was no model to ask. */
  readonly finishReason: LlmFinishReason | 'not_configured';
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
}

export interface StreamLlmTextOptions {
  /** Language of the no-model notice. @default 'both' (Spanish first) */
  readonly language?: Language | 'both';
}

/**
 * Streams one model request as turn outputs; its return value sums the answer up (for tool loops).
 * A model failure is thrown as the provider's `LlmError` (the turn then ends with `PLUGIN_LLM_FAILED` and the
 * error's own message for people). A cancel ends the stream quietly.
 *
 * @example
 * async *onTurn(turn, ctx) {
 *   yield* streamLlmText(ctx, { system: 'Be brief.', messages: windowToLlmMessages(ctx.window) });
 * }
 */
export async function* streamLlmText(
  ctx: { readonly llm?: LlmProvider | undefined; readonly signal: AbortSignal },
  request: LlmRequest,
  options: StreamLlmTextOptions = {},
): AsyncGenerator<TurnOutput, LlmTextSummary, undefined> {
  if (ctx.llm === undefined) {
    yield { type: 'body', body: noModelConfiguredBody(options.language) };
    return { text: '', toolCalls: [], finishReason: 'not_configured' };
  }
  let text = '';
  const toolCalls: LlmToolCall[] = [];
  let usage: LlmTextSummary['usage'];
  for await (const event of ctx.llm.stream(request, ctx.signal)) {
    switch (event.type) {
      case 'text':
        if (event.text === '') break;
        text += event.text;
        yield { type: 'text', text: event.text };
        break;
      case 'tool_call_end':
        toolCalls.push({ id: event.id, name: event.name, args: event.args });
        yield { type: 'tool_call', id: event.id, name: event.name, args: event.args };
        break;
      case 'usage':
        usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
        break;
      case 'error':
        throw event.error;
      case 'finish':
        return { text, toolCalls, finishReason: event.reason, ...(usage === undefined ? {} : { usage }) };
      default:
        break;
    }
  }
  // A provider that ends without `finish` broke its contract; say so rather than pretend the answer is complete.
  return { text, toolCalls, finishReason: 'error', ...(usage === undefined ? {} : { usage }) };
}
