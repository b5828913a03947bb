/**
 * The engine-wide crisis safety layer through the real engine: the `safety` plugin (patterns + ONNX classifier in the
 * inference service) runs by default in every room; on risk the engine stores its own crisis card from the helpline
 * directory (PostgreSQL, maintained through the admin API), records the event, audits and counts it, and keeps the
 * conversation's risk across an engine restart.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../engine/src/auth/tokens.ts';
import { createLogger } from '../../engine/src/log.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';
import type { TestClient } from '../support/client.ts';
import { createTestDatabase, type TestDatabase } from '../support/pg.ts';

const CRISIS = 'quiero suicidarme esta noche, ya tengo las pastillas';
const NEUTRAL = 'hola';

// The installed plugins, as `npm start` runs them: the safety layer is on without being asked for.
// `careless` (test fixture) answers harmfully, for the draft check.
const bots = { pluginsDirs: [path.resolve('plugins'), path.resolve('test/bots/fixtures')], pluginConfig: { echo: { useLlm: false } } };

let db: TestDatabase;
let t: TestEngine;
let adminToken: string;
let adminId: string;

/** A restart reuses the database and the keys (master key, JWT secret), like a real deployment. */
async function startEngine(previous?: TestEngine): Promise<TestEngine> {
  const keys = previous ? { masterKey: previous.config.masterKey, jwtSecret: previous.config.jwtSecret } : {};
  return startTestEngine(keys, { bots, database: db });
}

beforeAll(async () => {
  db = await createTestDatabase('safety');
  t = await startEngine();
  const admin = await t.store.createUser({ email: `${randomUUID()}@example.org`, name: 'Admin', passwordHash: 'unused', roles: ['admin'] });
  adminId = admin.id;
  adminToken = await (await createTokenService(t.config, createLogger('silent'))).issue(admin);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await db?.drop();
});

async function api(method: string, route: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(t.httpUrl + route, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${t.httpUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** A person (optionally with a profile country) in a new room with the echo bot. */
async function personInRoom(country?: string): Promise<{ c: TestClient; room: string; userId: string; token: string }> {
  const person = await t.register();
  if (country) await db.query(`update users set profile = $1 where id = $2`, [{ country }, person.user.id]);
  const c = await t.client(person.token);
  const { room } = await c.ok({ type: 'create', bot: 'echo' });
  await c.ok({ type: 'join', room });
  return { c, room, userId: person.user.id, token: person.token };
}

async function sendAndGetCard(c: TestClient, room: string, text = CRISIS): Promise<any> {
  const { offset } = await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
  return c.waitForPush('message', (m) => m.room === room && m.offset > offset && m.from.kind === 'bot', 20_000);
}

describe('a message at risk', () => {
  it('gets the engine\'s crisis card from the directory instead of a bot answer, recorded, audited and counted', async () => {
    const before = await metric('mentalia_safety_events_total', 'level="high",source="message"');
    const { c, room, userId } = await personInRoom();
    const card = await sendAndGetCard(c, room);

    expect(card.from).toMatchObject({ id: 'safety', kind: 'bot' });
    expect(card.body.kind).toBe('crisis');
    // No profile country: the default country (ES) from the seeded directory, emergency number first in the text.
    expect(card.body.data).toMatchObject({ country: 'ES', emergency: '112', level: 'high', humanContact: { available: false } });
    expect(card.body.data.lines[0]).toMatchObject({ name: 'Línea 024 de atención a la conducta suicida', phone: '024', kind: 'crisis' });
    // Crisis and emotional-support lines, then the emergency number; violence lines are for danger from others.
    expect(card.body.data.lines.map((l: any) => l.phone)).toEqual(['024', '717 003 717', '112']);
    expect(card.body.data.text).toMatch(/^Lo que cuentas es importante.*llama al 112/);
    expect(card.body.data.i18n.en).toContain('call 112');
    expect(card.body.text).toContain('024');

    // No bot turn ran for that message.
    await c.ok({ type: 'ping' });
    expect(c.pushes('turn').filter((p) => p.room === room)).toEqual([]);

    const events = await db.query(`select * from safety_events where room_id = $1`, [room]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({ level: 'high', source: 'message', plugin: 'safety', user_id: userId });
    expect(events.rows[0].labels).toContain('category:self');
    const audit = await db.query(`select * from audit_log where action = 'safety.event' and target = $1`, [room]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].detail).toMatchObject({ level: 'high', source: 'message', eventId: Number(events.rows[0].id) });
    const risk = await db.query(`select * from conversation_risk where room_id = $1`, [room]);
    expect(risk.rows[0]).toMatchObject({ level: 'high', events: 1 });
    expect(await metric('mentalia_safety_events_total', 'level="high",source="message"')).toBe(before + 1);

    // Never the message text (nor any fragment of it) in the safety tables or the audit trail.
    const everything = JSON.stringify([
      (await db.query('select * from safety_events')).rows, (await db.query('select * from conversation_risk')).rows,
      (await db.query(`select * from audit_log where action like 'safety.%'`)).rows,
    ]);
    for (const word of ['suicidarme', 'pastillas', 'noche']) expect(everything).not.toContain(word);
    await c.close();
  });

  it('stops a bot whose answer encourages self-harm, and shows the card instead (a `draft` event)', async () => {
    const before = await metric('mentalia_safety_events_total', 'level="high",source="draft"');
    const person = await t.register();
    const c = await t.client(person.token);
    const { room } = await c.ok({ type: 'create', bot: 'careless' });
    await c.ok({ type: 'join', room });
    const { offset } = await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: NEUTRAL } });
    const start = await c.waitForPush('turn', (p) => p.room === room && p.phase === 'start', 20_000);
    const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 20_000);
    expect(end.phase).toBe('cancelled');
    const card = await c.waitForPush('message', (m) => m.room === room && m.from.kind === 'bot', 20_000);
    expect(card).toMatchObject({ from: { id: 'safety' }, body: { kind: 'crisis', data: { country: 'ES', emergency: '112' } } });
    const history = await c.ok({ type: 'history', room });
    expect(history.messages.map((m: any) => m.body.text).join(' ')).not.toContain('echaría de menos');
    const events = await db.query(`select * from safety_events where room_id = $1`, [room]);
    expect(events.rows).toEqual([expect.objectContaining({ source: 'draft', level: 'high', user_id: person.user.id, message_offset: String(offset) })]);
    expect(await metric('mentalia_safety_events_total', 'level="high",source="draft"')).toBe(before + 1);
    await c.close();
  });

  it('leaves ordinary messages to the bot', async () => {
    const { c, room } = await personInRoom();
    await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: NEUTRAL } });
    const start = await c.waitForPush('turn', (p) => p.room === room && p.phase === 'start', 20_000);
    const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 20_000);
    expect(end.phase).toBe('end');
    expect((await db.query(`select count(*)::int as n from safety_events where room_id = $1`, [room])).rows[0].n).toBe(0);
    await c.close();
  });
});

