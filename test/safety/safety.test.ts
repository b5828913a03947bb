/**
 * The safety layer through the REAL engine: PostgreSQL, the uWS server, the bot runtime with `safety` as a global
 * labeller, its plugin process, and the inference service running models/crisis.onnx. No sleeps: every wait is for a
 * push, and "the echo did not answer" is proven by the room's ordered history after a later message was answered.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engine.ts';
import type { TestClient } from '../support/client.ts';

const cwd = process.cwd();
let t: TestEngine;

beforeAll(async () => {
  // The inference service is started by the runtime (safety declares `classifier`) from this environment.
  process.env.MODELS_DIR = path.join(cwd, 'models');
  process.env.INFERENCE_THREADS = '1';
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: [`${cwd}/plugins`],
      globalLabellers: ['safety'],
      // A generous classifier budget: on a busy machine the first request also starts the plugin process and loads
      // the model, and a late classifier would make the layer fall back to patterns only.
      pluginConfig: { echo: { useLlm: false }, safety: { classifierTimeoutMs: 10_000 } },
      pluginLimits: { safety: { timeoutMs: 30_000 } },
    },
  });
});
afterAll(() => t?.close());

async function echoRoom(): Promise<{ c: TestClient; room: string }> {
  const c = await t.client((await t.register()).token);
  const { room } = await c.ok({ type: 'create', bot: 'echo' });
  await c.ok({ type: 'join', room });
  return { c, room };
}

const send = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });

/** Waits for the room's (only) bot turn to finish and returns its last push. */
async function echoTurn(c: TestClient): Promise<any> {
  const start = await c.waitForPush('turn', (p) => p.phase === 'start', 20_000);
  return c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 20_000);
}

const botMessages = async (c: TestClient, room: string) =>
  (await c.ok({ type: 'history', room })).messages.filter((m: any) => m.from.kind === 'bot');

describe('the safety layer in front of every responder', () => {
  it('answers a crisis with a crisis card for Spain instead of the bot, and the bot stays silent', async () => {
    const { c, room } = await echoRoom();
    const { offset } = await send(c, room, 'he estado juntando pastillas y ya no quiero despertar');
    const card = await c.waitForPush('message', (m) => m.from.kind === 'bot', 30_000);
    expect(card.from.id).toBe('safety');
    expect(card.offset).toBeGreaterThan(offset);
    expect(card.body.kind).toBe('crisis');
    expect(card.body.data.country).toBe('ES');
    expect(card.body.data.lines.map((l: any) => l.phone)).toEqual(['024', '717 003 717', '112']); // the starting directory (engine/src/safety)
    expect(card.body.data.text).toMatch(/^Lo que cuentas/);

    // The vetoed message started no turn. A later message gets its echo, and the history holds, in order, only the
    // card and that echo: nothing answered the crisis message, before or after the card.
    await send(c, room, 'gracias, voy a llamar');
    const end = await echoTurn(c);
    expect(end.phase).toBe('end');
    expect(c.pushes('turn').filter((p) => p.phase === 'start')).toHaveLength(1);
    const bots = await botMessages(c, room);
    expect(bots.map((m: any) => [m.from.id, m.body.kind ?? 'text'])).toEqual([
      ['safety', 'crisis'],
      ['echo', 'text'],
    ]);
    expect(bots[1].body.text).toContain('gracias, voy a llamar');
    await c.close();
  });

  it('lets an idiom through: the echo answers normally', async () => {
    const { c, room } = await echoRoom();
    await send(c, room, 'me muero de risa con este vídeo 😂');
    const end = await echoTurn(c);
    expect(end.phase).toBe('end');
    const bots = await botMessages(c, room);
    expect(bots.map((m: any) => m.from.id)).toEqual(['echo']);
    expect(bots[0].body.text).toContain('me muero de risa con este vídeo');
    expect(bots[0].offset).toBe(end.offset);
    await c.close();
  });

  it('uses the trained classifier through the inference service for an indirect phrasing no pattern knows', async () => {
    const { c, room } = await echoRoom();
    await send(c, room, 'dormir es lo único que me alivia, ojalá fuera para siempre');
    const card = await c.waitForPush('message', (m) => m.from.kind === 'bot', 30_000);
    expect(card).toMatchObject({ from: { id: 'safety' }, body: { kind: 'crisis', data: { country: 'ES' } } });
    await c.close();
  });

  it("replaces a bot's harmful draft with the card, cancelling the turn", async () => {
    const { c, room } = await echoRoom();
    // Harmless as the user's words (a line for a novel); harmful once the bot repeats it.
    await send(c, room, 'frase para mi novela: el villano le dice nadie te echaría de menos');
    const end = await echoTurn(c);
    expect(end.phase).toBe('cancelled');
    const card = await c.waitForPush('message', (m) => m.from.kind === 'bot', 20_000);
    expect(card).toMatchObject({ from: { id: 'safety' }, body: { kind: 'crisis' } });
    expect((await botMessages(c, room)).map((m: any) => m.from.id)).toEqual(['safety']);
    await c.close();
  });
});
