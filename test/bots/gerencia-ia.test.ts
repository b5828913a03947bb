/**
 * Gerencia IA through the real engine: the real OpenAI SDK in the plugin's process talks to the local SSE server,
 * which scripts real tool calls; proposals are signed by the engine, answers are redeemed by `send`, and the team's
 * tasks land in PostgreSQL (encrypted) through the storage capability.
 */
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
  Object.assign(process.env, { LLM_PROVIDER: 'openai', OPENAI_BASE_URL: sse.openAiBaseURL, OPENAI_API_KEY: TEST_API_KEY, OPENAI_MODEL: 'gpt-test' });
  t = await startTestEngine({}, { bots: { pluginsDirs: [`${process.cwd()}/plugins`] } });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await sse?.close();
});

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
const answer = (c: TestClient, room: string, token: string, approve: boolean, text = approve ? 'Confirmo' : 'Cancelo') =>
  c.request({ type: 'send', room, msgId: randomUUID(), body: { kind: 'confirm', text, data: { token, approve } } });
/** On a timeout, show what the room did say (a turn error, a safety card …) instead of a bare "timed out". */
const explain = (c: TestClient, waitingFor: string) => (error: Error): never => {
  const seen = c.received.filter((item) => item.type === 'message' || item.type === 'turn' || item.ok === false);
  throw new Error(`${error.message} (${waitingFor}); the room said: ${JSON.stringify(seen).slice(-3000)}`);
};
const botMessage = (c: TestClient, match: (body: any) => boolean) =>
  c.waitForPush('message', (m) => m.from.kind === 'bot' && m.from.id === 'gerencia-ia' && match(m.body), 20_000).catch(explain(c, 'a bot message'));
const turnEnd = (c: TestClient, offset: number) =>
  c.waitForPush('turn', (p) => p.bot === 'gerencia-ia' && ['end', 'error', 'cancelled'].includes(p.phase) && (p.offset ?? 0) > offset, 20_000).catch(explain(c, 'the end of a turn'));

