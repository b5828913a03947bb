/**
 * @module llm/testing/scenario
 * What a test scripts into the SSE test server: one `Scenario` answers one request (after its scripted HTTP
 * failures). Scenarios are protocol-neutral; the server renders them as Anthropic or OpenAI streams depending on the
 * endpoint the SDK called.
 */

export interface ScriptedToolCall {
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** Defaults to a generated `toolu_…` / `call_…` id. */
  readonly id?: string;
}

/** In-stream error kinds (after HTTP 200). */
export type MidStreamErrorKind = 'overloaded' | 'server_error' | 'rate_limit';

export type ScriptedStopReason = 'stop' | 'length' | 'tool_calls';

export interface Scenario {
  /** Text pieces, one delta each. */
  readonly tokens?: readonly string[];
  /** Pause between deltas; 0 writes the whole stream at once. @default 0 */
  readonly tokenIntervalMs?: number;
  /** Pause before the first delta (time to first token). @default tokenIntervalMs */
  readonly firstTokenDelayMs?: number;
  /** Tool calls, streamed after the text. */
  readonly toolCalls?: readonly ScriptedToolCall[];
  /** Tool arguments are streamed as JSON pieces of this many characters. @default 8 */
  readonly argsChunkSize?: number;

  /** HTTP status of the scripted failures that come before this scenario streams. */
  readonly failStatus?: 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 529;
  /** How many requests get `failStatus` before one gets the stream. @default 1 when failStatus is set */
  readonly failTimes?: number;
  /** `retry-after` header (seconds) on those failures. */
  readonly retryAfterSeconds?: number;
  /** `retry-after-ms` header on those failures (OpenAI's millisecond variant). */
  readonly retryAfterMs?: number;

  /** After this many deltas (text and tool-argument pieces), send an in-stream error and end the response. */
  readonly failMidStreamAfter?: number;
  /** @default overloaded */
  readonly midStreamError?: MidStreamErrorKind;
  /** After this many deltas, close the connection without finishing the HTTP response. */
  readonly dropConnectionAfter?: number;

  /**
   * Latency benches: every occurrence of this marker in a token is replaced, at the moment the frame is written, by
   * the wall-clock time in microseconds (`performance.timeOrigin + performance.now()`), so a client can measure the
   * delay added between the model's emission and its own reception.
   */
  readonly stampMarker?: string;

  /** @default tool_calls when there are tool calls, else stop */
  readonly stopReason?: ScriptedStopReason;
  /** @default input ≈ request size / 4, output = number of deltas */
  readonly usage?: { readonly inputTokens: number; readonly outputTokens: number };
}

/** One SSE frame; `delta` frames are the ones paced by `tokenIntervalMs` and counted by the failure options. */
export interface Frame {
  readonly sse: string;
  readonly delta: boolean;
}

/** A scripted stream, cut where the scenario says. Built per request by a wire protocol. */
export interface RenderedStream {
  readonly frames: readonly Frame[];
  /** The frame(s) of an in-stream error for `midStreamError`. */
  readonly midStreamError: string;
}

export function splitIntoPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += Math.max(1, size)) pieces.push(text.slice(i, i + Math.max(1, size)));
  return pieces;
}

export function stopReasonOf(scenario: Scenario): ScriptedStopReason {
  return scenario.stopReason ?? ((scenario.toolCalls?.length ?? 0) > 0 ? 'tool_calls' : 'stop');
}

/** Deltas a scenario produces: text tokens plus tool-argument pieces. */
export function outputTokensOf(scenario: Scenario): number {
  if (scenario.usage) return scenario.usage.outputTokens;
  const size = scenario.argsChunkSize ?? 8;
  const argPieces = (scenario.toolCalls ?? []).reduce(
    (sum, call) => sum + splitIntoPieces(JSON.stringify(call.args), size).length,
    0,
  );
  return (scenario.tokens?.length ?? 0) + argPieces;
}

export function inputTokensOf(scenario: Scenario, requestBody: unknown): number {
  return scenario.usage?.inputTokens ?? Math.ceil(JSON.stringify(requestBody ?? '').length / 4);
}
