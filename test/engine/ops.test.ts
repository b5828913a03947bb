import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisReadiness } from '../../engine/src/redis-readiness.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => { t = await startTestEngine(); });
afterAll(() => t?.close());

describe('operational endpoints', () => {
  it('reports health and readiness', async () => {
    expect(await (await fetch(`${t.httpUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.httpUrl}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('is not ready while a configured Redis does not answer', async () => {
    const down = redisReadiness('redis://127.0.0.1:1');
    const up = redisReadiness(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    const withDown = await startTestEngine({}, { readinessChecks: [down.check] });
    const withUp = await startTestEngine({}, { readinessChecks: [up.check] });
    try {
      expect((await fetch(`${withDown.httpUrl}/readyz`)).status).toBe(503);
      expect((await fetch(`${withUp.httpUrl}/readyz`)).status).toBe(200);
    } finally {
      down.close();
      up.close();
      await Promise.all([withDown.close(), withUp.close()]);
    }
  });

  it('lists enabled bots from the registry', async () => {
    await t.store.upsertBot({ name: 'eco', title: 'Eco', description: 'Repite', version: '1.0.0', category: 'demo', capabilities: [], enabled: true });
    await t.store.upsertBot({ name: 'off', title: 'Off', description: '-', version: '1.0.0', category: 'demo', capabilities: [], enabled: false });
    const bots = await (await fetch(`${t.httpUrl}/api/bots`)).json();
    expect(bots).toEqual([{ name: 'eco', title: 'Eco', description: 'Repite', version: '1.0.0', category: 'demo', capabilities: [] }]);
  });

  it('exposes Prometheus metrics that count connections and commands', async () => {
    const { token } = await t.register();
    const client = await t.client(token);
    await client.request({ type: 'nope' });
    const text = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(text).toMatch(/^mentalia_connections 1$/m);
    expect(text).toMatch(/^mentalia_commands_total\{type="auth",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^mentalia_errors_total\{code="UNKNOWN_TYPE"\} 1$/m);
    expect(text).toContain('mentalia_delivery_latency_seconds_bucket');
    expect(text).toContain('mentalia_persistence_lag_seconds');
    await client.close();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${t.httpUrl}/nada`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe('NOT_FOUND');
  });
});
