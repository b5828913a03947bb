/**
 * @module host/pool
 * `PluginPool` runs plugin hooks out of the engine's event loop, in child processes: each plugin gets up to `size`
 * processes of its own (started on demand with the plugin's heap limit) and each process runs many hooks at once.
 *
 * What the engine can rely on:
 * - **Limits per plugin** (manifest `limits`, overridden by the pool's `limits` option): at most `concurrency` hooks
 *   run at once, up to `queueLimit` more wait; past that a job fails at once with `PLUGIN_BUSY`. A hook running
 *   longer than `timeoutMs` ends with `PLUGIN_TIMEOUT`.
 * - **Failures stay in their process.** A hook that throws ends its own job (`PLUGIN_THREW`). A process that exits,
 *   crashes or runs out of heap fails only the jobs it was running (`PLUGIN_CRASHED`, `PLUGIN_OOM`) and is replaced
 *   on the next job. Other plugins, other processes and the engine carry on.
 * - **Cancel and timeout are prompt.** The caller's job ends at once; the child aborts the hook's `ctx.signal`
 *   (which aborts its model request) and must confirm within `killGraceMs`, or its process is killed (a busy loop
 *   cannot be interrupted any other way) and its other jobs fail with `PLUGIN_CRASHED`. The job's concurrency slot is
 *   freed only when the child confirms or dies, so limits hold even against hooks that ignore their signal.
 * - **Usage**: `runTurn`'s generator returns a `HookUsage` (tokens, model requests, time to first output, duration)
 *   and every outcome, failures included, is reported to `onUsage`; a failure's `PluginTurnError.usage` has it too.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { CapabilityNotAvailableError, StorageError, type LabelResult, type PluginLimits, type TurnOutput } from '../sdk/index.ts';
import { childEnvironment } from './child-env.ts';
import { PluginErrorCode, PluginTurnError } from './errors.ts';
import type { ChildMessage, JobUsage, ParentMessage } from './ipc.ts';
import { POOL_DEFAULTS, nonNegativeInt, positiveInt, resolveLimits, type ResolvedLimits } from './limits.ts';
import { OutputChannel } from './output-channel.ts';
import { PluginProcess, type ProcessExit } from './plugin-process.ts';
import { pickProfile, windowFor, type HookAbortReason } from './run-hook.ts';
import { storageFailureOf } from './storage-handle.ts';
import { checkStorageRequest, StorageRequestError, type PluginStorageService } from './storage-protocol.ts';
import type { DiscoveredPlugin, HookUsage, LabelJob, TurnJob } from './types.ts';

export interface PluginPoolOptions {
  readonly plugins: readonly DiscoveredPlugin[];
  readonly logger: Logger;
  /** Most processes per plugin; jobs go to the least busy one. @default 1 */
  readonly size?: number;
  /** For plugins whose manifest sets no `limits.timeoutMs`. @default 30000 */
  readonly defaultTimeoutMs?: number;
  /** For plugins whose manifest sets no `limits.concurrency`. @default 4 */
  readonly defaultConcurrency?: number;
  /** Heap limit for plugins whose manifest sets no `limits.memoryMb`. @default 256 */
  readonly defaultMemoryMb?: number;
  /** Operator overrides by plugin name; they win over the manifest. */
  readonly limits?: Readonly<Record<string, PluginLimits>>;
  /** Jobs that may wait per plugin once `concurrency` run; more fail with `PLUGIN_BUSY`. @default 64 */
  readonly queueLimit?: number;
  /** How long a child has to confirm a cancel or timeout before its process is killed. @default 2000 */
  readonly killGraceMs?: number;
  /** Environment the children's is built from (filtered: see `child-env.ts`). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Level of the plugins' own loggers. @default the logger's level */
  readonly logLevel?: string;
  /** Called once per hook run, whatever its outcome (metrics). */
  readonly onUsage?: (usage: HookUsage) => void;
  /** Serves the `storage` capability; without it, storage calls fail with CAPABILITY_NOT_AVAILABLE. */
  readonly storage?: PluginStorageService;
}

/** Observability: process lifecycles (restarts are visible, not silent). */
export interface PluginPoolEvents {
  'process-ready': [{ readonly plugin: string; readonly pid: number | undefined; readonly startMs: number }];
  'process-exit': [
    {
      readonly plugin: string;
      readonly pid: number | undefined;
      readonly code: number | null;
      readonly signal: NodeJS.Signals | null;
      /** Why its jobs failed; undefined when the pool stopped it (shutdown). */
      readonly failure: PluginErrorCode | undefined;
    },
  ];
}

