/**
 * @module llm/testing/conformance-suite
 * The behaviour every `llm` provider must show, run against the real SDK and the scripted SSE server. Each provider
 * (and any future one) runs the same suite: `describeProviderConformance('anthropic')`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectEvents, collectResponse } from '../collect.ts';
import type { LlmProviderName } from '../config.ts';
import { createLlm } from '../factory.ts';
import type { LlmEvent, LlmProvider, LlmRequest } from '../types.ts';
import { llmConfigFor } from './index.ts';
import { SseTestServer } from './sse-server.ts';

const HELLO: LlmRequest = { system: 'Eres amable.', messages: [{ role: 'user', content: 'Hola' }] };

const WEATHER_TOOLS: LlmRequest = {
  messages: [{ role: 'user', content: '¿Qué tiempo hace en Madrid y en Lima?' }],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
};

const RETRIES = 2;

export function describeProviderConformance(providerName: LlmProviderName): void {
  describe(`${providerName} provider (real SDK against the SSE test server)`, () => {
    let server: SseTestServer;
    let llm: LlmProvider;
    const stream = (request: LlmRequest, signal = new AbortController().signal) => llm.stream(request, signal);

    beforeAll(async () => {
      server = await SseTestServer.start();
      llm = createLlm(llmConfigFor(server, providerName), { retry: { retries: RETRIES, baseDelayMs: 1, maxDelayMs: 20 } });
    });
    afterAll(() => server.close());
    beforeEach(() => server.reset());

    it('streams text deltas in order, then usage, then finish: stop', async () => {
      server.enqueue({ tokens: ['Hola', ', ', '¿qué', ' tal?'], usage: { inputTokens: 12, outputTokens: 4 } });
      const events = await collectEvents(stream(HELLO));
      expect(events).toEqual([
        { type: 'text', text: 'Hola' },
        { type: 'text', text: ', ' },
        { type: 'text', text: '¿qué' },
        { type: 'text', text: ' tal?' },
        { type: 'usage', inputTokens: 12, outputTokens: 4 },
        expect.objectContaining({ type: 'finish', reason: 'stop' }),
      ]);
      expect(server.requests).toHaveLength(1);
    });

    it('streams tool calls as start → args → end with parsed arguments, one call after another', async () => {
      server.enqueue({
        tokens: ['Miro', ' el tiempo.'],
        toolCalls: [
          { name: 'get_weather', args: { city: 'Madrid' }, id: 'call_madrid' },
          { name: 'get_weather', args: { city: 'Lima', detail: { wind: true } }, id: 'call_lima' },
        ],
        argsChunkSize: 5,
      });
      const events = await collectEvents(stream(WEATHER_TOOLS));
      const toolEvents = events.filter((e) => e.type.startsWith('tool_call'));
      const kinds = toolEvents.map((e) => `${e.type}:${'id' in e ? e.id : ''}`);
      // Each call is contiguous: start, ≥1 args, end.
      expect(kinds.join(' ')).toMatch(
        /^tool_call_start:call_madrid (tool_call_args:call_madrid )+tool_call_end:call_madrid tool_call_start:call_lima (tool_call_args:call_lima )+tool_call_end:call_lima$/,
      );
      const argsOf = (id: string) =>
        toolEvents
          .filter((e): e is Extract<LlmEvent, { type: 'tool_call_args' }> => e.type === 'tool_call_args' && e.id === id)
          .map((e) => e.argsDelta)
          .join('');
      expect(JSON.parse(argsOf('call_lima'))).toEqual({ city: 'Lima', detail: { wind: true } });

      const response = await collectResponse(
        (async function* () {
          yield* events;
        })(),
      );
      expect(response.text).toBe('Miro el tiempo.');
      expect(response.toolCalls).toEqual([
        { id: 'call_madrid', name: 'get_weather', args: { city: 'Madrid' } },
        { id: 'call_lima', name: 'get_weather', args: { city: 'Lima', detail: { wind: true } } },
      ]);
      expect(response.finishReason).toBe('tool_calls');
    });

    it('reports a tool call without arguments as an empty object', async () => {
      server.enqueue({ toolCalls: [{ name: 'get_time', args: {}, id: 'call_time' }] });
      const response = await collectResponse(stream(WEATHER_TOOLS));
      expect(response.toolCalls).toEqual([{ id: 'call_time', name: 'get_time', args: {} }]);
      expect(response.finishReason).toBe('tool_calls');
    });

    it('maps the output-limit stop to finish: length', async () => {
      server.enqueue({ tokens: ['Una respuesta', ' cortada'], stopReason: 'length' });
      const response = await collectResponse(stream(HELLO));
      expect(response.finishReason).toBe('length');
      expect(response.text).toBe('Una respuesta cortada');
    });

    it('passes a mid-stream error through after text (no retry once text was streamed)', async () => {
      server.enqueue({ tokens: ['Hola', ' a', ' todos'], failMidStreamAfter: 2, midStreamError: 'overloaded' });
      const events = await collectEvents(stream(HELLO));
      expect(events.slice(0, 2)).toEqual([
        { type: 'text', text: 'Hola' },
        { type: 'text', text: ' a' },
      ]);
      const error = events[2];
      expect(error?.type).toBe('error');
      if (error?.type !== 'error') return;
      expect(error.error.code).toBe('LLM_OVERLOADED');
      expect(error.error.userText()).toMatch(/sobrecargado/);
      expect(error.error.userText('en')).toMatch(/overloaded/);
      expect(events.slice(3)).toEqual([{ type: 'finish', reason: 'error' }]);
      expect(server.requests).toHaveLength(1);
    });

    it('retries a 429 that came before any delta, then streams', async () => {
      server.enqueue({ failStatus: 429, failTimes: 1, tokens: ['Ya', ' está'] });
      const response = await collectResponse(stream(HELLO));
      expect(response.text).toBe('Ya está');
      expect(response.finishReason).toBe('stop');
      expect(server.requests).toHaveLength(2);
      expect(server.stats.httpErrors).toBe(1);
    });

    it('gives up after the configured retries with a clear, retryable error', async () => {
      server.enqueue({ failStatus: 503, failTimes: 10, tokens: ['nunca'] });
      const response = await collectResponse(stream(HELLO));
      expect(response.finishReason).toBe('error');
      expect(response.error?.code).toBe('LLM_UNAVAILABLE');
      expect(response.error?.retryable).toBe(true);
      expect(response.error?.status).toBe(503);
      expect(server.requests).toHaveLength(RETRIES + 1);
    });

    it.each([
      [401, 'LLM_AUTH'],
      [403, 'LLM_AUTH'],
      [400, 'LLM_BAD_REQUEST'],
    ] as const)('does not retry HTTP %i (%s)', async (status, code) => {
      server.enqueue({ failStatus: status, tokens: ['x'] });
      const response = await collectResponse(stream(HELLO));
      expect(response.error?.code).toBe(code);
      expect(response.error?.retryable).toBe(false);
      expect(response.text).toBe('');
      expect(server.requests).toHaveLength(1);
    });

    it('turns a connection cut after text into LLM_UNAVAILABLE', async () => {
      server.enqueue({ tokens: ['Hola', ' y'], dropConnectionAfter: 1 });
      const events = await collectEvents(stream(HELLO));
      expect(events[0]).toEqual({ type: 'text', text: 'Hola' });
      const error = events.find((e) => e.type === 'error');
      expect(error?.type === 'error' && error.error.code).toBe('LLM_UNAVAILABLE');
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'error' });
      await server.waitFor('dropped');
    });

    it('aborts the HTTP request when the signal fires mid-stream and ends with finish: cancelled', async () => {
      server.enqueue({ tokens: Array.from({ length: 500 }, (_, i) => ` t${i}`), tokenIntervalMs: 10 });
      const controller = new AbortController();
      const events: LlmEvent[] = [];
      let abortedAt = 0;
      for await (const event of stream(HELLO, controller.signal)) {
        events.push(event);
        if (event.type === 'text' && event.text === ' t2') {
          abortedAt = performance.now();
          controller.abort();
        }
      }
      const endedAfterMs = performance.now() - abortedAt;
      await server.waitFor('aborted');
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'cancelled' });
      expect(events.some((e) => e.type === 'error')).toBe(false);
      expect(events.filter((e) => e.type === 'text').length).toBeLessThan(10);
      expect(endedAfterMs).toBeLessThan(1_000);
      expect(server.stats.completed).toBe(0);
    });

    it('sends nothing when the signal has already fired', async () => {
      server.enqueue({ tokens: ['x'] });
      const controller = new AbortController();
      controller.abort();
      expect(await collectEvents(stream(HELLO, controller.signal))).toEqual([{ type: 'finish', reason: 'cancelled' }]);
      expect(server.requests).toHaveLength(0);
    });

    it('serves concurrent streams independently', async () => {
      const count = 20;
      server.defaultScenario = { tokens: ['a', 'b', 'c', 'd'], tokenIntervalMs: 2 };
      try {
        const responses = await Promise.all(Array.from({ length: count }, () => collectResponse(stream(HELLO))));
        expect(responses.every((r) => r.text === 'abcd' && r.finishReason === 'stop')).toBe(true);
        expect(server.stats.completed).toBe(count);
      } finally {
        server.defaultScenario = undefined;
      }
    });
  });
}
