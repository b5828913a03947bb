/**
 * The socket.io long-polling fallback (engine/src/socket/socketio-server.ts) against the real engine: socket.io-client
 * forced to `transports: ['polling']`, the same protocol frames as the event `frame`. A WebSocket client and a polling
 * client share rooms both ways; bad frames, the abuse limit, the rate limit, the auth deadline, oversize frames and
 * the origin check answer as on the WebSocket path. Last, the SDK with its fallback transport: the WebSocket cannot
 * connect, so it chats with the echo bot over polling.
 */
import net from 'node:net';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createClient, createFallbackTransport, createSocketIoTransport, createWebSocketTransport, type ChatClient, type RoomHandle,
} from '../../clients/sdk/src/index.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';
import { FrameRecorder, type Item } from '../support/client.ts';

/** A protocol client over socket.io polling: the same recorder as the WebSocket test client, frames as `frame` events. */
class PollingClient extends FrameRecorder {
  readonly disconnected: Promise<string>;

  constructor(readonly socket: Socket) {
    super();
    socket.on('frame', (text: string) => this.record(JSON.parse(text) as Item | Item[]));
    this.disconnected = new Promise((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
  }

  static connect(base: string, extraHeaders: Record<string, string> = {}): Promise<PollingClient> {
    const socket = io(base, { path: '/sio/', transports: ['polling'], reconnection: false, forceNew: true, extraHeaders });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new PollingClient(socket)));
      socket.once('connect_error', (err) => { socket.close(); reject(err); });
    });
  }

  override send(value: unknown): void {
    this.socket.emit('frame', JSON.stringify(value));
  }

  sendRaw(data: unknown): void {
    this.socket.emit('frame', data);
  }

  close(): void {
    this.socket.close();
  }
}

let t: TestEngine;
let token: string;
let userId: string;
const polling: PollingClient[] = [];
const connect = async (headers?: Record<string, string>) => {
  const c = await PollingClient.connect(t.httpUrl, headers);
  polling.push(c);
  return c;
};

beforeAll(async () => {
  t = await startTestEngine(
    { authTimeoutMs: 800, maxFrameBytes: 4096, ratePerSec: 5, rateBurst: 30 },
    { bots: { pluginsDirs: [path.join(process.cwd(), 'plugins')], pluginConfig: { echo: { wordDelayMs: 0, useLlm: false } }, safetyLayer: false } },
  );
  const registered = await t.register('Lucía');
  token = registered.token;
  userId = registered.user.id;
  await t.store.sites().create({ id: 'partner', name: 'Partner', allowedOrigins: ['https://partner.example'], bot: 'echo' });
}, 120_000);

afterAll(async () => {
  for (const c of polling) c.close();
  await t?.close();
});

describe('socket.io polling carries the protocol', () => {
  it('authenticates, joins and shares a room with a WebSocket client both ways', async () => {
    const p = await connect();
    const auth = await p.ok({ type: 'auth', token });
    expect(auth.user).toMatchObject({ id: userId, name: 'Lucía' });

    const { room } = await p.ok({ type: 'create', title: 'mixta' });
    const joined = await p.ok({ type: 'join', room });
    expect(joined).toMatchObject({ room, offset: 0, messages: [] });

    const ws = await t.client(token);
    await ws.ok({ type: 'join', room });

    // polling → WebSocket
    const sent = await p.ok({ type: 'send', room, msgId: crypto.randomUUID(), body: { text: 'hola desde polling' } });
    expect(sent.offset).toBe(1);
    expect(await ws.waitForPush('message', (m) => m.offset === 1)).toMatchObject({ body: { text: 'hola desde polling' }, from: { id: userId } });

    // WebSocket → polling
    await ws.ok({ type: 'send', room, msgId: crypto.randomUUID(), body: { text: 'hola desde WebSocket' } });
    expect(await p.waitForPush('message', (m) => m.offset === 2)).toMatchObject({ room, body: { text: 'hola desde WebSocket' } });

    // Typing is a push like any other.
    await ws.ok({ type: 'typing', room, on: true });
    expect(await p.waitForPush('typing', (m) => m.room === room)).toMatchObject({ on: true });
    await ws.close();
  });

  it('answers commands before auth with UNAUTHORIZED and closes a silent session at the auth deadline (4001)', async () => {
    const p = await connect();
    expect((await p.request({ type: 'rooms' })).error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await p.waitForPush('disconnect', undefined, 3000)).toMatchObject({ code: 4001, reconnect: false });
    expect(await p.disconnected).toBe('io server disconnect');
  });

  it('a bad token gets UNAUTHORIZED, the disconnect push 4001 and the end of the session', async () => {
    const p = await connect();
    expect((await p.request({ type: 'auth', token: 'not-a-token' })).error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await p.waitForPush('disconnect')).toMatchObject({ code: 4001 });
    expect(await p.disconnected).toBe('io server disconnect');
  });
});

