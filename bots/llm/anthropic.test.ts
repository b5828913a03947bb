import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnthropicProvider } from './anthropic.ts';
import { collectEvents, collectResponse } from './collect.ts';
import { createLlm } from './factory.ts';
import { SseTestServer, TEST_API_KEY, llmConfigFor } from './testing/index.ts';
import type { LlmProvider, LlmRequest } from './types.ts';

describe('Anthropic adapter', () => {
  let server: SseTestServer;
  let llm: LlmProvider;
  const signal = () => new AbortController().signal;

  beforeAll(async () => {
    server = await SseTestServer.start({ apiKey: TEST_API_KEY });
    llm = createLlm(llmConfigFor(server, 'anthropic', 'claude-sonnet-4-6'), { retry: { baseDelayMs: 1, maxDelayMs: 20 } });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('sends a Messages API request the way the SDK does (Bearer key, anthropic-version, stream)', async () => {
    server.enqueue({ tokens: ['ok'] });
    await collectEvents(llm.stream({ system: 'Eres BLU.', messages: [{ role: 'user', content: 'Hola' }] }, signal()));
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    expect(request?.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request?.headers['x-stainless-retry-count']).toBe('0');
    expect(request?.body).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 1024,
      system: 'Eres BLU.',
      messages: [{ role: 'user', content: 'Hola' }],
      stream: true,
    });
  });

  it('maps tools, tool calls and tool results (results merged into one user turn)', async () => {
    server.enqueue({ tokens: ['Hace sol en ambas.'] });
    const request: LlmRequest = {
      model: 'claude-haiku-4-5',
      maxTokens: 300,
      tools: [{ name: 'get_weather', description: 'Weather', parameters: { properties: { city: { type: 'string' } } } }],
      messages: [
        { role: 'user', content: '¿Tiempo en Madrid y Lima?' },
        {
          role: 'assistant',
          content: 'Lo miro.',
          toolCalls: [
            { id: 'toolu_1', name: 'get_weather', args: { city: 'Madrid' } },
            { id: 'toolu_2', name: 'get_weather', args: { city: 'Lima' } },
          ],
        },
        { role: 'tool', toolCallId: 'toolu_1', content: '{"sky":"sol"}' },
        { role: 'tool', toolCallId: 'toolu_2', content: '{"sky":"sol"}' },
        { role: 'user', content: 'Gracias' },
      ],
    };
    await collectEvents(llm.stream(request, signal()));
    expect(server.requests[0]?.body).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 300,
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [
        { role: 'user', content: '¿Tiempo en Madrid y Lima?' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Lo miro.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Madrid' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Lima' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"sky":"sol"}' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: '{"sky":"sol"}' },
            { type: 'text', text: 'Gracias' },
          ],
        },
      ],
    });
  });

  it('retries HTTP 529 (overloaded) before the first delta', async () => {
    server.enqueue({ failStatus: 529, failTimes: 2, tokens: ['Por fin'] });
    const response = await collectResponse(llm.stream({ messages: [{ role: 'user', content: 'Hola' }] }, signal()));
    expect(response.text).toBe('Por fin');
    expect(server.requests).toHaveLength(3);
  });

  it('retries an in-stream overloaded_error that arrives before any delta', async () => {
    server.enqueue({ tokens: ['x'], failMidStreamAfter: 0, midStreamError: 'overloaded' }, { tokens: ['Segundo', ' intento'] });
    const response = await collectResponse(llm.stream({ messages: [{ role: 'user', content: 'Hola' }] }, signal()));
    expect(response.text).toBe('Segundo intento');
    expect(server.stats.midStreamErrors).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('maps HTTP 529 to LLM_OVERLOADED when retries are off', async () => {
    server.enqueue({ failStatus: 529, tokens: ['x'] });
    const bare = createAnthropicProvider({ apiKey: TEST_API_KEY, baseURL: server.url, model: 'claude-sonnet-4-6' });
    const response = await collectResponse(bare.stream({ messages: [{ role: 'user', content: 'Hola' }] }, signal()));
    expect(response.error?.code).toBe('LLM_OVERLOADED');
    expect(response.error?.status).toBe(529);
  });

  it('rejects a wrong key as LLM_AUTH without retrying', async () => {
    server.enqueue({ tokens: ['x'] });
    const wrongKey = createLlm({ provider: 'anthropic', apiKey: 'wrong', baseURL: server.url, model: 'm' }, { retry: { baseDelayMs: 1 } });
    const response = await collectResponse(wrongKey.stream({ messages: [{ role: 'user', content: 'Hola' }] }, signal()));
    expect(response.error?.code).toBe('LLM_AUTH');
    expect(response.error?.userText()).toMatch(/credenciales/);
    expect(server.requests).toHaveLength(1);
  });
});
