/**
 * BLU Psicóloga through the REAL engine: PostgreSQL, the uWS server, the profile API, the bot runtime with the
 * safety layer in front (its plugin process and the inference service), BLU's own plugin process, the engine's
 * storage service for its memory, and the real Anthropic SDK talking to the local SSE server (which records every
 * request). No sleeps: every wait is for a push.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseTestServer, TEST_API_KEY, type RecordedRequest } from '../../bots/llm/testing/index.ts';
import { DISCLOSURE } from '../../plugins/blu-psicologa/disclosure.ts';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

const cwd = process.cwd();
let t: TestEngine;
let sse: SseTestServer;

beforeAll(async () => {
  sse = await SseTestServer.start({ apiKey: TEST_API_KEY });
  // Plugin processes take their model settings from the environment (filtered to LLM_/ANTHROPIC_/OPENAI_ names).
  Object.assign(process.env, {
    LLM_PROVIDER: 'anthropic', ANTHROPIC_BASE_URL: sse.url, ANTHROPIC_API_KEY: TEST_API_KEY, ANTHROPIC_MODEL: 'claude-test',
    MODELS_DIR: path.join(cwd, 'models'), INFERENCE_THREADS: '1',
  });
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: [`${cwd}/plugins`],
      globalLabellers: ['safety'],
      pluginConfig: { safety: { classifierTimeoutMs: 10_000 } },
      pluginLimits: { safety: { timeoutMs: 30_000 } },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await sse?.close();
});

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });

async function patchProfile(token: string, profile: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${t.httpUrl}/api/me/profile`, {
    method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(profile),
  });
  expect(res.status).toBe(200);
}

async function bluRoom(profile?: Record<string, unknown>): Promise<{ c: TestClient; room: string }> {
  const { token } = await t.register('Lucía');
  if (profile) await patchProfile(token, profile);
  const c = await t.client(token);
  const { room } = await c.ok({ type: 'create', bot: 'blu-psicologa' });
  await c.ok({ type: 'join', room });
  return { c, room };
}

/** The next BLU turn's end push and its stored message. */
async function bluAnswer(c: TestClient, after = 0): Promise<{ end: any; message: any }> {
  const start = await c.waitForPush('turn', (p) => p.bot === 'blu-psicologa' && p.phase === 'start' && p.seq === 0 && !c.pushes('turn').slice(0, after).includes(p), 30_000);
  const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 30_000);
  expect(end.phase).toBe('end');
  const message = await c.waitForPush('message', (m) => m.offset === end.offset);
  return { end, message };
}

const systemOf = (request: RecordedRequest | undefined) => JSON.stringify((request?.body as { system?: unknown }).system ?? '');
const requestsSince = (n: number) => sse.requests.slice(n);

