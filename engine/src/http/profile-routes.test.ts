/** GET/PATCH /api/me/profile through the real engine (uWS, PostgreSQL), with real tokens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/support/engine.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(() => t?.close());

async function call(method: 'GET' | 'PATCH', token: string | undefined, body?: unknown, raw?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${t.httpUrl}/api/me/profile`, {
    method, headers, ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('the profile API', () => {
  it('starts empty, sets fields, keeps the others on later patches, and removes a field with null', async () => {
    const { token, user } = await t.register();
    expect(await call('GET', token)).toEqual({ status: 200, body: { profile: {} } });

    const first = await call('PATCH', token, {
      language: 'es', country: 'mx', communication: { literal: true, oneQuestionAtATime: true }, sensory: ['sound', 'light'],
    });
    expect(first).toEqual({
      status: 200,
      body: { profile: { language: 'es', country: 'MX', communication: { literal: true, oneQuestionAtATime: true }, sensory: ['sound', 'light'] } },
    });
    const second = await call('PATCH', token, { language: 'en', sensory: null });
    expect(second.body.profile).toEqual({ language: 'en', country: 'MX', communication: { literal: true, oneQuestionAtATime: true } });
    expect((await call('GET', token)).body.profile).toEqual(second.body.profile);
    // What bots read: the stored profile.
    expect((await t.store.findUserById(user.id))?.profile).toMatchObject({ language: 'en', country: 'MX' });
  });

  it('keeps one person’s profile apart from another’s', async () => {
    const a = await t.register();
    const b = await t.register();
    await call('PATCH', a.token, { country: 'AR' });
    expect((await call('GET', b.token)).body.profile).toEqual({});
  });

  it('answers bad input with BAD_ARGS naming the field, and changes nothing', async () => {
    const { token } = await t.register();
    await call('PATCH', token, { country: 'ES' });
    const cases: [unknown, string][] = [
      [{ language: 'fr' }, 'language:'],
      [{ country: 'España' }, 'country:'],
      [{ communication: { literal: 'yes' } }, 'communication.literal:'],
      [{ communication: { shout: true } }, 'communication.shout:'],
      [{ communication: [true] }, 'communication:'],
      [{ sensory: ['noise'] }, 'sensory[0]:'],
      [{ sensory: 'sound' }, 'sensory:'],
      [{ diagnosis: 'free text' }, 'diagnosis:'],
      [{ country: 'MX', notes: 'x' }, 'notes:'],
    ];
    for (const [body, field] of cases) {
      const res = await call('PATCH', token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('BAD_ARGS');
      expect(res.body.error.message.startsWith(field), res.body.error.message).toBe(true);
    }
    expect((await call('PATCH', token, undefined, '{nope')).body.error.code).toBe('BAD_ARGS');
    expect((await call('PATCH', token, undefined, '[1]')).body.error.code).toBe('BAD_ARGS');
    const big = await call('PATCH', token, { country: 'ES', pad: 'x'.repeat(10_000) });
    expect(big).toMatchObject({ status: 413, body: { error: { code: 'TOO_LARGE' } } });
    expect((await call('GET', token)).body.profile).toEqual({ country: 'ES' });
  });

  it('needs a valid token', async () => {
    expect(await call('GET', undefined)).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    expect(await call('PATCH', 'not-a-token', { country: 'ES' })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHORIZED' } } });
    const res = await fetch(`${t.httpUrl}/api/me/profile`, { headers: { authorization: 'Basic abc' } });
    expect(res.status).toBe(401);
  });

  it('rejects an erased account', async () => {
    const { token, user } = await t.register();
    await t.store.eraseUser(user.id, null);
    expect((await call('GET', token)).status).toBe(401);
    expect((await call('PATCH', token, { country: 'ES' })).status).toBe(401);
  });
});
