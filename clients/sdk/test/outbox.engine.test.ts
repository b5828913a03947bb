/**
 * The outbox against the real engine with a tight per-socket budget (RATE_LIMITED is temporary) and a small text
 * limit (TOO_LARGE is permanent).
 */
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/support/engine.ts';
import { createClient, type ChatClient, type OutgoingMessage, type WebSocketConstructor } from '../src/index.ts';
import { createNetwork, roomEvent, showsMessages } from './support.ts';

let t: TestEngine;
beforeAll(async () => { t = await startTestEngine({ ratePerSec: 5, rateBurst: 5, maxTextChars: 50 }); });
afterAll(() => t?.close());

let open: ChatClient[] = [];
afterEach(() => { open.forEach((c) => c.close()); open = []; });

function sdk(token: string, WebSocketImpl: WebSocketConstructor = WebSocket): ChatClient {
  const client = createClient({ url: t.wsUrl, token, WebSocket: WebSocketImpl, codec: 'json', heartbeatMs: 0 });
  open.push(client);
  return client;
}

describe('outbox against the engine', () => {
  it('keeps messages queued through RATE_LIMITED and delivers each once, in order', async () => {
    const me = await t.register();
    const net = createNetwork();
    const client = sdk(me.token, net.WebSocket);
    await client.connect();
    const roomId = await client.create();
    const room = client.join(roomId);
    await room.ready;

    const outs = Array.from({ length: 12 }, (_, i) => room.send(`n${i}`));
    const receipts = await Promise.all(outs.map((m) => m.delivered));
    expect(receipts.map((r) => r.offset)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const sendFrames = net.outbound.filter((f) => typeof f === 'string' && JSON.parse(f).type === 'send');
    expect(sendFrames.length).toBeGreaterThan(12); // some were refused RATE_LIMITED and sent again
    await showsMessages(room, 12);
    expect(room.messages.map((m) => m.body.text)).toEqual(outs.map((m) => m.body.text));
    expect((await client.history(roomId)).map((m) => m.msgId)).toEqual(outs.map((m) => m.msgId));
  });

  it('fails a message on a permanent error (TOO_LARGE, NOT_FOUND) and does not retry it', async () => {
    const [owner, stranger] = await Promise.all([t.register('Ana'), t.register('Zoe')]);
    const client = sdk(owner.token);
    await client.connect();
    const roomId = await client.create();
    const room = client.join(roomId);
    await room.ready;

    const failed = roomEvent(room, 'outbox', (m) => m.status === 'failed');
    const tooLong = room.send('x'.repeat(51));
    await expect(tooLong.delivered).rejects.toMatchObject({ code: 'TOO_LARGE', temporary: false });
    expect(await failed).toMatchObject({ msgId: tooLong.msgId, status: 'failed', error: { code: 'TOO_LARGE' } });
    expect(room.pending).toEqual([]);
    await expect(room.send('cabe').delivered).resolves.toMatchObject({ offset: 1 });

    const outsider = sdk(stranger.token);
    await outsider.connect();
    const changes: OutgoingMessage[] = [];
    outsider.on('outbox', (m) => changes.push(m));
    const intruding = outsider.send(roomId, 'hola');
    await expect(intruding.delivered).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(changes.map((m) => m.status)).toEqual(['pending', 'failed']);
    expect(outsider.pending()).toEqual([]);
    expect((await client.history(roomId)).map((m) => m.body.text)).toEqual(['cabe']);
  });
});