describe('bad input over polling is coded, and abuse ends the session', () => {
  it('answers malformed frames with BAD_FRAME and keeps serving', async () => {
    const p = await connect();
    await p.ok({ type: 'auth', token });
    p.sendRaw('{"type": "ping"');
    expect(await p.waitForPush('error')).toMatchObject({ error: { code: 'BAD_FRAME' } });
    p.sendRaw({ type: 'ping' }); // an object instead of the frame's text
    await p.waitFor((i) => i.type === 'error' && p.received.filter((x) => x.type === 'error').length === 2);
    p.socket.emit('ping-me', 'x'); // not the protocol's event
    await p.waitFor(() => p.received.filter((x) => x.type === 'error').length === 3);
    expect(p.received.filter((x) => x.type === 'error').map((x) => x.error.code)).toEqual(['BAD_FRAME', 'BAD_FRAME', 'BAD_FRAME']);
    expect((await p.request({ type: 'explode' })).error).toMatchObject({ code: 'UNKNOWN_TYPE' });
    expect((await p.request({ type: 'join', room: 5 })).error).toMatchObject({ code: 'BAD_ARGS', message: expect.stringContaining('room') });
    expect((await p.request({ type: 'ping' })).ok).toBe(true);
  });

  it('closes with the disconnect push 4002 after too many bad frames', async () => {
    const p = await connect();
    await p.ok({ type: 'auth', token });
    for (let i = 0; i < 10; i++) p.sendRaw('nope');
    expect(await p.waitForPush('disconnect')).toMatchObject({ code: 4002, reconnect: false });
    expect(await p.disconnected).toBe('io server disconnect');
  });

  it('an oversize frame ends the session with 1009, as on WebSocket', async () => {
    const p = await connect();
    await p.ok({ type: 'auth', token });
    p.sendRaw(JSON.stringify({ type: 'ping', pad: 'x'.repeat(5000) }));
    expect(await p.waitForPush('disconnect')).toMatchObject({ code: 1009 });
    expect(await p.disconnected).toBe('io server disconnect');
  });

  it('applies the per-connection rate limit (RATE_LIMITED with retryAfterMs)', async () => {
    const p = await connect();
    await p.ok({ type: 'auth', token });
    const replies = await Promise.all(Array.from({ length: 40 }, () => p.request({ type: 'ping' })));
    const limited = replies.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.error).toMatchObject({ code: 'RATE_LIMITED', temporary: true, retryAfterMs: expect.any(Number) });
  });
});

describe('origins', () => {
  it('refuses a handshake from an origin that is neither the engine nor a partner site', async () => {
    await expect(PollingClient.connect(t.httpUrl, { origin: 'https://evil.example' })).rejects.toThrow();
  });

  it('accepts a partner site origin (with CORS for it) and the engine\'s own origin', async () => {
    const partner = await connect({ origin: 'https://partner.example' });
    await partner.ok({ type: 'auth', token });
    const own = await connect({ origin: t.httpUrl });
    await own.ok({ type: 'auth', token });
    const res = await fetch(`${t.httpUrl}/sio/?EIO=4&transport=polling`, { headers: { origin: 'https://partner.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://partner.example');
  });
});

describe('the SDK falls back to polling when the WebSocket cannot connect', () => {
  let client: ChatClient | undefined;
  afterAll(() => client?.close());

  it('chats with the echo bot over socket.io', async () => {
    const guest = await fetch(`${t.httpUrl}/api/auth/guest`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://partner.example' }, body: JSON.stringify({ site: 'partner' }),
    }).then((r) => r.json() as Promise<{ token: string; site: { bot: string } }>);
    const fellBack: string[] = [];
    client = createClient({
      token: guest.token,
      transport: createFallbackTransport(
        // A port nobody listens on: the WebSocket fails before opening, as behind a proxy that blocks upgrades.
        createWebSocketTransport({ url: 'ws://127.0.0.1:9/ws', codec: 'json', WebSocket }),
        createSocketIoTransport({ url: t.httpUrl, io: io as never }),
        { onFallback: (reason) => fellBack.push(reason) },
      ),
    });
    await client.connect();
    expect(fellBack).toHaveLength(1);
    const roomId = await client.create({ bot: guest.site.bot });
    const room = client.join(roomId);
    await room.ready;
    room.send('hola eco');
    await echoed(room, 'hola eco');
  });

  it('switches when the WebSocket hangs (a proxy that accepts and never answers) after openTimeoutMs', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => { sockets.add(socket); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const guest = await t.post('/api/auth/guest', {});
    const fellBack: string[] = [];
    const hanging = createClient({
      token: guest.body.token,
      transport: createFallbackTransport(
        createWebSocketTransport({ url: `ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}/ws`, codec: 'json', WebSocket }),
        createSocketIoTransport({ url: t.httpUrl, io: io as never }),
        { openTimeoutMs: 300, onFallback: (reason) => fellBack.push(reason) },
      ),
    });
    try {
      await hanging.connect();
      expect(fellBack).toEqual(['primary did not open in time']);
      expect(await hanging.ping()).toBeGreaterThanOrEqual(0);
    } finally {
      hanging.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

/** Resolves when the bot's stored reply containing `text` is in the room (checked on every message event). */
function echoed(room: RoomHandle, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no echo: ${JSON.stringify(room.messages)}`)), 15_000);
    const check = () => {
      if (!room.messages.some((m) => m.from.kind === 'bot' && (m.body.text ?? '').includes(text))) return;
      clearTimeout(timer);
      resolve();
    };
    room.on('message', check);
    check();
  });
}
