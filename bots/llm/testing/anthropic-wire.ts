/**
 * @module llm/testing/anthropic-wire
 * Anthropic Messages streaming, as the API sends it: `event:` + `data:` lines; message_start, content_block_start,
 * ping, content_block_delta (text_delta / input_json_delta), content_block_stop, message_delta (stop_reason and
 * cumulative usage), message_stop; `event: error` inside a 200 stream; JSON error bodies with `error.type`.
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

const STOP_REASONS = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' } as const;

const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

const MID_STREAM_ERRORS: Readonly<Record<MidStreamErrorKind, { type: string; message: string }>> = {
  overloaded: { type: 'overloaded_error', message: 'Overloaded' },
  server_error: { type: 'api_error', message: 'Internal server error' },
  rate_limit: { type: 'rate_limit_error', message: 'Rate limited' },
};

const event = (type: string, data: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

export const anthropicWire: WireProtocol = {
  endpoint: 'anthropic',
  requestIdHeader: 'request-id',

  validate(body) {
    if (!isRecord(body)) return 'body must be a JSON object';
    if (typeof body['model'] !== 'string') return 'model: Field required';
    if (typeof body['max_tokens'] !== 'number') return 'max_tokens: Field required';
    if (!Array.isArray(body['messages'])) return 'messages: Field required';
    if (body['stream'] !== true) return 'this test server only serves streaming requests (stream: true)';
    return undefined;
  },

  render(scenario: Scenario, body, requestId): RenderedStream {
    const frames: Frame[] = [];
    const structural = (sse: string) => frames.push({ sse, delta: false });
    const delta = (sse: string) => frames.push({ sse, delta: true });
    const inputTokens = inputTokensOf(scenario, body['messages']);

    structural(
      event('message_start', {
        message: {
          id: `msg_${requestId}`,
          type: 'message',
          role: 'assistant',
          model: body['model'],
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
        },
      }),
    );
    let index = 0;
    const tokens = scenario.tokens ?? [];
    if (tokens.length > 0) {
      structural(event('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    }
    structural(event('ping', {}));
    if (tokens.length > 0) {
      for (const text of tokens) delta(event('content_block_delta', { index, delta: { type: 'text_delta', text } }));
      structural(event('content_block_stop', { index }));
      index++;
    }
    (scenario.toolCalls ?? []).forEach((call, n) => {
      const id = call.id ?? `toolu_${requestId}_${n}`;
      structural(event('content_block_start', { index, content_block: { type: 'tool_use', id, name: call.name, input: {} } }));
      // The API opens every tool input with an empty fragment.
      structural(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: '' } }));
      for (const piece of splitIntoPieces(JSON.stringify(call.args), scenario.argsChunkSize ?? 8)) {
        delta(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
      }
      structural(event('content_block_stop', { index }));
      index++;
    });
    structural(
      event('message_delta', {
        delta: { stop_reason: STOP_REASONS[stopReasonOf(scenario)], stop_sequence: null },
        usage: {
          input_tokens: inputTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: outputTokensOf(scenario),
        },
      }),
    );
    structural(event('message_stop', {}));

    const error = MID_STREAM_ERRORS[scenario.midStreamError ?? 'overloaded'];
    return { frames, midStreamError: event('error', { error: error }) };
  },

  errorResponse(status, message, requestId): HttpErrorResponse {
    const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    return {
      status,
      headers: { 'content-type': 'application/json', 'request-id': requestId },
      body: JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId }),
    };
  },
};