describe('the helpline directory (admin API)', () => {
  it('lists the seeded starting directory', async () => {
    const { status, body } = await api('GET', '/api/admin/helplines', adminToken);
    expect(status).toBe(200);
    const countries = body.countries.map((c: any) => c.country);
    expect(countries[0]).toBe('_default');
    for (const code of ['AR', 'CL', 'CO', 'ES', 'MX', 'US']) expect(countries).toContain(code);
    const mx = body.countries.find((c: any) => c.country === 'MX');
    expect(mx).toMatchObject({ emergency: '911', updatedBy: 'seed' });
    expect(mx.lines[0]).toMatchObject({ phone: '800 911 2000', kind: 'crisis' });
  });

  it('refuses people without the admin role, and requests without a valid token', async () => {
    const person = await t.register();
    expect(await api('GET', '/api/admin/helplines', person.token)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await api('PUT', '/api/admin/helplines/ES', person.token, { name: { es: 'x', en: 'x' }, emergency: '1', lines: [] }))
      .toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await api('DELETE', '/api/admin/helplines/ES', person.token)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await api('GET', '/api/admin/helplines')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await api('GET', '/api/admin/helplines', 'not-a-token')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    // The directory is unchanged.
    const es = (await api('GET', '/api/admin/helplines', adminToken)).body.countries.find((c: any) => c.country === 'ES');
    expect(es.updatedBy).toBe('seed');
  });

  it('rejects bad input with a coded error naming the field', async () => {
    const good = { name: { es: 'Portugal', en: 'Portugal' }, emergency: '112', lines: [{ name: 'SOS Voz Amiga', phone: '213 544 545', hours: '15:30–00:30', kind: 'emotional' }] };
    const cases: [string, unknown, string][] = [
      ['/api/admin/helplines/PT', { ...good, lines: [{ ...good.lines[0], phone: 'llámanos' }] }, 'lines.0.phone'],
      ['/api/admin/helplines/PT', { ...good, lines: [] }, 'lines'],
      ['/api/admin/helplines/PT', { ...good, lines: [{ name: 'Sin contacto', hours: '24 h', kind: 'crisis' }] }, 'lines.0'],
      ['/api/admin/helplines/PT', { ...good, lines: [{ ...good.lines[0], kind: 'psychic' }] }, 'lines.0.kind'],
      ['/api/admin/helplines/PT', { ...good, lines: [{ ...good.lines[0], url: 'javascript:alert(1)' }] }, 'lines.0.url'],
      ['/api/admin/helplines/PT', { ...good, emergency: '' }, 'emergency'],
      ['/api/admin/helplines/PT', { ...good, verifiedAt: '22/11/2026' }, 'verifiedAt'],
      ['/api/admin/helplines/PT', { ...good, extra: true }, ''],
      ['/api/admin/helplines/PORTUGAL', good, 'country'],
    ];
    for (const [route, body, field] of cases) {
      const res = await api('PUT', route, adminToken, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('BAD_ARGS');
      if (field) expect(res.body.error.message.startsWith(`${field}:`), res.body.error.message).toBe(true);
    }
    expect((await api('GET', '/api/admin/helplines', adminToken)).body.countries.map((c: any) => c.country)).not.toContain('PT');
    expect(await api('DELETE', '/api/admin/helplines/_default', adminToken)).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
    expect(await api('DELETE', '/api/admin/helplines/PT', adminToken)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('changes what the crisis card shows, audited with the admin\'s id', async () => {
    const entry = {
      name: { es: 'México', en: 'Mexico' }, emergency: '911', verifiedAt: '2026-11-22',
      lines: [
        { name: 'Línea de prueba de crisis', phone: '800 000 0001', hours: '24 h', kind: 'crisis', note: 'test' },
        { name: 'Línea de la Vida', phone: '800 911 2000', url: 'https://www.gob.mx/salud', hours: '24 h, gratuita', kind: 'crisis' },
      ],
    };
    const saved = await api('PUT', '/api/admin/helplines/mx', adminToken, entry);
    expect(saved.status).toBe(200);
    expect(saved.body.country).toMatchObject({ country: 'MX', updatedBy: adminId, verifiedAt: '2026-11-22' });
    const audit = await db.query(`select * from audit_log where action = 'helplines.put' and target = 'MX'`);
    expect(audit.rows.map((r) => r.actor_id)).toEqual([adminId]);

    const { c, room } = await personInRoom('MX');
    const card = await sendAndGetCard(c, room);
    expect(card.body.data).toMatchObject({ country: 'MX', emergency: '911' });
    expect(card.body.data.lines.map((l: any) => l.name)).toEqual(['Línea de prueba de crisis', 'Línea de la Vida', 'Emergencias']);

    // Deleting the country: its people get the fallback entry, still labelled with their country.
    expect(await api('DELETE', '/api/admin/helplines/MX', adminToken)).toMatchObject({ status: 200, body: { country: 'MX', deleted: true } });
    const fallback = await sendAndGetCard(c, room);
    expect(fallback.body.data).toMatchObject({ country: 'MX', emergency: '112 / 911' });
    expect(fallback.body.data.lines[0].url).toBe('https://findahelpline.com');
    expect(fallback.body.data.text).toMatch(/^Sigo aquí/); // a second card in the conversation
    expect((await db.query(`select * from audit_log where action = 'helplines.delete' and target = 'MX'`)).rows[0].actor_id).toBe(adminId);
    await c.close();
  });
});

describe('the conversation\'s risk', () => {
  it('survives an engine restart, and the safety labeller sees it (ctx.roomRisk)', async () => {
    const { c, room, token } = await personInRoom();
    await sendAndGetCard(c, room);
    await c.close();

    await t.close(); // the database stays; plugin processes and their memory go
    const before = t;
    t = await startEngine(before);
    const again = await t.client(token);
    await again.ok({ type: 'join', room });
    const { offset } = await again.ok({ type: 'send', room, msgId: randomUUID(), body: { text: NEUTRAL } });
    // Only the persisted state can tell the fresh plugin process that this conversation is elevated.
    const note = await again.waitForPush('annotation', (a) => a.room === room && a.offset === offset && a.plugin === 'safety', 20_000);
    expect(note).toMatchObject({ risk: 'none', detail: { conversationRisk: 'high' } });
    const risk = await db.query(`select level, events, since from conversation_risk where room_id = $1`, [room]);
    expect(risk.rows[0]).toMatchObject({ level: 'high', events: 1 });
    expect(risk.rows[0].since).not.toBeNull();
    await again.close();
  });

  it('goes with the conversation when its only person is erased', async () => {
    const { c, room, userId } = await personInRoom();
    await sendAndGetCard(c, room);
    await c.close();
    await t.store.eraseUser(userId, adminId);
    expect((await db.query(`select count(*)::int as n from safety_events where room_id = $1 or user_id = $2`, [room, userId])).rows[0].n).toBe(0);
    expect((await db.query(`select count(*)::int as n from conversation_risk where room_id = $1`, [room])).rows[0].n).toBe(0);
  });

  it('stays with a shared conversation but no longer names the erased person', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const c = await t.client(ana.token);
    const { room } = await c.ok({ type: 'create', bot: 'echo', members: [beto.user.id] });
    await c.ok({ type: 'join', room });
    await sendAndGetCard(c, room);
    await c.close();
    await t.store.eraseUser(ana.user.id, adminId);
    const events = await db.query(`select user_id, level from safety_events where room_id = $1`, [room]);
    expect(events.rows).toEqual([{ user_id: null, level: 'high' }]);
    expect((await db.query(`select level from conversation_risk where room_id = $1`, [room])).rows).toEqual([{ level: 'high' }]);
  });
});
