/**
 * The SDK against the real engine (fresh PostgreSQL database, ephemeral port), with the `ws` package's WebSocket
 * injected: connection, both codecs, two users, a network cut with resume, the outbox across reconnects, token
 * expiry (4502) and a refused token (4001).
 */
import { SignJWT } from 'jose';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/support/engine.ts';
import { createClient, type ChatClient, type ChatError, type ClientOptions, type StateChange, type StoredMessage, type TokenReason } from '../src/index.ts';
import { clientEvent, createNetwork, reachState, roomEvent, showsMessages, waitUntil } from './support.ts';

let t: TestEngine;
beforeAll(async () => { t = await startTestEngine(); });
afterAll(() => t?.close());

let open: ChatClient[] = [];
afterEach(() => { open.forEach((c) => c.close()); open = []; });

type Auth = { token: string; getToken?: undefined } | { getToken: (reason: TokenReason) => Promise<string>; token?: undefined };
/** A client with test-friendly settings: short backoff, no heartbeat (tests run quiet sockets on purpose). */
function sdk(auth: Auth, extra: Partial<Omit<ClientOptions, 'token' | 'getToken'>> = {}): ChatClient {
  const client = createClient({ url: t.wsUrl, WebSocket, heartbeatMs: 0, backoff: { baseMs: 20, maxMs: 200 }, ...extra, ...auth } as ClientOptions);
  open.push(client);
  return client;
}

const texts = (messages: readonly StoredMessage[]) => messages.map((m) => m.body.text);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('connecting and messaging', () => {
  it.each([
    ['msgpack', undefined, 'mentalia.v1.msgpack'],
    ['json', 'json', 'mentalia.v1.json'],
  ] as const)('connects, authenticates, joins, sends and receives (%s)', async (_name, codec, protocol) => {
    const ana = await t.register('Ana');
    const client = sdk({ token: ana.token }, codec ? { codec } : {});
    const states: string[] = [];
    client.on('state', (c) => states.push(c.to));
    const auth = await client.connect();
    expect(states).toEqual(['connecting', 'connected']);
    expect(client.protocol).toBe(protocol);
    expect(auth.user).toMatchObject({ id: ana.user.id, name: 'Ana' });
    expect(client.limits?.maxTextChars).toBe(t.config.maxTextChars);

    const roomId = await client.create({ title: 'Prueba' });
    const room = client.join(roomId);
    expect(await roomEvent(room, 'reset')).toMatchObject({ reason: 'initial', offset: 0, messages: [] });
    const sent = roomEvent(room, 'outbox', (m) => m.status === 'sent');
    const out = room.send('hola ñandú 🌱');
    expect(out).toMatchObject({ status: 'pending', room: roomId, body: { text: 'hola ñandú 🌱' } });
    expect(out.msgId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await out.delivered).toMatchObject({ offset: 1, duplicate: false });
    expect(await sent).toMatchObject({ msgId: out.msgId, status: 'sent', offset: 1 });
    expect(room.messages).toEqual([expect.objectContaining({ offset: 1, msgId: out.msgId, from: expect.objectContaining({ id: ana.user.id }) })]);
    expect(room.pending).toEqual([]);

    expect((await client.rooms()).rooms.map((r) => r.room)).toContain(roomId);
    expect(texts(await client.history(roomId))).toEqual(['hola ñandú 🌱']);
    expect(await client.ping()).toBeGreaterThanOrEqual(0);
    client.close();
    expect(client.state).toBe('closed');
  });

  it('lets two users see each other: messages, presence and typing', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const a = sdk({ token: ana.token });
    const b = sdk({ token: beto.token }, { codec: 'json' }); // mixed codecs in one room
    await Promise.all([a.connect(), b.connect()]);
    const roomId = await a.create({ members: [beto.user.id] });
    const aRoom = a.join(roomId);
    await aRoom.ready;
    expect(aRoom.members.find((m) => m.id === beto.user.id)).toMatchObject({ online: false });

    const betoArrives = roomEvent(aRoom, 'presence', (p) => p.joined.some((u) => u.id === beto.user.id));
    const bRoom = b.join(roomId);
    await Promise.all([bRoom.ready, betoArrives]);
    expect(aRoom.members.find((m) => m.id === beto.user.id)).toMatchObject({ name: 'Beto', online: true });

    const toAna = roomEvent(aRoom, 'message', (m) => m.body.text === 'hola Ana');
    bRoom.send('hola Ana');
    expect((await toAna).from).toMatchObject({ id: beto.user.id, name: 'Beto', kind: 'user' });
    const toBeto = roomEvent(bRoom, 'message', (m) => m.body.text === 'hola Beto');
    aRoom.send('hola Beto');
    await toBeto;
    expect(texts(aRoom.messages)).toEqual(['hola Ana', 'hola Beto']);
    expect(texts(bRoom.messages)).toEqual(['hola Ana', 'hola Beto']);

    const typingOn = roomEvent(aRoom, 'typing', (c) => c.on);
    for (let i = 0; i < 5; i++) bRoom.setTyping(true); // keystrokes: one frame
    expect(await typingOn).toEqual({ user: { id: beto.user.id, name: 'Beto' }, on: true });
    expect(aRoom.typing).toEqual([{ id: beto.user.id, name: 'Beto' }]);
    const typingOff = roomEvent(aRoom, 'typing', (c) => !c.on);
    bRoom.setTyping(false);
    await typingOff;
    expect(aRoom.typing).toEqual([]);
    // One's own typing is not shown back.
    const anaTypes = roomEvent(bRoom, 'typing', (c) => c.on);
    aRoom.setTyping(true);
    await anaTypes;
    await a.ping();
    expect(aRoom.typing).toEqual([]);

    const betoLeaves = roomEvent(aRoom, 'presence', (p) => p.left.some((u) => u.id === beto.user.id));
    b.close();
    await betoLeaves;
    expect(aRoom.members.find((m) => m.id === beto.user.id)?.online).toBe(false);
  });
});

