/** Bot turns through the SDK against the real engine and bot runtime, with the echo plugin streaming word by word. */
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/support/engine.ts';
import { createClient, type ChatClient, type StoredMessage, type TurnView } from '../src/index.ts';
import { roomEvent } from './support.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({}, {
    bots: { pluginsDirs: [`${process.cwd()}/plugins`], pluginConfig: { echo: { wordDelayMs: 20, useLlm: false } } },
  });
});
afterAll(() => t?.close());

let open: ChatClient[] = [];
afterEach(() => { open.forEach((c) => c.close()); open = []; });

async function echoRoom() {
  const me = await t.register('Ana');
  const client = createClient({ url: t.wsUrl, token: me.token, WebSocket, heartbeatMs: 0 });
  open.push(client);
  await client.connect();
  const roomId = await client.create({ bot: 'echo' });
  const room = client.join(roomId);
  await room.ready;
  return { client, room, roomId };
}

describe('bot turns', () => {
  it('streams a turn and assembles the same text as the stored reply, linked to it by offset', async () => {
    const { room } = await echoRoom();
    const views: TurnView[] = [];
    const order: string[] = [];
    room.on('turn', (v) => { views.push(v); order.push(`turn:${v.phase}${v.message ? ':linked' : ''}`); });
    room.on('message', (m) => order.push(`message:${m.from.kind}`));

    await room.send('uno dos tres cuatro cinco').delivered;
    const linked = await roomEvent(room, 'turn', (v) => v.message !== undefined, 15_000);
    expect(linked).toMatchObject({ phase: 'end', bot: 'echo', offset: linked.message!.offset });
    expect(linked.text).toBe(linked.message!.body.text);
    expect(linked.text).toContain('uno dos tres cuatro cinco');
    expect(linked.message!.from).toMatchObject({ id: 'echo', kind: 'bot' });

    const deltas = views.filter((v) => v.phase === 'delta');
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    for (const d of deltas) expect(linked.text.startsWith(d.text)).toBe(true); // each step a growing prefix
    // The stored reply and the end that links it reach the UI together: no moment with both bubble and message.
    expect(order.filter((e) => e.startsWith('turn:end'))).toEqual(['turn:end:linked']);
    expect(order.slice(-2)).toEqual(['message:bot', 'turn:end:linked']);
    expect(room.messages.map((m: StoredMessage) => m.from.kind)).toEqual(['user', 'bot']);
    expect(room.turns).toEqual([]);
  });

  it('cancels a streaming turn: `cancelled`, no stored reply', async () => {
    const { client, room, roomId } = await echoRoom();
    room.send(Array.from({ length: 40 }, (_, i) => `palabra${i}`).join(' '));
    const streaming = await roomEvent(room, 'turn', (v) => v.phase === 'delta', 10_000);
    expect(room.turns.map((v) => v.turnId)).toEqual([streaming.turnId]);
    const cancelled = roomEvent(room, 'turn', (v) => v.turnId === streaming.turnId && v.phase === 'cancelled', 10_000);
    expect(await room.cancel(streaming.turnId)).toBe(true);
    const end = await cancelled;
    expect(end.text.startsWith(streaming.text)).toBe(true);
    expect(room.turns).toEqual([]);
    expect(await room.cancel(streaming.turnId)).toBe(false);
    expect((await client.history(roomId)).filter((m) => m.from.kind === 'bot')).toEqual([]);
  });
});
