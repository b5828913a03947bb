import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => { t = await startTestEngine({ authTimeoutMs: 400 }); });
afterAll(() => t?.close());

const sign = (secret: string, claims: { sub: string; exp: number }) =>
  new SignJWT({ name: 'x', roles: ['user'], tier: 'free' }).setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub).setIssuer('mentalia-engine').setIssuedAt().setExpirationTime(claims.exp)
    .sign(new TextEncoder().encode(secret));

describe('HTTP auth API', () => {
  it('registers, rejects a duplicate e-mail, logs in and refuses a wrong password', async () => {
    const email = `ana-${Date.now()}@example.org`;
    const reg = await t.post('/api/auth/register', { email, password: 'una contraseña larga', name: 'Ana' });
    expect(reg.status).toBe(201);
    expect(reg.body.user).toMatchObject({ email, name: 'Ana', roles: ['user'], tier: 'free' });
    expect(reg.body.token).toEqual(expect.any(String));

    const dup = await t.post('/api/auth/register', { email: email.toUpperCase(), password: 'otra contraseña', name: 'Ana 2' });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });

    const login = await t.post('/api/auth/login', { email, password: 'una contraseña larga' });
    expect(login.status).toBe(200);
    expect(login.body.user.id).toBe(reg.body.user.id);

    const wrong = await t.post('/api/auth/login', { email, password: 'no es esta' });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    const unknown = await t.post('/api/auth/login', { email: 'nadie@example.org', password: 'no es esta' });
    expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
  });

  it('answers bad bodies with coded errors naming the field', async () => {
    expect(await t.post('/api/auth/register', { email: 'no-arroba', password: 'larga larga', name: 'X' }))
      .toMatchObject({ status: 400, body: { error: { code: 'BAD_ARGS', message: expect.stringContaining('email') } } });
    expect(await t.post('/api/auth/register', { email: 'a@b.co', password: 'corta', name: 'X' }))
      .toMatchObject({ status: 400, body: { error: { code: 'BAD_ARGS', message: expect.stringContaining('password') } } });
    expect(await t.post('/api/auth/register', { email: 'a@b.co', password: 12345678, name: 'X' }))
      .toMatchObject({ status: 400, body: { error: { code: 'BAD_ARGS', message: expect.stringContaining('password') } } });
    const notJson = await fetch(`${t.httpUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as any).error.code).toBe('BAD_ARGS');
    const huge = await t.post('/api/auth/login', { email: 'a@b.co', password: 'x'.repeat(20_000) });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'TOO_LARGE' } } });
  });

  it('issues guest tokens that authenticate on the socket', async () => {
    const guest = await t.post('/api/auth/guest', {});
    expect(guest.status).toBe(200);
    const client = await t.client(guest.body.token);
    const auth = client.received.find((i) => i.ok === true && i.user)!;
    expect(auth.user.roles).toEqual(['guest']);
    await client.close();
    expect((await t.post('/api/auth/guest', { site: 'desconocido' })).status).toBe(404);
  });
});

describe('socket auth', () => {
  it('accepts a good token and returns user, session, server time and limits', async () => {
    const { token, user } = await t.register('Beto');
    const client = await TestClient.connect(t.wsUrl);
    const reply = await client.request({ type: 'auth', token });
    expect(reply).toMatchObject({
      ok: true, user: { id: user.id, name: 'Beto', roles: ['user'] }, session: expect.any(String),
      limits: { maxFrameBytes: t.config.maxFrameBytes, maxTextChars: t.config.maxTextChars, ratePerSec: t.config.ratePerSec },
    });
    expect(Math.abs(reply.serverTime - Date.now())).toBeLessThan(5000);
    await client.close();
  });

  it('runs commands pipelined right behind auth once it succeeds instead of refusing them', async () => {
    const { token } = await t.register('Pipa');
    const client = await TestClient.connect(t.wsUrl);
    client.send([{ id: 1, type: 'auth', token }, { id: 2, type: 'create', title: 'rápida' }, { id: 3, type: 'ping' }]);
    const [auth, create, ping] = await Promise.all([1, 2, 3].map((id) => client.waitFor((i) => i.id === id)));
    expect([auth!.ok, create!.ok, ping!.ok]).toEqual([true, true, true]);
    expect(auth!.user.name).toBe('Pipa');
    await client.close();
  });

  it('refuses commands pipelined behind a failed auth', async () => {
    const client = await TestClient.connect(t.wsUrl);
    client.send([{ id: 1, type: 'auth', token: 'nope' }, { id: 2, type: 'rooms' }]);
    expect((await client.waitFor((i) => i.id === 2)).error.code).toBe('UNAUTHORIZED');
    expect((await client.closed).code).toBe(4001);
  });

  it('refuses any command before auth with UNAUTHORIZED and keeps the socket open', async () => {
    const client = await TestClient.connect(t.wsUrl);
    const reply = await client.request({ type: 'rooms' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', temporary: false } });
    expect((await client.request({ type: 'ping' })).error.code).toBe('UNAUTHORIZED');
    await client.close();
  });

  it.each([
    ['forged', () => sign('another secret that is long enough!!', { sub: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) + 60 })],
    ['expired', () => sign(t.config.jwtSecret!, { sub: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) - 10 })],
    ['garbage', async () => 'not.a.jwt'],
    ['missing', async () => undefined],
    ['non-string', async () => 12345],
  ])('answers a %s token with UNAUTHORIZED, then disconnect 4001', async (_kind, makeToken) => {
    const client = await TestClient.connect(t.wsUrl);
    const reply = await client.request({ type: 'auth', token: await makeToken() });
    expect(reply.error.code).toBe('UNAUTHORIZED');
    expect(await client.waitForPush('disconnect')).toMatchObject({ code: 4001, reconnect: false });
    expect((await client.closed).code).toBe(4001);
  });

  it('closes with 4001 when auth does not come in time', async () => {
    const client = await TestClient.connect(t.wsUrl);
    expect(await client.waitForPush('disconnect')).toMatchObject({ code: 4001, reason: 'authentication timeout' });
    expect((await client.closed).code).toBe(4001);
  });

  it('closes with 4502 when the token expires on an open connection', async () => {
    const { user } = await t.register();
    const token = await sign(t.config.jwtSecret!, { sub: user.id, exp: Math.floor(Date.now() / 1000) + 1 });
    const client = await t.client(token);
    expect(await client.waitForPush('disconnect', () => true, 4000)).toMatchObject({ code: 4502, reconnect: true });
    expect((await client.closed).code).toBe(4502);
  });

  it('refuses an upgrade offering only unknown sub-protocols with HTTP 400', async () => {
    await expect(TestClient.connect(t.wsUrl, { protocols: ['chat.v9'] })).rejects.toThrow('upgrade refused: 400');
  });
});

describe('auth route flood protection', () => {
  it('answers 429 RATE_LIMITED with retryAfterMs once an address exceeds its budget', async () => {
    const strict = await startTestEngine({ authRatePerSec: 1, authRateBurst: 2 });
    try {
      const attempts = [];
      for (let i = 0; i < 3; i++) attempts.push(await strict.post('/api/auth/login', { email: 'a@b.co', password: 'contraseña' }));
      expect(attempts.map((a) => a.status)).toEqual([401, 401, 429]);
      expect(attempts[2]!.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await strict.close();
    }
  });
});