describe('history', () => {
  it('invites a user, who joins with the newest messages and pages back with loadOlder', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const a = sdk({ token: ana.token });
    const b = sdk({ token: beto.token });
    await Promise.all([a.connect(), b.connect()]);
    const roomId = await a.create({ title: 'Historia' });
    for (let i = 1; i <= 5; i++) await a.send(roomId, `h${i}`).delivered;
    await expect(b.join(roomId).ready).rejects.toMatchObject({ code: 'NOT_FOUND' }); // not a member yet
    await a.invite(roomId, beto.user.id);

    const room = b.join(roomId, { limit: 2 });
    expect((await roomEvent(room, 'reset')).messages.map((m) => m.body.text)).toEqual(['h4', 'h5']);
    const older = roomEvent(room, 'older');
    expect((await room.loadOlder(2)).map((m) => m.body.text)).toEqual(['h2', 'h3']);
    expect((await older).map((m) => m.offset)).toEqual([2, 3]);
    expect((await room.loadOlder(10)).map((m) => m.body.text)).toEqual(['h1']);
    expect(await room.loadOlder()).toEqual([]);
    expect(texts(room.messages)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    expect((await b.rooms()).rooms.find((r) => r.room === roomId)).toMatchObject({ title: 'Historia', lastOffset: 5 });
  });
});

describe('reconnect and resume', () => {
  it('rides out a network cut: retries with backoff, then shows every message once and in order, and sends what was queued', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const net = createNetwork();
    const a = sdk({ token: ana.token });
    const b = sdk({ token: beto.token }, { WebSocket: net.WebSocket, backoff: { baseMs: 40, maxMs: 160 } });
    await Promise.all([a.connect(), b.connect()]);
    const roomId = await a.create({ members: [beto.user.id] });
    const aRoom = a.join(roomId);
    const bRoom = b.join(roomId);
    await Promise.all([aRoom.ready, bRoom.ready]);
    const shown: number[] = [];
    const resets: unknown[] = [];
    bRoom.on('message', (m) => shown.push(m.offset));
    bRoom.on('reset', (r) => resets.push(r));
    await aRoom.send('m1').delivered;
    await showsMessages(bRoom, 1);

    const lost: StateChange[] = [];
    b.on('state', (c) => { if (c.event.type === 'lost') lost.push(c); });
    net.down();
    await reachState(b, 'reconnecting');
    for (let i = 2; i <= 6; i++) await aRoom.send(`m${i}`).delivered;
    const queued = [bRoom.send('b1'), bRoom.send('b2')];
    expect(bRoom.pending.map((m) => m.body.text)).toEqual(['b1', 'b2']);
    // While the network is down every attempt fails, each after a jittered delay under the growing ceiling.
    await waitUntil(() => lost.length >= 3, (notify) => b.on('state', notify), 5000, 'three failed attempts');
    lost.slice(0, 3).forEach((change, i) => {
      expect(change.event).toMatchObject({ type: 'lost', code: 1006, attempt: i + 1 });
      const { delayMs } = change.event as { delayMs: number };
      expect(delayMs).toBeGreaterThanOrEqual(0);
      expect(delayMs).toBeLessThan(Math.min(160, 40 * 2 ** i));
    });
    expect(texts(bRoom.messages)).toEqual(['m1']);

    net.up();
    await reachState(b, 'connected');
    const receipts = await Promise.all(queued.map((m) => m.delivered));
    expect(receipts.map((r) => r.offset)).toEqual([7, 8]);
    await aRoom.send('m9').delivered;
    await showsMessages(bRoom, 9);
    expect(texts(bRoom.messages)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'b1', 'b2', 'm9']);
    expect(shown).toEqual(range(1, 9));
    expect(resets).toEqual([]); // resumed, not reloaded
    expect(bRoom.pending).toEqual([]);
    await showsMessages(aRoom, 9);
    expect(aRoom.messages.map((m) => m.offset)).toEqual(range(1, 9));
  });

  it('resends a message whose reply was lost with the same msgId: the engine stores it once', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const net = createNetwork();
    const a = sdk({ token: ana.token });
    const b = sdk({ token: beto.token }, { WebSocket: net.WebSocket, codec: 'json' });
    await Promise.all([a.connect(), b.connect()]);
    const roomId = await a.create({ members: [beto.user.id] });
    const aRoom = a.join(roomId);
    await aRoom.ready;

    net.deafen(); // Beto's socket still sends, but hears nothing: the reply will be lost
    const out = b.send(roomId, 'una sola vez');
    const stored = await roomEvent(aRoom, 'message', (m) => m.msgId === out.msgId);
    expect(b.pending(roomId)).toHaveLength(1);
    net.down();
    net.up();
    expect(await out.delivered).toEqual({ offset: stored.offset, ts: stored.ts, duplicate: true });
    const frames = net.outbound.filter((f) => typeof f === 'string' && f.includes(out.msgId));
    expect(frames).toHaveLength(2);
    expect(frames.every((f) => JSON.parse(f as string).msgId === out.msgId)).toBe(true);
    expect((await a.history(roomId)).filter((m) => m.body.text === 'una sola vez')).toHaveLength(1);
    await a.ping();
    expect(aRoom.messages.filter((m) => m.msgId === out.msgId)).toHaveLength(1);
  });

  it('shows a message stored before the cut once, when the joined sender both recovers and resends it', async () => {
    const beto = await t.register('Beto');
    const net = createNetwork();
    const b = sdk({ token: beto.token }, { WebSocket: net.WebSocket });
    await b.connect();
    const roomId = await b.create();
    const room = b.join(roomId);
    await room.ready;
    const watcher = sdk({ token: beto.token }); // the same user on another device sees what is stored
    await watcher.connect();
    const other = watcher.join(roomId);
    await other.ready;

    net.deafen();
    const out = room.send('¿llegó?');
    await roomEvent(other, 'message', (m) => m.msgId === out.msgId);
    net.down();
    net.up();
    await out.delivered;
    await reachState(b, 'connected');
    await b.ping();
    expect(room.messages.filter((m) => m.msgId === out.msgId)).toHaveLength(1);
    expect(room.pending).toEqual([]);
    expect((await b.history(roomId)).map((m) => m.msgId)).toEqual([out.msgId]);
  });
});

