import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => { t = await startTestEngine(); });
afterAll(() => t?.close());

const text = (s: string) => ({ text: s });

describe.each(['json', 'msgpack'] as const)('conversations over %s', (codec) => {
  it('creates a room, sends, acknowledges and fans out to every joined member', async () => {
    const [ana, beto, carla] = await Promise.all([t.register('Ana'), t.register('Beto'), t.register('Carla')]);
    const a = await t.client(ana.token, codec);
    const b = await t.client(beto.token, codec);
    const c = await t.client(carla.token, codec);
    const { room } = await a.ok({ type: 'create', title: 'Equipo', members: [beto.user.id, carla.user.id] });
    for (const client of [a, b, c]) expect((await client.ok({ type: 'join', room })).offset).toBe(0);

    const sent = await a.ok({ type: 'send', room, msgId: randomUUID(), body: text('¡Hola a todos! 👋') });
    expect(sent).toMatchObject({ offset: 1, duplicate: false, ts: expect.any(Number) });
    for (const client of [a, b, c]) {
      const push = await client.waitForPush('message', (m) => m.room === room);
      expect(push).toMatchObject({
        room, offset: 1, epoch: expect.any(String), ts: sent.ts,
        from: { id: ana.user.id, kind: 'user', name: 'Ana' }, body: { text: '¡Hola a todos! 👋', kind: 'text' },
      });
    }
    const second = await b.ok({ type: 'send', room, msgId: randomUUID(), body: text('Hola Ana') });
    expect(second.offset).toBe(2);
    await a.waitForPush('message', (m) => m.offset === 2);

    const rooms = await c.ok({ type: 'rooms' });
    expect(rooms.rooms).toEqual([expect.objectContaining({ room, title: 'Equipo', lastOffset: 2, bots: [] })]);
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('keeps strangers out: join, send and history answer NOT_FOUND, even for rooms that exist', async () => {
    const [owner, stranger] = await Promise.all([t.register('Dueña'), t.register('Extraño')]);
    const o = await t.client(owner.token, codec);
    const s = await t.client(stranger.token, codec);
    const { room } = await o.ok({ type: 'create' });
    await o.ok({ type: 'join', room });
    await o.ok({ type: 'send', room, msgId: randomUUID(), body: text('secreto') });
    for (const cmd of [{ type: 'join', room }, { type: 'send', room, msgId: randomUUID(), body: text('hola') }, { type: 'history', room }, { type: 'invite', room, user: stranger.user.id }]) {
      expect((await s.request(cmd)).error).toMatchObject({ code: 'NOT_FOUND', temporary: false });
    }
    expect((await s.request({ type: 'join', room: randomUUID() })).error.code).toBe('NOT_FOUND');
    expect((await s.request({ type: 'join', room: 'not-a-uuid' })).error.code).toBe('NOT_FOUND');
    expect(s.pushes('message')).toEqual([]);
    await Promise.all([o.close(), s.close()]);
  });

  it('lets only the owner invite; an invited user can then join and read history', async () => {
    const [owner, member, newcomer] = await Promise.all([t.register('Olga'), t.register('Mario'), t.register('Nora')]);
    const o = await t.client(owner.token, codec);
    const m = await t.client(member.token, codec);
    const n = await t.client(newcomer.token, codec);
    const { room } = await o.ok({ type: 'create', members: [member.user.id] });
    await o.ok({ type: 'send', room, msgId: randomUUID(), body: text('antes de Nora') });
    expect((await m.request({ type: 'invite', room, user: newcomer.user.id })).error.code).toBe('FORBIDDEN');
    expect((await o.request({ type: 'invite', room, user: randomUUID() })).error.code).toBe('NOT_FOUND');
    await o.ok({ type: 'invite', room, user: newcomer.user.id });
    const joined = await n.ok({ type: 'join', room });
    expect(joined.messages.map((x: any) => x.body.text)).toEqual(['antes de Nora']);
    expect(joined.members.map((x: any) => x.id).sort()).toEqual([owner.user.id, member.user.id, newcomer.user.id].sort());
    expect(joined.members.find((x: any) => x.id === owner.user.id).role).toBe('owner');
    await Promise.all([o.close(), m.close(), n.close()]);
  });

  it('pushes presence on join and on disconnect, and typing to the other members', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const a = await t.client(ana.token, codec);
    const { room } = await a.ok({ type: 'create', members: [beto.user.id] });
    await a.ok({ type: 'join', room });
    const b = await t.client(beto.token, codec);
    const joined = await b.ok({ type: 'join', room });
    expect(joined.members.find((m: any) => m.id === ana.user.id).online).toBe(true);
    expect(await a.waitForPush('presence', (p) => p.joined.length > 0 && p.joined[0].id === beto.user.id))
      .toMatchObject({ room, joined: [{ id: beto.user.id, name: 'Beto' }], left: [] });

    b.send({ type: 'typing', room, on: true }); // fire-and-forget: no id, no reply
    expect(await a.waitForPush('typing')).toMatchObject({ room, user: { id: beto.user.id, name: 'Beto' }, on: true });
    await b.close();
    expect(await a.waitForPush('presence', (p) => p.left.length > 0)).toMatchObject({ room, joined: [], left: [{ id: beto.user.id }] });
    expect(b.received.filter((i) => i.id === undefined && i.type === 'error')).toEqual([]);
    await a.close();
  });

  it('stops pushes after leave without losing membership', async () => {
    const owner = await t.register('Lía');
    const first = await t.client(owner.token, codec);
    const second = await t.client(owner.token, codec);
    const { room } = await first.ok({ type: 'create' });
    await first.ok({ type: 'join', room });
    await second.ok({ type: 'join', room });
    await second.ok({ type: 'leave', room });
    await first.ok({ type: 'send', room, msgId: randomUUID(), body: text('uno') });
    await first.waitForPush('message');
    await second.ok({ type: 'ping' }); // a round trip after the push was fanned out
    expect(second.pushes('message')).toEqual([]);
    expect((await second.ok({ type: 'history', room })).messages).toHaveLength(1);
    await Promise.all([first.close(), second.close()]);
  });
});

describe('room listing', () => {
  it('pages the caller’s rooms most recent first with an opaque cursor', async () => {
    const me = await t.register('Pagina');
    const c = await t.client(me.token);
    const rooms: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { room } = await c.ok({ type: 'create', title: `sala ${i}` });
      await c.ok({ type: 'send', room, msgId: randomUUID(), body: text(`m${i}`) });
      rooms.push(room);
    }
    const page1 = await c.ok({ type: 'rooms', limit: 2 });
    const page2 = await c.ok({ type: 'rooms', limit: 2, before: page1.next });
    const page3 = await c.ok({ type: 'rooms', limit: 2, before: page2.next });
    const all = [...page1.rooms, ...page2.rooms, ...page3.rooms];
    expect(all.map((r: any) => r.room).sort()).toEqual([...rooms].sort());
    const times = all.map((r: any) => r.lastTs);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(page3.next).toBeUndefined();
    await c.close();
  });

  it('answers create with an unknown bot or member as NOT_FOUND', async () => {
    const me = await t.register();
    const c = await t.client(me.token);
    expect((await c.request({ type: 'create', bot: 'no-existe' })).error.code).toBe('NOT_FOUND');
    expect((await c.request({ type: 'create', members: [randomUUID()] })).error.code).toBe('NOT_FOUND');
    await c.close();
  });
});
