import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { InferenceClient } from './client.ts';
import { InferenceError } from './errors.ts';
import { LineDecoder, encodeLine } from './protocol.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'inference-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let nextSocket = 1;

interface FakeRequest {
  readonly id: number;
  readonly op: string;
  readonly model?: string;
  readonly texts?: string[];
}

/** A scripted stand-in for the service: each request goes to `onRequest`, which answers (or not) through `reply`. */
async function fakeService(onRequest: (request: FakeRequest, reply: (message: unknown) => void, socket: net.Socket) => void) {
  const socketPath = path.join(dir, `s${nextSocket++}.sock`);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    const decoder = new LineDecoder(
      (line) => onRequest(JSON.parse(line) as FakeRequest, (message) => socket.write(encodeLine(message)), socket),
      () => {},
    );
    socket.on('data', (chunk: string) => decoder.write(chunk));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    connections: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const labelsFor = (texts: readonly string[] = []) => texts.map((text) => ({ labels: [{ label: text, score: 1 }] }));
let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});
function track<T extends { close(): unknown }>(thing: T): T {
  cleanups.push(() => thing.close());
  return thing;
}

describe('InferenceClient', () => {
  it('multiplexes concurrent requests on one connection and matches answers given out of order', async () => {
    const held: (() => void)[] = [];
    const service = track(
      await fakeService((request, reply) => {
        held.push(() => reply({ id: request.id, ok: true, results: labelsFor(request.texts) }));
        if (held.length === 3) for (const answer of held.reverse()) answer(); // answer the last first
      }),
    );
    const client = track(new InferenceClient({ socketPath: service.socketPath }));
    const results = await Promise.all(['a', 'b', 'c'].map((text) => client.classify('m', [text])));
    expect(results.map((r) => r[0]?.labels[0]?.label)).toEqual(['a', 'b', 'c']);
    expect(service.connections()).toBe(1);
  });

  it('passes the service error codes through', async () => {
    const service = track(
      await fakeService((request, reply) => reply({ id: request.id, ok: false, error: { code: 'MODEL_NOT_FOUND', message: 'no model "x"' } })),
    );
    const client = track(new InferenceClient({ socketPath: service.socketPath }));
    const error = await client.classify('x', ['hola']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InferenceError);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', message: 'no model "x"', temporary: false });
  });

  it('fails requests in flight at once when the connection drops, then reconnects', async () => {
    let requests = 0;
    const service = track(
      await fakeService((request, reply, socket) => {
        requests++;
        if (requests === 1) socket.destroy(); // the service "crashes" holding the request
        else reply({ id: request.id, ok: true, results: labelsFor(request.texts) });
      }),
    );
    const client = track(new InferenceClient({ socketPath: service.socketPath, timeoutMs: 30_000 }));
    const started = performance.now();
    await expect(client.classify('m', ['lost'])).rejects.toMatchObject({ code: 'INFERENCE_UNAVAILABLE', temporary: true });
    expect(performance.now() - started).toBeLessThan(5_000); // not the 30 s timeout
    expect(await client.classify('m', ['again'])).toEqual(labelsFor(['again']));
  });

  it('times out a request that gets no answer, and ignores the late answer', async () => {
    const late: (() => void)[] = [];
    const service = track(await fakeService((request, reply) => late.push(() => reply({ id: request.id, ok: true, results: [] }))));
    const client = track(new InferenceClient({ socketPath: service.socketPath, timeoutMs: 100 }));
    await expect(client.classify('m', ['x'])).rejects.toMatchObject({ code: 'INFERENCE_TIMEOUT' });
    for (const answer of late) answer();
    expect(await client.stats({ timeoutMs: 100 }).catch((e: InferenceError) => e.code)).toBe('INFERENCE_TIMEOUT');
  });

  it('rejects at once when the caller aborts', async () => {
    const service = track(await fakeService(() => {}));
    const client = track(new InferenceClient({ socketPath: service.socketPath, timeoutMs: 30_000 }));
    const controller = new AbortController();
    const pending = client.classify('m', ['x'], { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'INFERENCE_ABORTED' });
    await expect(client.classify('m', ['x'], { signal: controller.signal })).rejects.toMatchObject({ code: 'INFERENCE_ABORTED' });
  });

  it('gives up connecting after connectTimeoutMs when nothing listens', async () => {
    const client = track(new InferenceClient({ socketPath: path.join(dir, 'nobody.sock'), connectTimeoutMs: 150 }));
    const error = await client.classify('m', ['x']).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INFERENCE_UNAVAILABLE' });
    expect((error as Error).message).toContain('nobody.sock');
  });

  it('sends vectors as plain arrays', async () => {
    let seen: unknown;
    const service = track(
      await fakeService((request, reply) => {
        seen = request;
        reply({ id: request.id, ok: true, results: [{ labels: [] }] });
      }),
    );
    const client = track(new InferenceClient({ socketPath: service.socketPath }));
    await client.classifyVectors('hand', [new Float32Array([0.5, 1])]);
    expect(seen).toMatchObject({ op: 'classify', model: 'hand', vectors: [[0.5, 1]] });
  });
});
