/**
 * @module llm/testing/sse-server
 * A local, scripted, protocol-faithful LLM server for tests and benchmarks. It speaks both
 * `POST /v1/messages` (Anthropic) and `POST /v1/chat/completions` (OpenAI and compatible servers), so the real SDKs
 * run against it unchanged: point Anthropic's `baseURL` at `server.url` and OpenAI's at `server.openAiBaseURL`.
 *
 * Scripting: `enqueue(scenario)` queues answers (FIFO, shared by both endpoints); a scenario with `failStatus`
 * answers its first `failTimes` requests with that HTTP error, then streams. `defaultScenario` answers when the
 * queue is empty (benchmarks: N concurrent streams at a set token rate). With neither, requests get a 400 that says
 * nothing was scripted.
 *
 * Observation: every request is recorded (`requests`, headers and parsed body) unless `recordRequests: false`;
 * `stats` counts requests, completed streams, client aborts, dropped connections, HTTP and in-stream failures;
 * `waitFor(stat, n)` resolves once a counter reaches n (no sleeps needed), and `events` emits `request`, `aborted`
 * and `completed`. A client abort is a response closed before the server ended it.
 *
 * Cost per stream: frames are rendered once as strings; pacing is one `setTimeout` chain per stream.
 * Auth: `x-api-key` or `Authorization: Bearer` are both accepted (Anthropic SDK 1.12 sends Bearer); with `apiKey`
 * set, any other key gets a 401 in the endpoint's format.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicWire } from './anthropic-wire.ts';
import { openAiWire } from './openai-wire.ts';
import type { Scenario } from './scenario.ts';
import type { Endpoint, WireProtocol } from './wire-protocol.ts';

export type { Scenario } from './scenario.ts';
export type { Endpoint } from './wire-protocol.ts';

export interface SseTestServerOptions {
  /** When set, requests must carry this key (`x-api-key` or `Authorization: Bearer`). */
  readonly apiKey?: string;
  /** Answers requests when the queue is empty. */
  readonly defaultScenario?: Scenario;
  /** Keep every request's headers and body. Turn off for long benchmarks. @default true */
  readonly recordRequests?: boolean;
  /** @default 127.0.0.1 */
  readonly host?: string;
}

export interface RecordedRequest {
  readonly id: string;
  readonly endpoint: Endpoint;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface StreamEndInfo {
  readonly requestId: string;
  readonly endpoint: Endpoint;
  /** Deltas written before the stream ended. */
  readonly deltasSent: number;
}

export interface SseTestServerStats {
  requests: number;
  /** Streams that started (HTTP 200). */
  streams: number;
  /** Streams the server ended normally (including those ended by a scripted in-stream error). */
  completed: number;
  /** Streams the client closed before the server ended them. */
  aborted: number;
  /** Connections the server dropped on purpose (`dropConnectionAfter`). */
  dropped: number;
  /** Requests answered with an HTTP error (scripted, auth, validation). */
  httpErrors: number;
  /** In-stream errors sent (`failMidStreamAfter`). */
  midStreamErrors: number;
}

export type SseTestServerStat = keyof SseTestServerStats;

interface SseTestServerEvents {
  request: [RecordedRequest];
  aborted: [StreamEndInfo];
  completed: [StreamEndInfo];
}

interface QueuedScenario {
  readonly scenario: Scenario;
  failuresLeft: number;
}

interface PlannedStep {
  readonly text: string;
  /** Pause before writing this step. */
  readonly delayMs: number;
  readonly delta: boolean;
}

const PROTOCOLS: Readonly<Record<string, WireProtocol>> = {
  '/v1/messages': anthropicWire,
  '/v1/chat/completions': openAiWire,
};

export class SseTestServer {
  readonly events = new EventEmitter<SseTestServerEvents>();
  readonly requests: RecordedRequest[] = [];
  readonly stats: SseTestServerStats = emptyStats();
  defaultScenario: Scenario | undefined;

  readonly #server: Server;
  readonly #options: SseTestServerOptions;
  readonly #queue: QueuedScenario[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #waiters = new Set<() => void>();
  #nextId = 1;
  #url = '';

  private constructor(options: SseTestServerOptions) {
    this.#options = options;
    this.defaultScenario = options.defaultScenario;
    this.#server = createServer({ noDelay: true, keepAliveTimeout: 5_000 }, (req, res) => this.#onRequest(req, res));
  }