describe('tokens and close codes', () => {
  const sign = (user: { id: string; name: string }, expiresInS: number) =>
    new SignJWT({ name: user.name, roles: ['user'], tier: 'free' }).setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id).setIssuer('mentalia-engine').setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresInS)
      .sign(new TextEncoder().encode(t.config.jwtSecret!));

  it('on 4502 asks getToken for a fresh token, reconnects and resumes the room', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const shortLived = await sign(beto.user, 2);
    const reasons: TokenReason[] = [];
    let expiredNotices = 0;
    const b = sdk({ getToken: async (reason) => { reasons.push(reason); return reason === 'expired' ? beto.token : shortLived; } },
      { onTokenExpired: () => { expiredNotices++; } });
    const a = sdk({ token: ana.token });
    await Promise.all([a.connect(), b.connect()]);
    const roomId = await a.create({ members: [beto.user.id] });
    const aRoom = a.join(roomId);
    const bRoom = b.join(roomId);
    await Promise.all([aRoom.ready, bRoom.ready]);
    await aRoom.send('antes').delivered;
    await showsMessages(bRoom, 1);

    const changes: StateChange[] = [];
    b.on('state', (c) => changes.push(c));
    const notice = clientEvent(b, 'disconnect', () => true, 5000);
    const reauthenticated = clientEvent(b, 'authenticated', () => true, 8000);
    expect(await notice).toMatchObject({ code: 4502, reconnect: true });
    await aRoom.send('durante').delivered; // during or right after the gap: shown once either way
    await reauthenticated;
    await aRoom.send('después').delivered;
    await showsMessages(bRoom, 3);
    expect(texts(bRoom.messages)).toEqual(['antes', 'durante', 'después']);
    expect(reasons).toEqual(['connect', 'expired']);
    expect(expiredNotices).toBe(1);
    expect(changes.map((c) => c.to)).toEqual(['reconnecting', 'connected']);
    expect(changes[0]!.event).toMatchObject({ type: 'lost', code: 4502 });
  });

  it('closes for good on 4001 (refused token): no reconnect', async () => {
    const net = createNetwork();
    const client = sdk({ token: 'not.a.jwt' }, { WebSocket: net.WebSocket });
    const errors: ChatError[] = [];
    client.on('error', (e) => errors.push(e));
    await expect(client.connect()).rejects.toMatchObject({ code: 'UNAUTHORIZED', closeCode: 4001 });
    expect(client.state).toBe('closed');
    expect(errors[0]).toMatchObject({ code: 'UNAUTHORIZED', temporary: false });
    await expect(client.rooms()).rejects.toMatchObject({ code: 'CLOSED' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // longer than the backoff ceiling: proves a negative
    expect(net.constructed).toBe(1);
  });
});
