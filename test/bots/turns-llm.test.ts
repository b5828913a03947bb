/** Bot turns backed by a real LLM SDK (Anthropic's) talking to the local protocol-faithful SSE server. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseTestServer, TEST_API_KEY } from '../../bots/llm/testing/index.ts';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
let sse: SseTestServer;
beforeAll(async () => {
  sse = await SseTestServer.start({ apiKey: TEST_API_KEY });
  // Plugin processes take their model settings from the environment (filtered to LLM_/ANTHROPIC_/OPENAI_ names).
  Object.assign(process.env, { LLM_PROVIDER: 'anthropic', ANTHROPIC_BASE_URL: sse.url, ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_MODEL: 'claude-test' });
  t = await startTestEngine({}, { bots: { pluginsDirs: [`${process.cwd()}/plugins`], pluginConfig: { echo: { useLlm: true } } } });
});
afterAll(async () => {
  await t?.close();
  await sse?.close();
});

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
const ended = (c: TestClient, turn: string) => c.waitForPush('turn', (p) => p.turn === turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);

async function roomWithEcho(): Promise<{ c: TestClient; room: string }> {
  const c = await t.client((await t.register('Lucía')).token);
  const { room } = await c.ok({ type: 'create', bot: 'echo' });
  await c.ok({ type: 'join', room });
  return { c, room };
}

describe('LLM-backed turns', () => {
  it('streams the model’s tokens and stores the reply; the model saw the conversation', async () => {
    const { c, room } = await roomWithEcho();
    sse.enqueue({ tokens: ['Hola', ', ', 'Lucía', '. ', '¿Qué tal?'], tokenIntervalMs: 5 });
    await say(c, room, 'Hola, soy Lucía');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    const end = await ended(c, start.turn);
    expect(end.phase).toBe('end');
    const text = c.pushes('turn').filter((p) => p.turn === start.turn && p.phase === 'delta').map((p) => p.text).join('');
    expect(text).toBe('Hola, Lucía. ¿Qué tal?');
    expect((await c.waitForPush('message', (m) => m.offset === end.offset)).body.text).toBe(text);
    const request = sse.requests.at(-1)!;
    expect(JSON.stringify(request.body)).toContain('Hola, soy Lucía');
    await c.close();
  });

  it('cancel aborts the provider HTTP request and ends the turn `cancelled`', async () => {
    const { c, room } = await roomWithEcho();
    sse.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `t${i} `), tokenIntervalMs: 20 });
    const abortedBefore = sse.stats.aborted;
    await say(c, room, 'cuéntame algo largo');
    const delta = await c.waitForPush('turn', (p) => p.phase === 'delta');
    expect((await c.ok({ type: 'cancel', room, turn: delta.turn })).cancelled).toBe(true);
    expect((await ended(c, delta.turn)).phase).toBe('cancelled');
    await sse.waitFor('aborted', abortedBefore + 1);
    await c.close();
  });

  it('retries a 429 that comes before the first token, invisibly to people', async () => {
    const { c, room } = await roomWithEcho();
    const before = { requests: sse.stats.requests, errors: sse.stats.httpErrors };
    sse.enqueue({ failStatus: 429, failTimes: 1, tokens: ['Ya', ' estoy'] });
    await say(c, room, '¿hola?');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    expect((await ended(c, start.turn)).phase).toBe('end');
    expect(sse.stats.requests - before.requests).toBe(2);
    expect(sse.stats.httpErrors - before.errors).toBe(1);
    expect(c.pushes('turn').filter((p) => p.turn === start.turn && p.phase === 'delta').map((p) => p.text).join('')).toBe('Ya estoy');
    await c.close();
  });

  it('ends in a readable `error` when the model fails mid-stream (no retry once text was shown)', async () => {
    const { c, room } = await roomWithEcho();
    sse.enqueue({ tokens: ['Empiezo', ' a', ' responder', ' y'], failMidStreamAfter: 2 });
    await say(c, room, 'hola');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    const end = await ended(c, start.turn);
    expect(end).toMatchObject({ phase: 'error', error: { reason: 'PLUGIN_LLM_FAILED', message: expect.any(String) } });
    expect(end.error.message).not.toMatch(/overloaded_error|stack|Error:/);
    await c.close();
  });
});
