/**
 * @module llm/anthropic-stream
 * Translates Anthropic's raw stream events into `LlmEvent`s. Tool input arrives as `input_json_delta` fragments that
 * only form valid JSON together, so it is parsed at `content_block_stop`. `message_delta.usage` is cumulative; usage
 * and finish are emitted at `message_stop`. Unknown event and block types (thinking, citations, server tools, and
 * whatever the API adds later) are ignored on purpose.
 */
import type { RawMessageStreamEvent, StopReason } from '@anthropic-ai/sdk/resources/messages';
import { LlmUnavailableError } from './errors.ts';
import { failureEvents, parseToolArguments } from './stream-helpers.ts';
import type { LlmEvent, LlmFinishReason } from './types.ts';

interface OpenToolBlock {
  readonly id: string;
  readonly name: string;
  json: string;
}

export class AnthropicStreamTranslator {
  readonly #provider: string;
  readonly #toolBlocks = new Map<number, OpenToolBlock>();
  #inputTokens = 0;
  #outputTokens = 0;
  #stopReason: StopReason | null = null;
  #finished = false;

  constructor(provider: string) {
    this.#provider = provider;
  }

  /** The events one raw SSE event produces (often none). */
  translate(event: RawMessageStreamEvent): LlmEvent[] {
    switch (event.type) {
      case 'message_start': {
        const usage = event.message.usage;
        this.#inputTokens = totalInputTokens(usage);
        this.#outputTokens = usage.output_tokens;
        return [];
      }
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') return block.text === '' ? [] : [{ type: 'text', text: block.text }];
        if (block.type !== 'tool_use') return [];
        this.#toolBlocks.set(event.index, { id: block.id, name: block.name, json: '' });
        return [{ type: 'tool_call_start', id: block.id, name: block.name }];
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta.type === 'text_delta') return delta.text === '' ? [] : [{ type: 'text', text: delta.text }];
        if (delta.type !== 'input_json_delta') return [];
        const tool = this.#toolBlocks.get(event.index);
        if (tool === undefined || delta.partial_json === '') return [];
        tool.json += delta.partial_json;
        return [{ type: 'tool_call_args', id: tool.id, argsDelta: delta.partial_json }];
      }
      case 'content_block_stop': {
        const tool = this.#toolBlocks.get(event.index);
        if (tool === undefined) return [];
        this.#toolBlocks.delete(event.index);
        const args = parseToolArguments(tool.json, this.#provider, tool.name);
        return [{ type: 'tool_call_end', id: tool.id, name: tool.name, args }];
      }
      case 'message_delta': {
        this.#stopReason = event.delta.stop_reason ?? this.#stopReason;
        const usage = event.usage;
        if (usage.input_tokens !== null && usage.input_tokens !== undefined) this.#inputTokens = totalInputTokens(usage);
        this.#outputTokens = usage.output_tokens;
        return [];
      }
      case 'message_stop':
        this.#finished = true;
        return [
          { type: 'usage', inputTokens: this.#inputTokens, outputTokens: this.#outputTokens },
          { type: 'finish', reason: finishReasonOf(this.#stopReason), raw: this.#stopReason ?? 'unknown' },
        ];
      default:
        return [];
    }
  }

  /** Called when the SDK's stream ended without an error; a stream cut before `message_stop` is a failure. */
  end(): LlmEvent[] {
    if (this.#finished) return [];
    return failureEvents(
      new LlmUnavailableError(`${this.#provider}: the stream ended before message_stop`, { provider: this.#provider }),
    );
  }
}

interface InputUsage {
  readonly input_tokens: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
}

/** Anthropic counts cached prompt tokens apart; the total prompt is their sum. */
function totalInputTokens(usage: InputUsage): number {
  return (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

function finishReasonOf(stopReason: StopReason | null): LlmFinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    default:
      // end_turn, stop_sequence, pause_turn, refusal: the model stopped on its own; `raw` keeps the nuance.
      return 'stop';
  }
}
