/**
 * `POST /api/contact` against the real engine and PostgreSQL: a valid request is stored sealed (no personal text in
 * the row) and reads back decrypted; bad input gets coded errors; each client address has a small budget.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
// A generous budget for the validation tests; the rate-limit test starts its own engine with the defaults.
beforeAll(async () => { t = await startTestEngine({ contactRatePerHour: 10_000, contactRateBurst: 10_000 }); });
afterAll(() => t?.close());

const valid = {
  name: 'Lucía Fernández', email: 'Lucia.Fernandez@Example.org', organisation: 'Fundación Ñandú',
  message: 'Nos interesa integrar MENTALIA en nuestros centros de día.', locale: 'es',
};

async function rawRows(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT * FROM contact_requests')).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

describe('POST /api/contact', () => {
  it('stores the request sealed at rest and reads it back', async () => {
    const res = await t.post('/api/contact', valid);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), createdAt: expect.any(Number) });

    const rows = await rawRows(t.db.url);
    const row = rows.find((r) => r.id === res.body.id)!;
    expect(row).toMatchObject({ locale: 'es', master_key_id: t.config.masterKeyId });
    const everything = Buffer.concat(Object.values(row).map((v) => Buffer.isBuffer(v) ? v : Buffer.from(String(v))));
    for (const secret of ['Lucía', 'lucia.fernandez', 'Ñandú', 'centros de día']) expect(everything.includes(Buffer.from(secret))).toBe(false);

    const [stored] = await t.store.contacts().list(1);
    expect(stored).toMatchObject({
      id: res.body.id, name: 'Lucía Fernández', email: 'lucia.fernandez@example.org', organisation: 'Fundación Ñandú',
      message: valid.message, locale: 'es',
    });
  });

  it('accepts a request without organisation, in English', async () => {
    const res = await t.post('/api/contact', { ...valid, organisation: undefined, locale: 'en', email: 'ana@example.com' });
    expect(res.status).toBe(201);
    expect((await t.store.contacts().list(1))[0]).toMatchObject({ id: res.body.id, organisation: null, locale: 'en' });
  });

  it.each([
    [{ ...valid, email: 'not-an-address' }, 'email'],
    [{ ...valid, email: 'a@b' }, 'email'],
    [{ ...valid, name: '   ' }, 'name'],
    [{ ...valid, name: 42 }, 'name'],
    [{ ...valid, message: 'corto' }, 'message'],
    [{ ...valid, message: 'x'.repeat(4001) }, 'message'],
    [{ ...valid, organisation: 'o'.repeat(161) }, 'organisation'],
    [{ ...valid, locale: 'fr' }, 'locale'],
    [{ email: valid.email, message: valid.message }, 'name'],
  ])('refuses %j with BAD_ARGS naming %s', async (body, field) => {
    const before = (await rawRows(t.db.url)).length;
    const res = await t.post('/api/contact', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringMatching(new RegExp(`^${field}:`)) });
    expect(await rawRows(t.db.url)).toHaveLength(before);
  });

  it('refuses bodies that are not JSON objects or too large', async () => {
    const notJson = await fetch(`${t.httpUrl}/api/contact`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as any).error.code).toBe('BAD_ARGS');
    const big = await t.post('/api/contact', { ...valid, padding: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('TOO_LARGE');
    // Still serving.
    expect((await t.post('/api/contact', valid)).status).toBe(201);
  });
});

describe('rate limit per client address', () => {
  it('allows the burst (default 3), then answers 429 RATE_LIMITED without storing', async () => {
    const fresh = await startTestEngine();
    try {
      for (let i = 0; i < 3; i++) expect((await fresh.post('/api/contact', valid)).status).toBe(201);
      const limited = await fresh.post('/api/contact', valid);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(await rawRows(fresh.db.url)).toHaveLength(3);
    } finally {
      await fresh.close();
    }
  });
});
