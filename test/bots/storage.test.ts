/**
 * The `storage` capability end to end: a plugin in its own process (bots/host/fixtures/notes) keeps records through
 * the engine. What people would notice: a team room shares its notes, a person's private notes follow them and
 * nobody else, oversize records are refused with a code, and nothing readable lands in PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({}, { bots: { pluginsDirs: [`${process.cwd()}/bots/host/fixtures`] } });
});
afterAll(() => t?.close());

/** Sends `text` and returns the notes bot's stored reply to it. */
async function ask(c: TestClient, room: string, text: string): Promise<string> {
  const earlier = new Set(c.pushes('turn').map((p) => p.turn));
  await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
  const start = await c.waitForPush('turn', (p) => p.room === room && p.phase === 'start' && !earlier.has(p.turn));
  const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error'].includes(p.phase), 15_000);
  expect(end.phase).toBe('end');
  const message = await c.waitForPush('message', (m) => m.room === room && m.offset === end.offset);
  return message.body.text as string;
}

describe('plugin storage through the engine', () => {
  it('shares room records between members, keeps personal records personal, and stores them sealed', async () => {
    const ana = await t.register('Ana');
    const luis = await t.register('Luis');
    const a = await t.client(ana.token);
    const l = await t.client(luis.token);
    const { room } = await a.ok({ type: 'create', bot: 'notes', members: [luis.user.id] });
    await a.ok({ type: 'join', room });
    await l.ok({ type: 'join', room });

    expect(await ask(a, room, 'nota: comprar café PARA-EL-EQUIPO')).toMatch(/^guardada .+ v1$/);
    expect(await ask(a, room, 'privada: mi clave es NOTA-PRIVADA-ANA')).toBe('guardada en privado');
    expect(JSON.parse(await ask(l, room, 'notas'))).toEqual({ shared: ['comprar café PARA-EL-EQUIPO'], own: [] });
    expect(JSON.parse(await ask(a, room, 'notas'))).toEqual({ shared: ['comprar café PARA-EL-EQUIPO'], own: ['mi clave es NOTA-PRIVADA-ANA'] });

    // Another room of Ana's: her private notes follow her, the team's notes do not.
    const { room: solo } = await a.ok({ type: 'create', bot: 'notes' });
    await a.ok({ type: 'join', room: solo });
    expect(JSON.parse(await ask(a, solo, 'notas'))).toEqual({ shared: [], own: ['mi clave es NOTA-PRIVADA-ANA'] });

    const dump = await t.db.query('SELECT plugin, scope_kind, collection, encode(ciphertext, \'escape\') AS sealed FROM plugin_records');
    expect(dump.rows.map((r) => r.plugin)).toEqual(['notes', 'notes']);
    expect(JSON.stringify(dump.rows)).not.toMatch(/PARA-EL-EQUIPO|NOTA-PRIVADA/);
    await Promise.all([a.close(), l.close()]);
  });

  it('refuses an oversize record with STORAGE_LIMIT and stores nothing', async () => {
    const me = await t.register();
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create', bot: 'notes' });
    await c.ok({ type: 'join', room });
    expect(await ask(c, room, 'grande')).toBe('error STORAGE_LIMIT');
    expect(JSON.parse(await ask(c, room, 'notas'))).toEqual({ shared: [], own: [] });
    await c.close();
  });
});
