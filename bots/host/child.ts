/**
 * @module host/child
 * Entry of a plugin's child process (started by `PluginProcess`): hosts one plugin, imported when the parent's
 * `init` names it (the process says `ready` once it is loaded), and runs its hooks concurrently as the parent sends
 * jobs (see `ipc.ts`). Each job has its own
 * `AbortController`: `cancel` aborts it, which aborts the model's HTTP request through the hook's `ctx.signal`, and the
 * job is answered at once even if the hook ignores the signal.
 *
 * Everything the plugin writes through `console` goes to the plugin's logger (scrubbed of secrets) instead of
 * stdout. An uncaught exception ends the process (Node's default): the parent fails this process's jobs with
 * `PLUGIN_CRASHED` and starts a new one, since the plugin's state can no longer be trusted.
 */
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import type { Logger } from 'pino';
import type { LlmProvider } from '../llm/index.ts';
import { isPluginDefinition, validateManifest, type PluginDefinition } from '../sdk/index.ts';
import { PluginErrorCode, PluginTurnError } from './errors.ts';
import type { ChildMessage, JobUsage, ParentMessage } from './ipc.ts';
import { SecretScrubber, createPluginRootLogger } from './plugin-logger.ts';
import { createStorageHandle, storageErrorFrom } from './storage-handle.ts';
import { newMeter, runLabelHook, runTurnHook, type HookMeter, type HookServices } from './run-hook.ts';

type JobMessage = Extract<ParentMessage, { kind: 'turn' | 'label' }>;

const scrubber = new SecretScrubber();
const jobs = new Map<string, AbortController>();
let pluginInfo: { name: string; file: string } | undefined;
let rootLogger: Logger | undefined;
let definition: Promise<PluginDefinition> | undefined;
let llm: Promise<LlmProvider | undefined> | undefined;
/** `ctx.storage` calls waiting for the parent's `storage-reply`, by request number. */
const storageCalls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextStorageCall = 1;

/** Messages of this event-loop turn; flushed as one IPC message (an IPC send per token would cost more than the token). */
let outbox: ChildMessage[] = [];

function send(message: ChildMessage): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(message);
}

function flush(): void {
  const messages = outbox;
  outbox = [];
  if (!process.connected || messages.length === 0) return;
  process.send?.(messages.length === 1 ? messages[0] : { kind: 'batch', messages });
}

function onMessage(message: ParentMessage): void {
  switch (message.kind) {
    case 'init':
      init(message.plugin, message.logLevel);
      break;
    case 'turn':
    case 'label':
      void runJob(message);
      break;
    case 'cancel':
      jobs.get(message.id)?.abort(message.reason);
      break;
    case 'storage-reply': {
      const pending = storageCalls.get(message.req);
      storageCalls.delete(message.req);
      if (message.failure) pending?.reject(storageErrorFrom(message.failure));
      else pending?.resolve(message.value);
      break;
    }
  }
}

function init(plugin: { name: string; file: string }, level: string): void {
  pluginInfo = plugin;
  rootLogger = createPluginRootLogger({
    plugin: plugin.name,
    level,
    scrubber,
    write: (line) => send({ kind: 'log', line }),
  });
  redirectConsole(rootLogger);
  // Import the plugin (and the model SDKs if it declares `llm`) before saying ready, so a job's timeout never pays
  // for it. A plugin that fails to import is still "ready": each job then fails with the import error
  // (PLUGIN_THREW), which names the problem.
  void loadDefinition(plugin.name)
    .then((definition) => (definition.capabilities.includes('llm') ? llmProvider() : undefined))
    .catch(() => {})
    .then(() => send({ kind: 'ready', pid: process.pid }));
}

