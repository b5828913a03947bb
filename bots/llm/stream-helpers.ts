/**
 * @module llm/stream-helpers
 * Small pieces both adapters share: how a failed or cancelled stream ends, and how streamed tool arguments become
 * an object.
 */
import { LlmBadResponseError, type LlmError } from './errors.ts';
import type { LlmEvent } from './types.ts';

export const CANCELLED: LlmEvent = { type: 'finish', reason: 'cancelled' };

/** A failure always ends a stream as `error` then `finish: error`. */
export function failureEvents(error: LlmError): LlmEvent[] {
  return [
    { type: 'error', error },
    { type: 'finish', reason: 'error' },
  ];
}

/**
 * Parses a tool call's accumulated argument JSON. An empty string means "no arguments" (models send that for tools
 * without parameters); anything that is not a JSON object is a bad response.
 */
export function parseToolArguments(json: string, provider: string, toolName: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (cause) {
    throw new LlmBadResponseError(`${provider}: arguments of tool "${toolName}" are not valid JSON`, { provider, cause });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new LlmBadResponseError(`${provider}: arguments of tool "${toolName}" are not a JSON object`, { provider });
  }
  return parsed as Record<string, unknown>;
}
