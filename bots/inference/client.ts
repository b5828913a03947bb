/**
 * @module inference/client
 * `InferenceClient` talks to the inference process over its Unix socket and is the SDK's `ClassifierHandle`: what a
 * plugin's `ctx.classifier` calls. One connection carries many requests at once, matched by id, so concurrent
 * callers share the server's batches.
 *
 * Failure behaviour (every call settles; none hangs):
 * - the service is not there: connecting is retried for `connectTimeoutMs` (it may be restarting), then
 *   `INFERENCE_UNAVAILABLE`;
 * - the connection drops with requests unanswered (the service crashed or restarted): those requests fail at once
 *   with `INFERENCE_UNAVAILABLE`; the next request reconnects;
 * - no answer within `timeoutMs`: `INFERENCE_TIMEOUT`; the caller's `signal` fires: `INFERENCE_ABORTED`;
 * - the service answers an error: its code (`MODEL_NOT_FOUND`, `BAD_INPUT`, `INFERENCE_FAILED`).
 *
 * This module must stay light: plugin processes load it. It does not import onnxruntime.
 */
import net from 'node:net';
import type { ClassifierHandle, ClassifierResult } from '../sdk/index.ts';
import { InferenceError } from './errors.ts';
import { LineDecoder, encodeLine, type InferenceResponse, type ServiceStats } from './protocol.ts';

export interface InferenceClientOptions {
  readonly socketPath: string;
  /** Per request, from the call to the answer. @default 10000 */
  readonly timeoutMs?: number;
  /** How long to keep trying to connect (a restarting service comes back within it). @default 3000 */
  readonly connectTimeoutMs?: number;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
}

interface Pending {
  readonly resolve: (response: InferenceResponse & { ok: true }) => void;
  readonly reject: (error: InferenceError) => void;
  /** The connection the request went out on; undefined while connecting. */
  sentOn?: net.Socket;
}

const CONNECT_RETRY_MS = [25, 50, 100, 200, 400] as const;

export class InferenceClient implements ClassifierHandle {
  readonly socketPath: string;
  readonly #timeoutMs: number;
  readonly #connectTimeoutMs: number;
  readonly #pending = new Map<number, Pending>();
  #socket: net.Socket | undefined;
  #connecting: Promise<net.Socket> | undefined;
  #nextId = 1;
  #closed = false;

  constructor(options: InferenceClientOptions) {
    this.socketPath = options.socketPath;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
  }

  /** Labels of each text, highest score first. */
  async classify(model: string, texts: readonly string[], options: RequestOptions = {}): Promise<ClassifierResult[]> {
    const response = await this.#request({ op: 'classify', model, texts: [...texts] }, options);
    return resultsOf(response);
  }

  /** Labels of each vector (e.g. 63 hand-landmark coordinates), highest score first. */
  async classifyVectors(
    model: string,
    vectors: readonly (readonly number[] | Float32Array)[],
    options: RequestOptions = {},
  ): Promise<ClassifierResult[]> {
    const response = await this.#request({ op: 'classify', model, vectors: vectors.map((v) => Array.from(v)) }, options);
    return resultsOf(response);
  }

  async stats(options: RequestOptions = {}): Promise<ServiceStats> {
    const response = await this.#request({ op: 'stats' }, options);
    if (!('stats' in response)) throw malformed();
    return response.stats;
  }

  /** The service's metrics, Prometheus text format. */
  async metricsText(options: RequestOptions = {}): Promise<string> {
    const response = await this.#request({ op: 'metrics' }, options);
    if (!('metrics' in response)) throw malformed();
    return response.metrics;
  }

  /** Fails pending requests and disconnects; later calls fail with `INFERENCE_UNAVAILABLE`. */
  close(): void {
    this.#closed = true;
    this.#failPending(() => true, 'the inference client was closed');
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #request(body: Record<string, unknown>, options: RequestOptions): Promise<InferenceResponse & { ok: true }> {
    if (this.#closed) return Promise.reject(new InferenceError('INFERENCE_UNAVAILABLE', 'the inference client was closed'));
    const { signal } = options;
    if (signal?.aborted === true) return Promise.reject(aborted());
    const id = this.#nextId++;
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(id);
        if (this.#pending.size === 0) this.#socket?.unref(); // an idle client never keeps its process alive
      };
      const pending: Pending = {
        resolve: (response) => {
          settle();
          resolve(response);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => pending.reject(new InferenceError('INFERENCE_TIMEOUT', `no answer from the inference service within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onAbort = () => pending.reject(aborted());
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, pending);
      this.#connect().then(
        (socket) => {
          if (!this.#pending.has(id)) return; // timed out or aborted while connecting
          socket.ref();
          pending.sentOn = socket;
          socket.write(encodeLine({ id, ...body }));
        },
        (error: InferenceError) => pending.reject(error),
      );
    });
  }

  #connect(): Promise<net.Socket> {
    if (this.#socket !== undefined && !this.#socket.destroyed) return Promise.resolve(this.#socket);
    this.#connecting ??= this.#dial(performance.now() + this.#connectTimeoutMs).finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #dial(deadline: number): Promise<net.Socket> {
    for (let attempt = 0; ; attempt++) {
      try {
        const socket = await openSocket(this.socketPath);
        if (this.#closed) {
          socket.destroy();
          throw new InferenceError('INFERENCE_UNAVAILABLE', 'the inference client was closed');
        }
        this.#adopt(socket);
        return socket;
      } catch (error) {
        if (error instanceof InferenceError) throw error;
        const wait = CONNECT_RETRY_MS[Math.min(attempt, CONNECT_RETRY_MS.length - 1)] ?? 400;
        if (performance.now() + wait > deadline) {
          const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          throw new InferenceError('INFERENCE_UNAVAILABLE', `cannot reach the inference service at ${this.socketPath} (${code})`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  #adopt(socket: net.Socket): void {
    this.#socket = socket;
    socket.setEncoding('utf8');
    const decoder = new LineDecoder(
      (line) => this.#onLine(line),
      () => socket.destroy(), // an answer longer than any the server writes: the stream is not ours to trust
    );
    socket.on('data', (chunk: string) => decoder.write(chunk));
    socket.on('error', () => {}); // 'close' follows and fails what was in flight
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#failPending(
        (pending) => pending.sentOn === socket,
        'the inference service closed the connection before answering (it crashed or is restarting)',
      );
    });
  }

  #onLine(line: string): void {
    let response: InferenceResponse;
    try {
      response = JSON.parse(line) as InferenceResponse;
    } catch {
      return;
    }
    if (typeof response !== 'object' || response === null || typeof response.id !== 'number') return;
    const pending = this.#pending.get(response.id);
    if (pending === undefined) return; // timed out or aborted: a late answer is dropped
    if (response.ok) pending.resolve(response);
    else pending.reject(new InferenceError(response.error?.code ?? 'INFERENCE_FAILED', response.error?.message ?? 'unknown error'));
  }

  #failPending(which: (pending: Pending) => boolean, message: string): void {
    for (const pending of [...this.#pending.values()]) {
      if (which(pending)) pending.reject(new InferenceError('INFERENCE_UNAVAILABLE', message));
    }
  }
}

function openSocket(socketPath: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

function resultsOf(response: InferenceResponse): ClassifierResult[] {
  if (!('results' in response) || !Array.isArray(response.results)) throw malformed();
  return response.results as ClassifierResult[];
}

const aborted = () => new InferenceError('INFERENCE_ABORTED', 'the classification was cancelled');
const malformed = () => new InferenceError('INFERENCE_FAILED', 'the inference service sent a malformed answer');
