// Chunk sequences as OpenAI-compatible servers send them, fed to the translator directly: the SSE test server speaks
// OpenAI's own dialect, these are the other servers' quirks.
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { LlmBadResponseError } from './errors.ts';
import { OpenAiStreamTranslator } from './openai-stream.ts';
import type { LlmEvent } from './types.ts';

type Delta = Record<string, unknown>;

function chunk(choices: { delta: Delta; finish_reason?: string | null }[] | null, usage?: object): ChatCompletionChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'local',
    choices: choices?.map((c) => ({ index: 0, delta: c.delta, finish_reason: c.finish_reason ?? null })) ?? null,
    ...(usage ? { usage } : {}),
  } as unknown as ChatCompletionChunk;
}

function translateAll(chunks: ChatCompletionChunk[]): LlmEvent[] {
  const translator = new OpenAiStreamTranslator('openai-compatible');
  return [...chunks.flatMap((c) => translator.translate(c)), ...translator.end()];
}

describe('OpenAI stream translator: compatible-server quirks', () => {
  it('Ollama/LiteLLM: every call at index 0 with its own id, finish_reason "stop" → two calls, tool_calls', () => {
    const events = translateAll([
      chunk([{ delta: { role: 'assistant', tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":1}' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, id: 'b', function: { name: 'g', arguments: '{"y":2}' } }] } }]),
      chunk([{ delta: {}, finish_reason: 'stop' }]),
    ]);
    expect(events).toEqual([
      { type: 'tool_call_start', id: 'a', name: 'f' },
      { type: 'tool_call_args', id: 'a', argsDelta: '{"x":1}' },
      { type: 'tool_call_end', id: 'a', name: 'f', args: { x: 1 } },
      { type: 'tool_call_start', id: 'b', name: 'g' },
      { type: 'tool_call_args', id: 'b', argsDelta: '{"y":2}' },
      { type: 'tool_call_end', id: 'b', name: 'g', args: { y: 2 } },
      { type: 'finish', reason: 'tool_calls', raw: 'stop' },
    ]);
  });

  it('vLLM: usage chunk with choices: null', () => {
    const events = translateAll([
      chunk([{ delta: { content: 'hola' } }]),
      chunk([{ delta: {}, finish_reason: 'stop' }]),
      chunk(null, { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 }),
    ]);
    expect(events).toEqual([
      { type: 'text', text: 'hola' },
      { type: 'usage', inputTokens: 3, outputTokens: 1 },
      { type: 'finish', reason: 'stop', raw: 'stop' },
    ]);
  });

  it('a server that repeats the id on every fragment still yields one call; a missing id is generated', () => {
    const events = translateAll([
      chunk([{ delta: { tool_calls: [{ index: 0, id: 'same', function: { name: 'f', arguments: '{"a"' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 0, id: 'same', function: { arguments: ':1}' } }] } }]),
      chunk([{ delta: { tool_calls: [{ index: 1, function: { name: 'g', arguments: '' } }] } }]),
      chunk([{ delta: {}, finish_reason: 'tool_calls' }]),
    ]);
    const ends = events.filter((e) => e.type === 'tool_call_end');
    expect(ends).toEqual([
      { type: 'tool_call_end', id: 'same', name: 'f', args: { a: 1 } },
      { type: 'tool_call_end', id: expect.stringMatching(/^call_/), name: 'g', args: {} },
    ]);
  });

  it('a stream that ends without finish_reason is a failure, not a silent stop', () => {
    const events = translateAll([chunk([{ delta: { content: 'medio' } }])]);
    expect(events[1]).toMatchObject({ type: 'error', error: { code: 'LLM_UNAVAILABLE' } });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'error' });
  });

  it('unparsable tool arguments are a bad response', () => {
    const translator = new OpenAiStreamTranslator('openai-compatible');
    translator.translate(chunk([{ delta: { tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{"x":' } }] } }]));
    expect(() => translator.translate(chunk([{ delta: {}, finish_reason: 'tool_calls' }]))).toThrow(LlmBadResponseError);
  });
});
