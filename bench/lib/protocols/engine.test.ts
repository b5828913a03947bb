/** The engine arm's client path (fixtures + connection + publish/deliver) against the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../test/support/engine.ts';
import { setupEngine } from './engine-setup.ts';
import { connectEngine } from './engine.ts';

let t: TestEngine;
let baseUrl = '';

beforeAll(async () => {
  t = await startTestEngine();
  baseUrl = t.httpUrl;
});

afterAll(() => t?.close());

describe('engine adapter', () => {
  it('registers users, creates rooms, and delivers a publish to every member, sender included', async () => {
    const fx = await setupEngine(baseUrl, 2, 3);
    expect(fx.rooms).toHaveLength(2);
    expect(fx.tokens).toHaveLength(3);
    const got: string[][] = [[], [], []];
    const conns = await Promise.all(
      [0, 1, 2].map((i) =>
        connectEngine({
          baseUrl,
          room: fx.rooms[i === 2 ? 1 : 0]!, // two sockets in room 0, one in room 1
          token: fx.tokens[i],
          onDelivery: (text) => got[i]!.push(text),
          onSendFailed: () => undefined,
          onClose: () => undefined,
        }),
      ),
    );
    conns[0]!.publish('hello');
    await expect.poll(() => got[0]!.length + got[1]!.length).toBe(2);
    expect(got[0]).toEqual(['hello']);
    expect(got[1]).toEqual(['hello']);
    expect(got[2]).toEqual([]);
    for (const c of conns) c.close();
  });
});