describe('BLU through the engine', () => {
  it('discloses, adapts to the profile set through the API, and remembers the conversation (encrypted)', async () => {
    const { c, room } = await bluRoom({ communication: { literal: true, oneQuestionAtATime: true }, country: 'MX' });
    const before = sse.requests.length;
    const marker = `resumen-${randomUUID().slice(0, 8)}`;
    sse.enqueue({ tokens: ['Te leo. ', '¿Qué ha pasado hoy?'], tokenIntervalMs: 2 }, { tokens: [`La persona se siente sola (${marker}).`] });
    await say(c, room, 'hola, hoy me siento sola');
    const first = await bluAnswer(c);
    expect(first.message.from.id).toBe('blu-psicologa');
    expect(first.message.from.name).toBe('BLU · IA de acompañamiento'); // the sender name says what it is
    expect(first.message.body.text).toBe(`${DISCLOSURE.es}\n\nTe leo. ¿Qué ha pasado hoy?`);
    const [answerRequest, summaryRequest] = requestsSince(before);
    expect(systemOf(answerRequest)).toContain('Lenguaje literal');
    expect(systemOf(answerRequest)).toContain('Una sola pregunta por respuesta');
    expect(JSON.stringify(summaryRequest?.body)).toContain('hoy me siento sola');

    // The summary is in PostgreSQL only as ciphertext.
    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    try {
      const rows = await client.query('SELECT * FROM plugin_records WHERE plugin = $1 AND scope_id = $2', ['blu-psicologa', room]);
      expect(rows.rows.map((r) => r.collection)).toEqual(['memory']);
      const everything = await client.query(`SELECT string_agg(t::text, ' ') AS dump FROM plugin_records t`);
      expect(everything.rows[0].dump).not.toContain(marker);
      expect(everything.rows[0].dump).not.toContain('sola');
    } finally {
      await client.end();
    }

    // The next turn's prompt carries the summary; no second disclosure.
    const second = sse.requests.length;
    sse.enqueue({ tokens: ['Estoy aquí.'] }, { tokens: ['Sigue sola.'] });
    const mark = c.pushes('turn').length;
    await say(c, room, 'en el trabajo nadie me habla');
    const next = await bluAnswer(c, mark);
    expect(next.message.body.text).toBe('Estoy aquí.');
    expect(systemOf(sse.requests[second])).toContain(marker);
    await c.close();
  });

  it('says it is an AI whenever asked, whatever the model writes', async () => {
    const { c, room } = await bluRoom();
    sse.enqueue({ tokens: ['Hola.'] }, { tokens: ['r'] });
    await say(c, room, 'hola');
    await bluAnswer(c);
    sse.enqueue({ tokens: ['Claro que soy una persona.'] }, { tokens: ['r'] });
    const mark = c.pushes('turn').length;
    await say(c, room, 'are you a human?');
    const asked = await bluAnswer(c, mark);
    expect(asked.message.body.text).toMatch(/^Yes, I am an artificial intelligence, not a person\./);
    await c.close();
  });

  it('never stores a draft where the model claims to be a psychologist', async () => {
    const { c, room } = await bluRoom();
    sse.enqueue({ tokens: ['Te entiendo. ', 'Como psicóloga, ', 'creo que tienes depresión. ', 'Fin.'] }, { tokens: ['r'] });
    await say(c, room, 'estoy muy triste');
    const { message } = await bluAnswer(c);
    expect(message.body.text).not.toMatch(/Como psicóloga|depresión|Fin\./);
    expect(message.body.text).toMatch(/Tengo que corregirme: soy una inteligencia artificial/);
    const deltas = c.pushes('turn').filter((p) => p.phase === 'delta').map((p) => p.text).join('');
    expect(deltas).not.toMatch(/psicóloga, creo|depresión/);
    await c.close();
  });

  it('hands a crisis to the safety layer: the card, no BLU answer; then BLU answers gently', async () => {
    const { c, room } = await bluRoom();
    const requests = sse.requests.length;
    const { offset } = await say(c, room, 'he estado juntando pastillas y ya no quiero despertar');
    const card = await c.waitForPush('message', (m) => m.from.kind === 'bot', 30_000);
    expect(card).toMatchObject({ from: { id: 'safety' }, body: { kind: 'crisis', data: { country: 'ES' } } });
    expect(card.offset).toBeGreaterThan(offset);

    sse.enqueue({ tokens: ['Me alegra que lo hagas.'] }, { tokens: ['r'] });
    await say(c, room, 'gracias, voy a llamar');
    const { message } = await bluAnswer(c);
    // The crisis message started no BLU turn: the only turn is this one, and the model was asked only for it.
    expect(c.pushes('turn').filter((p) => p.bot === 'blu-psicologa' && p.phase === 'start')).toHaveLength(1);
    expect(sse.requests.length - requests).toBe(2);
    expect(message.body.text).toMatch(/^Soy BLU, una inteligencia artificial[^\n]*\n\nSigo aquí contigo\. Las líneas de ayuda de la tarjeta de seguridad/);
    expect(message.body.text).toContain('Me alegra que lo hagas.');
    expect(systemOf(sse.requests[requests])).toContain('ATENCIÓN');
    const history = await c.ok({ type: 'history', room });
    expect(history.messages.filter((m: any) => m.from.kind === 'bot').map((m: any) => m.from.id)).toEqual(['safety', 'blu-psicologa']);
    await c.close();
  });
});
