import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectEvents, collectResponse } from './collect.ts';
import { createLlm, createLlmFromEnv } from './factory.ts';
import { createOpenAiProvider } from './openai.ts';
import { SseTestServer, TEST_API_KEY, llmConfigFor } from './testing/index.ts';
import type { LlmRequest } from './types.ts';

const signal = () => new AbortController().signal;

const TOOL_TURN: LlmRequest = {
  system: 'Eres Gerencia IA.',
  maxTokens: 200,
  temperature: 0.2,
  tools: [{ name: 'get_sales', description: 'Sales of a month', parameters: { type: 'object', properties: { month: { type: 'string' } } } }],
  messages: [
    { role: 'user', content: 'Ventas de marzo' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'get_sales', args: { month: '2026-03' } }] },
    { role: 'tool', toolCallId: 'call_1', content: '{"total":1200}' },
  ],
};

describe('OpenAI adapter', () => {
  let server: SseTestServer;

  beforeAll(async () => {
    server = await SseTestServer.start();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('sends a Chat Completions request with usage requested and max_completion_tokens', async () => {
    server.enqueue({ tokens: ['1200 €'] });
    const llm = createLlm(llmConfigFor(server, 'openai', 'gpt-5.4-mini'), { retry: false });
    await collectEvents(llm.stream(TOOL_TURN, signal()));
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
    expect(request?.body).toEqual({
      model: 'gpt-5.4-mini',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 200,
      temperature: 0.2,
      tools: [
        {
          type: 'function',
          function: { name: 'get_sales', description: 'Sales of a month', parameters: { type: 'object', properties: { month: { type: 'string' } } } },
        },
      ],
      messages: [
        { role: 'system', content: 'Eres Gerencia IA.' },
        { role: 'user', content: 'Ventas de marzo' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_sales', arguments: '{"month":"2026-03"}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"total":1200}' },
      ],
    });
  });

  it('omits usage when include_usage is off (the server then sends no usage chunk)', async () => {
    server.enqueue({ tokens: ['hola'] });
    const llm = createOpenAiProvider({ apiKey: TEST_API_KEY, baseURL: server.openAiBaseURL, model: 'm', includeUsage: false });
    const events = await collectEvents(llm.stream({ messages: [{ role: 'user', content: 'hola' }] }, signal()));
    expect(events.map((e) => e.type)).toEqual(['text', 'finish']);
    expect(server.requests[0]?.body).not.toHaveProperty('stream_options');
  });

  it('maps an in-stream {"error"} chunk after text to an error event', async () => {
    server.enqueue({ tokens: ['a', 'b', 'c'], failMidStreamAfter: 1, midStreamError: 'server_error' });
    const llm = createLlm(llmConfigFor(server, 'openai'), { retry: { baseDelayMs: 1 } });
    const response = await collectResponse(llm.stream({ messages: [{ role: 'user', content: 'x' }] }, signal()));
    expect(response.text).toBe('a');
    expect(response.error?.code).toBe('LLM_UNAVAILABLE');
    expect(response.finishReason).toBe('error');
    expect(server.requests).toHaveLength(1);
  });

  it('honours retry-after-ms on a 429', async () => {
    server.enqueue({ failStatus: 429, retryAfterMs: 120, tokens: ['ok'] });
    const llm = createLlm(llmConfigFor(server, 'openai'), { retry: { baseDelayMs: 1, maxDelayMs: 1_000 } });
    const started = performance.now();
    const response = await collectResponse(llm.stream({ messages: [{ role: 'user', content: 'x' }] }, signal()));
    expect(response.text).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(server.requests).toHaveLength(2);
  });

  describe('OpenAI-compatible local server (vLLM, llama.cpp, Ollama)', () => {
    it('is configured from LLM_BASE_URL + LLM_MODEL, without a key, using max_tokens', async () => {
      server.enqueue({ tokens: ['Hola', ' desde', ' la GPU'], usage: { inputTokens: 5, outputTokens: 3 } });
      // A bare host:port gets the /v1 the servers listen under.
      const llm = createLlmFromEnv({ LLM_BASE_URL: server.url, LLM_MODEL: 'qwen3-8b' });
      expect(llm?.name).toBe('openai-compatible');
      const response = await collectResponse(llm!.stream({ maxTokens: 64, messages: [{ role: 'user', content: 'Hola' }] }, signal()));
      expect(response).toMatchObject({ text: 'Hola desde la GPU', finishReason: 'stop', usage: { inputTokens: 5, outputTokens: 3 } });
      const [request] = server.requests;
      expect(request?.path).toBe('/v1/chat/completions');
      expect(request?.body).toMatchObject({ model: 'qwen3-8b', max_tokens: 64 });
      expect(request?.body).not.toHaveProperty('max_completion_tokens');
      expect(request?.headers.authorization).toBe('Bearer no-key');
    });

    it('sends LLM_API_KEY when one is set', async () => {
      server.enqueue({ tokens: ['ok'] });
      const llm = createLlmFromEnv({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: server.openAiBaseURL, LLM_MODEL: 'llama', LLM_API_KEY: 'local-secret' });
      await collectEvents(llm!.stream({ messages: [{ role: 'user', content: 'x' }] }, signal()));
      expect(server.requests[0]?.headers.authorization).toBe('Bearer local-secret');
    });
  });
});
