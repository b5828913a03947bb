/**
 * @module inference/launcher
 * Starts the inference process (`server.ts`) from the engine or a worker and keeps it running: it waits until the
 * socket listens, forwards the process's log lines to the caller's logger, and restarts it when it ends without
 * being asked to (with a growing delay, reset once it has run a while). A crash fails the requests that were in
 * flight at once (their connections drop; see `client.ts`); requests sent during the restart wait for it up to the
 * client's connect timeout.
 *
 * The child's environment is built here, not inherited: Node basics, the CUDA/loader variables a GPU needs, and the
 * service's own settings. Engine secrets never reach it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { forwardPinoLine } from '../host/forward-log.ts';
import { InferenceClient } from './client.ts';
import { DEFAULT_MAX_BATCH, DEFAULT_MAX_WAIT_MS, loadInferenceConfig, type ProviderSetting } from './config.ts';
import { LineDecoder, type ProviderStats, type ServiceStats } from './protocol.ts';
import type { ServerReadyMessage } from './server.ts';

const SERVER_ENTRY = fileURLToPath(new URL('./server.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** tsx compiling on a busy machine plus onnxruntime's first load take a few seconds at worst. */
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;
const RESTART_DELAYS_MS = [100, 500, 2_000, 5_000, 10_000] as const;
/** A process that ran this long without crashing resets the restart delay. */
const STABLE_AFTER_MS = 30_000;
const PASSED_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'NODE_ENV', 'LD_LIBRARY_PATH', 'OMP_NUM_THREADS'];
const PASSED_PREFIXES = ['CUDA_', 'NVIDIA_', 'ORT_'];

export interface InferenceServiceOptions {
  /** Folder of `<name>.onnx` + `<name>.json`. */
  readonly modelsDir: string;
  /** @default 'cpu' */
  readonly provider?: ProviderSetting;
  /** @default a fresh path in the temporary folder */
  readonly socketPath?: string;
  readonly logger: Logger;
  /** @default 64 */
  readonly maxBatch?: number;
  /** @default 2 */
  readonly maxWaitMs?: number;
  /** Intra-op threads per model session. @default onnxruntime's (all cores) */
  readonly threads?: number;
  /** Level of the service's own logger. @default the logger's level */
  readonly logLevel?: string;
  /** Where PATH, HOME, CUDA_* … are taken from. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface InferenceServiceEvents {
  ready: [{ readonly pid: number; readonly provider: ProviderStats; readonly restarts: number }];
  exit: [{ readonly pid: number | undefined; readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly expected: boolean }];
}

export interface InferenceServiceHandle {
  readonly socketPath: string;
  /** The running process's pid (changes on restart). */
  readonly pid: number | undefined;
  /** Restarts after unexpected exits so far. */
  readonly restarts: number;
  readonly events: EventEmitter<InferenceServiceEvents>;
  /** The service's stats (provider in use, models, requests, batches …). */
  stats(): Promise<ServiceStats>;
  /** The service's Prometheus metrics, text format (`mentalia_inference_*`), ready to append to the engine's. */
  metricsText(): Promise<string>;
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and does not restart it. */
  close(): Promise<void>;
}

/**
 * For the runtime: starts the service when a plugin declares `classifier` (and `INFERENCE_ENABLED` is not `false`),
 * with settings from the environment (`MODELS_DIR`, `INFERENCE_PROVIDER`, `INFERENCE_MAX_BATCH`,
 * `INFERENCE_MAX_WAIT_MS`, `INFERENCE_THREADS`; `INFERENCE_SOCKET` if set, else a fresh path per process, so two
 * engines on one host never share a socket). Hand `socketPath` to the plugin pool's `env` as
 * `MENTALIA_INFERENCE_SOCKET`. @throws when the environment is invalid or the service cannot start.
 */
