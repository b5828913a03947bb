/** A safety layer (global labeller) stops a bot's answer mid-stream and replaces it. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: [`${process.cwd()}/plugins`, `${process.cwd()}/test/bots/fixtures`],
      globalLabellers: ['guard'],
      pluginConfig: { echo: { wordDelayMs: 15, useLlm: false } },
    },
  });
});
afterAll(() => t?.close());

describe('safety layer over streaming answers', () => {
  it('cancels the turn mid-stream when the draft is vetoed, and stores the replacement instead', async () => {
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    await c.ok({ type: 'join', room });
    const words = Array.from({ length: 60 }, (_, i) => (i === 25 ? 'PROHIBIDO' : `palabra${i}`));
    await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: words.join(' ') } });
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);
    expect(end.phase).toBe('cancelled');
    const replacement = await c.waitForPush('message', (m) => m.from.kind === 'bot');
    expect(replacement).toMatchObject({ from: { id: 'guard' }, body: { text: 'Respuesta retirada por seguridad.' } });
    const streamed = c.pushes('turn').filter((p) => p.turn === start.turn && p.phase === 'delta').map((p) => p.text).join('');
    expect(streamed).not.toContain('palabra59'); // stopped well before the end
    const history = await c.ok({ type: 'history', room });
    const fromBots = history.messages.filter((m: any) => m.from.kind === 'bot');
    expect(fromBots.map((m: any) => [m.from.id, m.body.text])).toEqual([['guard', 'Respuesta retirada por seguridad.']]);
    await c.close();
  });

  it('lets clean answers through untouched', async () => {
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    await c.ok({ type: 'join', room });
    await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: 'todo bien por aquí' } });
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);
    expect(end.phase).toBe('end');
    await c.close();
  });

  it('vetoes in the final check a short answer that never reached a mid-stream check', async () => {
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    await c.ok({ type: 'join', room });
    await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: 'PROHIBIDO' } });
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);
    expect(end.phase).toBe('cancelled');
    expect((await c.waitForPush('message', (m) => m.from.kind === 'bot')).from.id).toBe('guard');
    await c.close();
  });
});

describe('a safety layer that fails', () => {
  it('fails closed: no bot answers an unchecked message, and the person is told to retry', async () => {
    const broken = await startTestEngine({}, {
      bots: { pluginsDirs: [`${process.cwd()}/plugins`, `${process.cwd()}/bots/host/fixtures`], globalLabellers: ['throws'], pluginConfig: { echo: { useLlm: false } } },
    });
    try {
      const c = await broken.client((await broken.register()).token);
      const { room } = await c.ok({ type: 'create', bot: 'echo' });
      await c.ok({ type: 'join', room });
      await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: 'hola' } });
      const failed = await c.waitForPush('turn', (p) => p.phase === 'error', 15_000);
      expect(failed).toMatchObject({ bot: 'echo', error: { code: 'UNAVAILABLE', reason: 'SAFETY_UNAVAILABLE', temporary: true } });
      await c.ok({ type: 'ping' });
      expect(c.pushes('message').filter((m) => m.from.kind === 'bot')).toEqual([]);
      await c.close();
    } finally {
      await broken.close();
    }
  });
});