export interface PluginStats {
  readonly running: number;
  readonly queued: number;
  readonly processes: number;
  /** Processes that ended without being asked to (crash, exit, OOM) or were killed after a hung hook. */
  readonly restarts: number;
  readonly limits: ResolvedLimits;
}

interface PluginEntry {
  readonly plugin: DiscoveredPlugin;
  readonly limits: ResolvedLimits;
  readonly env: Record<string, string>;
  readonly queue: Job[];
  readonly processes: PluginProcess[];
  running: number;
  restarts: number;
  warm: boolean;
}

interface JobSink {
  output(output: TurnOutput): void;
  done(result: LabelResult | undefined, usage: HookUsage): void;
  fail(error: PluginTurnError, discardPending: boolean): void;
}

type JobState = 'queued' | 'starting' | 'running' | 'ended';

interface Job {
  readonly id: string;
  readonly kind: 'turn' | 'label';
  readonly jobId: string;
  readonly entry: PluginEntry;
  readonly message: Extract<ParentMessage, { kind: 'turn' | 'label' }>;
  readonly sink: JobSink;
  readonly createdAt: number;
  state: JobState;
  /** Its slot is free again (the child confirmed the end, or its process is gone). */
  released: boolean;
  process?: PluginProcess;
  dispatchedAt?: number;
  firstOutputAt?: number;
  outputs: number;
  childUsage?: JobUsage;
  timeoutTimer?: NodeJS.Timeout;
  graceTimer?: NodeJS.Timeout;
  detachSignal?: () => void;
}

export class PluginPool {
  readonly events = new EventEmitter<PluginPoolEvents>();
  readonly #entries = new Map<string, PluginEntry>();
  readonly #jobs = new Map<string, Job>();
  readonly #options: PluginPoolOptions;
  readonly #log: Logger;
  readonly #size: number;
  readonly #queueLimit: number;
  readonly #killGraceMs: number;
  readonly #drainWaiters = new Set<() => void>();
  #nextJob = 1;
  #closing = false;

