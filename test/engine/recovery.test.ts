import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => { t = await startTestEngine({ roomCacheSize: 20, recoveryWindow: 100 }); });
afterAll(() => t?.close());

const send = (c: any, room: string, s: string, msgId = randomUUID()) => c.ok({ type: 'send', room, msgId, body: { text: s } });

describe('idempotent send', () => {
  it('answers a resent msgId with the original offset and delivers it once, whoever resends it', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const a = await t.client(ana.token);
    const b = await t.client(beto.token);
    const { room } = await a.ok({ type: 'create', members: [beto.user.id] });
    await b.ok({ type: 'join', room });
    const msgId = randomUUID();
    const first = await send(a, room, 'una vez', msgId);
    const again = await send(a, room, 'una vez', msgId);
    const otherBody = await send(b, room, 'otro texto', msgId);
    expect(first).toMatchObject({ offset: 1, duplicate: false });
    expect(again).toMatchObject({ offset: 1, ts: first.ts, duplicate: true });
    expect(otherBody).toMatchObject({ offset: 1, duplicate: true });
    // Concurrent resends racing in one batch are still stored once.
    const raced = randomUUID();
    const results = await Promise.all([send(a, room, 'carrera', raced), send(a, room, 'carrera', raced), send(b, room, 'carrera', raced)]);
    expect(new Set(results.map((r) => r.offset)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    await send(a, room, 'fin');
    await b.waitForPush('message', (m) => m.body.text === 'fin');
    expect(b.pushes('message').map((m) => m.offset)).toEqual([1, 2, 3]);
    await Promise.all([a.close(), b.close()]);
  });

  it('still detects a duplicate after the room left the cache (database check)', async () => {
    const me = await t.register();
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create' });
    const msgId = randomUUID();
    await send(c, room, 'primero', msgId);
    for (let i = 0; i < 30; i++) await send(c, room, `relleno ${i}`); // pushes msgId out of the 20-message cache
    expect(await send(c, room, 'primero', msgId)).toMatchObject({ offset: 1, duplicate: true });
    await c.close();
  });
});

describe('recovery on reconnect', () => {
  it('returns exactly the messages missed while away, then live pushes, with no gap and no duplicate', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const a = await t.client(ana.token, 'msgpack');
    let b = await t.client(beto.token, 'msgpack');
    const { room } = await a.ok({ type: 'create', members: [beto.user.id] });
    const joined = await b.ok({ type: 'join', room });
    await send(a, room, 'm1');
    await b.waitForPush('message', (m) => m.offset === 1);
    const position = { epoch: joined.epoch, offset: 1 };
    await b.close();

    for (let i = 2; i <= 6; i++) await send(a, room, `m${i}`);
    b = await t.client(beto.token, 'msgpack');
    // A writer keeps sending while Beto rejoins: the reply and the pushes must splice exactly.
    const writer = (async () => { for (let i = 7; i <= 16; i++) await send(a, room, `m${i}`); })();
    const resumed = await b.ok({ type: 'join', room, since: position });
    await writer;
    expect(resumed.recovered).toBe(true);
    expect(resumed.epoch).toBe(joined.epoch);
    await b.ok({ type: 'ping' }); // every push published before the writer finished precedes this reply
    const seen = [...resumed.messages.map((m: any) => m.offset), ...b.pushes('message').map((m) => m.offset)];
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => i + 2));
    expect(resumed.messages.every((m: any) => m.body.text === `m${m.offset}`)).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('recovers from the database when the gap is older than the cache', async () => {
    const me = await t.register();
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create' });
    const { epoch } = await c.ok({ type: 'join', room });
    for (let i = 1; i <= 45; i++) await send(c, room, `n${i}`);
    const other = await t.client(me.token);
    const resumed = await other.ok({ type: 'join', room, since: { epoch, offset: 3 } });
    expect(resumed.recovered).toBe(true);
    expect(resumed.messages.map((m: any) => m.offset)).toEqual(Array.from({ length: 42 }, (_, i) => i + 4));
    await Promise.all([c.close(), other.close()]);
  });

  it('answers recovered:false with the latest messages for another epoch or a gap beyond the window', async () => {
    const me = await t.register();
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create' });
    for (let i = 1; i <= 120; i++) await send(c, room, `k${i}`);
    const { epoch } = await c.ok({ type: 'join', room, limit: 1 });
    const stale = await c.ok({ type: 'join', room, since: { epoch: 'otra-época', offset: 100 }, limit: 5 });
    expect(stale).toMatchObject({ recovered: false, epoch, offset: 120 });
    expect(stale.messages.map((m: any) => m.offset)).toEqual([116, 117, 118, 119, 120]);
    const tooOld = await c.ok({ type: 'join', room, since: { epoch, offset: 2 }, limit: 3 });
    expect(tooOld.recovered).toBe(false);
    expect(tooOld.messages.map((m: any) => m.offset)).toEqual([118, 119, 120]);
    await c.close();
  });

  it('changes the epoch when the room history is destroyed (crypto-shredding) and recovery then starts over', async () => {
    const me = await t.register('Borrable');
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create' });
    await send(c, room, 'algo privado');
    const { epoch } = await c.ok({ type: 'join', room });
    await c.close();
    const { shreddedRooms } = await t.store.eraseUser(me.user.id, null);
    expect(shreddedRooms).toContain(room);
    const after = await t.store.getRoom(room);
    expect(after?.epoch).not.toBe(epoch);
    // The erased account can no longer authenticate.
    expect((await t.post('/api/auth/login', { email: me.user.email, password: 'correct horse battery' })).status).toBe(401);
  });
});

describe('erasure while the engine runs', () => {
  it('serves redacted messages, not cached plaintext, after a member of a shared room is erased', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const a = await t.client(ana.token);
    const b = await t.client(beto.token);
    const { room } = await a.ok({ type: 'create', members: [beto.user.id] });
    await b.ok({ type: 'join', room });
    await send(a, room, 'algo que Ana quiere borrar');
    await send(b, room, 'respuesta de Beto');
    expect((await b.ok({ type: 'history', room })).messages.map((m: any) => m.body.text)).toContain('algo que Ana quiere borrar');

    await t.store.eraseUser(ana.user.id, null); // as the admin CLI would, from outside the socket path
    await expect.poll(async () => (await b.ok({ type: 'history', room })).messages.map((m: any) => m.body.text), { timeout: 5000 })
      .toEqual(['', 'respuesta de Beto']);
    const history = await b.ok({ type: 'history', room });
    expect(history.messages[0]).toMatchObject({ from: { name: 'Usuario eliminado' }, body: { data: { redacted: true } } });
    await Promise.all([a.close(), b.close()]);
  });
});

describe('history', () => {
  it('pages backwards with before/limit, oldest first in each page', async () => {
    const me = await t.register();
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create' });
    for (let i = 1; i <= 60; i++) await send(c, room, `h${i}`);
    const newest = await c.ok({ type: 'history', room, limit: 25 });
    expect(newest.messages.map((m: any) => m.offset)).toEqual(Array.from({ length: 25 }, (_, i) => i + 36));
    const older = await c.ok({ type: 'history', room, before: 36, limit: 25 });
    expect(older.messages.map((m: any) => m.offset)).toEqual(Array.from({ length: 25 }, (_, i) => i + 11));
    const oldest = await c.ok({ type: 'history', room, before: 11, limit: 25 });
    expect(oldest.messages.map((m: any) => m.offset)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(oldest.messages[0].body.text).toBe('h1');
    expect((await c.request({ type: 'history', room, limit: 500 })).error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('limit') });
    await c.close();
  });
});
