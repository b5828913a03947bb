import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../schema/protocol.ts';
import { childEnvironment } from '../host/child-env.ts';
import { discoverPlugins } from '../host/discover.ts';
import { PluginPool } from '../host/pool.ts';
import type { TurnOutput } from '../sdk/index.ts';
import { writeTestModels } from './fixtures/models.ts';
import { startInferenceForPlugins, type InferenceServiceHandle } from './launcher.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'inference-plugin-'));
const logger = pino({ level: 'warn' }, { write: () => {} });
let service: InferenceServiceHandle;
let pool: PluginPool;

const trigger = (text: string): StoredMessage => ({
  room: 'room-1',
  epoch: 'e1',
  offset: 1,
  msgId: 'm1',
  from: { id: 'u1', kind: 'user', name: 'Ana' },
  body: { text },
  ts: 1_700_000_000_000,
});

beforeAll(async () => {
  await writeTestModels(dir);
  const plugins = await discoverPlugins('bots/inference/fixtures');
  // Started the way the runtime starts it: from the environment, because a plugin declares `classifier`.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, MODELS_DIR: dir, INFERENCE_THREADS: '1' };
  const started = await startInferenceForPlugins(plugins, logger, env);
  if (started === undefined) throw new Error('the inference service did not start for a classifier plugin');
  service = started;
  pool = new PluginPool({
    plugins,
    logger,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MENTALIA_INFERENCE_SOCKET: service.socketPath, MASTER_KEY: 'not-for-plugins' },
  });
  await pool.warm();
});

afterAll(async () => {
  await pool?.close();
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ctx.classifier in a plugin process', () => {
  it('reaches the inference service through the real PluginPool', async () => {
    const outputs: TurnOutput[] = [];
    const job = { turnId: 't1', plugin: 'classify-probe', room: 'room-1', trigger: trigger('Si me dejas te vas a arrepentir'), window: [], user: { id: 'u1', name: 'Ana' }, people: 1 };
    for await (const output of pool.runTurn(job, new AbortController().signal)) outputs.push(output);
    const body = outputs[0]?.type === 'body' ? outputs[0].body : undefined;
    expect(body?.text).toBe('amenaza');
    expect(body?.data).toMatchObject({ hand: 4, missing: 'MODEL_NOT_FOUND' });
    const envKeys = (body?.data as { envKeys: string[] }).envKeys;
    expect(envKeys).toContain('MENTALIA_INFERENCE_SOCKET');
    expect(envKeys).not.toContain('MASTER_KEY');
    const stats = await service.stats();
    expect(stats.models.toy?.requests).toBe(1);
    expect(stats.models.hand?.requests).toBe(1);
  });
});

describe('startInferenceForPlugins', () => {
  it('starts nothing when no plugin declares classifier, or when INFERENCE_ENABLED=false', async () => {
    const echo = { definition: { capabilities: ['llm'] } };
    const classifier = { definition: { capabilities: ['classifier'] } };
    expect(await startInferenceForPlugins([echo], logger, {})).toBeUndefined();
    expect(await startInferenceForPlugins([classifier], logger, { INFERENCE_ENABLED: 'false' })).toBeUndefined();
    await expect(startInferenceForPlugins([classifier], logger, { INFERENCE_PROVIDER: 'tpu' })).rejects.toThrow('INFERENCE_PROVIDER');
  });
});

describe('the inference socket in a plugin environment', () => {
  it('reaches plugins that declare classifier, and only those', () => {
    const source = { PATH: '/bin', MENTALIA_INFERENCE_SOCKET: '/tmp/x.sock', MASTER_KEY: 'secret' };
    expect(childEnvironment(source, ['classifier'])).toEqual({ PATH: '/bin', MENTALIA_INFERENCE_SOCKET: '/tmp/x.sock' });
    expect(childEnvironment(source, ['llm'])).toEqual({ PATH: '/bin' });
  });
});
