import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../schema/protocol.ts';
import { SseTestServer } from '../llm/testing/index.ts';
import type { TurnOutput } from '../sdk/index.ts';
import { discoverPlugins } from './discover.ts';
import { PluginTurnError } from './errors.ts';
import { PluginPool } from './pool.ts';
import type { DiscoveredPlugin, HookUsage, TurnJob } from './types.ts';

const message = (offset: number, text: string): StoredMessage => ({
  room: 'room-1',
  epoch: 'e1',
  offset,
  msgId: `m${offset}`,
  from: { id: 'u1', kind: 'user', name: 'Ana' },
  body: { text },
  ts: 1_700_000_000_000 + offset,
});

let nextTurn = 1;
function turn(plugin: string, text: string, config?: unknown, extra: Partial<TurnJob> = {}): TurnJob {
  const offset = 10;
  return {
    turnId: `turn-${nextTurn++}`,
    plugin,
    room: 'room-1',
    trigger: message(offset, text),
    window: [message(offset - 2, 'antes'), message(offset - 1, 'justo antes'), message(offset, text)],
    user: { id: 'u1', name: 'Ana' },
    people: 1,
    ...(config === undefined ? {} : { config }),
    ...extra,
  };
}

/** Reads a turn to its end: its outputs and usage, or the error it ended with. */
async function settle(stream: AsyncGenerator<TurnOutput, HookUsage>) {
  const outputs: TurnOutput[] = [];
  try {
    for (;;) {
      const step = await stream.next();
      if (step.done === true) return { outputs, usage: step.value, error: undefined };
      outputs.push(step.value);
    }
  } catch (error) {
    if (!(error instanceof PluginTurnError)) throw error;
    return { outputs, usage: error.usage, error };
  }
}

function processExit(pool: PluginPool, plugin: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onExit = (event: { plugin: string }) => {
      if (event.plugin !== plugin) return;
      pool.events.off('process-exit', onExit);
      resolve(event);
    };
    pool.events.on('process-exit', onExit);
  });
}

const textOf = (outputs: readonly TurnOutput[]) => outputs.map((o) => (o.type === 'text' ? o.text : '')).join('');
const never = () => new AbortController().signal;

