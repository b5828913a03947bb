/**
 * @module llm/openai-stream
 * Translates Chat Completions chunks into `LlmEvent`s, for OpenAI and the servers that imitate it.
 *
 * Tool calls arrive as fragments keyed by `index`: the first carries `id` and `function.name`, the rest append to
 * `function.arguments`. Servers stream one call after another, so a fragment for a new index (or, as Ollama and
 * LiteLLM do, a new `id` at the same index 0) closes the previous call. `finish_reason` comes in one chunk and
 * usage (with `include_usage`) in a later one with no choices, so `finish` is emitted only when the stream ends.
 *
 * Quirks handled: `choices` may be `null` on vLLM's usage chunk; Ollama/LiteLLM report `finish_reason: "stop"` for a
 * turn that called tools (normalized to `tool_calls`); a missing call id gets a generated one.
 */
import { randomUUID } from 'node:crypto';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { LlmBadResponseError, LlmUnavailableError } from './errors.ts';
import { failureEvents, parseToolArguments } from './stream-helpers.ts';
import type { LlmEvent, LlmFinishReason } from './types.ts';

type ToolCallFragment = NonNullable<ChatCompletionChunk.Choice.Delta['tool_calls']>[number];

interface OpenToolCall {
  readonly index: number;
  readonly id: string;
  name: string;
  json: string;
  started: boolean;
}

export class OpenAiStreamTranslator {
  readonly #provider: string;
  #open: OpenToolCall | undefined;
  readonly #closedIndexes = new Set<number>();
  #sawToolCall = false;
  #finishReason: string | undefined;
  #usage: { inputTokens: number; outputTokens: number } | undefined;

  constructor(provider: string) {
    this.#provider = provider;
  }

  translate(chunk: ChatCompletionChunk): LlmEvent[] {
    const events: LlmEvent[] = [];
    if (chunk.usage) {
      this.#usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
    }
    // We never ask for n > 1, so only choice 0 matters.
    const choice = (chunk.choices ?? []).find((c) => c.index === 0);
    if (choice === undefined) return events;
    const delta = choice.delta ?? {};
    if (typeof delta.content === 'string' && delta.content !== '') events.push({ type: 'text', text: delta.content });
    for (const fragment of delta.tool_calls ?? []) this.#onToolFragment(fragment, events);
    if (choice.finish_reason) {
      this.#finishReason = choice.finish_reason;
      this.#closeOpenCall(events);
    }
    return events;
  }

  end(): LlmEvent[] {
    if (this.#finishReason === undefined) {
      return failureEvents(
        new LlmUnavailableError(`${this.#provider}: the stream ended without a finish_reason`, { provider: this.#provider }),
      );
    }
    const events: LlmEvent[] = [];
    if (this.#usage) events.push({ type: 'usage', ...this.#usage });
    events.push({ type: 'finish', reason: this.#normalizedReason(this.#finishReason), raw: this.#finishReason });
    return events;
  }

  #onToolFragment(fragment: ToolCallFragment, events: LlmEvent[]): void {
    const current = this.#open;
    const startsNewCall =
      current === undefined ||
      fragment.index !== current.index ||
      (fragment.id !== undefined && fragment.id !== null && fragment.id !== '' && fragment.id !== current.id);
    if (startsNewCall) {
      if (this.#closedIndexes.has(fragment.index) && !fragment.id) {
        const detail = `${this.#provider}: a fragment arrived for tool call ${fragment.index} after it ended`;
        throw new LlmBadResponseError(detail, { provider: this.#provider });
      }
      if (current !== undefined) this.#close(current, events);
      this.#open = {
        index: fragment.index,
        id: fragment.id || `call_${randomUUID()}`,
        name: '',
        json: '',
        started: false,
      };
      this.#sawToolCall = true;
    }
    const call = this.#open as OpenToolCall;
    if (call.name === '' && fragment.function?.name) call.name = fragment.function.name;
    const piece = fragment.function?.arguments ?? '';
    call.json += piece;
    if (!call.started && call.name !== '') {
      call.started = true;
      events.push({ type: 'tool_call_start', id: call.id, name: call.name });
      // Arguments that came before the name (unusual) are sent now, in one piece.
      if (call.json !== '') events.push({ type: 'tool_call_args', id: call.id, argsDelta: call.json });
    } else if (call.started && piece !== '') {
      events.push({ type: 'tool_call_args', id: call.id, argsDelta: piece });
    }
  }

  #closeOpenCall(events: LlmEvent[]): void {
    if (this.#open !== undefined) this.#close(this.#open, events);
    this.#open = undefined;
  }

  #close(call: OpenToolCall, events: LlmEvent[]): void {
    this.#closedIndexes.add(call.index);
    if (!call.started) {
      const detail = `${this.#provider}: tool call ${call.index} has no function name`;
      throw new LlmBadResponseError(detail, { provider: this.#provider });
    }
    const args = parseToolArguments(call.json, this.#provider, call.name);
    events.push({ type: 'tool_call_end', id: call.id, name: call.name, args });
  }

  #normalizedReason(raw: string): LlmFinishReason {
    switch (raw) {
      case 'length':
        return 'length';
      case 'tool_calls':
      case 'function_call':
        return 'tool_calls';
      default:
        // `stop` after tool calls is the Ollama/LiteLLM quirk; `content_filter` stays visible in `raw`.
        return this.#sawToolCall ? 'tool_calls' : 'stop';
    }
  }
}