  static async start(options: SseTestServerOptions = {}): Promise<SseTestServer> {
    const server = new SseTestServer(options);
    await new Promise<void>((resolve, reject) => {
      server.#server.once('error', reject);
      server.#server.listen(0, options.host ?? '127.0.0.1', () => resolve());
    });
    const { address, port } = server.#server.address() as AddressInfo;
    server.#url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
    return server;
  }

  /** Root URL: Anthropic's `baseURL`. */
  get url(): string {
    return this.#url;
  }

  /** `url` + `/v1`: OpenAI's `baseURL`. */
  get openAiBaseURL(): string {
    return `${this.#url}/v1`;
  }

  enqueue(...scenarios: Scenario[]): this {
    for (const scenario of scenarios) {
      const failuresLeft = scenario.failStatus === undefined ? 0 : (scenario.failTimes ?? 1);
      this.#queue.push({ scenario, failuresLeft });
    }
    return this;
  }

  /** Scenarios not consumed yet. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Forgets queued scenarios, recorded requests and counters (between tests). */
  reset(): void {
    this.#queue.length = 0;
    this.requests.length = 0;
    Object.assign(this.stats, emptyStats());
  }

  /** Resolves once `stats[stat] >= count`. */
  waitFor(stat: SseTestServerStat, count = 1): Promise<void> {
    if (this.stats[stat] >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.stats[stat] < count) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
    });
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #count(stat: SseTestServerStat): void {
    this.stats[stat]++;
    for (const check of [...this.#waiters]) check();
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.#handle(req, res, Buffer.concat(chunks).toString('utf8')));
  }

  #handle(req: IncomingMessage, res: ServerResponse, rawBody: string): void {
    const requestId = `${this.#nextId++}`;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const protocol = req.method === 'POST' ? PROTOCOLS[path] : undefined;
    this.#count('requests');
    if (protocol === undefined) {
      this.#count('httpErrors');
      const body = JSON.stringify({ error: { message: `no route ${req.method} ${path}` } });
      res.writeHead(404, { 'content-type': 'application/json' }).end(body);
      return;
    }

    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = {
      id: requestId,
      endpoint: protocol.endpoint,
      method: req.method ?? '',
      path,
      headers: req.headers,
      body,
    };
    if (this.#options.recordRequests !== false) this.requests.push(recorded);
    this.events.emit('request', recorded);

    const fail = (status: number, message: string, extraHeaders: Record<string, string> = {}) => {
      const error = protocol.errorResponse(status, message, requestId);
      this.#count('httpErrors');
      res.writeHead(error.status, { ...error.headers, ...extraHeaders }).end(error.body);
    };

    if (!this.#authorized(req.headers)) return fail(401, 'invalid x-api-key');
    const invalid = protocol.validate(body);
    if (invalid !== undefined) return fail(400, invalid);

    const next = this.#takeScenario();
    if (next === undefined) return fail(400, 'sse-test-server: no scenario queued and no defaultScenario');
    if (next.failing) {
      const { scenario } = next;
      return fail(scenario.failStatus ?? 500, `scripted failure ${scenario.failStatus}`, retryHeaders(scenario));
    }
    this.#stream(res, protocol, next.scenario, body as Record<string, unknown>, requestId);
  }

  #authorized(headers: IncomingHttpHeaders): boolean {
    const expected = this.#options.apiKey;
    if (expected === undefined) return true;
    const bearer = headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
    return headers['x-api-key'] === expected || bearer === expected;
  }

  #takeScenario(): { scenario: Scenario; failing: boolean } | undefined {
    const head = this.#queue[0];
    if (head === undefined) return this.defaultScenario && { scenario: this.defaultScenario, failing: false };
    if (head.failuresLeft > 0) {
      head.failuresLeft--;
      return { scenario: head.scenario, failing: true };
    }
    this.#queue.shift();
    return { scenario: head.scenario, failing: false };
  }

