/**
 * The admin API (`/api/admin/*`) against the real engine, PostgreSQL and bot runtime (the test-only `probe` plugin,
 * whose config carries a secret): who is refused and with which code, that every action works and is audited with
 * the admin as actor, that bad input gets coded errors, and that a bot switched off in a room stops answering there.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../engine/src/cli/admin.ts';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type Registered, type TestEngine } from '../support/engine.ts';

const SECRET = 'sk-admin-test-0123456789-very-secret';
let t: TestEngine;
let boss: Registered & { email: string };

beforeAll(async () => {
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: [path.join(process.cwd(), 'test', 'engine', 'fixtures', 'admin')],
      pluginConfig: { probe: { apiKey: SECRET, greeting: 'buenas' } },
      coalesceMs: 10,
    },
  });
  boss = await registerWithEmail('Jefa Admin');
  // The first admin is made with the operator CLI (audited as "cli").
  expect(await cli(['grant-admin', boss.email])).toMatchObject({ code: 0 });
}, 60_000);
afterAll(() => t?.close());

async function registerWithEmail(name: string): Promise<Registered & { email: string }> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${randomUUID().slice(0, 8)}@example.org`;
  const res = await t.post('/api/auth/register', { email, password: 'correct horse battery', name });
  expect(res.status).toBe(201);
  return { ...(res.body as Registered), email };
}

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runAdmin(args, t.config, pino({ level: 'silent' }), { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

async function api(method: string, p: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(t.httpUrl + p, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const code = (r: { body: any }) => r.body?.error?.code;

async function audit(query: string, token = boss.token): Promise<any[]> {
  const res = await api('GET', `/api/admin/audit?${query}`, token);
  expect(res.status).toBe(200);
  return res.body.entries;
}

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
const turnEnd = (c: TestClient, turn: string) =>
  c.waitForPush('turn', (p) => p.turn === turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);

describe('who may use the admin API', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/admin/me'],
    ['GET', '/api/admin/users?q=a'],
    ['GET', `/api/admin/users/${randomUUID()}`],
    ['PUT', `/api/admin/users/${randomUUID()}/tier`, { tier: 'premium' }],
    ['PUT', `/api/admin/users/${randomUUID()}/role`, { role: 'admin' }],
    ['POST', `/api/admin/users/${randomUUID()}/export`],
    ['POST', `/api/admin/users/${randomUUID()}/erase`, { confirm: 'x@example.org' }],
    ['GET', '/api/admin/audit'],
    ['GET', '/api/admin/bots'],
    ['GET', '/api/admin/bots/probe/rooms'],
    ['PUT', `/api/admin/bots/probe/rooms/${randomUUID()}`, { enabled: false }],
  ];

  it('refuses anonymous and bad tokens with 401 UNAUTHORIZED on every route', async () => {
    for (const [method, p, body] of routes) {
      const anonymous = await api(method, p, undefined, body);
      expect([anonymous.status, code(anonymous)], `${method} ${p}`).toEqual([401, 'UNAUTHORIZED']);
      const forged = await api(method, p, `${boss.token.slice(0, -4)}AAAA`, body);
      expect([forged.status, code(forged)], `${method} ${p}`).toEqual([401, 'UNAUTHORIZED']);
    }
  });

  it('refuses a normal user and a guest with 403 FORBIDDEN on every route', async () => {
    const user = await registerWithEmail('Usuario Normal');
    const guest = (await t.post('/api/auth/guest', {})).body;
    for (const [method, p, body] of routes) {
      for (const token of [user.token, guest.token]) {
        const res = await api(method, p, token, body);
        expect([res.status, code(res)], `${method} ${p}`).toEqual([403, 'FORBIDDEN']);
      }
    }
  });

  it('takes access away from a demoted admin at once (the stored role counts, not the token)', async () => {
    const second = await registerWithEmail('Segundo Admin');
    // Promoted after their token was issued: the token still says "user", the database says "admin".
    const promoted = await api('PUT', `/api/admin/users/${second.user.id}/role`, boss.token, { role: 'admin' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.user.roles).toEqual(['user', 'admin']);
    expect((await api('GET', '/api/admin/me', second.token)).body.user).toMatchObject({ id: second.user.id, roles: ['user', 'admin'] });

    const demoted = await api('PUT', `/api/admin/users/${second.user.id}/role`, boss.token, { role: 'user' });
    expect(demoted.body.user.roles).toEqual(['user']);
    const refused = await api('GET', '/api/admin/users', second.token);
    expect([refused.status, code(refused)]).toEqual([403, 'FORBIDDEN']);

    const entries = await audit(`target=${second.user.id}`);
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ['user.role.revoke-admin', boss.user.id],
      ['user.role.grant-admin', boss.user.id],
    ]);
    expect(entries[0].detail).toEqual({ from: ['user', 'admin'], to: ['user'] });
  });

  it('recorded the CLI grant of the first admin', async () => {
    expect(await audit(`target=${boss.user.id}&action=user.role.grant-admin`)).toEqual([
      expect.objectContaining({ actorId: 'cli', action: 'user.role.grant-admin', target: boss.user.id }),
    ]);
    expect(await cli(['grant-admin', 'nobody@example.org'])).toMatchObject({ code: 1 });
  });
});

describe('users', () => {
  it('searches by e-mail or name prefix, paged, with the total', async () => {
    const tag = randomUUID().slice(0, 6);
    const made = [];
    for (const n of [1, 2, 3]) made.push(await registerWithEmail(`Zeta${tag} ${n}`));
    const page1 = await api('GET', `/api/admin/users?q=zeta${tag}&limit=2`, boss.token);
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.body.users).toHaveLength(2);
    const page2 = await api('GET', `/api/admin/users?q=ZETA${tag}&limit=2&offset=2`, boss.token);
    expect(page2.body.users).toHaveLength(1);
    const ids = [...page1.body.users, ...page2.body.users].map((u: any) => u.id).sort();
    expect(ids).toEqual(made.map((m) => m.user.id).sort());
    for (const u of page1.body.users) expect(Object.keys(u).sort()).toEqual(['createdAt', 'email', 'erasedAt', 'id', 'name', 'roles', 'tier']);

    const byEmail = await api('GET', `/api/admin/users?q=${encodeURIComponent(made[1]!.email.slice(0, 12))}`, boss.token);
    expect(byEmail.body.users.map((u: any) => u.id)).toContain(made[1]!.user.id);
    // LIKE wildcards are searched literally.
    expect((await api('GET', '/api/admin/users?q=%25', boss.token)).body.total).toBe(0);
    const admins = await api('GET', '/api/admin/users?role=admin', boss.token);
    expect(admins.body.users.map((u: any) => u.id)).toContain(boss.user.id);
    expect(admins.body.users.every((u: any) => u.roles.includes('admin'))).toBe(true);
  });

  it('answers bad search input with BAD_ARGS', async () => {
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'role=root', `q=${'x'.repeat(300)}`]) {
      const res = await api('GET', `/api/admin/users?${q}`, boss.token);
      expect([res.status, code(res)], q).toEqual([400, 'BAD_ARGS']);
    }
  });

  it('changes the tier (the person sees it at their next sign-in), audited with from/to', async () => {
    const ana = await registerWithEmail('Ana Tier');
    const res = await api('PUT', `/api/admin/users/${ana.user.id}/tier`, boss.token, { tier: 'professional' });
    expect(res.body.user).toMatchObject({ id: ana.user.id, tier: 'professional' });
    const login = await t.post('/api/auth/login', { email: ana.email, password: 'correct horse battery' });
    expect(login.body.user.tier).toBe('professional');
    const detail = await api('GET', `/api/admin/users/${ana.user.id}`, boss.token);
    expect(detail.body.user.tier).toBe('professional');
    expect(detail.body.audit).toEqual([expect.objectContaining({ action: 'user.tier', actorId: boss.user.id, detail: { from: 'free', to: 'professional' } })]);

    expect(code(await api('PUT', `/api/admin/users/${ana.user.id}/tier`, boss.token, { tier: 'gold' }))).toBe('BAD_ARGS');
    expect(code(await api('PUT', `/api/admin/users/${ana.user.id}/tier`, boss.token, {}))).toBe('BAD_ARGS');
    expect(code(await api('PUT', `/api/admin/users/${randomUUID()}/tier`, boss.token, { tier: 'free' }))).toBe('NOT_FOUND');
    expect(code(await api('PUT', '/api/admin/users/not-a-uuid/tier', boss.token, { tier: 'free' }))).toBe('BAD_ARGS');
    expect(code(await api('PUT', `/api/admin/users/${ana.user.id}/tier`, boss.token, '{not json'))).toBe('BAD_ARGS');
    const huge = await api('PUT', `/api/admin/users/${ana.user.id}/tier`, boss.token, { tier: 'free', pad: 'x'.repeat(10_000) });
    expect([huge.status, code(huge)]).toEqual([413, 'TOO_LARGE']);
    expect(code(await api('GET', `/api/admin/users/${randomUUID()}`, boss.token))).toBe('NOT_FOUND');
    // A malformed escape in the path is bad input, not a crash.
    expect(code(await api('GET', '/api/admin/users/%E0%A4%A', boss.token))).toBe('BAD_ARGS');
    expect(code(await api('PUT', `/api/admin/bots/%ZZ/rooms/${randomUUID()}`, boss.token, { enabled: true }))).toBe('BAD_ARGS');
    expect((await api('GET', '/api/admin/me', boss.token)).status).toBe(200);
  });

  it('refuses role changes that make no sense with CONFLICT or BAD_ARGS', async () => {
    const guest = (await t.post('/api/auth/guest', {})).body;
    expect(code(await api('PUT', `/api/admin/users/${guest.user.id}/role`, boss.token, { role: 'admin' }))).toBe('CONFLICT');
    expect(code(await api('PUT', `/api/admin/users/${boss.user.id}/role`, boss.token, { role: 'guest' }))).toBe('BAD_ARGS');
    // The only admin cannot demote themselves (nobody would be left to run the service).
    const self = await api('PUT', `/api/admin/users/${boss.user.id}/role`, boss.token, { role: 'user' });
    expect([self.status, code(self)]).toEqual([409, 'CONFLICT']);
    expect((await api('GET', '/api/admin/me', boss.token)).status).toBe(200);
  });

  it('exports a user like the CLI does, and audits the export without message text', async () => {
    const bea = await registerWithEmail('Bea Export');
    const c = await t.client(bea.token);
    const { room } = await c.ok({ type: 'create', title: 'privada' });
    await say(c, room, 'mi secreto de exportación');
    await c.close();

    const res = await api('POST', `/api/admin/users/${bea.user.id}/export`, boss.token);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: bea.user.id, email: bea.email });
    expect(res.body.user.passwordHash).toBeUndefined();
    expect(res.body.conversations[0].messages.map((m: any) => m.body.text)).toEqual(['mi secreto de exportación']);

    const entries = await audit(`target=${bea.user.id}&action=user.export`);
    expect(entries).toEqual([expect.objectContaining({ actorId: boss.user.id, detail: { conversations: 1, messages: 1 } })]);
    expect(JSON.stringify(await audit('limit=200'))).not.toContain('mi secreto');
    expect(code(await api('POST', `/api/admin/users/${randomUUID()}/export`, boss.token))).toBe('NOT_FOUND');
  });

  it('erases a user only when the request repeats their e-mail', async () => {
    const eva = await registerWithEmail('Eva Borrar');
    const c = await t.client(eva.token);
    const { room } = await c.ok({ type: 'create', title: 'borrable' });
    await say(c, room, 'esto desaparecerá');
    await c.close();
    const url = `/api/admin/users/${eva.user.id}/erase`;

    expect(code(await api('POST', url, boss.token, {}))).toBe('BAD_ARGS');
    const wrong = await api('POST', url, boss.token, { confirm: 'otra@example.org' });
    expect([wrong.status, code(wrong)]).toEqual([400, 'BAD_ARGS']);
    expect((await t.post('/api/auth/login', { email: eva.email, password: 'correct horse battery' })).status).toBe(200);

    const ok = await api('POST', url, boss.token, { confirm: eva.email.toUpperCase() });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ userId: eva.user.id, shreddedRooms: [room] });
    expect((await t.post('/api/auth/login', { email: eva.email, password: 'correct horse battery' })).status).toBe(401);
    const detail = await api('GET', `/api/admin/users/${eva.user.id}`, boss.token);
    expect(detail.body.user).toMatchObject({ email: null, name: 'Usuario eliminado', erasedAt: expect.any(String) });
    expect(detail.body.audit[0]).toMatchObject({ action: 'user.erase', actorId: boss.user.id, target: eva.user.id });

    expect(code(await api('POST', url, boss.token, { confirm: eva.user.id }))).toBe('CONFLICT');
    expect(code(await api('POST', `/api/admin/users/${boss.user.id}/erase`, boss.token, { confirm: boss.email }))).toBe('CONFLICT');
  });
});

describe('audit log', () => {
  it('pages newest first and filters by action (prefix with *) and actor', async () => {
    const all = await audit('limit=200');
    expect(all.length).toBeGreaterThan(4);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    const first = await api('GET', '/api/admin/audit?limit=2', boss.token);
    expect(first.body.entries).toHaveLength(2);
    const second = await api('GET', `/api/admin/audit?limit=2&before=${first.body.next}`, boss.token);
    expect(second.body.entries.map((e: any) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));

    const roles = await audit('action=user.role.*');
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.every((e) => e.action.startsWith('user.role.'))).toBe(true);
    const byCli = await audit('actor=cli');
    expect(byCli.every((e) => e.actorId === 'cli')).toBe(true);
    expect(code(await api('GET', '/api/admin/audit?limit=1000', boss.token))).toBe('BAD_ARGS');
    expect(code(await api('GET', '/api/admin/audit?before=x', boss.token))).toBe('BAD_ARGS');
  });
});

describe('bots', () => {
  let room = '';
  let client: TestClient;

  beforeAll(async () => {
    const owner = await registerWithEmail('Dueña Sala');
    client = await t.client(owner.token);
    room = (await client.ok({ type: 'create', bot: 'probe' })).room;
    await client.ok({ type: 'join', room });
  });
  afterAll(() => client?.close());

  async function turn(text: string) {
    const seen = new Set(client.pushes('turn').map((p) => p.turn));
    await say(client, room, text);
    const start = await client.waitForPush('turn', (p) => p.phase === 'start' && !seen.has(p.turn));
    return turnEnd(client, start.turn);
  }

  it('shows status, redacted config, processes and turn statistics; never the secret', async () => {
    expect((await turn('hola')).phase).toBe('end');
    expect((await turn('esto falla')).phase).toBe('error');
    // Turn records are written in batches (about once a second): wait until both are in.
    let probe: any;
    for (let i = 0; i < 50; i++) {
      const res = await api('GET', '/api/admin/bots', boss.token);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      probe = res.body.bots.find((b: any) => b.name === 'probe');
      if (probe.stats.hour.turns >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(probe).toMatchObject({
      name: 'probe', title: 'Sonda', version: '2.1.0', category: 'developer', listed: true, disabledRooms: 0,
      runtime: {
        kinds: ['responder'], safetyLayer: false, secretKeys: ['apiKey'],
        config: { apiKey: '[redacted]', greeting: 'buenas' },
        process: { processes: expect.any(Number), restarts: 0, running: expect.any(Number), queued: expect.any(Number) },
      },
    });
    expect(probe.stats.hour).toMatchObject({ turns: 2, errors: 1, errorRate: 0.5 });
    expect(probe.stats.hour.p50Ms).toEqual(expect.any(Number));
    expect(probe.stats.hour.p95Ms).toBeGreaterThanOrEqual(probe.stats.hour.p50Ms);
    expect(probe.stats.day.turns).toBe(2);
  }, 30_000);

  it('switches a bot off in one room: the person is told, nothing is stored; on again, it answers', async () => {
    const off = await api('PUT', `/api/admin/bots/probe/rooms/${room}`, boss.token, { enabled: false });
    expect(off.body).toEqual({ bot: 'probe', roomId: room, enabled: false, changed: true });
    const probeMessages = () => client.pushes('message').filter((m) => m.from.id === 'probe').length;
    const before = probeMessages();
    const refused = await turn('¿estás?');
    expect(refused).toMatchObject({ phase: 'error', error: { code: 'FORBIDDEN', reason: 'BOT_DISABLED' } });
    expect(refused.error.i18n.en).toContain('switched off');

    const listed = await api('GET', '/api/admin/bots/probe/rooms', boss.token);
    expect(listed.body).toMatchObject({ total: 1, rooms: [{ roomId: room, bot: 'probe', disabledBy: boss.user.id }] });
    expect((await api('GET', '/api/admin/bots', boss.token)).body.bots.find((b: any) => b.name === 'probe').disabledRooms).toBe(1);

    const on = await api('PUT', `/api/admin/bots/probe/rooms/${room}`, boss.token, { enabled: true });
    expect(probeMessages()).toBe(before);
    expect(on.body.changed).toBe(true);
    const answered = await turn('ya');
    expect(answered.phase).toBe('end');
    const stored = await client.waitForPush('message', (m) => m.offset === answered.offset);
    expect(stored.body.text).toBe('buenas probe: ya');

    expect((await audit(`action=bot.room.*&actor=${boss.user.id}`)).map((e) => [e.action, e.target])).toEqual([
      ['bot.room.enable', `probe@${room}`],
      ['bot.room.disable', `probe@${room}`],
    ]);
  }, 30_000);

  it('answers bad switch requests with coded errors', async () => {
    const put = (p: string, body: unknown) => api('PUT', p, boss.token, body);
    expect(code(await put(`/api/admin/bots/probe/rooms/${room}`, { enabled: 'no' }))).toBe('BAD_ARGS');
    expect(code(await put('/api/admin/bots/probe/rooms/not-a-room', { enabled: false }))).toBe('BAD_ARGS');
    expect(code(await put(`/api/admin/bots/probe/rooms/${randomUUID()}`, { enabled: false }))).toBe('NOT_FOUND');
    expect(code(await put(`/api/admin/bots/nadie/rooms/${room}`, { enabled: false }))).toBe('NOT_FOUND');
    expect(code(await put(`/api/admin/bots/BAD_NAME!/rooms/${room}`, { enabled: false }))).toBe('BAD_ARGS');
  });
});