  constructor(options: PluginPoolOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'plugin-pool' });
    this.#size = positiveInt(options.size ?? POOL_DEFAULTS.size, 'size');
    this.#queueLimit = nonNegativeInt(options.queueLimit ?? POOL_DEFAULTS.queueLimit, 'queueLimit');
    this.#killGraceMs = nonNegativeInt(options.killGraceMs ?? POOL_DEFAULTS.killGraceMs, 'killGraceMs');
    for (const plugin of options.plugins) {
      if (this.#entries.has(plugin.name)) throw new Error(`PluginPool: plugin "${plugin.name}" is listed twice`);
      this.#entries.set(plugin.name, {
        plugin,
        limits: resolveLimits(plugin, options),
        env: childEnvironment(options.env ?? process.env, plugin.definition.capabilities),
        queue: [],
        processes: [],
        running: 0,
        restarts: 0,
        warm: false,
      });
    }
  }

  /**
   * Runs a responder. Yields the plugin's outputs as they stream and returns the turn's usage; ends by returning
   * normally or by throwing a `PluginTurnError`. Aborting `signal` (or stopping to read) cancels the turn.
   */
  async *runTurn(job: TurnJob, signal: AbortSignal): AsyncGenerator<TurnOutput, HookUsage, undefined> {
    const channel = new OutputChannel<TurnOutput, HookUsage>();
    const sink: JobSink = {
      output: (output) => channel.push(output),
      done: (_result, usage) => channel.close(usage),
      fail: (error, discardPending) => channel.fail(error, discardPending),
    };
    const running = this.#submit('turn', job.plugin, job.turnId, signal, sink, (id, entry) => ({
      kind: 'turn',
      id,
      plugin: job.plugin,
      input: { turnId: job.turnId, room: job.room, trigger: job.trigger },
      ctx: {
        // Only what the manifest asked for crosses into the plugin's process.
        window: windowFor(entry.plugin.definition, job.window, job.trigger),
        user: { id: job.user.id, name: job.user.name, profile: pickProfile(entry.plugin.definition, job.user.profile) },
        ...(job.config === undefined ? {} : { config: job.config }),
        ...(job.confirmation === undefined ? {} : { confirmation: job.confirmation }),
        ...(job.roomRisk === undefined ? {} : { roomRisk: job.roomRisk }),
        people: job.people,
      },
    }));
    let finished = false;
    try {
      for (;;) {
        const step = await channel.next();
        if (step.done === true) {
          finished = true;
          return step.value;
        }
        yield step.value;
      }
    } catch (error) {
      finished = true;
      throw error;
    } finally {
      if (!finished && running !== undefined) this.#cancel(running, 'the caller stopped reading the turn');
    }
  }

  /** Runs a labeller on one message. Rejects with a `PluginTurnError` (same codes as turns). */
  runLabeller(job: LabelJob, signal: AbortSignal): Promise<LabelResult> {
    return new Promise<LabelResult>((resolve, reject) => {
      const sink: JobSink = {
        output: () => {},
        done: (result) => resolve(result ?? null),
        fail: (error) => reject(error),
      };
      this.#submit('label', job.plugin, `${job.room}:${job.message.offset}`, signal, sink, (id, entry) => ({
        kind: 'label',
        id,
        plugin: job.plugin,
        input: { room: job.room, message: job.message },
        ctx: {
          ...(job.config === undefined ? {} : { config: job.config }),
          ...(job.roomRisk === undefined ? {} : { roomRisk: job.roomRisk }),
          ...(job.user === undefined ? {} : {
            user: { id: job.user.id, name: job.user.name, profile: pickProfile(entry.plugin.definition, job.user.profile) },
          }),
        },
      }));
    });
  }

  /** Starts one process per plugin (or those named) and waits until they are ready; crashed ones are replaced. */
  async warm(names?: readonly string[]): Promise<void> {
    const entries = names === undefined ? [...this.#entries.values()] : names.map((name) => this.#entry(name));
    await Promise.all(
      entries.map((entry) => {
        entry.warm = true;
        const live = entry.processes.find((p) => !p.retiring) ?? this.#spawn(entry);
        return live.ready;
      }),
    );
  }

  stats(): Record<string, PluginStats> {
    const stats: Record<string, PluginStats> = {};
    for (const [name, entry] of this.#entries) {
      stats[name] = {
        running: entry.running,
        queued: entry.queue.length,
        processes: entry.processes.length,
        restarts: entry.restarts,
        limits: entry.limits,
      };
    }
    return stats;
  }

  limitsOf(plugin: string): ResolvedLimits {
    return this.#entry(plugin).limits;
  }

  /**
   * Resolves once no job of `plugin` (of any plugin, without one) is queued or holding a slot: every hook has
   * ended and its process has confirmed it, or died. For graceful shutdown: stop submitting, drain, close.
   */
  drain(plugin?: string): Promise<void> {
    const entries = plugin === undefined ? [...this.#entries.values()] : [this.#entry(plugin)];
    const idle = () => entries.every((entry) => entry.running === 0 && entry.queue.length === 0);
    if (idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!idle()) return;
        this.#drainWaiters.delete(check);
        resolve();
      };
      this.#drainWaiters.add(check);
    });
  }

  /** Fails queued and running jobs with `PLUGIN_CANCELLED` and stops every process (killed after `killGraceMs`). */
  async close(): Promise<void> {
    this.#closing = true;
    const stops: Promise<void>[] = [];
    for (const entry of this.#entries.values()) {
      for (const job of entry.queue.splice(0)) this.#fail(job, cancelled(entry, 'the plugin pool is closing'));
      for (const job of [...this.#jobs.values()]) {
        if (job.entry === entry) this.#fail(job, cancelled(entry, 'the plugin pool is closing'));
      }
      for (const child of entry.processes) stops.push(child.stop(this.#killGraceMs));
    }
    this.#notifyDrain();
    await Promise.all(stops);
  }

  // ------------------------------------------------------------------ jobs

  #submit(
    kind: 'turn' | 'label',
    pluginName: string,
    jobId: string,
    signal: AbortSignal,
    sink: JobSink,
    buildMessage: (id: string, entry: PluginEntry) => Job['message'],
  ): Job | undefined {
    const entry = this.#entries.get(pluginName);
    const hook = kind === 'turn' ? 'onTurn' : 'onMessage';
    const refuse = (error: PluginTurnError) => {
      error.usage = { kind, plugin: pluginName, jobId, outcome: error.code, llmRequests: 0, queueMs: 0, durationMs: 0, outputs: 0 };
      this.#options.onUsage?.(error.usage);
      sink.fail(error, true);
      return undefined;
    };
    if (entry === undefined || entry.plugin.definition.hooks[hook] === undefined) {
      const why = entry === undefined ? 'is not loaded' : `has no ${hook} hook`;
      return refuse(new PluginTurnError(PluginErrorCode.NOT_FOUND, `plugin "${pluginName}" ${why}`, { plugin: pluginName }));
    }
    if (this.#closing) return refuse(cancelled(entry, 'the plugin pool is closed'));
    if (signal.aborted) return refuse(cancelled(entry, 'cancelled before it started'));
    if (entry.running >= entry.limits.concurrency && entry.queue.length >= this.#queueLimit) {
      return refuse(
        new PluginTurnError(
          PluginErrorCode.BUSY,
          `plugin "${pluginName}": ${entry.running} running (limit ${entry.limits.concurrency}) and ${entry.queue.length} queued`,
          { plugin: pluginName },
        ),
      );
    }

    const id = `j${this.#nextJob++}`;
    const job: Job = {
      id,
      kind,
      jobId,
      entry,
      message: buildMessage(id, entry),
      sink,
      createdAt: performance.now(),
      state: 'queued',
      released: false,
      outputs: 0,
    };
    const onAbort = () => this.#cancel(job, 'cancelled by the caller');
    signal.addEventListener('abort', onAbort, { once: true });
    job.detachSignal = () => signal.removeEventListener('abort', onAbort);

    if (entry.running < entry.limits.concurrency) this.#dispatch(job);
    else entry.queue.push(job);
    return job;
  }

  #dispatch(job: Job): void {
    const { entry } = job;
    entry.running++;
    job.state = 'starting';
    const child = this.#pickProcess(entry);
    job.process = child;
    child.jobs.add(job.id);
    this.#jobs.set(job.id, job);
    child.ready.then(
      () => {
        if (job.state !== 'starting') return; // cancelled while its process was starting
        job.state = 'running';
        job.dispatchedAt = performance.now();
        if (!child.send(job.message)) return; // the process is going away: its exit fails the job
        job.timeoutTimer = setTimeout(() => this.#timeOut(job), entry.limits.timeoutMs);
      },
      () => {}, // the process ended before it was ready: #onExit fails its jobs
    );
  }

  #pickProcess(entry: PluginEntry): PluginProcess {
    const live = entry.processes.filter((p) => !p.retiring);
    const leastBusy = live.reduce<PluginProcess | undefined>(
      (best, p) => (best === undefined || p.jobs.size < best.jobs.size ? p : best),
      undefined,
    );
    if (leastBusy === undefined || (leastBusy.jobs.size > 0 && live.length < this.#size)) return this.#spawn(entry);
    return leastBusy;
  }

  #onChildMessage(message: ChildMessage): void {
    if (message.kind === 'ready' || message.kind === 'log' || message.kind === 'batch') return; // batches are unpacked by PluginProcess
    const job = this.#jobs.get(message.id);
    if (message.kind === 'storage') {
      void this.#serveStorage(job, message);
      return;
    }
    if (job === undefined) return;
    switch (message.kind) {
      case 'out':
        if (job.state !== 'running') return; // ended by a cancel or timeout: the rest is dropped
        job.outputs++;
        job.firstOutputAt ??= performance.now();
        job.sink.output(message.output);
        return;
      case 'done':
        job.childUsage = message.usage;
        if (job.state === 'running') this.#succeed(job, message.result);
        this.#release(job);
        return;
      case 'error':
        job.childUsage = message.usage;
        if (job.state === 'running') {
          this.#fail(
            job,
            new PluginTurnError(message.code, message.message, {
              plugin: job.entry.plugin.name,
              ...(message.llmCode === undefined ? {} : { llmCode: message.llmCode }),
              ...(message.userMessage === undefined ? {} : { userMessage: message.userMessage }),
              ...(message.temporary === undefined ? {} : { temporary: message.temporary }),
            }),
          );
        }
        this.#release(job);
        return;
    }
  }

  /**
   * Answers a plugin's `ctx.storage` call. The binding comes from the job the host sent (its room and person), never
   * from the plugin, and the request is checked here: the plugin's process is not trusted.
   */
  async #serveStorage(job: Job | undefined, message: Extract<ChildMessage, { kind: 'storage' }>): Promise<void> {
    const child = job?.process;
    let reply: Extract<ParentMessage, { kind: 'storage-reply' }>;
    try {
      if (job === undefined || job.state !== 'running') {
        throw new StorageError('STORAGE_UNAVAILABLE', 'the hook has ended; storage calls must finish before it returns');
      }
      const service = this.#options.storage;
      if (service === undefined) throw new CapabilityNotAvailableError('storage', 'no storage service runs in this deployment (the engine needs a database)');
      const { plugin, room, user } = jobBinding(job.message);
      const value = await service.run(plugin, user === undefined ? { room } : { room, user }, checkStorageRequest(message.request));
      reply = { kind: 'storage-reply', req: message.req, value };
    } catch (error) {
      if (!(error instanceof StorageError || error instanceof CapabilityNotAvailableError || error instanceof StorageRequestError)) {
        this.#log.warn({ err: error, plugin: job?.entry.plugin.name }, 'plugin storage call failed');
      }
      reply = { kind: 'storage-reply', req: message.req, failure: storageFailureOf(error) };
    }
    child?.send(reply);
  }

  #timeOut(job: Job): void {
    if (job.state !== 'running') return;
    const { name } = job.entry.plugin;
    const { timeoutMs } = job.entry.limits;
    this.#log.warn({ plugin: name, job: job.jobId, timeoutMs }, 'plugin hook timed out');
    this.#fail(job, new PluginTurnError(PluginErrorCode.TIMEOUT, `plugin "${name}": no end after ${timeoutMs} ms`, { plugin: name }));
    this.#askToStop(job, 'timeout');
  }

  #cancel(job: Job, why: string): void {
    const { entry } = job;
    switch (job.state) {
      case 'ended':
        return;
      case 'queued':
        entry.queue.splice(entry.queue.indexOf(job), 1);
        this.#fail(job, cancelled(entry, why));
        this.#notifyDrain();
        return;
      case 'starting':
        this.#fail(job, cancelled(entry, why));
        this.#release(job);
        return;
      case 'running':
        this.#fail(job, cancelled(entry, why));
        this.#askToStop(job, 'cancel');
        return;
    }
  }

  /** Tells the child to abort the hook; a child that does not confirm in time is killed. */
  #askToStop(job: Job, reason: HookAbortReason): void {
    const child = job.process;
    if (child === undefined || job.released) return;
    child.send({ kind: 'cancel', id: job.id, reason });
    job.graceTimer = setTimeout(() => {
      if (job.released || child.exited) return;
      this.#log.warn(
        { plugin: job.entry.plugin.name, pid: child.pid, job: job.jobId, reason },
        'plugin did not let go of a hook in time; killing its process',
      );
      child.kill();
    }, this.#killGraceMs);
  }

  #succeed(job: Job, result: LabelResult | undefined): void {
    if (!this.#end(job)) return;
    const usage = this.#usage(job, 'done');
    this.#options.onUsage?.(usage);
    job.sink.done(result, usage);
  }

  #fail(job: Job, error: PluginTurnError): void {
    if (!this.#end(job)) return;
    error.usage = this.#usage(job, error.code);
    this.#options.onUsage?.(error.usage);
    const stopNow = error.code === PluginErrorCode.CANCELLED || error.code === PluginErrorCode.TIMEOUT;
    job.sink.fail(error, stopNow);
  }

  /** Marks the job ended for its caller; false if it already was. */
  #end(job: Job): boolean {
    if (job.state === 'ended') return false;
    job.state = 'ended';
    clearTimeout(job.timeoutTimer);
    job.detachSignal?.();
    return true;
  }

  /** Frees the job's slot and starts queued jobs. */
  #release(job: Job): void {
    if (job.released) return;
    job.released = true;
    clearTimeout(job.timeoutTimer);
    clearTimeout(job.graceTimer);
    job.process?.jobs.delete(job.id);
    this.#jobs.delete(job.id);
    job.entry.running--;
    this.#pump(job.entry);
    this.#notifyDrain();
  }

  #notifyDrain(): void {
    for (const check of [...this.#drainWaiters]) check();
  }

  #pump(entry: PluginEntry): void {
    if (this.#closing) return;
    while (entry.running < entry.limits.concurrency) {
      const next = entry.queue.shift();
      if (next === undefined) return;
      this.#dispatch(next);
    }
  }

  #usage(job: Job, outcome: HookUsage['outcome']): HookUsage {
    const now = performance.now();
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return {
      kind: job.kind,
      plugin: job.entry.plugin.name,
      jobId: job.jobId,
      outcome,
      llmRequests: job.childUsage?.llmRequests ?? 0,
      ...(job.childUsage?.tokens === undefined ? {} : { tokens: job.childUsage.tokens }),
      queueMs: round((job.dispatchedAt ?? now) - job.createdAt),
      ...(job.firstOutputAt === undefined ? {} : { firstOutputMs: round(job.firstOutputAt - job.createdAt) }),
      durationMs: round(now - job.createdAt),
      outputs: job.outputs,
    };
  }

  // ------------------------------------------------------------------ processes

  #spawn(entry: PluginEntry): PluginProcess {
    const started = performance.now();
    const child: PluginProcess = new PluginProcess({
      plugin: entry.plugin,
      memoryMb: entry.limits.memoryMb,
      env: entry.env,
      logLevel: this.#options.logLevel ?? this.#options.logger.level,
      logger: this.#options.logger,
      onMessage: (message) => this.#onChildMessage(message),
      onExit: (exit) => this.#onExit(entry, child, exit),
    });
    entry.processes.push(child);
    child.ready.then(
      () => {
        const startMs = Math.round(performance.now() - started);
        this.#log.debug({ plugin: entry.plugin.name, pid: child.pid, ms: startMs }, 'plugin process ready');
        this.events.emit('process-ready', { plugin: entry.plugin.name, pid: child.pid, startMs });
      },
      () => {},
    );
    return child;
  }

  #onExit(entry: PluginEntry, child: PluginProcess, exit: ProcessExit): void {
    const index = entry.processes.indexOf(child);
    if (index >= 0) entry.processes.splice(index, 1);
    const failure = this.#exitFailure(entry, exit);
    if (failure !== undefined) {
      entry.restarts++;
      this.#log.warn(
        {
          plugin: entry.plugin.name,
          pid: child.pid,
          code: exit.code,
          signal: exit.signal,
          failure: failure.code,
          jobs: child.jobs.size,
          stderr: exit.stderrTail.slice(-2_000),
        },
        'plugin process ended unexpectedly',
      );
    }
    for (const id of [...child.jobs]) {
      const job = this.#jobs.get(id);
      if (job === undefined) continue;
      this.#fail(job, failure ?? cancelled(entry, 'the plugin pool is closing'));
      this.#release(job);
    }
    const { code, signal } = exit;
    this.events.emit('process-exit', { plugin: entry.plugin.name, pid: child.pid, code, signal, failure: failure?.code });
    // Keep a warmed plugin warm, but never loop on a process that cannot even start.
    const replace = !this.#closing && entry.warm && !exit.beforeReady && !entry.processes.some((p) => !p.retiring);
    if (replace) this.#spawn(entry);
  }

  /** Why a process's jobs failed; undefined when the pool stopped it on purpose. */
  #exitFailure(entry: PluginEntry, exit: ProcessExit): PluginTurnError | undefined {
    if (this.#closing) return undefined;
    const plugin = entry.plugin.name;
    const how = exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    if (exit.oom) {
      return new PluginTurnError(PluginErrorCode.OOM, `plugin "${plugin}" ran out of memory (limit ${entry.limits.memoryMb} MB)`, { plugin });
    }
    if (exit.killedByHost) {
      return new PluginTurnError(PluginErrorCode.CRASHED, `plugin "${plugin}": process restarted after a hook did not stop in time`, { plugin });
    }
    const when = exit.beforeReady ? 'while starting' : 'while running';
    return new PluginTurnError(PluginErrorCode.CRASHED, `plugin "${plugin}": process ended ${when} (${how})`, { plugin });
  }

  #entry(name: string): PluginEntry {
    const entry = this.#entries.get(name);
    if (entry === undefined) throw new Error(`PluginPool: no plugin "${name}"`);
    return entry;
  }
}

function cancelled(entry: PluginEntry, why: string): PluginTurnError {
  const plugin = entry.plugin.name;
  return new PluginTurnError(PluginErrorCode.CANCELLED, `plugin "${plugin}": ${why}`, { plugin });
}

/** Whom a job serves, from what the host itself sent. */
function jobBinding(message: Job['message']): { plugin: string; room: string; user?: string } {
  const user = message.kind === 'turn' ? message.ctx.user.id : message.ctx.user?.id;
  return { plugin: message.plugin, room: message.input.room, ...(user === undefined ? {} : { user }) };
}