describe('PluginPool', () => {
  let plugins: DiscoveredPlugin[];
  let server: SseTestServer;
  let pool: PluginPool;
  const logLines: string[] = [];
  const usages: HookUsage[] = [];

  beforeAll(async () => {
    plugins = await discoverPlugins(['plugins', 'bots/host/fixtures']);
    server = await SseTestServer.start();
    pool = new PluginPool({
      plugins,
      logger: pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) }),
      killGraceMs: 1_500,
      queueLimit: 1,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LLM_BASE_URL: server.openAiBaseURL,
        LLM_MODEL: 'test-model',
        MASTER_KEY: 'engine-secret-must-not-reach-plugins',
      },
      onUsage: (usage) => usages.push(usage),
    });
    // Start every process at once: the tests then measure behaviour, not tsx start-up on a busy machine.
    await pool.warm();
  });

  afterAll(async () => {
    await pool.close();
    await server.close();
  });

  it('streams a normal turn and returns its usage', async () => {
    const { outputs, usage, error } = await settle(pool.runTurn(turn('echo', 'hola mundo', { useLlm: false }), never()));
    expect(error).toBeUndefined();
    expect(outputs.slice(1)).toEqual([
      { type: 'text', text: 'hola' },
      { type: 'text', text: ' mundo' },
    ]);
    expect(usage).toMatchObject({ kind: 'turn', plugin: 'echo', outcome: 'done', outputs: 3, llmRequests: 0 });
    expect(usage?.firstOutputMs).toBeLessThanOrEqual(usage?.durationMs ?? 0);
  });

  it('gives a hook only what its manifest declared', async () => {
    const job = turn('probe', 'x', undefined, {
      window: [1, 2, 3, 4, 5].map((o) => message(o, `m${o}`)).concat(message(10, 'x')),
      user: { id: 'u1', name: 'Ana', profile: { language: 'es', diagnosis: 'private' } },
    });
    const { outputs, error } = await settle(pool.runTurn(job, never()));
    expect(error).toBeUndefined();
    const body = outputs[0]?.type === 'body' ? outputs[0].body : undefined;
    expect(body?.data).toMatchObject({
      window: [4, 5, 10], // manifest window 3, ending with the trigger
      profile: { language: 'es' }, // profileFields: ['language']
      hasLlm: false,
      hasStorage: false,
      classifier: 'CAPABILITY_NOT_AVAILABLE',
    });
    const { envKeys, execArgv } = body?.data as { envKeys: string[]; execArgv: string[] };
    expect(envKeys).not.toContain('MASTER_KEY');
    expect(envKeys.filter((key) => key.startsWith('LLM_'))).toEqual([]); // probe does not declare llm
    expect(execArgv).toContain('--max-old-space-size=256');
  });

  describe.each([
    { plugin: 'throws', code: 'PLUGIN_THREW', restarts: 0 },
    { plugin: 'stalls', code: 'PLUGIN_TIMEOUT', restarts: 0 }, // ignores its signal, but its process still answers
    { plugin: 'hangs', code: 'PLUGIN_TIMEOUT', restarts: 1 }, // a busy loop: its process is killed
    { plugin: 'oom', code: 'PLUGIN_OOM', restarts: 1 },
    { plugin: 'exits', code: 'PLUGIN_CRASHED', restarts: 1 },
  ])('a plugin that fails ($plugin)', ({ plugin, code, restarts }) => {
    it(`ends its turn with ${code} while a parallel turn on another process succeeds`, async () => {
      const exited = restarts > 0 ? processExit(pool, plugin) : undefined;
      const failing = settle(pool.runTurn(turn(plugin, 'x', { token: 'sk-live-0123456789' }), never()));
      const normal = settle(pool.runTurn(turn('echo', 'uno dos tres cuatro', { useLlm: false, wordDelayMs: 25 }), never()));
      const [failed, succeeded] = await Promise.all([failing, normal]);
      expect(failed.error?.code).toBe(code);
      expect(failed.error?.userMessage.es).not.toBe('');
      expect(failed.usage?.outcome).toBe(code);
      expect(succeeded.error).toBeUndefined();
      expect(textOf(succeeded.outputs)).toMatch(/uno dos tres cuatro$/);
      await exited;
      await pool.drain(plugin); // the slot comes back only when the process confirmed the end, or died
      expect(pool.stats()[plugin]?.restarts).toBe(restarts);
    });
  });

  it('scrubs secret config values from errors and logs', () => {
    const thrown = usages.find((u) => u.plugin === 'throws');
    expect(thrown?.outcome).toBe('PLUGIN_THREW');
    const logs = logLines.join('');
    expect(logs).toContain('failing with [redacted]');
    expect(logs).not.toContain('sk-live-0123456789');
  });

  it('replaces a crashed process: the next turn of the plugin runs in a new one', async () => {
    const { outputs, error } = await settle(pool.runTurn(turn('exits', 'x', { exit: false }), never()));
    expect(error).toBeUndefined();
    expect(textOf(outputs)).toMatch(/^alive in \d+$/);
  });

  it('runs labellers, with the same error classes', async () => {
    const label = (plugin: string, text: string) =>
      pool.runLabeller({ plugin, room: 'room-1', message: message(20, text) }, never());
    await expect(label('echo', 'NO ME ESCUCHAS')).resolves.toEqual({ labels: [{ label: 'shouting', score: 1 }], risk: 'none' });
    await expect(label('echo', 'hola')).resolves.toBeNull();
    await expect(label('throws', 'x')).rejects.toMatchObject({ code: 'PLUGIN_THREW', message: expect.stringContaining('labeller exploded') });
    await expect(label('probe', 'x')).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND' });
    await expect(label('nobody', 'x')).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND' });
  });

  it('reports model usage of a turn that used the llm capability', async () => {
    server.enqueue({ tokens: ['Hola', ' Ana'], usage: { inputTokens: 12, outputTokens: 2 } });
    const { outputs, usage, error } = await settle(pool.runTurn(turn('echo', 'hola'), never()));
    expect(error).toBeUndefined();
    expect(textOf(outputs)).toBe('Hola Ana');
    expect(usage).toMatchObject({ outcome: 'done', llmRequests: 1, tokens: { inputTokens: 12, outputTokens: 2 } });
  });

  it('cancels promptly, and the model server sees its request aborted', async () => {
    const abortedBefore = server.stats.aborted;
    server.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `w${i} `), tokenIntervalMs: 20 });
    const controller = new AbortController();
    const stream = pool.runTurn(turn('echo', 'cuéntame algo largo'), controller.signal);
    expect(await stream.next()).toEqual({ done: false, value: { type: 'text', text: 'w0 ' } });
    const cancelledAt = performance.now();
    controller.abort();
    const { error } = await settle(stream);
    expect(error?.code).toBe('PLUGIN_CANCELLED');
    expect(performance.now() - cancelledAt).toBeLessThan(250);
    await server.waitFor('aborted', abortedBefore + 1);
  });

  it('cancels when the caller stops reading', async () => {
    const abortedBefore = server.stats.aborted;
    server.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `w${i} `), tokenIntervalMs: 20 });
    for await (const output of pool.runTurn(turn('echo', 'otra vez'), never())) {
      expect(output).toEqual({ type: 'text', text: 'w0 ' });
      break;
    }
    await server.waitFor('aborted', abortedBefore + 1);
    expect(usages.at(-1)).toMatchObject({ plugin: 'echo', outcome: 'PLUGIN_CANCELLED' });
  });

  it('respects the plugin concurrency limit, queues up to queueLimit, refuses the rest with PLUGIN_BUSY', async () => {
    const controllers = [0, 1, 2, 3].map(() => new AbortController());
    const streams = controllers.map((c) => pool.runTurn(turn('holds', 'x'), c.signal));
    // The first reads start two turns; the third waits in the queue; the fourth finds the queue full.
    const firstSteps = streams.map((s) => s.next().then((step) => ({ step }), (error: unknown) => ({ error })));
    const [first, second] = await Promise.all([firstSteps[0], firstSteps[1]]);
    expect(first).toMatchObject({ step: { value: { type: 'text', text: expect.stringMatching(/^started/) } } });
    expect(second).toMatchObject({ step: { value: { type: 'text', text: expect.stringMatching(/^started/) } } });
    expect(await firstSteps[3]).toMatchObject({ error: { code: 'PLUGIN_BUSY', temporary: true } });
    expect(pool.stats().holds).toMatchObject({ running: 2, queued: 1 });

    controllers[0]?.abort(); // frees a slot: the queued turn starts
    expect(await firstSteps[2]).toMatchObject({ step: { value: { type: 'text', text: expect.stringMatching(/^started/) } } });
    expect(pool.stats().holds).toMatchObject({ running: 2, queued: 0 });
    for (const controller of controllers) controller.abort();
    const ends = await Promise.all(streams.slice(0, 3).map((s) => settle(s)));
    expect(ends.map((e) => e.error?.code)).toEqual(['PLUGIN_CANCELLED', 'PLUGIN_CANCELLED', 'PLUGIN_CANCELLED']);
    await pool.drain('holds');
    expect(pool.stats().holds).toMatchObject({ running: 0, queued: 0, restarts: 0 });
  });
});

describe('PluginPool.close', () => {
  it('cancels running turns and stops the processes', async () => {
    const plugins = (await discoverPlugins('bots/host/fixtures')).filter((p) => p.name === 'holds');
    const pool = new PluginPool({ plugins, logger: pino({ level: 'silent' }) });
    const stream = pool.runTurn(turn('holds', 'x'), never());
    await stream.next();
    await pool.close();
    await expect(stream.next()).rejects.toMatchObject({ code: 'PLUGIN_CANCELLED' });
    expect(pool.stats().holds).toMatchObject({ running: 0, processes: 0 });
    await expect(settle(pool.runTurn(turn('holds', 'x'), never()))).resolves.toMatchObject({
      error: expect.objectContaining({ code: 'PLUGIN_CANCELLED' }),
    });
  });
});
