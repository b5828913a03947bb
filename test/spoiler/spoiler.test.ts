/**
 * The spoiler detector through the REAL engine: PostgreSQL, the uWS server, the bot runtime with its plugin processes
 * and the inference service (onnxruntime in its own process) serving the committed models/spoiler.onnx.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const saved = { MODELS_DIR: process.env.MODELS_DIR, INFERENCE_THREADS: process.env.INFERENCE_THREADS };
let t: TestEngine;

beforeAll(async () => {
  // The runtime starts the inference service from the environment (bots/inference/config.ts): point it at the
  // committed models/ whatever the working directory, and keep it to one thread on shared machines.
  process.env.MODELS_DIR = `${ROOT}models`;
  process.env.INFERENCE_THREADS = '1';
  t = await startTestEngine({}, { bots: { pluginsDirs: [`${ROOT}plugins`], coalesceMs: 30 } });
});
afterAll(async () => {
  await t?.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
const turnEnd = (c: TestClient, turn: string) =>
  c.waitForPush('turn', (p) => p.turn === turn && ['end', 'error', 'cancelled'].includes(p.phase), 20_000);

describe('spoiler-detector in a room', () => {
  it('is listed as a safety bot with the classifier capability', async () => {
    const bots = (await (await fetch(`${t.httpUrl}/api/bots`)).json()) as any[];
    expect(bots.find((b) => b.name === 'spoiler-detector')).toMatchObject({ category: 'safety', capabilities: ['classifier', 'storage'] });
  });

  it('annotates a message with red flags (labels, risk, explanations, help lines)', async () => {
    const c = await t.client((await t.register('Ana')).token);
    const { room } = await c.ok({ type: 'create', bot: 'spoiler-detector' });
    await c.ok({ type: 'join', room });
    const sent = await say(c, room, 'si sales con tus amigas otra vez te dejo, y dame tu contraseña');
    const annotation = await c.waitForPush('annotation', (p) => p.offset === sent.offset && p.plugin === 'spoiler-detector', 20_000);
    const labels = (annotation.labels as { label: string; score: number }[]).map((l) => l.label);
    expect(labels).toEqual(expect.arrayContaining(['surveillance']));
    expect(labels.some((l) => ['control', 'isolation'].includes(l))).toBe(true);
    expect(['medium', 'high', 'critical']).toContain(annotation.risk);
    expect(annotation.detail).toMatchObject({
      kind: 'spoiler-flags',
      source: 'model+cues',
      explanations: { surveillance: { es: expect.any(String), en: expect.any(String) } },
    });
    expect(annotation.detail.resources.length).toBeGreaterThanOrEqual(6);
    // The responder also answers the message (it is the room's bot): let that turn finish before leaving.
    const start = await c.waitForPush('turn', (p) => p.phase === 'start' && p.bot === 'spoiler-detector');
    expect((await turnEnd(c, start.turn)).phase).toBe('end');
    await c.close();
  });

  it('sends no annotation for a healthy message', async () => {
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bot: 'spoiler-detector' });
    await c.ok({ type: 'join', room });
    const sent = await say(c, room, 'Avísame cuando llegues a casa, ¿vale? Te quiero 💕');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    expect((await turnEnd(c, start.turn)).phase).toBe('end');
    expect(c.pushes('annotation').filter((p) => p.offset === sent.offset)).toEqual([]);
    await c.close();
  });

  it('"analiza esta conversación: …" streams an analysis and stores it as a card', async () => {
    const c = await t.client((await t.register('Lucía')).token);
    const { room } = await c.ok({ type: 'create', bot: 'spoiler-detector' });
    await c.ok({ type: 'join', room });
    await say(
      c,
      room,
      'analiza esta conversación:\nÉl: ¿dónde estás?\nYo: con Marta\nÉl: mándame tu ubicación ya\nÉl: y a las 10 en casa, si no te vas a arrepentir',
    );
    const start = await c.waitForPush('turn', (p) => p.phase === 'start' && p.bot === 'spoiler-detector');
    const end = await turnEnd(c, start.turn);
    expect(end.phase).toBe('end');
    const deltas = c.pushes('turn').filter((p) => p.turn === start.turn && p.phase === 'delta');
    expect(deltas.length).toBeGreaterThanOrEqual(1);
    const streamed = deltas.map((p) => p.text).join('');
    expect(streamed).toContain('Análisis: señales de alerta');
    expect(streamed).toMatch(/Nivel de riesgo: (medio|alto|crítico)/);
    expect(streamed).toContain('016');
    const stored = await c.waitForPush('message', (m) => m.offset === end.offset);
    expect(stored).toMatchObject({ from: { id: 'spoiler-detector', kind: 'bot' }, body: { kind: 'card', text: streamed } });
    const card = stored.body.data as { title: string; items: { category: string }[]; risk: string; source: string };
    expect(card.title).toBe('Análisis: señales de alerta');
    expect(card.source).toBe('model+cues');
    expect(card.items.map((i) => i.category)).toEqual(expect.arrayContaining(['surveillance']));
    expect(['medium', 'high', 'critical']).toContain(card.risk);
    // The card is kept: history returns it as the bot's message.
    const history = await c.ok({ type: 'history', room });
    expect(history.messages.at(-1)).toMatchObject({ body: { kind: 'card' } });
    await c.close();
  });

  it('keeps each analysis in the person’s own sealed history: categories and risk, never the pasted text', async () => {
    const me = await t.register('Marta');
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create', bot: 'spoiler-detector' });
    await c.ok({ type: 'join', room });
    await say(c, room, 'analiza esta conversación: Él: dame la contraseña de tu correo MARCADOR-PEGADO o me enfado');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start' && p.bot === 'spoiler-detector');
    expect((await turnEnd(c, start.turn)).phase).toBe('end');
    await c.close();

    const exported = await t.store.exportUser(me.user.id, 'test');
    const analyses = exported.pluginRecords.filter((r) => r.plugin === 'spoiler-detector' && r.collection === 'relationship_analyses');
    expect(analyses).toHaveLength(1);
    expect(analyses[0]!.data).toMatchObject({ userId: me.user.id, room, categories: expect.arrayContaining(['surveillance']) });
    expect(JSON.stringify(analyses)).not.toContain('MARCADOR-PEGADO');
    const raw = await t.db.query(`SELECT encode(ciphertext, 'escape') AS sealed FROM plugin_records WHERE scope_id = $1`, [me.user.id]);
    expect(raw.rows).toHaveLength(1);
    expect(JSON.stringify(raw.rows)).not.toMatch(/surveillance|MARCADOR/);
  });

  it('shows red flags only to their author in a room shared with someone else', async () => {
    const ana = await t.register('Ana');
    const partner = await t.register('Pareja');
    const a = await t.client(ana.token);
    const p = await t.client(partner.token);
    const { room } = await a.ok({ type: 'create', bot: 'spoiler-detector', members: [partner.user.id] });
    await a.ok({ type: 'join', room });
    await p.ok({ type: 'join', room });
    const sent = await say(a, room, 'me revisa el móvil cada noche y me exige la contraseña');
    await a.waitForPush('annotation', (x) => x.offset === sent.offset && x.plugin === 'spoiler-detector', 20_000);
    // Both see the message and the bot's turn; by then the partner would have had the annotation too. In a shared
    // room a message in passing is not analysed in front of everyone: the turn ends without a reply.
    await p.waitForPush('message', (m) => m.offset === sent.offset);
    const start = await p.waitForPush('turn', (x) => x.phase === 'start' && x.bot === 'spoiler-detector');
    const end = await turnEnd(p, start.turn);
    expect(end.phase).toBe('end');
    expect(end.offset).toBeUndefined();
    expect(p.pushes('annotation')).toEqual([]);
    expect(p.pushes('message').filter((m) => m.from.kind === 'bot')).toEqual([]);

    // Asked explicitly, it answers (in front of the room: the person chose to ask here).
    const asked = await say(a, room, 'analiza esta conversación: me revisa el móvil cada noche');
    const next = await p.waitForPush('turn', (x) => x.phase === 'start' && x.bot === 'spoiler-detector' && x.turn !== start.turn);
    expect((await turnEnd(p, next.turn)).offset).toBeGreaterThan(asked.offset);
    await Promise.all([a.close(), p.close()]);
  });
});