export async function startInferenceForPlugins(
  plugins: readonly { readonly definition: { readonly capabilities: readonly string[] } }[],
  logger: Logger,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<InferenceServiceHandle | undefined> {
  if (env.INFERENCE_ENABLED === 'false') return undefined;
  if (!plugins.some((plugin) => plugin.definition.capabilities.includes('classifier'))) return undefined;
  const settings = loadInferenceConfig(env);
  return startInferenceService({
    modelsDir: settings.modelsDir,
    provider: settings.provider,
    maxBatch: settings.maxBatch,
    maxWaitMs: settings.maxWaitMs,
    ...(settings.threads === undefined ? {} : { threads: settings.threads }),
    ...(env.INFERENCE_SOCKET ? { socketPath: settings.socketPath } : {}),
    logger,
    env,
  });
}

/** Starts the service and resolves once it listens. @throws when the first start fails (bad config, no tsx …). */
export async function startInferenceService(options: InferenceServiceOptions): Promise<InferenceServiceHandle> {
  const supervisor = new Supervisor(options);
  await supervisor.start();
  return supervisor;
}

class Supervisor implements InferenceServiceHandle {
  readonly socketPath: string;
  readonly events = new EventEmitter<InferenceServiceEvents>();
  readonly #options: InferenceServiceOptions;
  readonly #log: Logger;
  readonly #client: InferenceClient;
  #child: ChildProcess | undefined;
  #restarts = 0;
  #consecutiveFailures = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #closing = false;
  #stderrTail = '';

  constructor(options: InferenceServiceOptions) {
    this.#options = options;
    this.socketPath = options.socketPath ?? path.join(os.tmpdir(), `mentalia-inference-${process.pid}-${randomBytes(4).toString('hex')}.sock`);
    this.#log = options.logger.child({ component: 'inference' });
    this.#client = new InferenceClient({ socketPath: this.socketPath, timeoutMs: 10_000 });
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get restarts(): number {
    return this.#restarts;
  }

  stats(): Promise<ServiceStats> {
    return this.#client.stats();
  }

  metricsText(): Promise<string> {
    return this.#client.metricsText();
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#restartTimer);
    this.#client.close();
    const child = this.#child;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killTimer);
    }
    await unlink(this.socketPath).catch(() => {}); // left behind by a process that was killed
  }

  /** Spawns the process and resolves when it listens; rejects if it ends or stalls first. */
  start(): Promise<void> {
    const child = fork(SERVER_ENTRY, [], {
      execArgv: ['--import', TSX_LOADER],
      env: this.#childEnv(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      // Its own process group: a Ctrl-C at the engine's terminal must not kill it during a graceful shutdown. If the
      // engine dies, the IPC channel closes and the service exits on 'disconnect'.
      detached: true,
    });
    this.#child = child;
    this.#stderrTail = '';
    const logLines = new LineDecoder((line) => this.#forwardLog(line), () => {}, 64_000);
    child.stdout?.setEncoding('utf8').on('data', (text: string) => logLines.write(text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.#stderrTail = (this.#stderrTail + text).slice(-4_000);
    });
    return new Promise<void>((resolve, reject) => {
      let listening = false;
      let startedAt = 0;
      const deadline = setTimeout(() => {
        this.#log.error({ ms: START_TIMEOUT_MS }, 'inference service did not start in time; killing it');
        child.kill('SIGKILL');
      }, START_TIMEOUT_MS);
      child.on('message', (message: ServerReadyMessage) => {
        if (message?.kind !== 'listening' || listening) return;
        listening = true;
        startedAt = performance.now();
        clearTimeout(deadline);
        this.#log.info({ pid: child.pid, socket: this.socketPath, provider: message.provider }, 'inference service ready');
        this.events.emit('ready', { pid: message.pid, provider: message.provider, restarts: this.#restarts });
        resolve();
      });
      child.on('error', (error) => this.#log.warn({ err: error }, 'inference process error'));
      child.once('exit', (code, signal) => {
        clearTimeout(deadline);
        const expected = this.#closing;
        this.events.emit('exit', { pid: child.pid, code, signal, expected });
        if (!listening) {
          reject(new Error(`inference service ended before listening (${signal ?? `exit code ${code}`}): ${this.#stderrTail.trim().slice(-1_000)}`));
        }
        if (expected) return;
        const ranMs = listening ? performance.now() - startedAt : 0;
        this.#consecutiveFailures = ranMs >= STABLE_AFTER_MS ? 1 : this.#consecutiveFailures + 1;
        if (listening || this.#restarts > 0) this.#scheduleRestart(code, signal);
      });
    });
  }

  #scheduleRestart(code: number | null, signal: NodeJS.Signals | null): void {
    const delay = RESTART_DELAYS_MS[Math.min(this.#consecutiveFailures - 1, RESTART_DELAYS_MS.length - 1)] ?? 0;
    this.#restarts++;
    this.#log.warn(
      { code, signal, restarts: this.#restarts, inMs: delay, stderr: this.#stderrTail.slice(-2_000) },
      'inference service ended unexpectedly; restarting it',
    );
    this.#restartTimer = setTimeout(() => {
      if (this.#closing) return;
      this.start().catch((error: unknown) => {
        if (!this.#closing) this.#log.error({ err: error }, 'inference service restart failed');
      });
    }, delay);
  }

  #childEnv(): Record<string, string> {
    const source = this.#options.env ?? process.env;
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(source)) {
      if (value === undefined) continue;
      if (PASSED_VARIABLES.includes(name) || PASSED_PREFIXES.some((prefix) => name.startsWith(prefix))) env[name] = value;
    }
    const { modelsDir, provider, maxBatch, maxWaitMs, threads } = this.#options;
    Object.assign(env, {
      MODELS_DIR: path.resolve(modelsDir),
      INFERENCE_PROVIDER: provider ?? 'cpu',
      INFERENCE_SOCKET: this.socketPath,
      INFERENCE_MAX_BATCH: String(maxBatch ?? DEFAULT_MAX_BATCH),
      INFERENCE_MAX_WAIT_MS: String(maxWaitMs ?? DEFAULT_MAX_WAIT_MS),
      LOG_LEVEL: this.#options.logLevel ?? this.#options.logger.level,
    });
    if (threads !== undefined) env.INFERENCE_THREADS = String(threads);
    return env;
  }

  /** The service logs pino JSON lines; each is re-emitted on our logger at its level. */
  #forwardLog(line: string): void {
    forwardPinoLine(this.#log, line, { drop: ['svc'], rename: { pid: 'servicePid' } });
  }
}

