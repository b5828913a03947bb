/**
 * The client core against a scripted server (no engine): resume merging, gap repair, the bot-message hold, outbox
 * retries and close-code verdicts, each driven step by step so every interleaving is deterministic.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../schema/protocol.ts';
import { createClient, localOutboxStorage, type ChatClient, type StateChange, type TurnView } from '../src/index.ts';
import { clientEvent, createFakeServer, reachState, roomEvent, showsMessages } from './support.ts';

const USER = { id: 'u1', name: 'Ana', roles: ['user'] };
const AUTH = { user: USER, session: 's', serverTime: 0, limits: { maxFrameBytes: 65536, maxTextChars: 8000, ratePerSec: 20 }, protocol: 1 };
const msg = (offset: number, extra: Partial<StoredMessage> = {}): StoredMessage =>
  ({ room: 'r1', epoch: 'e1', offset, msgId: `m${offset}`, from: { id: 'u2', kind: 'user', name: 'Beto' }, body: { text: `m${offset}`, kind: 'text' }, ts: offset, ...extra });
const push = (m: StoredMessage) => ({ type: 'message', ...m });
/** Lets pending promise reactions run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));
const offsets = (messages: readonly StoredMessage[]) => messages.map((m) => m.offset);

let clients: ChatClient[] = [];
afterEach(() => { clients.forEach((c) => c.close()); clients = []; });

async function connected(server = createFakeServer(), extra: Record<string, unknown> = {}) {
  const client = createClient({ transport: server.factory, token: 't', backoff: { baseMs: 1, maxMs: 5 }, heartbeatMs: 0, ...extra });
  clients.push(client);
  const ready = client.connect();
  server.reply(await server.command('auth'), AUTH);
  await ready;
  return { client, server };
}

describe('room resume and merge', () => {
  it('appends exactly the missed messages after a reconnect and drops duplicated pushes', async () => {
    const { client, server } = await connected();
    const room = client.join('r1');
    const shown: number[] = [];
    room.on('message', (m) => shown.push(m.offset));
    const reset = roomEvent(room, 'reset');
    server.reply(await server.command('join'), { room: 'r1', epoch: 'e1', offset: 2, recovered: false, messages: [msg(1), msg(2)], members: [] });
    expect(await reset).toMatchObject({ reason: 'initial', offset: 2 });
    server.current.push(push(msg(2)), push(msg(3)), push(msg(3)));
    expect(offsets(room.messages)).toEqual([1, 2, 3]);

    server.current.drop();
    server.reply(await server.command('auth'), AUTH);
    const rejoin = await server.command('join');
    expect(rejoin.since).toEqual({ epoch: 'e1', offset: 3 });
    server.reply(rejoin, { room: 'r1', epoch: 'e1', offset: 5, recovered: true, messages: [msg(4), msg(5)], members: [] });
    await showsMessages(room, 5);
    server.current.push(push(msg(5)), push(msg(6)));
    expect(shown).toEqual([3, 4, 5, 6]);
    expect(offsets(room.messages)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('replaces the view with a reset when the engine could not recover', async () => {
    const { client, server } = await connected();
    const room = client.join('r1', { limit: 2 });
    server.reply(await server.command('join'), { room: 'r1', epoch: 'e1', offset: 1, recovered: false, messages: [msg(1)], members: [] });
    await room.ready;
    server.current.drop();
    server.reply(await server.command('auth'), AUTH);
    const rejoin = await server.command('join');
    expect(rejoin).toMatchObject({ since: { epoch: 'e1', offset: 1 }, limit: 2 });
    const reset = roomEvent(room, 'reset');
    server.reply(rejoin, { room: 'r1', epoch: 'e1', offset: 2000, recovered: false, messages: [msg(1999), msg(2000)], members: [] });
    expect(await reset).toMatchObject({ reason: 'not-recovered', offset: 2000 });
    expect(offsets(room.messages)).toEqual([1999, 2000]);
  });

  it('repairs a gap in live pushes with a `since` join before showing what follows', async () => {
    const { client, server } = await connected();
    const room = client.join('r1');
    server.reply(await server.command('join'), { room: 'r1', epoch: 'e1', offset: 1, recovered: false, messages: [msg(1)], members: [] });
    await room.ready;
    server.current.push(push(msg(3)));
    const repair = await server.command('join');
    expect(repair.since).toEqual({ epoch: 'e1', offset: 1 });
    server.current.push(push(msg(4))); // arrives while the repair is out
    server.reply(repair, { room: 'r1', epoch: 'e1', offset: 3, recovered: true, messages: [msg(2), msg(3)], members: [] });
    await showsMessages(room, 4);
    expect(offsets(room.messages)).toEqual([1, 2, 3, 4]);
  });

  it('holds a bot reply until its turn ends, so message and linked end arrive together', async () => {
    const { client, server } = await connected();
    const room = client.join('r1');
    server.reply(await server.command('join'), { room: 'r1', epoch: 'e1', offset: 0, recovered: false, messages: [], members: [] });
    await room.ready;
    const events: string[] = [];
    let last: TurnView | undefined;
    room.on('message', (m) => events.push(`message ${m.offset}`));
    room.on('turn', (t) => { events.push(`turn ${t.phase}${t.message ? ' linked' : ''}`); last = t; });
    const turn = { type: 'turn', room: 'r1', turn: 't1', bot: 'echo' };
    server.current.push({ ...turn, phase: 'start', seq: 0 }, { ...turn, phase: 'delta', seq: 1, text: 'hola' });
    server.current.push(push(msg(1, { from: { id: 'echo', kind: 'bot', name: 'Eco' }, body: { text: 'hola', kind: 'text' } })));
    expect(events).toEqual(['turn start', 'turn delta']); // held
    server.current.push({ ...turn, phase: 'end', seq: 2, offset: 1 });
    expect(events).toEqual(['turn start', 'turn delta', 'message 1', 'turn end linked']);
    expect(last?.message?.body.text).toBe(last?.text);
  });

  it('fails the room (no retry) on NOT_FOUND', async () => {
    const { client, server } = await connected();
    const room = client.join('r1');
    const error = roomEvent(room, 'error');
    server.fail(await server.command('join'), { code: 'NOT_FOUND', temporary: false });
    expect((await error).code).toBe('NOT_FOUND');
    await expect(room.ready).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(room.status).toBe('failed');
    expect(client.room('r1')).toBeUndefined();
  });
});

describe('outbox', () => {
  it('queues offline, resends the same msgId after temporary errors and lost replies, resolves once', async () => {
    const { client, server } = await connected();
    server.current.drop(4503, 'overloaded');
    await reachState(client, 'reconnecting');
    const out = client.send('r1', 'hola');
    expect(out.status).toBe('pending');
    expect(client.pending('r1')).toHaveLength(1);

    server.reply(await server.command('auth'), AUTH);
    const first = await server.command('send');
    expect(first.msgId).toBe(out.msgId);
    server.fail(first, { code: 'UNAVAILABLE', temporary: true, retryAfterMs: 5 });
    const second = await server.command('send');
    expect(second.msgId).toBe(out.msgId);
    server.current.drop(); // the reply is lost with the connection
    server.reply(await server.command('auth'), AUTH);
    const third = await server.command('send');
    expect(third.msgId).toBe(out.msgId);
    const sent = clientEvent(client, 'outbox', (m) => m.status === 'sent');
    server.reply(third, { offset: 9, ts: 1, duplicate: true });
    expect(await out.delivered).toEqual({ offset: 9, ts: 1, duplicate: true });
    expect(await sent).toMatchObject({ msgId: out.msgId, status: 'sent', offset: 9 });
    expect(client.pending()).toEqual([]);
  });

  it('rejects on a permanent error and keeps order after a pause', async () => {
    const { client, server } = await connected();
    const tooBig = client.send('r1', 'x'.repeat(10));
    server.fail(await server.command('send'), { code: 'TOO_LARGE', temporary: false });
    await expect(tooBig.delivered).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(client.pending()).toEqual([]);

    const a = client.send('r1', 'a');
    const sendA = await server.command('send');
    server.fail(sendA, { code: 'RATE_LIMITED', temporary: true, retryAfterMs: 20 });
    await settled(); // the failure is processed before `b` is written
    const b = client.send('r1', 'b'); // written during the pause: must not overtake `a`
    const retryA = await server.command('send');
    expect(retryA.msgId).toBe(a.msgId);
    server.reply(retryA, { offset: 1, ts: 1, duplicate: false });
    const sendB = await server.command('send');
    expect(sendB.msgId).toBe(b.msgId);
    server.reply(sendB, { offset: 2, ts: 2, duplicate: false });
    await expect(b.delivered).resolves.toMatchObject({ offset: 2 });
  });
});

describe('outbox persistence', () => {
  const memoryKeyValue = () => {
    const data = new Map<string, string>();
    return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => { data.set(k, v); }, removeItem: (k: string) => { data.delete(k); } };
  };

  it('keeps a message written offline across a reload and sends it after connecting', async () => {
    const kv = memoryKeyValue();
    const server = createFakeServer();
    const before = createClient({ transport: server.factory, token: 't', heartbeatMs: 0, outboxStorage: localOutboxStorage('test.outbox', kv) });
    const out = before.send('r1', 'escrito sin conexión');
    expect(JSON.parse(kv.data.get('test.outbox')!)).toEqual([expect.objectContaining({ msgId: out.msgId, room: 'r1', body: { text: 'escrito sin conexión' } })]);
    before.close();

    const after = createClient({ transport: server.factory, token: 't', heartbeatMs: 0, outboxStorage: localOutboxStorage('test.outbox', kv) });
    clients.push(after);
    expect(after.pending().map((m) => m.msgId)).toEqual([out.msgId]);
    const ready = after.connect();
    server.reply(await server.command('auth'), AUTH);
    await ready;
    const send = await server.command('send');
    expect(send.msgId).toBe(out.msgId);
    const sent = clientEvent(after, 'outbox', (m) => m.status === 'sent');
    server.reply(send, { offset: 1, ts: 1, duplicate: false });
    await sent;
    expect(kv.data.has('test.outbox')).toBe(false);
  });

  it('leaves messages written as another user alone', async () => {
    const kv = memoryKeyValue();
    kv.setItem('test.outbox', JSON.stringify([{ msgId: 'theirs', room: 'r1', body: { text: 'de otra persona' }, createdAt: 1, userId: 'u9' }]));
    const { client, server } = await connected(createFakeServer(), { outboxStorage: localOutboxStorage('test.outbox', kv) });
    const mine = client.send('r1', 'mío');
    const send = await server.command('send');
    expect(send.msgId).toBe(mine.msgId);
    server.reply(send, { offset: 1, ts: 1, duplicate: false });
    await mine.delivered;
    expect(server.current.sent.filter((c) => c.type === 'send')).toHaveLength(1);
    expect(JSON.parse(kv.data.get('test.outbox')!)).toEqual([expect.objectContaining({ msgId: 'theirs' })]);
  });
});

describe('close verdicts', () => {
  it('does not reconnect after a 4000–4499 close and rejects waiting requests', async () => {
    const { client, server } = await connected();
    const changes: StateChange[] = [];
    client.on('state', (c) => changes.push(c));
    const rooms = client.rooms();
    server.current.push({ type: 'disconnect', code: 4003, reason: 'banned', reconnect: false });
    server.current.drop(4003, 'banned');
    expect(client.state).toBe('closed');
    expect(changes.at(-1)?.event).toEqual({ type: 'close', code: 4003, reason: 'banned' });
    await expect(rooms).rejects.toMatchObject({ code: 'DISCONNECTED' }); // it was in flight
    await expect(client.rooms()).rejects.toMatchObject({ code: 'CLOSED' });
    await new Promise((resolve) => setTimeout(resolve, 20)); // ample for a 1–5 ms backoff: proves a negative
    expect(server.connections).toHaveLength(1);
  });

  it('drops a silent connection whose heartbeat ping goes unanswered, and reconnects', async () => {
    const server = createFakeServer();
    const { client } = await connected(server, { heartbeatMs: 20, requestTimeoutMs: 30 });
    const lost = clientEvent(client, 'state', (c) => c.to === 'reconnecting');
    await server.command('ping'); // sent after 20 ms without a frame; never answered
    expect((await lost).event).toMatchObject({ type: 'lost', code: 1006, reason: 'heartbeat unanswered' });
    expect(server.connections[0]!.closed).toBe(true);
    server.reply(await server.command('auth'), AUTH);
    await reachState(client, 'connected');
  });

  it('reconnects with backoff after 4500–4999 and abnormal closes, and asks getToken for a fresh token after 4502', async () => {
    const reasons: string[] = [];
    const server = createFakeServer();
    const { client } = await connected(server, { token: undefined, getToken: (reason: string) => { reasons.push(reason); return `tok-${reasons.length}`; } });
    for (const code of [4500, 1006, 4502]) {
      const lost = clientEvent(client, 'state', (c) => c.to === 'reconnecting');
      server.current.drop(code);
      expect((await lost).event).toMatchObject({ type: 'lost', code, attempt: 1 });
      const auth = await server.command('auth');
      server.reply(auth, AUTH);
      await reachState(client, 'connected');
    }
    expect(reasons).toEqual(['connect', 'reconnect', 'reconnect', 'expired']);
  });
});
