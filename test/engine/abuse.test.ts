import { randomUUID } from 'node:crypto';
import { encode as msgpack } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
let token: string;
beforeAll(async () => {
  t = await startTestEngine({ maxFrameBytes: 4096, maxTextChars: 100, ratePerSec: 500, rateBurst: 500 });
  token = (await t.register('Prueba')).token;
});
afterAll(() => t?.close());

describe('malformed frames get the right code and the socket survives', () => {
  it.each([
    ['not JSON', (c: TestClient) => c.sendRaw('{"type": "ping"'), 'BAD_FRAME'],
    ['a JSON string', (c: TestClient) => c.sendRaw('"ping"'), 'BAD_FRAME'],
    ['a JSON number', (c: TestClient) => c.sendRaw('42'), 'BAD_FRAME'],
    ['an empty batch', (c: TestClient) => c.sendRaw('[]'), 'BAD_FRAME'],
    ['an object without type', (c: TestClient) => c.send({ room: 'x' }), 'BAD_FRAME'],
    ['a non-integer id', (c: TestClient) => c.send({ id: 'uno', type: 'ping' }), 'BAD_FRAME'],
    ['invalid UTF-8', (c: TestClient) => c.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 'BAD_FRAME'],
  ])('%s → error push %s', async (_name, act, code) => {
    const c = await t.client(token);
    act(c);
    expect(await c.waitForPush('error')).toMatchObject({ error: { code, temporary: false, message: expect.any(String) } });
    expect((await c.request({ type: 'ping' })).ok).toBe(true);
    await c.close();
  });

  it('answers unknown types and wrong field types as replies naming the field', async () => {
    let c = await t.client(token);
    expect((await c.request({ type: 'explode' })).error).toMatchObject({ code: 'UNKNOWN_TYPE' });
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'join', room: 5 }, 'room: expected string'],
      [{ type: 'join' }, 'room: required'],
      [{ type: 'join', room: 'r', since: { epoch: 'e', offset: -1 } }, 'since.offset'],
      [{ type: 'join', room: 'r', since: 'ayer' }, 'since: expected object'],
      [{ type: 'send', room: 'r', msgId: 'm', body: 'hola' }, 'body: expected object'],
      [{ type: 'send', room: 'r', msgId: 'm', body: { text: 7 } }, 'body.text: expected string'],
      [{ type: 'send', room: 'r', msgId: 'm', body: { text: 'x', kind: 'bomba' } }, 'body.kind'],
      [{ type: 'send', room: 'r', body: { text: 'x' } }, 'msgId: required'],
      [{ type: 'typing', room: 'r', on: 'sí' }, 'on: expected boolean'],
      [{ type: 'history', room: 'r', limit: 1.5 }, 'limit: expected integer'],
    ];
    for (const [i, [command, field]] of cases.entries()) {
      // A fresh socket every few cases: the 10th bad frame on one socket is abuse (tested below).
      if (i % 5 === 4) { await c.close(); c = await t.client(token); }
      const reply = await c.request(command);
      expect(reply.error, JSON.stringify(command)).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining(field) });
    }
    await c.close();
  });

  it('handles msgpack garbage and JSON sent on a msgpack socket', async () => {
    const c = await t.client(token, 'msgpack');
    c.sendRaw(Buffer.from([0xc1])); // 0xc1 is never used in msgpack
    expect((await c.waitForPush('error')).error.code).toBe('BAD_FRAME');
    c.sendRaw(Buffer.from(msgpack(['a', 'b'])));
    expect((await c.waitForPush('error', (e) => c.pushes('error').indexOf(e) === 1)).error.code).toBe('BAD_FRAME');
    expect((await c.request({ type: 'ping' })).ok).toBe(true);
    await c.close();
  });

  it('rejects a message text over the limit with TOO_LARGE and stores nothing', async () => {
    const c = await t.client(token);
    const { room } = await c.ok({ type: 'create' });
    const reply = await c.request({ type: 'send', room, msgId: randomUUID(), body: { text: 'x'.repeat(101) } });
    expect(reply.error).toMatchObject({ code: 'TOO_LARGE' });
    expect((await c.ok({ type: 'history', room })).messages).toEqual([]);
    await c.close();
  });

  it('forbids people from sending bot-only body kinds', async () => {
    const c = await t.client(token);
    const { room } = await c.ok({ type: 'create' });
    const reply = await c.request({ type: 'send', room, msgId: randomUUID(), body: { text: 'llama al 112', kind: 'crisis' } });
    expect(reply.error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('body.kind') });
    await c.close();
  });
});

describe('limits', () => {
  it('closes an oversize frame with 1009, and accepts a frame just under the limit', async () => {
    const c = await t.client(token);
    expect((await c.request({ type: 'ping', pad: 'x'.repeat(4000) })).ok).toBe(true);
    c.send({ type: 'ping', pad: 'x'.repeat(5000) });
    expect((await c.closed).code).toBe(1009);
  });

  it('rate-limits with RATE_LIMITED and retryAfterMs, then accepts again', async () => {
    const slow = await startTestEngine({ ratePerSec: 5, rateBurst: 10 });
    const c = await TestClient.connect(slow.wsUrl);
    await c.ok({ type: 'auth', token: (await slow.register()).token });
    const replies = await Promise.all(Array.from({ length: 15 }, () => c.request({ type: 'ping' })));
    const limited = replies.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited[0]!.error).toMatchObject({ code: 'RATE_LIMITED', temporary: true, retryAfterMs: expect.any(Number) });
    const wait = limited.at(-1)!.error.retryAfterMs as number;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1000);
    await new Promise((r) => setTimeout(r, wait)); // waiting is the behaviour under test: the server said when to retry
    expect((await c.request({ type: 'ping' })).ok).toBe(true);
    await c.close();
    await slow.close();
  });

  it('closes with 4002 on the 10th bad frame in a minute, after a disconnect push', async () => {
    const c = await t.client(token);
    for (let i = 0; i < 9; i++) c.sendRaw('nope');
    await c.waitFor(() => c.pushes('error').length === 9);
    expect((await c.request({ type: 'ping' })).ok).toBe(true);
    c.sendRaw('nope');
    expect(await c.waitForPush('disconnect')).toMatchObject({ code: 4002, reconnect: false });
    expect((await c.closed).code).toBe(4002);
  });

  it('survives a flood of garbage from many sockets and keeps serving others', async () => {
    const flooders = await Promise.all(Array.from({ length: 5 }, () => TestClient.connect(t.wsUrl)));
    for (const f of flooders) for (let i = 0; i < 200; i++) f.sendRaw(i % 2 ? '{' : Buffer.from([0, 1, 2]));
    await Promise.all(flooders.map((f) => f.closed));
    const c = await t.client(token);
    expect((await c.request({ type: 'ping' })).ok).toBe(true);
    await c.close();
  });
});
