import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: ['plugins', 'bots/host/fixtures'].map((d) => `${process.cwd()}/${d}`),
      // Echo streams one word every 20 ms: long enough to cancel, short enough for a test.
      pluginConfig: { echo: { wordDelayMs: 20, useLlm: false } },
      coalesceMs: 30,
    },
  });
});
afterAll(() => t?.close());

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
const turnEnd = (c: TestClient, turn: string) =>
  c.waitForPush('turn', (p) => p.turn === turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);

describe('bot turns through the engine', () => {
  it('lists installed responders and makes the bot a room member', async () => {
    const bots = (await (await fetch(`${t.httpUrl}/api/bots`)).json()) as any[];
    expect(bots.map((b) => b.name)).toEqual(expect.arrayContaining(['echo', 'throws', 'hangs', 'exits']));
    expect(bots.find((b) => b.name === 'echo')).toMatchObject({ title: 'Eco', category: 'developer', capabilities: ['llm'] });
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    const joined = await c.ok({ type: 'join', room });
    expect(joined.members).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'echo', kind: 'bot', name: 'Eco', online: true })]));
    await c.close();
  });

  it('streams start, deltas and end; the stored reply equals the deltas and is recovered after reconnect', async () => {
    const me = await t.register('Ana');
    const c = await t.client(me.token, 'msgpack');
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    const { epoch } = await c.ok({ type: 'join', room });
    await say(c, room, 'uno dos tres cuatro cinco seis');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    expect(start).toMatchObject({ room, bot: 'echo', seq: 0 });
    const end = await turnEnd(c, start.turn);
    expect(end.phase).toBe('end');
    const pushes = c.pushes('turn').filter((p) => p.turn === start.turn);
    expect(pushes.map((p) => p.seq)).toEqual(pushes.map((_, i) => i));
    const deltas = pushes.filter((p) => p.phase === 'delta');
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.length).toBeLessThan(8); // coalesced: fewer pushes than words + intro
    const streamed = deltas.map((p) => p.text).join('');
    expect(streamed).toContain('uno dos tres cuatro cinco seis');
    expect(streamed).toContain('sin IA'); // the echo says plainly it is not an AI
    const stored = await c.waitForPush('message', (m) => m.offset === end.offset);
    expect(stored).toMatchObject({ from: { id: 'echo', kind: 'bot', name: 'Eco' }, body: { text: streamed, kind: 'text' } });
    await c.close();

    const again = await t.client(me.token);
    const resumed = await again.ok({ type: 'join', room, since: { epoch, offset: 1 } });
    expect(resumed.recovered).toBe(true);
    expect(resumed.messages.map((m: any) => m.body.text)).toEqual([streamed]);
    await again.close();
  });

  it('does not cancel a turn when the asker disconnects: the reply is stored and recovered', async () => {
    const me = await t.register();
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create', bot: 'echo' });
    const { epoch } = await c.ok({ type: 'join', room });
    await say(c, room, 'me voy enseguida pero quiero la respuesta');
    await c.waitForPush('turn', (p) => p.phase === 'start');
    await c.close();
    const watcher = await t.client(me.token);
    const latest = await watcher.ok({ type: 'join', room, limit: 1 });
    if (latest.messages[0]?.from.kind !== 'bot') await watcher.waitForPush('message', (m) => m.from.kind === 'bot', 15_000);
    const history = await watcher.ok({ type: 'join', room, since: { epoch, offset: 1 } });
    expect(history.messages.map((m: any) => m.from.id)).toEqual(['echo']);
    await watcher.close();
  });

  it('routes @mentions to that bot only; without a mention every bot member answers', async () => {
    const c = await t.client((await t.register()).token);
    const { room } = await c.ok({ type: 'create', bots: ['echo', 'exits'] });
    await c.ok({ type: 'join', room });
    await say(c, room, '@echo solo tú');
    const start = await c.waitForPush('turn', (p) => p.phase === 'start');
    await turnEnd(c, start.turn);
    await c.ok({ type: 'ping' });
    expect(c.pushes('turn').filter((p) => p.phase === 'start').map((p) => p.bot)).toEqual(['echo']);

    await say(c, room, 'hola a los dos');
    await c.waitFor(() => c.pushes('turn').filter((p) => p.phase === 'start').length === 3, 10_000);
    const bots = c.pushes('turn').filter((p) => p.phase === 'start').slice(1).map((p) => p.bot).sort();
    expect(bots).toEqual(['echo', 'exits']);
    await c.close();
  });

  it('cancels mid-stream on request of any member: `cancelled`, no more deltas, nothing stored', async () => {
    const [ana, beto] = await Promise.all([t.register('Ana'), t.register('Beto')]);
    const a = await t.client(ana.token);
    const b = await t.client(beto.token);
    const { room } = await a.ok({ type: 'create', bot: 'echo', members: [beto.user.id] });
    await a.ok({ type: 'join', room });
    await b.ok({ type: 'join', room });
    await say(a, room, Array.from({ length: 40 }, (_, i) => `palabra${i}`).join(' '));
    const firstDelta = await a.waitForPush('turn', (p) => p.phase === 'delta');
    expect(await b.ok({ type: 'cancel', room, turn: firstDelta.turn })).toMatchObject({ cancelled: true });
    expect((await turnEnd(a, firstDelta.turn)).phase).toBe('cancelled');
    const seen = a.pushes('turn').filter((p) => p.turn === firstDelta.turn);
    expect(seen.at(-1)!.phase).toBe('cancelled');
    expect(seen.map((p) => p.seq)).toEqual(seen.map((_, i) => i));
    expect(await b.ok({ type: 'cancel', room, turn: firstDelta.turn })).toMatchObject({ cancelled: false });
    const history = await a.ok({ type: 'history', room });
    expect(history.messages.filter((m: any) => m.from.kind === 'bot')).toEqual([]);
    // A stranger cannot cancel (or learn of) the room's turns.
    const stranger = await t.client((await t.register()).token);
    expect((await stranger.request({ type: 'cancel', room, turn: firstDelta.turn })).error.code).toBe('NOT_FOUND');
    await Promise.all([a.close(), b.close(), stranger.close()]);
  });

  it('ends throwing, hanging and crashing plugins with `error` while a parallel turn succeeds', async () => {
    const c = await t.client((await t.register()).token);
    const rooms: Record<string, string> = {};
    for (const bot of ['throws', 'hangs', 'exits', 'echo']) {
      rooms[bot] = (await c.ok({ type: 'create', bot })).room;
      await c.ok({ type: 'join', room: rooms[bot] });
    }
    await Promise.all(Object.values(rooms).map((room) => say(c, room, 'adelante')));
    const ends = await Promise.all(Object.entries(rooms).map(async ([bot, room]) => {
      const start = await c.waitForPush('turn', (p) => p.phase === 'start' && p.room === room, 10_000);
      return [bot, await turnEnd(c, start.turn)] as const;
    }));
    const byBot = Object.fromEntries(ends) as Record<string, any>;
    expect(byBot.throws).toMatchObject({ phase: 'error', error: { code: 'INTERNAL', reason: 'PLUGIN_THREW', message: expect.any(String), i18n: { es: expect.any(String), en: expect.any(String) } } });
    expect(byBot.throws.error.message).not.toContain('no-token'); // no plugin internals leak to people
    expect(byBot.hangs).toMatchObject({ phase: 'error', error: { code: 'TIMEOUT', reason: 'PLUGIN_TIMEOUT', temporary: true } });
    expect(byBot.exits).toMatchObject({ phase: 'error', error: { reason: 'PLUGIN_CRASHED' } });
    expect(byBot.echo.phase).toBe('end');
    // The engine carries on, and the crashed plugin is replaced for the next turn.
    expect((await c.request({ type: 'ping' })).ok).toBe(true);
    const metrics = await (await fetch(`${t.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/mentalia_bot_turns_total\{bot="hangs",outcome="PLUGIN_TIMEOUT"\} 1/);
    expect(metrics).toMatch(/mentalia_bot_turns_total\{bot="echo",outcome="done"\} \d+/);
    await c.close();
  });

  it('records usage per turn', async () => {
    await t.engine.close(); // records are written in batches; closing flushes them
    const rows = await t.db.query('SELECT bot, outcome, duration_ms, first_delta_ms FROM bot_turns');
    expect(rows.rows.length).toBeGreaterThan(3);
    expect(rows.rows.find((r) => r.bot === 'echo' && r.outcome === 'done')).toMatchObject({ duration_ms: expect.any(Number), first_delta_ms: expect.any(Number) });
  });
});
