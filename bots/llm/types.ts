/**
 * @module llm/types
 * The model-provider contract (capability `llm`). Bots speak this vocabulary only; each adapter (Anthropic, OpenAI,
 * OpenAI-compatible local servers) translates its SDK's stream into it.
 *
 * Stream contract, which every `LlmProvider.stream` keeps:
 * - It never throws: failures arrive as `{type:'error'}` immediately followed by `{type:'finish', reason:'error'}`.
 * - The last event is always exactly one `finish`; nothing follows it.
 * - `usage`, when the provider reported it, comes right before `finish` (it may be missing on error or cancel).
 * - Tool calls go `tool_call_start` → any `tool_call_args` → `tool_call_end` (with the parsed arguments), all with the
 *   same `id`; calls never interleave with each other, text may come before them.
 * - When `signal` fires, the HTTP request is aborted and the stream ends promptly with `finish: cancelled` (no
 *   `error` event: a cancel is not a failure).
 */
import type { LlmError } from './errors.ts';

/** A JSON Schema object describing a tool's arguments (`{type:'object', properties, required}`). */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface LlmToolCall {
  readonly id: string;
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export interface LlmUserMessage {
  readonly role: 'user';
  readonly content: string;
}

export interface LlmAssistantMessage {
  readonly role: 'assistant';
  /** The text the assistant said (may be empty when it only called tools). */
  readonly content: string;
  /** Tools the assistant asked to call in this turn; each needs a later `tool` message with the result. */
  readonly toolCalls?: readonly LlmToolCall[];
}

export interface LlmToolResultMessage {
  readonly role: 'tool';
  /** The tool's result, as text (JSON-encode structured results). */
  readonly content: string;
  /** The `id` of the tool call this answers. */
  readonly toolCallId: string;
}

export type LlmMessage = LlmUserMessage | LlmAssistantMessage | LlmToolResultMessage;

export interface LlmToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
}

export interface LlmRequest {
  readonly system?: string;
  readonly messages: readonly LlmMessage[];
  readonly tools?: readonly LlmToolDefinition[];
  readonly maxTokens?: number;
  /** Sent to OpenAI and compatible servers; ignored for Anthropic (deprecated there, absent from SDK 1.12). */
  readonly temperature?: number;
  /** Overrides the provider's configured model for this request. */
  readonly model?: string;
}

export type LlmFinishReason = 'stop' | 'length' | 'tool_calls' | 'error' | 'cancelled';

export type LlmEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool_call_start'; readonly id: string; readonly name: string }
  | { readonly type: 'tool_call_args'; readonly id: string; readonly argsDelta: string }
  | {
      readonly type: 'tool_call_end';
      readonly id: string;
      readonly name: string;
      readonly args: Readonly<Record<string, unknown>>;
    }
  /** `raw` is the provider's own stop reason (`end_turn`, `refusal`, `content_filter` …) when there was one. */
  | { readonly type: 'finish'; readonly reason: LlmFinishReason; readonly raw?: string }
  | { readonly type: 'usage'; readonly inputTokens: number; readonly outputTokens: number }
  | { readonly type: 'error'; readonly error: LlmError };

export type LlmEventType = LlmEvent['type'];

export interface LlmProvider {
  /** `anthropic`, `openai` or `openai-compatible`. */
  readonly name: string;
  /** The model used when a request names none. */
  readonly model: string;
  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<LlmEvent>;
}
