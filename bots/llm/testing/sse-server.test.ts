// The wire format itself, read with plain fetch: what the SDK tests rely on being faithful.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SseTestServer } from './sse-server.ts';

const KEY = 'k-test';
let server: SseTestServer;

beforeAll(async () => {
  server = await SseTestServer.start({ apiKey: KEY });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function post(path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': KEY }) {
  return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const anthropicBody = { model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], stream: true };
const openAiBody = { model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true };

function sseBlocks(text: string): string[] {
  return text.split('\n\n').filter((block) => block !== '');
}

describe('Anthropic wire format', () => {
  it('sends named events in the API order, each data.type matching its event line', async () => {
    server.enqueue({ tokens: ['Ho', 'la'], toolCalls: [{ name: 'f', args: { a: 1 } }] });
    const res = await post('/v1/messages', anthropicBody);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const blocks = sseBlocks(await res.text());
    const names = blocks.map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const name = eventLine?.replace(/^event: /, '');
      expect(JSON.parse(dataLine?.replace(/^data: /, '') ?? '').type).toBe(name);
      return name;
    });
    expect(names[0]).toBe('message_start');
    expect(names.slice(1, 3)).toEqual(['content_block_start', 'ping']);
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names.filter((n) => n === 'content_block_start')).toHaveLength(2);
    expect(names.filter((n) => n === 'content_block_stop')).toHaveLength(2);
  });

  it('accepts Authorization: Bearer and rejects a wrong key with an authentication_error body', async () => {
    server.enqueue({ tokens: ['x'] });
    expect((await post('/v1/messages', anthropicBody, { authorization: `Bearer ${KEY}` })).status).toBe(200);
    const res = await post('/v1/messages', anthropicBody, { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
  });

  it('sends an in-stream error event instead of the rest of the stream', async () => {
    server.enqueue({ tokens: ['a', 'b'], failMidStreamAfter: 1 });
    const text = await (await post('/v1/messages', anthropicBody)).text();
    expect(text).toContain('event: error\ndata: {"type":"error","error":{"type":"overloaded_error"');
    expect(text).not.toContain('message_stop');
    expect(text).not.toContain('"text":"b"');
  });
});

describe('OpenAI wire format', () => {
  it('sends data-only chunks ending in [DONE]; usage only when asked', async () => {
    server.enqueue({ tokens: ['a'] }, { tokens: ['a'] });
    const plain = sseBlocks(await (await post('/v1/chat/completions', openAiBody)).text());
    expect(plain.every((b) => b.startsWith('data: '))).toBe(true);
    expect(plain.at(-1)).toBe('data: [DONE]');
    expect(plain.some((b) => b.includes('"usage"'))).toBe(false);

    const withUsage = sseBlocks(
      await (await post('/v1/chat/completions', { ...openAiBody, stream_options: { include_usage: true } })).text(),
    );
    const usageChunk = JSON.parse(withUsage.at(-2)?.replace(/^data: /, '') ?? '');
    expect(usageChunk).toMatchObject({ choices: [], usage: { completion_tokens: 1 } });
  });
});

describe('scripting and observation', () => {
  it('fails failTimes requests with the scripted status and retry headers, then streams', async () => {
    server.enqueue({ failStatus: 503, failTimes: 2, retryAfterSeconds: 1, tokens: ['ok'] });
    const first = await post('/v1/chat/completions', openAiBody);
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await post('/v1/chat/completions', openAiBody)).status).toBe(503);
    expect(server.pending).toBe(1);
    expect((await post('/v1/chat/completions', openAiBody)).status).toBe(200);
    expect(server.pending).toBe(0);
    expect(server.stats).toMatchObject({ requests: 3, httpErrors: 2, streams: 1 });
  });

  it('answers plainly when nothing was scripted, and for unknown routes or non-streaming requests', async () => {
    expect(await (await post('/v1/messages', anthropicBody)).json()).toMatchObject({ error: { message: expect.stringMatching(/no scenario queued/) } });
    expect((await post('/v1/nothing', {})).status).toBe(404);
    expect((await post('/v1/messages', { ...anthropicBody, stream: false })).status).toBe(400);
  });

  it('paces deltas by tokenIntervalMs and records the request', async () => {
    server.enqueue({ tokens: ['a', 'b', 'c'], tokenIntervalMs: 30 });
    const started = performance.now();
    await (await post('/v1/chat/completions', openAiBody)).text();
    // Three deltas, each 30 ms apart (the first after firstTokenDelayMs = 30).
    expect(performance.now() - started).toBeGreaterThanOrEqual(85);
    expect(server.requests[0]).toMatchObject({ endpoint: 'openai', path: '/v1/chat/completions', body: openAiBody });
  });

  it('counts a client that goes away mid-stream as aborted', async () => {
    server.enqueue({ tokens: Array.from({ length: 100 }, () => 'x'), tokenIntervalMs: 10 });
    const controller = new AbortController();
    const res = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify(openAiBody),
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    const aborted = new Promise((resolve) => server.events.once('aborted', resolve));
    controller.abort();
    await expect(aborted).resolves.toMatchObject({ endpoint: 'openai' });
    expect(server.stats).toMatchObject({ aborted: 1, completed: 0 });
  });
});
