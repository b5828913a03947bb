import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceClient } from './client.ts';
import { featurizeText } from './featurize.ts';
import { HAND_LETTERS, writeTestModels, type TestModels } from './fixtures/models.ts';
import { startInferenceService, type InferenceServiceHandle } from './launcher.ts';
import { LineDecoder, type ServiceStats } from './protocol.ts';
import { forward } from './train-logreg.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'inference-server-'));
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
let models: TestModels;
let service: InferenceServiceHandle;
let client: InferenceClient;

beforeAll(async () => {
  models = await writeTestModels(dir);
  // A valid sidecar whose graph onnxruntime cannot read.
  writeFileSync(path.join(dir, 'corrupt.json'), JSON.stringify({ ...models.toy.sidecar, name: 'corrupt' }));
  writeFileSync(path.join(dir, 'corrupt.onnx'), 'not a protobuf');
  service = await startInferenceService({ modelsDir: dir, logger, maxWaitMs: 10, maxBatch: 64, threads: 1 });
  client = new InferenceClient({ socketPath: service.socketPath });
});

afterAll(async () => {
  client?.close();
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw lines on a fresh connection and collects `count` answers. */
async function rawExchange(lines: readonly string[], count: number): Promise<Record<string, unknown>[]> {
  const socket = net.createConnection(service.socketPath);
  await once(socket, 'connect');
  socket.setEncoding('utf8');
  const answers: Record<string, unknown>[] = [];
  const done = new Promise<void>((resolve) => {
    const decoder = new LineDecoder(
      (line) => {
        answers.push(JSON.parse(line) as Record<string, unknown>);
        if (answers.length === count) resolve();
      },
      () => {},
    );
    socket.on('data', (chunk: string) => decoder.write(chunk));
  });
  socket.write(lines.map((line) => `${line}\n`).join(''));
  await done;
  socket.destroy();
  return answers;
}

const modelStats = (stats: ServiceStats, name: string) => stats.models[name] ?? { requests: 0, batches: 0, items: 0, queued: 0 };

describe('inference service (real process)', () => {
  it('classifies texts with every label sorted by score, matching the JS reference', async () => {
    const texts = ['Si me dejas te vas a arrepentir', 'Gracias por la cena', 'You are so stupid'];
    const results = await client.classify('toy', texts);
    expect(results.map((r) => r.labels[0]?.label)).toEqual(['amenaza', 'none', 'insulto']);
    for (const [i, result] of results.entries()) {
      expect(result.labels).toHaveLength(5);
      const scores = result.labels.map((l) => l.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const reference = forward(models.toy.network, featurizeText(texts[i] ?? ''));
      for (const { label, score } of result.labels) {
        expect(Math.abs(score - (reference[models.toy.sidecar.labels.indexOf(label)] ?? 0))).toBeLessThan(1e-5);
      }
    }
  });

  it('serves multi-label text models and vector models', async () => {
    const [flags] = await client.classify('flags', ['Pásame tu contraseña ahora mismo']);
    expect(flags?.labels[0]).toMatchObject({ label: 'control' });
    expect(flags?.labels[0]?.score).toBeGreaterThan(0.5);
    const vectors = models.handCentres;
    const results = await client.classifyVectors('hand', vectors);
    expect(results.map((r) => r.labels[0]?.label)).toEqual([...HAND_LETTERS]);
  });

  it('batches concurrent requests: fewer session runs than requests', async () => {
    const before = modelStats(await client.stats(), 'toy');
    const texts = Array.from({ length: 40 }, (_, i) => `mensaje número ${i}: ¿con quién hablabas?`);
    const results = await Promise.all(texts.map((text) => client.classify('toy', [text])));
    expect(results).toHaveLength(40);
    const after = modelStats(await client.stats(), 'toy');
    expect(after.requests - before.requests).toBe(40);
    expect(after.items - before.items).toBe(40);
    expect(after.batches - before.batches).toBeLessThan(20);
  });

  it('answers MODEL_NOT_FOUND for a model it does not have, and for names that are paths', async () => {
    await expect(client.classify('no-such-model', ['hola'])).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(client.classify('../toy', ['hola'])).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('answers INFERENCE_FAILED for a model file onnxruntime cannot load, and keeps serving', async () => {
    const error = await client.classify('corrupt', ['hola']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INFERENCE_FAILED' });
    expect((error as Error).message).toContain('model "corrupt" could not be loaded');
    expect(await client.classify('toy', ['hola'])).toHaveLength(1);
  });

  it('answers BAD_INPUT to malformed requests and keeps serving on the same connection', async () => {
    const answers = await rawExchange(
      [
        'this is not json',
        '[]',
        '{"id":1}',
        '{"id":2,"op":"explode"}',
        '{"id":3,"op":"classify","texts":["x"]}',
        '{"id":4,"op":"classify","model":"toy","texts":[1,2]}',
        '{"id":5,"op":"classify","model":"toy","texts":"hola"}',
        '{"id":6,"op":"classify","model":"toy"}',
        '{"id":7,"op":"classify","model":"toy","texts":["a"],"vectors":[[1]]}',
        '{"id":8,"op":"classify","model":"hand","texts":["hola"]}',
        '{"id":9,"op":"classify","model":"hand","vectors":[[1,2,3]]}',
        '{"id":10,"op":"classify","model":"hand","vectors":[[null]]}',
        '{"id":11,"op":"classify","model":"toy","vectors":[[1]]}',
        '{"id":{"nested":true},"op":"stats"}',
        '{"id":99,"op":"classify","model":"toy","texts":["hola"]}',
      ],
      15,
    );
    const byId = new Map(answers.filter((a) => a.id !== null).map((a) => [a.id, a]));
    const nullIds = answers.filter((a) => a.id === null);
    expect(nullIds).toHaveLength(3); // not JSON, an array, an id that is not a string or number
    for (const id of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) {
      expect(byId.get(id), `request ${id}`).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect((byId.get(8) as { error: { message: string } }).error.message).toContain('takes vectors');
    expect((byId.get(9) as { error: { message: string } }).error.message).toContain('has 3 numbers, the model takes 63');
    expect(byId.get(99)).toMatchObject({ ok: true, results: [{ labels: expect.any(Array) }] });
    expect(await client.classify('toy', ['sigue vivo'])).toHaveLength(1);
  });

  it('reports stats and Prometheus metrics of its own', async () => {
    const stats = await service.stats();
    expect(stats.provider).toEqual({ configured: 'cpu', active: 'cpu' });
    expect(stats.pid).toBe(service.pid);
    expect(stats.models.toy).toMatchObject({ kind: 'text', labels: 5, queued: 0 });
    expect(stats.errors).toBeGreaterThan(0);
    const text = await service.metricsText();
    expect(text).toContain('mentalia_inference_requests_total{model="toy",outcome="ok"}');
    expect(text).toContain('mentalia_inference_batch_size_bucket');
    expect(text).toContain('mentalia_inference_queue_wait_seconds_bucket');
    expect(text).toContain('mentalia_inference_run_seconds_bucket');
    expect(text).toMatch(/mentalia_inference_errors_total\{model="_unknown",code="MODEL_NOT_FOUND"\} \d/);
    expect(text).toContain('mentalia_inference_provider_info{configured="cpu",active="cpu"} 1');
  });
});

describe('inference service crash and restart', () => {
  let fragile: InferenceServiceHandle;
  let fragileClient: InferenceClient;

  beforeAll(async () => {
    // A long wait and a batch of 4: a one-text request stays queued in the service until we kill it. `cuda` on a
    // host without the CUDA provider also exercises the fallback to CPU.
    fragile = await startInferenceService({ modelsDir: dir, logger, provider: 'cuda', maxWaitMs: 60_000, maxBatch: 4, threads: 1 });
    fragileClient = new InferenceClient({ socketPath: fragile.socketPath, timeoutMs: 20_000 });
  });

  afterAll(async () => {
    fragileClient?.close();
    await fragile?.close();
  });

  it('says which provider is active when CUDA was asked for', async () => {
    const { provider } = await fragile.stats();
    expect(provider.configured).toBe('cuda');
    if (provider.active === 'cpu') expect(provider.fallbackReason).toBeTruthy();
  });

  it('fails in-flight requests promptly when the process dies, restarts it, and serves again', async () => {
    const inFlight = fragileClient.classify('toy', ['nunca llega']);
    inFlight.catch(() => {});
    // Each stats call is a round trip: once it shows the request queued (after the model's first load), the
    // service holds it.
    const until = performance.now() + 10_000;
    while (performance.now() < until && modelStats(await fragile.stats(), 'toy').queued < 1);
    expect(modelStats(await fragile.stats(), 'toy').queued).toBe(1);

    const oldPid = fragile.pid;
    const restarted = once(fragile.events, 'ready');
    const killedAt = performance.now();
    process.kill(oldPid ?? 0, 'SIGKILL');
    await expect(inFlight).rejects.toMatchObject({ code: 'INFERENCE_UNAVAILABLE' });
    expect(performance.now() - killedAt).toBeLessThan(2_000);

    await restarted;
    expect(fragile.pid).not.toBe(oldPid);
    expect(fragile.restarts).toBe(1);
    const results = await fragileClient.classify('toy', ['si me dejas', 'te vas a arrepentir', 'hola', 'eres idiota']);
    expect(results).toHaveLength(4);
    expect(logLines.some((line) => line.includes('inference service ended unexpectedly'))).toBe(true);
  });
});
