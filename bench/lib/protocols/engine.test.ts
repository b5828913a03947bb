/**
 * The engine arm's client path (fixtures + connection + publish/deliver) against bench/servers/mock-engine.ts,
 * so it is tested before the real engine exists. Point the same code at the engine with BENCH_ENGINE_ENTRY unset.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../procs.ts';
import { setupEngine } from './engine-setup.ts';
import { connectEngine } from './engine.ts';

let server: ChildProcess;
let baseUrl = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', 'bench/servers/mock-engine.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: server.stdout! });
    lines.on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`mock engine exited ${code}`)));
  });
});

afterAll(() => {
  server.kill('SIGTERM');
});

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
