/**
 * `client.watch` against the real engine: a guest gets the public `impact` figures at once and as they change,
 * the subscription survives a reconnect, `engine` is refused to non-admins, and `stop` ends the pushes.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../../engine/src/auth/tokens.ts';
import { createLogger } from '../../../engine/src/log.ts';
import { startTestEngine, type TestEngine } from '../../../test/support/engine.ts';
import { createClient, type ChatClient, type ClientOptions, type ImpactStats } from '../src/index.ts';
import { createNetwork, reachState, waitUntil } from './support.ts';

let t: TestEngine;
beforeAll(async () => { t = await startTestEngine(); });
afterAll(() => t?.close());

let open: ChatClient[] = [];
afterEach(() => { open.forEach((c) => c.close()); open = []; });

function sdk(token: string, extra: Partial<ClientOptions> = {}): ChatClient {
  const client = createClient({ url: t.wsUrl, WebSocket, heartbeatMs: 0, backoff: { baseMs: 20, maxMs: 200 }, ...extra, token } as ClientOptions);
  open.push(client);
  return client;
}
/** Waits, without sleeping, until `check` holds; re-checked on every stats sample and state change of `client`. */
const until = (client: ChatClient, check: () => boolean, timeoutMs = 5000) =>
  waitUntil(check, (notify) => { const a = client.on('stats', notify); const b = client.on('state', notify); return () => { a(); b(); }; }, timeoutMs);
const guestToken = async () => (await t.post('/api/auth/guest', {})).body.token as string;

describe('client.watch', () => {
  it('delivers the impact figures at once and when they change', async () => {
    const client = sdk(await guestToken());
    const samples: ImpactStats[] = [];
    const events: string[] = [];
    client.on('stats', (push) => events.push(push.topic));
    const handle = client.watch('impact', (data) => samples.push(data));
    client.connect();
    await handle.ready;
    expect(samples).toHaveLength(1);
    expect(events).toEqual(['impact']);
    expect(samples[0]).toMatchObject({ connections: expect.any(Number), messagesToday: 0, botsAvailable: expect.any(Number) });

    const ana = await t.client((await t.register('Ana')).token);
    const { room } = await ana.ok({ type: 'create' });
    await ana.ok({ type: 'send', room, msgId: randomUUID(), body: { text: 'hola' } });
    await until(client, () => samples.some((s) => s.messagesToday === 1 && s.connections === samples[0]!.connections + 1));
    await ana.close();

    handle.stop();
    const count = samples.length;
    // A second client still watching sees the next ticks; the stopped handler does not.
    const other = sdk(await guestToken());
    const ticks: number[] = [];
    const otherHandle = other.watch('impact', (_d, ts) => ticks.push(ts));
    other.connect();
    await otherHandle.ready;
    await until(other, () => ticks.length >= 3);
    expect(samples).toHaveLength(count);
  });

  it('renews the subscription after a reconnect', async () => {
    const net = createNetwork();
    const client = sdk(await guestToken(), { WebSocket: net.WebSocket });
    const samples: number[] = [];
    const handle = client.watch('impact', (_d, ts) => samples.push(ts));
    client.connect();
    await handle.ready;
    const sent = () => net.outbound.filter((f) => String(f).includes('"watch"') || (Buffer.isBuffer(f) && f.includes('watch'))).length;
    expect(sent()).toBe(1);
    net.down();
    await reachState(client, 'reconnecting');
    const before = samples.length;
    net.up();
    await reachState(client, 'connected');
    // Renewed on the new socket: a fresh sample at once, then the ticks.
    await until(client, () => samples.length >= before + 2);
    expect(sent()).toBe(2);
  });

  it('rejects `engine` for non-admins with FORBIDDEN and delivers it to admins', async () => {
    const client = sdk(await guestToken());
    client.connect();
    const errors: string[] = [];
    client.on('error', (e) => errors.push(e.code));
    const refused = client.watch('engine', () => { throw new Error('must not be called'); });
    await expect(refused.ready).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(errors).toContain('FORBIDDEN');

    const user = await t.store.createUser({ email: `${randomUUID()}@example.org`, name: 'Admin', passwordHash: 'unused', roles: ['user', 'admin'] });
    const tokens = await createTokenService(t.config, createLogger('silent'));
    const admin = sdk(await tokens.issue(user));
    admin.connect();
    const seen: number[] = [];
    const handle = admin.watch('engine', (data) => seen.push(data.connections));
    await handle.ready;
    expect(seen[0]).toBeGreaterThanOrEqual(1);
  });
});
