/**
 * @module host/plugin-process
 * One child process hosting one plugin (`child.ts`), started with the plugin's heap limit. It forwards the
 * plugin's log lines to the engine's logger, keeps the tail of its stderr, and on exit reports how it ended:
 * V8's heap exhaustion is recognised from its fatal message on stderr, so the pool can say `PLUGIN_OOM`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { forwardPinoLine } from './forward-log.ts';
import type { ChildMessage, ParentMessage } from './ipc.ts';
import type { DiscoveredPlugin } from './types.ts';

const CHILD_ENTRY = fileURLToPath(new URL('./child.ts', import.meta.url));
// The child imports the plugin's TypeScript directly; resolve tsx from here so the engine's cwd does not matter.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const STDERR_TAIL_BYTES = 8_192;
/** A child that is not ready by then (tsx compiling on a loaded machine takes ~1 s) is killed. */
const START_TIMEOUT_MS = 30_000;
/** After exit, how long to wait for the rest of stderr (a grandchild holding the pipe must not stall us). */
const STREAM_END_WAIT_MS = 1_000;
const OOM_MARKERS = ['JavaScript heap out of memory', 'Reached heap limit', 'FatalProcessOutOfMemory'];

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** V8 reported heap exhaustion. */
  readonly oom: boolean;
  /** The host killed it (a hook that did not let go, or shutdown). */
  readonly killedByHost: boolean;
  readonly beforeReady: boolean;
  readonly stderrTail: string;
}

export interface PluginProcessOptions {
  readonly plugin: DiscoveredPlugin;
  readonly memoryMb: number;
  readonly env: Record<string, string>;
  readonly logLevel: string;
  readonly logger: Logger;
  readonly onMessage: (message: ChildMessage) => void;
  readonly onExit: (exit: ProcessExit) => void;
}

export class PluginProcess {
  /** Resolves when the child can take jobs; rejects if it ends first. */
  readonly ready: Promise<void>;
  /** Ids of the jobs sent to this process and not yet released. */
  readonly jobs = new Set<string>();
  /** No new jobs: it is being killed or shut down. */
  retiring = false;

  readonly #child: ChildProcess;
  readonly #log: Logger;
  #stderrTail = '';
  #isReady = false;
  #killedByHost = false;
  #exited = false;
  readonly #closed: Promise<void>;

  constructor(options: PluginProcessOptions) {
    const { plugin } = options;
    this.#child = fork(CHILD_ENTRY, [], {
      // BOT_CHILD_NODE_ARGS: extra node flags for plugin processes (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
      execArgv: ['--import', TSX_LOADER, `--max-old-space-size=${options.memoryMb}`, ...(process.env.BOT_CHILD_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)],
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
      // Its own process group: a Ctrl-C in the engine's terminal must not kill plugins mid-turn during a graceful
      // shutdown. If the engine dies, the IPC channel closes and the child exits on 'disconnect'.
      detached: true,
    });
    this.#log = options.logger.child({ plugin: plugin.name, pid: this.#child.pid });
    this.#child.stdout?.setEncoding('utf8').on('data', (text: string) => this.#onOutput('stdout', text));
    this.#child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.#stderrTail = (this.#stderrTail + text).slice(-STDERR_TAIL_BYTES);
      this.#onOutput('stderr', text);
    });

    let markReady: () => void = () => {};
    let failReady: (error: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.ready.catch(() => {}); // callers that never await it must not see an unhandled rejection

    const startDeadline = setTimeout(() => {
      this.#log.warn({ ms: START_TIMEOUT_MS }, 'plugin process did not start in time; killing it');
      this.kill();
    }, START_TIMEOUT_MS);
    const onMessage = (message: ChildMessage): void => {
      if (message.kind === 'batch') {
        for (const inner of message.messages) onMessage(inner);
      } else if (message.kind === 'ready') {
        clearTimeout(startDeadline);
        this.#isReady = true;
        markReady();
      } else if (message.kind === 'log') this.#forwardLog(message.line);
      else options.onMessage(message);
    };
    this.#child.on('message', onMessage);
    this.#child.on('error', (error) => this.#log.warn({ err: error }, 'plugin process error'));
    // Wait for stderr to be read to its end after 'exit': V8's OOM message comes last. Not 'close': it never fires
    // when the parent is the one that disconnected the IPC channel.
    const streamsEnded = Promise.all(
      [this.#child.stdout, this.#child.stderr].map(
        (stream) => new Promise<void>((resolve) => (stream === null || stream.readableEnded ? resolve() : stream.once('close', resolve))),
      ),
    );
    this.#closed = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        clearTimeout(startDeadline);
        this.#exited = true;
        this.retiring = true;
        const gaveUp = new Promise<void>((done) => setTimeout(done, STREAM_END_WAIT_MS).unref());
        void Promise.race([streamsEnded, gaveUp]).then(() => {
          report(code, signal);
          resolve();
        });
      });
    });
    const report = (code: number | null, signal: NodeJS.Signals | null) => {
      const oom = OOM_MARKERS.some((marker) => this.#stderrTail.includes(marker));
      if (!this.#isReady) failReady(new Error('plugin process ended before it was ready'));
      options.onExit({
        code,
        signal,
        oom,
        killedByHost: this.#killedByHost,
        beforeReady: !this.#isReady,
        stderrTail: this.#stderrTail,
      });
    };
    this.send({ kind: 'init', plugin: { name: plugin.name, file: plugin.file }, logLevel: options.logLevel });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get exited(): boolean {
    return this.#exited;
  }

  /** False when the channel is closed (the process is gone or going). */
  send(message: ParentMessage): boolean {
    if (this.#exited || !this.#child.connected) return false;
    try {
      this.#child.send(message);
      return true;
    } catch (error) {
      // The channel closed under us; the 'close' event fails this process's jobs.
      this.#log.debug({ err: error }, 'could not send to plugin process');
      return false;
    }
  }

  /** Kills it now (SIGKILL): for a process whose event loop no longer answers. */
  kill(): void {
    this.retiring = true;
    if (this.#exited) return;
    this.#killedByHost = true;
    this.#child.kill('SIGKILL');
  }

  /** Asks it to leave (closing the IPC channel makes the child exit), then kills it after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    this.retiring = true;
    if (this.#exited) return this.#closed;
    this.#killedByHost = true;
    if (this.#child.connected) this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#closed;
    clearTimeout(timer);
  }

  /** Output that did not go through the plugin logger (native crashes, `process.stdout.write`). */
  #onOutput(stream: 'stdout' | 'stderr', text: string): void {
    for (const line of text.split('\n')) if (line.trim() !== '') this.#log.debug({ stream }, line.slice(0, 1_000));
  }

  /** A pino line from the plugin, re-emitted on the engine's logger at its own level. */
  #forwardLog(line: string): void {
    forwardPinoLine(this.#log, line, { drop: ['plugin', 'pid'], stream: 'log' });
  }
}
