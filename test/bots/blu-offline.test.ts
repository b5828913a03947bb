/**
 * BLU Psicóloga through the REAL engine with NO model configured, and the engine's safety layer switched off
 * (SAFETY_LAYER=off, development only): the offline mode is labelled and never passes for the AI, and BLU's own
 * crisis net still hands off (fixed words, no model) and keeps the conversation elevated.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => {
  for (const name of Object.keys(process.env)) {
    if (/^(LLM_|ANTHROPIC_|OPENAI_)/.test(name)) delete process.env[name];
  }
  t = await startTestEngine({}, { bots: { pluginsDirs: [`${process.cwd()}/plugins`], globalLabellers: [], safetyLayer: false } });
});
afterAll(() => t?.close());

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });

async function bluRoom(profile?: Record<string, unknown>): Promise<{ c: TestClient; room: string }> {
  const { token } = await t.register('Sam');
  if (profile) {
    const res = await fetch(`${t.httpUrl}/api/me/profile`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(profile),
    });
    expect(res.status).toBe(200);
  }
  const c = await t.client(token);
  const { room } = await c.ok({ type: 'create', bot: 'blu-psicologa' });
  await c.ok({ type: 'join', room });
  return { c, room };
}

async function bluAnswer(c: TestClient, after: number): Promise<any> {
  const start = await c.waitForPush('turn', (p) => p.phase === 'start' && !c.pushes('turn').slice(0, after).includes(p), 30_000);
  const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 30_000);
  expect(end.phase).toBe('end');
  return c.waitForPush('message', (m) => m.offset === end.offset);
}

describe('BLU offline (no model configured)', () => {
  it('answers with labelled cards chosen by intent, adapted to the senses in the profile, and remembers topics encrypted', async () => {
    const { c, room } = await bluRoom({ sensory: ['sound'] });
    await say(c, room, 'estoy teniendo un ataque de pánico');
    const first = await bluAnswer(c, 0);
    expect(first.from.id).toBe('blu-psicologa');
    expect(first.body.kind).toBe('card');
    expect(first.body.text).toMatch(/^Modo sin conexión — no soy la IA completa\./);
    expect(first.body.text).toContain('Soy BLU, una inteligencia artificial de acompañamiento.');
    expect(first.body.data).toMatchObject({ title: 'Anclaje 5-4-3-2-1', offline: true, intent: 'grounding' });
    expect(first.body.data.items.join(' ')).not.toMatch(/oír/);

    const mark = c.pushes('turn').length;
    await say(c, room, 'ahora quiero respirar');
    const second = await bluAnswer(c, mark);
    expect(second.body.data).toMatchObject({ title: 'Respiración 4-6', intent: 'breathing' });
    expect(second.body.text).not.toContain('Soy BLU, una inteligencia artificial'); // disclosed once

    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    try {
      const rows = await client.query(`SELECT string_agg(t::text, ' ') AS dump, count(*) AS n FROM plugin_records t WHERE scope_id = $1`, [room]);
      expect(Number(rows.rows[0].n)).toBe(1);
      expect(rows.rows[0].dump).not.toMatch(/respirar|Temas|pánico/);
    } finally {
      await client.end();
    }
    await c.close();
  });

  it('hands a crisis off itself when no safety layer runs, then keeps reminding where help is', async () => {
    const { c, room } = await bluRoom({ language: 'en' });
    await say(c, room, 'I want to kill myself');
    const handoff = await bluAnswer(c, 0);
    expect(handoff).toMatchObject({ from: { id: 'blu-psicologa' }, body: { kind: 'text', data: { notice: 'BLU_CRISIS_HANDOFF' } } });
    expect(handoff.body.text).toMatch(/^What you're going through matters/);

    const mark = c.pushes('turn').length;
    await say(c, room, 'I need to talk to someone');
    const next = await bluAnswer(c, mark);
    expect(next.body.data).toMatchObject({ offline: true, intent: 'helplines' });
    expect(next.body.text).toMatch(/I'm still here with you\./);
    await c.close();
  });
});
