/**
 * Partner sites of the widget against the real engine and PostgreSQL: the admin CLI adds a site (secret printed
 * once, stored sealed, audited), `POST /api/auth/guest {site, visitor?}` checks the Origin and the visitor's
 * signature, gives CORS headers to the site's origins only, and maps a verified visitor to one stable guest.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../engine/src/cli/admin.ts';
import { createLogger } from '../../engine/src/log.ts';
import { SIGNATURE_WINDOW_S } from '../../engine/src/sites/visitor-auth.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

const ORIGIN = 'https://tienda.example';
let t: TestEngine;
let secret: string;

async function admin(args: string[]) {
  let out = '';
  let err = '';
  const code = await runAdmin(args, t.config, createLogger('silent'), { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const sign = (key: string, id: string, ts: number) => createHmac('sha256', key).update(`${id}.${ts}`).digest('hex');
const now = () => Math.floor(Date.now() / 1000);

async function guest(body: unknown, origin: string | null = ORIGIN) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (origin) headers.origin = origin;
  const res = await fetch(`${t.httpUrl}/api/auth/guest`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, cors: res.headers.get('access-control-allow-origin'), body: (await res.json()) as any };
}

const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

beforeAll(async () => {
  t = await startTestEngine({}, { bots: { pluginsDirs: [path.join(process.cwd(), 'plugins')], pluginConfig: { echo: { useLlm: false } } } });
  const added = await admin(['site-add', 'tienda', '--bot', 'echo', '--origins', `${ORIGIN},http://localhost:5173`, '--name', 'Tienda']);
  expect(added.code).toBe(0);
  const printed = JSON.parse(added.out) as { site: { id: string; allowedOrigins: string[] }; secret: string };
  expect(printed.site).toMatchObject({ id: 'tienda', allowedOrigins: [ORIGIN, 'http://localhost:5173'] });
  secret = printed.secret;
}, 120_000);

afterAll(() => t?.close());

describe('admin CLI', () => {
  it('prints the secret once, stores it only sealed, and audits without it', async () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const rows = (await t.db.query(`SELECT secret_sealed, master_key_id FROM partner_sites WHERE id = 'tienda'`)).rows;
    expect(Buffer.from(rows[0].secret_sealed).includes(Buffer.from(secret))).toBe(false);
    const list = await admin(['site-list']);
    expect(list.code).toBe(0);
    expect(list.out).not.toContain(secret);
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ id: 'tienda', name: 'Tienda', bot: 'echo' })]);
    const audit = (await t.db.query(`SELECT action, target, detail::text AS detail FROM audit_log WHERE action LIKE 'site.%'`)).rows;
    expect(audit).toEqual([expect.objectContaining({ action: 'site.add', target: 'tienda' })]);
    expect(audit[0].detail).not.toContain(secret);
  });

  it('refuses bad arguments: a path in an origin, a duplicate id, usage errors', async () => {
    expect((await admin(['site-add', 'otra', '--bot', 'echo', '--origins', 'https://a.example/path'])).code).toBe(1);
    expect((await admin(['site-add', 'tienda', '--bot', 'echo', '--origins', ORIGIN])).err).toContain('already exists');
    expect((await admin(['site-add', 'sin-bot', '--origins', ORIGIN])).code).toBe(2);
    expect((await admin(['site-rotate-secret', 'nadie'])).code).toBe(1);
  });
});

describe('POST /api/auth/guest with a site', () => {
  it('an unknown site is NOT_FOUND (404)', async () => {
    expect(await guest({ site: 'nadie' })).toMatchObject({ status: 404, cors: null, body: { error: { code: 'NOT_FOUND' } } });
  });

  it('an origin that is not allowed (or none) is FORBIDDEN (403), without CORS headers', async () => {
    expect(await guest({ site: 'tienda' }, 'https://evil.example')).toMatchObject({ status: 403, cors: null, body: { error: { code: 'FORBIDDEN' } } });
    expect(await guest({ site: 'tienda' }, null)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('an allowed origin gets a fresh guest each time, CORS for that origin, and claims naming site and bot', async () => {
    const a = await guest({ site: 'tienda' });
    const b = await guest({ site: 'tienda' });
    expect(a).toMatchObject({ status: 200, cors: ORIGIN, body: { site: { id: 'tienda', bot: 'echo' }, user: { roles: ['guest'] } } });
    expect(a.body.user.id).not.toBe(b.body.user.id);
    expect(claims(a.body.token)).toMatchObject({ sub: a.body.user.id, site: 'tienda', bot: 'echo' });
    // The engine's own origin is the widget panel (framed only by the site's origins).
    expect((await guest({ site: 'tienda' }, t.httpUrl)).status).toBe(200);
    const ws = await t.client(a.body.token);
    expect((await ws.request({ type: 'ping' })).ok).toBe(true);
    await ws.close();
  });

  it('a site visitor may talk only to the site\'s bot, alone: another bot, other members or invites are FORBIDDEN', async () => {
    const visitor = await guest({ site: 'tienda' });
    const person = await t.register('Luis');
    const ws = await t.client(visitor.body.token);
    const { room } = await ws.ok({ type: 'create', bot: 'echo' });
    expect(room).toEqual(expect.any(String));
    for (const create of [{ bot: 'spoiler-detector' }, { bots: ['echo', 'spoiler-detector'] }, { bot: 'echo', members: [person.user.id] }]) {
      expect((await ws.request({ type: 'create', ...create })).error).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await ws.request({ type: 'invite', room, user: person.user.id })).error).toMatchObject({ code: 'FORBIDDEN' });
    await ws.close();
  });

  it('answers the CORS preflight for site origins only', async () => {
    const ok = await fetch(`${t.httpUrl}/api/auth/guest`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type');
    const no = await fetch(`${t.httpUrl}/api/auth/guest`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a signed visitor gets the same guest every time (a returning visitor finds their conversation)', async () => {
    const ts = now();
    const first = await guest({ site: 'tienda', visitor: { id: 'cliente-42', name: 'Marta', ts, sig: sign(secret, 'cliente-42', ts) } });
    expect(first).toMatchObject({ status: 200, body: { user: { name: 'Marta', roles: ['guest'] } } });
    const ws = await t.client(first.body.token);
    const { room } = await ws.ok({ type: 'create', bot: 'echo' });
    await ws.close();

    const later = now() + 1;
    const again = await guest({ site: 'tienda', visitor: { id: 'cliente-42', ts: later, sig: sign(secret, 'cliente-42', later) } });
    expect(again.body.user.id).toBe(first.body.user.id);
    const ws2 = await t.client(again.body.token);
    expect((await ws2.ok({ type: 'rooms' })).rooms.map((r: { room: string }) => r.room)).toContain(room);
    await ws2.close();
    // The partner's visitor id is not stored in clear.
    const stored = (await t.db.query(`SELECT visitor_hash FROM site_visitors`)).rows.map((r) => r.visitor_hash as string);
    expect(stored.some((h) => h.includes('cliente-42'))).toBe(false);
  });

  it('after the visitor\'s guest account is erased (GDPR), the next signed visit gets a new working account', async () => {
    const ts = now();
    const first = await guest({ site: 'tienda', visitor: { id: 'cliente-borrada', ts, sig: sign(secret, 'cliente-borrada', ts) } });
    await t.store.eraseUser(first.body.user.id, 'test');
    const again = await guest({ site: 'tienda', visitor: { id: 'cliente-borrada', ts, sig: sign(secret, 'cliente-borrada', ts) } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).not.toBe(first.body.user.id);
    const ws = await t.client(again.body.token);
    expect((await ws.request({ type: 'ping' })).ok).toBe(true);
    await ws.close();
    const third = await guest({ site: 'tienda', visitor: { id: 'cliente-borrada', ts, sig: sign(secret, 'cliente-borrada', ts) } });
    expect(third.body.user.id).toBe(again.body.user.id);
  });

  it('a bad or expired signature is UNAUTHORIZED (401); a malformed visitor is BAD_ARGS (400)', async () => {
    const ts = now();
    expect(await guest({ site: 'tienda', visitor: { id: 'v1', ts, sig: sign('otro-secreto', 'v1', ts) } })).toMatchObject({ status: 401, cors: ORIGIN, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await guest({ site: 'tienda', visitor: { id: 'v1', ts, sig: sign(secret, 'v2', ts) } })).toMatchObject({ status: 401 });
    const old = ts - SIGNATURE_WINDOW_S - 5;
    expect(await guest({ site: 'tienda', visitor: { id: 'v1', ts: old, sig: sign(secret, 'v1', old) } })).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('expired') } } });
    expect(await guest({ site: 'tienda', visitor: { id: 'v1', ts, sig: 'zz' } })).toMatchObject({ status: 401 });
    expect(await guest({ site: 'tienda', visitor: { id: '', ts, sig: 'x' } })).toMatchObject({ status: 400, body: { error: { code: 'BAD_ARGS' } } });
    expect(await guest({ site: 'tienda', visitor: 'cliente' })).toMatchObject({ status: 400 });
    expect(await guest({ site: 7 })).toMatchObject({ status: 400 });
  });

  it('rotating the secret stops old signatures at once and is audited', async () => {
    const rotated = await admin(['site-rotate-secret', 'tienda']);
    expect(rotated.code).toBe(0);
    const fresh = JSON.parse(rotated.out).secret as string;
    expect(fresh).not.toBe(secret);
    const ts = now();
    expect((await guest({ site: 'tienda', visitor: { id: 'v9', ts, sig: sign(secret, 'v9', ts) } })).status).toBe(401);
    expect((await guest({ site: 'tienda', visitor: { id: 'v9', ts, sig: sign(fresh, 'v9', ts) } })).status).toBe(200);
    const actions = (await t.db.query(`SELECT action FROM audit_log WHERE target = 'tienda' ORDER BY id`)).rows.map((r) => r.action);
    expect(actions).toEqual(['site.add', 'site.rotate-secret']);
    secret = fresh;
  });
});
