/**
 * @module llm/testing/openai-wire
 * OpenAI Chat Completions streaming, as the API sends it: `data:` lines of `chat.completion.chunk` objects (role
 * first, then `delta.content` or `delta.tool_calls` fragments keyed by `index`), a chunk with `finish_reason`, a
 * usage chunk with `choices: []` when `stream_options.include_usage` is set (other chunks then carry
 * `usage: null`), and `data: [DONE]`. In-stream errors are `data: {"error": …}`.
 */
import {
  inputTokensOf,
  outputTokensOf,
  splitIntoPieces,
  stopReasonOf,
  type Frame,
  type MidStreamErrorKind,
  type RenderedStream,
  type Scenario,
} from './scenario.ts';
import { isRecord, type HttpErrorResponse, type WireProtocol } from './wire-protocol.ts';

const ERRORS: Readonly<Record<number, { type: string; code: string | null }>> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

const MID_STREAM_ERRORS: Readonly<Record<MidStreamErrorKind, { type: string; code: string | null; message: string }>> = {
  overloaded: { type: 'server_error', code: 'server_overloaded', message: 'The server is overloaded. Please try again later.' },
  server_error: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
  rate_limit: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached.' },
};

const data = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

export const openAiWire: WireProtocol = {
  endpoint: 'openai',
  requestIdHeader: 'x-request-id',

  validate(body) {
    if (!isRecord(body)) return 'body must be a JSON object';
    if (typeof body['model'] !== 'string') return "you must provide a model parameter";
    if (!Array.isArray(body['messages'])) return "Missing required parameter: 'messages'.";
    if (body['stream'] !== true) return 'this test server only serves streaming requests (stream: true)';
    return undefined;
  },

  render(scenario: Scenario, body, requestId): RenderedStream {
    const frames: Frame[] = [];
    const streamOptions = body['stream_options'];
    const includeUsage = isRecord(streamOptions) && streamOptions['include_usage'] === true;
    const created = Math.floor(Date.now() / 1000);
    const chunk = (choices: unknown[], extra: object = {}) => ({
      id: `chatcmpl-${requestId}`,
      object: 'chat.completion.chunk',
      created,
      model: body['model'],
      system_fingerprint: null,
      choices,
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });
    const choice = (delta: object, finishReason: string | null = null) => ({
      index: 0,
      delta,
      logprobs: null,
      finish_reason: finishReason,
    });
    const structural = (payload: unknown) => frames.push({ sse: data(payload), delta: false });
    const delta = (payload: unknown) => frames.push({ sse: data(payload), delta: true });

    structural(chunk([choice({ role: 'assistant', content: '', refusal: null })]));
    for (const text of scenario.tokens ?? []) delta(chunk([choice({ content: text })]));
    (scenario.toolCalls ?? []).forEach((call, index) => {
      const id = call.id ?? `call_${requestId}_${index}`;
      const opening = { index, id, type: 'function', function: { name: call.name, arguments: '' } };
      structural(chunk([choice({ tool_calls: [opening] })]));
      for (const piece of splitIntoPieces(JSON.stringify(call.args), scenario.argsChunkSize ?? 8)) {
        delta(chunk([choice({ tool_calls: [{ index, function: { arguments: piece } }] })]));
      }
    });
    structural(chunk([choice({}, stopReasonOf(scenario))]));
    if (includeUsage) {
      const inputTokens = inputTokensOf(scenario, body['messages']);
      const outputTokens = outputTokensOf(scenario);
      const usage = { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens };
      structural(chunk([], { usage }));
    }
    frames.push({ sse: 'data: [DONE]\n\n', delta: false });

    const error = MID_STREAM_ERRORS[scenario.midStreamError ?? 'overloaded'];
    const midStreamError = data({ error: { message: error.message, type: error.type, param: null, code: error.code } });
    return { frames, midStreamError };
  },

  errorResponse(status, message, requestId): HttpErrorResponse {
    const { type, code } = ERRORS[status] ?? { type: 'server_error', code: null };
    return {
      status,
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ error: { message, type, param: null, code } }),
    };
  },
};