  #stream(
    res: ServerResponse,
    protocol: WireProtocol,
    scenario: Scenario,
    body: Record<string, unknown>,
    requestId: string,
  ): void {
    const { steps, ending } = plan(scenario, protocol.render(scenario, body, requestId));
    const marker = scenario.stampMarker;
    this.#count('streams');
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      [protocol.requestIdHeader]: requestId,
    });

    let index = 0;
    let deltasSent = 0;
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const info = (): StreamEndInfo => ({ requestId, endpoint: protocol.endpoint, deltasSent });

    res.on('close', () => {
      if (timer !== undefined) {
        clearTimeout(timer);
        this.#timers.delete(timer);
      }
      if (ended) return;
      ended = true;
      this.#count('aborted');
      this.events.emit('aborted', info());
    });

    const finish = () => {
      ended = true;
      if (ending === 'drop') {
        this.#count('dropped');
        // End the TCP connection without the chunked terminator: the client sees a cut-off body.
        res.socket?.end();
        return;
      }
      if (ending === 'mid-stream-error') this.#count('midStreamErrors');
      res.end();
      this.#count('completed');
      this.events.emit('completed', info());
    };

    // Writes the step at `index` (its delay has passed) and every following step that has no delay.
    const writeDue = () => {
      if (timer !== undefined) this.#timers.delete(timer);
      timer = undefined;
      if (ended) return;
      let step = steps[index];
      while (step !== undefined) {
        res.write(marker === undefined ? step.text : step.text.replaceAll(marker, String(Math.round((performance.timeOrigin + performance.now()) * 1000))));
        if (step.delta) deltasSent++;
        step = steps[++index];
        if (step !== undefined && step.delayMs > 0) break;
      }
      scheduleNext();
    };
    const scheduleNext = () => {
      const step = steps[index];
      if (step === undefined) return finish();
      if (step.delayMs === 0) return writeDue();
      timer = setTimeout(writeDue, step.delayMs);
      this.#timers.add(timer);
    };
    scheduleNext();
  }
}

type Ending = 'end' | 'mid-stream-error' | 'drop';

/** Lays the rendered frames out in time: structural frames ride with the next delta; failures cut the stream. */
function plan(
  scenario: Scenario,
  rendered: ReturnType<WireProtocol['render']>,
): { steps: PlannedStep[]; ending: Ending } {
  const interval = scenario.tokenIntervalMs ?? 0;
  const firstDelay = scenario.firstTokenDelayMs ?? interval;
  const cutAfter = minDefined(scenario.failMidStreamAfter, scenario.dropConnectionAfter);
  const ending: Ending =
    cutAfter === undefined ? 'end'
    : cutAfter === scenario.failMidStreamAfter ? 'mid-stream-error'
    : 'drop';

  const steps: PlannedStep[] = [];
  let pending = '';
  let deltas = 0;
  for (const frame of rendered.frames) {
    if (!frame.delta) {
      pending += frame.sse;
      continue;
    }
    if (cutAfter !== undefined && deltas >= cutAfter) break;
    // Structural frames before the first delta are sent at once, like response headers.
    if (deltas === 0 && pending !== '') {
      steps.push({ text: pending, delayMs: 0, delta: false });
      pending = '';
    }
    steps.push({ text: pending + frame.sse, delayMs: deltas === 0 ? firstDelay : interval, delta: true });
    pending = '';
    deltas++;
  }
  if (ending === 'end') {
    if (pending !== '') steps.push({ text: pending, delayMs: 0, delta: false });
  } else {
    // What came before the cut but after the last delta (e.g. the preamble of an empty answer) still goes out.
    if (deltas === 0 && pending !== '') steps.push({ text: pending, delayMs: 0, delta: false });
    if (ending === 'mid-stream-error') steps.push({ text: rendered.midStreamError, delayMs: interval, delta: false });
  }
  if (steps.length === 0) steps.push({ text: '', delayMs: 0, delta: false });
  return { steps, ending };
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function retryHeaders(scenario: Scenario): Record<string, string> {
  const headers: Record<string, string> = {};
  if (scenario.retryAfterSeconds !== undefined) headers['retry-after'] = String(scenario.retryAfterSeconds);
  if (scenario.retryAfterMs !== undefined) headers['retry-after-ms'] = String(scenario.retryAfterMs);
  return headers;
}

function emptyStats(): SseTestServerStats {
  return { requests: 0, streams: 0, completed: 0, aborted: 0, dropped: 0, httpErrors: 0, midStreamErrors: 0 };
}
