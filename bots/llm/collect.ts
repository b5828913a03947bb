/**
 * @module llm/collect
 * Folds an `LlmEvent` stream into one result, for callers that do not stream (classifiers, summaries) and for tests.
 */
import type { LlmError } from './errors.ts';
import type { LlmEvent, LlmFinishReason, LlmToolCall } from './types.ts';

export interface LlmResponse {
  readonly text: string;
  readonly toolCalls: readonly LlmToolCall[];
  /** `error` also when the stream ended without a `finish` (a contract breach by the provider). */
  readonly finishReason: LlmFinishReason;
  readonly rawFinishReason?: string;
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
  readonly error?: LlmError;
}

export async function collectEvents(events: AsyncIterable<LlmEvent>): Promise<LlmEvent[]> {
  const all: LlmEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

export async function collectResponse(events: AsyncIterable<LlmEvent>): Promise<LlmResponse> {
  let text = '';
  const toolCalls: LlmToolCall[] = [];
  let finishReason: LlmFinishReason = 'error';
  let rawFinishReason: string | undefined;
  let usage: LlmResponse['usage'];
  let error: LlmError | undefined;
  for await (const event of events) {
    switch (event.type) {
      case 'text':
        text += event.text;
        break;
      case 'tool_call_end':
        toolCalls.push({ id: event.id, name: event.name, args: event.args });
        break;
      case 'usage':
        usage = { inputTokens: event.inputTokens, outputTokens: event.outputTokens };
        break;
      case 'error':
        error = event.error;
        break;
      case 'finish':
        finishReason = event.reason;
        rawFinishReason = event.raw;
        break;
      default:
        break;
    }
  }
  return {
    text,
    toolCalls,
    finishReason,
    ...(rawFinishReason === undefined ? {} : { rawFinishReason }),
    ...(usage === undefined ? {} : { usage }),
    ...(error === undefined ? {} : { error }),
  };
}