async function runJob(message: JobMessage): Promise<void> {
  const controller = new AbortController();
  jobs.set(message.id, controller);
  const meter = newMeter();
  try {
    const plugin = await loadDefinition(message.plugin);
    const services: HookServices = {
      llm: plugin.capabilities.includes('llm') ? await llmProvider() : undefined,
      rootLogger: logger(),
      scrubber,
      signal: controller.signal,
      storage: storageFor(message),
    };
    if (message.kind === 'label') {
      const result = await runLabelHook(plugin, { ...message.input, config: message.ctx.config, ...(message.ctx.user ? { user: message.ctx.user } : {}), ...(message.ctx.roomRisk ? { roomRisk: message.ctx.roomRisk } : {}) }, services, meter);
      send({ kind: 'done', id: message.id, usage: usageOf(meter), result });
      return;
    }
    const data = { ...message.input, ...message.ctx };
    for await (const output of runTurnHook(plugin, data, services, meter)) {
      if (!trySend({ kind: 'out', id: message.id, output })) {
        throw new PluginTurnError(PluginErrorCode.THREW, `plugin "${plugin.name}": an output is not JSON-serializable`);
      }
    }
    send({ kind: 'done', id: message.id, usage: usageOf(meter) });
  } catch (error) {
    const failure = error instanceof PluginTurnError ? error : unexpected(error);
    send({
      kind: 'error',
      id: message.id,
      code: failure.code,
      message: scrubber.scrub(failure.message),
      usage: usageOf(meter),
      ...(failure.llmCode === undefined ? {} : { llmCode: failure.llmCode }),
      userMessage: failure.userMessage,
      temporary: failure.temporary,
    });
  } finally {
    jobs.delete(message.id);
  }
}

/** The job's `ctx.storage`: each call goes to the parent, which binds it to the job's room and person. */
function storageFor(message: JobMessage) {
  const hasUser = message.kind === 'turn' || message.ctx.user !== undefined;
  return createStorageHandle((request) => new Promise((resolve, reject) => {
    const req = nextStorageCall++;
    storageCalls.set(req, { resolve, reject });
    send({ kind: 'storage', id: message.id, req, request });
  }), hasUser);
}

function loadDefinition(name: string): Promise<PluginDefinition> {
  if (pluginInfo === undefined || pluginInfo.name !== name) {
    return Promise.reject(new PluginTurnError(PluginErrorCode.NOT_FOUND, `this process hosts no plugin "${name}"`));
  }
  const { file } = pluginInfo;
  definition ??= import(pathToFileURL(file).href).then(
    (module: { default?: unknown }) => {
      const loaded = module.default;
      if (!isPluginDefinition(loaded)) validateManifest(loaded, file);
      if ((loaded as PluginDefinition).name !== name) throw new Error(`${file} defines "${String((loaded as PluginDefinition).name)}"`);
      return loaded as PluginDefinition;
    },
  );
  return definition.catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PluginTurnError(PluginErrorCode.THREW, `plugin "${name}" could not be loaded: ${detail}`, { plugin: name });
  });
}

/**
 * The model provider from this process's environment (only LLM variables reach plugins that declare `llm`).
 * Imported on first use: the vendor SDKs cost a plugin without `llm` startup time and memory for nothing.
 */
function llmProvider(): Promise<LlmProvider | undefined> {
  llm ??= import('../llm/factory.ts').then(({ createLlmFromEnv }) =>
    createLlmFromEnv(process.env, { logger: logger().child({ component: 'llm' }) }),
  );
  return llm;
}

function logger(): Logger {
  if (rootLogger === undefined) throw new Error('child received a job before init');
  return rootLogger;
}

function trySend(message: ChildMessage): boolean {
  try {
    JSON.stringify(message); // what the IPC channel will do at flush time: reject unserializable outputs here
    send(message);
    return true;
  } catch {
    return false;
  }
}

function usageOf(meter: HookMeter): JobUsage {
  return meter.tokens === undefined ? { llmRequests: meter.llmRequests } : { llmRequests: meter.llmRequests, tokens: meter.tokens };
}

function unexpected(error: unknown): PluginTurnError {
  const detail = error instanceof Error ? error.message : String(error);
  return new PluginTurnError(PluginErrorCode.THREW, `plugin host: ${detail}`);
}

/** A plugin's `console.log` would bypass secret scrubbing and clutter the engine's stdout: route it to the logger. */
function redirectConsole(log: Logger): void {
  const route = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => log[level]({ console: true }, format(...args));
  console.log = route('info');
  console.info = route('info');
  console.debug = route('debug');
  console.warn = route('warn');
  console.error = route('error');
}

process.on('message', onMessage);
// The engine went away: nothing can receive our answers any more.
process.on('disconnect', () => process.exit(0));
// A send racing the parent's exit fails with EPIPE on the process object: the parent is gone, so are we.
process.on('error', () => process.exit(0));