/** Rewrites the signed claims of a token (keeping its signature): what a client forging an approval would do. */
function tamper(token: string, change: (claims: any) => void): string {
  const [version, body, mac] = token.split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
  change(claims);
  return `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
}

async function storedTasks(room: string): Promise<{ ciphertext: Buffer }[]> {
  const { rows } = await t.db.query(`select ciphertext from plugin_records where plugin = 'gerencia-ia' and scope_kind = 'room' and scope_id = $1 and collection = 'tasks'`, [room]);
  return rows;
}

describe('Gerencia IA: tool calls and server-signed confirmations', () => {
  it('proposes, refuses forged and reused answers, stores on approval (encrypted) and summarises as a card', async () => {
    const ana = await t.register('Ana');
    const c = await t.client(ana.token);
    const { room } = await c.ok({ type: 'create', bot: 'gerencia-ia', title: 'Equipo' });
    await c.ok({ type: 'join', room });

    // 1. The model calls create_task: the engine stores a signed proposal, nothing is written.
    const args = { title: 'Preparar el informe trimestral', owner: 'Ana', due: '2026-12-01', priority: 'high' };
    sse.enqueue({ toolCalls: [{ name: 'create_task', args }] }, { tokens: ['Te propongo la tarea; ', 'confírmala arriba.'] });
    const asked = await say(c, room, 'Crea una tarea: preparar el informe trimestral, para Ana, para el 1 de diciembre');
    const proposal = await botMessage(c, (b) => b.kind === 'tool' && b.data?.phase === 'proposal');
    expect(proposal.body).toMatchObject({
      kind: 'tool',
      text: expect.stringContaining('¿Creo la tarea «Preparar el informe trimestral»'),
      data: { phase: 'proposal', tool: 'create_task', args, i18n: { en: expect.stringContaining('Shall I create') }, confirmation: { token: expect.stringMatching(/^v1\./), expiresAt: expect.any(Number) } },
    });
    const end = await turnEnd(c, asked.offset);
    expect(end.phase).toBe('end');
    expect((await c.waitForPush('message', (m) => m.offset === end.offset)).body.text).toBe('Te propongo la tarea; confírmala arriba.');
    // The model really was offered the tools and told the change waits for confirmation.
    expect(JSON.stringify(sse.requests[0]!.body)).toContain('"name":"create_task"');
    expect(JSON.stringify(sse.requests[1]!.body)).toContain('awaiting_confirmation');
    expect(await storedTasks(room)).toHaveLength(0);
    const token = proposal.body.data.confirmation.token as string;

    // 2. Forged approvals are refused with a code, and store nothing.
    const forged = await answer(c, room, tamper(token, (claims) => { claims.args.title = 'Borrar todo'; }), true);
    expect(forged).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_INVALID', temporary: false } });
    expect((await answer(c, room, 'v1.e30.AAAA', true)).error.code).toBe('CONFIRMATION_INVALID');
    expect((await c.request({ type: 'send', room, msgId: randomUUID(), body: { kind: 'confirm', text: 'Confirmo' } })).error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('body.data') });
    // Someone outside the conversation cannot answer it either.
    const outsider = await t.client((await t.register('Eva')).token);
    expect((await answer(outsider, room, token, true)).error.code).toBe('NOT_FOUND');
    await outsider.close();
    expect(await storedTasks(room)).toHaveLength(0);

    // 3. The real approval: the bot runs exactly the signed arguments.
    const approved = await answer(c, room, token, true);
    expect(approved).toMatchObject({ ok: true });
    const result = await botMessage(c, (b) => b.kind === 'tool' && b.data?.phase === 'result');
    expect(result.body).toMatchObject({ text: 'Tarea creada: «Preparar el informe trimestral».', data: { tool: 'create_task', approved: true, ok: true, result: { ...args, status: 'pending', createdBy: ana.user.id } } });
    expect(result.offset).toBeGreaterThan(approved.offset);
    const rows = await storedTasks(room);
    expect(rows).toHaveLength(1);
    // Encrypted at rest: the title is nowhere in the stored bytes.
    expect(rows[0]!.ciphertext.toString('latin1')).not.toContain('informe');
    expect(rows[0]!.ciphertext.toString('utf8')).not.toContain('Preparar');

    // 4. The same token again is a reuse.
    expect((await answer(c, room, token, true)).error).toMatchObject({ code: 'CONFIRMATION_USED', temporary: false });
    expect(await storedTasks(room)).toHaveLength(1);

    // 5. A read tool answers as a card built from the stored data.
    sse.enqueue({ toolCalls: [{ name: 'summarize_progress', args: {} }] }, { tokens: ['Vais bien: ', 'una tarea pendiente de prioridad alta.'] });
    const asked2 = await say(c, room, '¿Cómo vamos? Resúmeme el progreso');
    const cardEnd = await turnEnd(c, result.offset);
    expect(cardEnd.phase).toBe('end');
    const card = await c.waitForPush('message', (m) => m.offset === cardEnd.offset);
    expect(card.offset).toBeGreaterThan(asked2.offset);
    expect(card.body).toMatchObject({
      kind: 'card', text: 'Vais bien: una tarea pendiente de prioridad alta.',
      data: { title: { es: 'Resumen del progreso' }, items: expect.arrayContaining([expect.objectContaining({ detail: expect.objectContaining({ es: '1 pendientes, 0 en curso, 0 hechas' }) })]) },
    });
    // The model read the stored task through the tool.
    expect(JSON.stringify(sse.requests.at(-1)!.body)).toContain('1 pending');
    await c.close();
  });

  it('an expired proposal is refused with CONFIRMATION_EXPIRED and runs nothing', async () => {
    // A second engine whose proposals expire as soon as they are made (1 ms), so no test has to wait on a clock.
    const short = await startTestEngine({ confirmationTtlS: 0.001 }, { bots: { pluginsDirs: [`${process.cwd()}/plugins`] } });
    try {
      const c = await short.client((await short.register('Inés')).token);
      const { room } = await c.ok({ type: 'create', bot: 'gerencia-ia' });
      await c.ok({ type: 'join', room });
      sse.enqueue({ toolCalls: [{ name: 'create_task', args: { title: 'Demasiado tarde' } }] }, { tokens: ['Pendiente.'] });
      await say(c, room, 'crea la tarea "Demasiado tarde"');
      const proposal = await botMessage(c, (b) => b.kind === 'tool' && b.data?.phase === 'proposal');
      expect(proposal.body.data.confirmation.expiresAt).toBeLessThanOrEqual(Date.now());
      expect((await answer(c, room, proposal.body.data.confirmation.token, true)).error).toMatchObject({ code: 'CONFIRMATION_EXPIRED', temporary: false });
      const { rows } = await short.db.query(`select count(*)::int as n from plugin_records where plugin = 'gerencia-ia'`);
      expect(rows[0].n).toBe(0);
      await c.close();
    } finally {
      await short.close();
    }
  }, 60_000);

  it('a cancelled proposal runs nothing and cannot be approved afterwards', async () => {
    const c = await t.client((await t.register('Luis')).token);
    const { room } = await c.ok({ type: 'create', bot: 'gerencia-ia' });
    await c.ok({ type: 'join', room });
    sse.enqueue({ toolCalls: [{ name: 'create_task', args: { title: 'Tarea que no quiero' } }] }, { tokens: ['Pendiente de tu confirmación.'] });
    await say(c, room, 'crea la tarea "Tarea que no quiero"');
    const proposal = await botMessage(c, (b) => b.kind === 'tool' && b.data?.phase === 'proposal');
    const token = proposal.body.data.confirmation.token as string;
    const cancelled = await answer(c, room, token, false, 'no, gracias, y además esto es texto libre');
    expect(cancelled).toMatchObject({ ok: true });
    // The stored answer carries the engine's fixed text, never the client's.
    expect((await c.waitForPush('message', (m) => m.offset === cancelled.offset)).body).toEqual({ text: 'Cancelo', kind: 'confirm', data: { token, approve: false } });
    const result = await botMessage(c, (b) => b.kind === 'tool' && b.data?.phase === 'result');
    expect(result.body).toMatchObject({ text: 'Cancelado: no he cambiado nada.', data: { approved: false } });
    expect((await answer(c, room, token, true)).error.code).toBe('CONFIRMATION_USED');
    expect(await storedTasks(room)).toHaveLength(0);
    await c.close();
  });
});
