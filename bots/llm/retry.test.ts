import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectEvents, collectResponse } from './collect.ts';
import { createLlm } from './factory.ts';
import { retryDelayMs } from './retry.ts';
import { SseTestServer, llmConfigFor } from './testing/index.ts';

const HELLO = { messages: [{ role: 'user' as const, content: 'Hola' }] };

describe('retryDelayMs', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles per attempt with equal jitter (between half and all of the exponential delay)', () => {
    expect(retryDelayMs({ retryAfterMs: undefined }, 0, { ...options, random: () => 0 })).toBe(50);
    expect(retryDelayMs({ retryAfterMs: undefined }, 0, { ...options, random: () => 0.999 })).toBeCloseTo(99.95);
    expect(retryDelayMs({ retryAfterMs: undefined }, 2, { ...options, random: () => 0 })).toBe(200);
  });

  it('never exceeds maxDelayMs', () => {
    expect(retryDelayMs({ retryAfterMs: undefined }, 10, { ...options, random: () => 0.999 })).toBeLessThanOrEqual(1_000);
  });

  it('uses the server’s retry-after when given', () => {
    expect(retryDelayMs({ retryAfterMs: 700 }, 0, { ...options, random: () => 0 })).toBe(700);
  });
});

describe('withRetry against the real SDKs', () => {
  let server: SseTestServer;

  beforeAll(async () => {
    server = await SseTestServer.start();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('honours retry-after (seconds) on Anthropic', async () => {
    server.enqueue({ failStatus: 429, retryAfterSeconds: 0.1, tokens: ['ok'] });
    const llm = createLlm(llmConfigFor(server, 'anthropic'), { retry: { baseDelayMs: 1, maxDelayMs: 1_000 } });
    const started = performance.now();
    const response = await collectResponse(llm.stream(HELLO, new AbortController().signal));
    expect(response.text).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(server.requests).toHaveLength(2);
  });

  it('does not wait for a retry-after longer than maxDelayMs: the error comes at once', async () => {
    server.enqueue({ failStatus: 429, retryAfterSeconds: 30, tokens: ['ok'] });
    const llm = createLlm(llmConfigFor(server, 'openai'), { retry: { baseDelayMs: 1, maxDelayMs: 1_000 } });
    const response = await collectResponse(llm.stream(HELLO, new AbortController().signal));
    expect(response.error?.code).toBe('LLM_RATE_LIMITED');
    expect(response.error?.retryAfterMs).toBe(30_000);
    expect(response.error?.userText()).toMatch(/demasiadas peticiones/);
    expect(server.requests).toHaveLength(1);
  });

  it('stops at once when the signal fires during the backoff wait', async () => {
    server.enqueue({ failStatus: 500, failTimes: 5, tokens: ['never'] });
    const controller = new AbortController();
    // The retry warning is logged right before the wait starts: abort just after it began.
    const logLines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(line: Buffer, _encoding, done) {
          logLines.push(line.toString());
          if (line.toString().includes('retrying')) setImmediate(() => controller.abort());
          done();
        },
      }),
    );
    const llm = createLlm(llmConfigFor(server, 'anthropic'), { logger, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const started = performance.now();
    const events = await collectEvents(llm.stream(HELLO, controller.signal));
    expect(events).toEqual([{ type: 'finish', reason: 'cancelled' }]);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
    expect(logLines.join('')).toContain('"code":"LLM_UNAVAILABLE"');
  });
});
