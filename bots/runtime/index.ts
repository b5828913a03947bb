/**
 * @module runtime
 * Assembles the bot runtime for an engine: discovers and validates the plugins (a bad manifest stops the start
 * with an error naming plugin and field), picks the queue (in-process, or BullMQ when REDIS_URL is set, with an
 * optional local worker), and returns the `bots` factory `createEngine` takes plus the catalogue of responders.
 */
import type { Logger } from 'pino';
import type { BotHost, EngineBridge } from '../../engine/src/bot-bridge.ts';
import type { BotRow } from '../../engine/src/storage/store.ts';
import { discoverPlugins } from '../host/discover.ts';
import { PluginPool } from '../host/pool.ts';
import type { PluginStorageService } from '../host/storage-protocol.ts';
import type { DiscoveredPlugin } from '../host/types.ts';
import { localize } from '../sdk/index.ts';
import { BullMqTurnQueue } from './bullmq-queue.ts';
import { startTurnWorker, type TurnWorker } from './bullmq-worker.ts';
import type { RuntimeConfig } from './config.ts';
import { INFERENCE_SOCKET_VARIABLE, startInferenceForPlugins, type InferenceServiceHandle } from '../inference/index.ts';
import { InProcessTurnQueue } from './in-process-queue.ts';
import type { TurnQueue } from './jobs.ts';
import { BotRuntime } from './runtime.ts';

export { loadRuntimeConfig, type RuntimeConfig } from './config.ts';

/** The engine-wide crisis layer (plugins/safety). */
const SAFETY_PLUGIN = 'safety';

export interface PreparedBots {
  plugins: DiscoveredPlugin[];
  /** Bot catalogue rows for the responders (GET /api/bots, `create {bot}`). */
  catalogue: BotRow[];
  factory: (bridge: EngineBridge) => BotHost;
  /** The local inference service, when a plugin declares `classifier` (its metrics join the engine's /metrics). */
  inference?: InferenceServiceHandle;
}

/**
 * The pool of plugin processes; plugins declaring `classifier` reach the inference service through its socket, and
 * those declaring `storage` reach `storage` (the engine's PostgreSQL) through the pool.
 */
export function createPluginPool(
  plugins: DiscoveredPlugin[],
  config: RuntimeConfig,
  log: Logger,
  inference?: InferenceServiceHandle,
  storage?: PluginStorageService,
): PluginPool {
  return new PluginPool({
    plugins, logger: log, size: config.poolSize, defaultTimeoutMs: config.timeoutMs,
    defaultConcurrency: config.concurrency, defaultMemoryMb: config.memoryMb, queueLimit: config.queueLimit,
    limits: config.pluginLimits,
    ...(storage ? { storage } : {}),
    ...(inference ? { env: { ...process.env, [INFERENCE_SOCKET_VARIABLE]: inference.socketPath } } : {}),
  });
}

export interface BotServices {
  /** Serves the plugins' `storage` capability (the engine passes `store.pluginStorage()`). */
  storage?: PluginStorageService;
}

export async function prepareBots(config: RuntimeConfig, log: Logger, services: BotServices = {}): Promise<PreparedBots | undefined> {
  if (!config.enabled) return undefined;
  const plugins = await discoverPlugins(config.pluginsDirs);
  if (plugins.length === 0) return undefined;
  // Local models run in one inference process per node that runs plugins (onnxruntime must not share the engine).
  const inference = !config.redisUrl || config.localWorker ? await startInferenceForPlugins(plugins, log) : undefined;
  const labellers = globalLabellers(plugins, config, log);

  let queue: TurnQueue;
  let worker: { worker: TurnWorker; pool: PluginPool } | undefined;
  let localPool: PluginPool | undefined;
  if (config.redisUrl) {
    queue = await BullMqTurnQueue.connect(config.redisUrl, log, { prefix: config.queuePrefix, silenceTimeoutMs: config.timeoutMs + 30_000 });
    if (config.localWorker) {
      const pool = createPluginPool(plugins, config, log, inference, services.storage);
      localPool = pool;
      worker = { pool, worker: await startTurnWorker({ redisUrl: config.redisUrl, prefix: config.queuePrefix, pool, log, concurrency: config.workerConcurrency }) };
    }
  } else {
    localPool = createPluginPool(plugins, config, log, inference, services.storage);
    queue = new InProcessTurnQueue(localPool);
  }
  if (localPool) warmLabellers(localPool, labellers, log);
  const closingQueue: TurnQueue = {
    submit: (request, signal) => queue.submit(request, signal),
    async close() {
      await queue.close();
      await worker?.worker.close();
      await worker?.pool.close();
      await inference?.close();
    },
  };

  log.info({ plugins: plugins.map((p) => p.name), queue: config.redisUrl ? 'bullmq' : 'in-process' }, 'bot runtime ready');
  return {
    plugins,
    ...(inference ? { inference } : {}),
    catalogue: plugins.filter((p) => p.definition.hooks.onTurn).map(({ definition: d }) => ({
      name: d.name, title: localize(d.title ?? d.name), description: localize(d.description), version: d.version,
      category: d.category, capabilities: [...d.capabilities], enabled: true,
    })),
    factory: (bridge) => new BotRuntime({
      plugins, queue: closingQueue, bridge, log, registry: bridge.registry, coalesceMs: config.coalesceMs,
      globalLabellers: labellers, pluginConfig: config.pluginConfig,
      ...(localPool ? { poolStats: () => localPool!.stats() } : {}),
    }),
  };
}

/**
 * Starts the global labellers' processes in the background: they run before every turn, so the first message after
 * a start must not also wait for their process to start (the other plugins start on their first job).
 */
export function warmLabellers(pool: PluginPool, labellers: readonly string[], log: Logger): void {
  pool.warm(labellers).catch((err: unknown) => log.warn({ err, labellers }, 'could not start the global labellers ahead of time'));
}

/** The safety layer is always on when its plugin is installed; only SAFETY_LAYER=off (development) removes it. */
export function globalLabellers(plugins: readonly DiscoveredPlugin[], config: Pick<RuntimeConfig, 'globalLabellers' | 'safetyLayer'>, log: Logger): string[] {
  const installed = plugins.some((p) => p.name === SAFETY_PLUGIN);
  if (config.safetyLayer === false) {
    log.error({ event: 'safety.disabled' }, 'SAFETY_LAYER=off: the crisis safety layer is DISABLED. No message is checked for suicide or self-harm risk and no helplines are shown. Development only: never run this with real people.');
    return config.globalLabellers.filter((name) => name !== SAFETY_PLUGIN);
  }
  if (!installed) {
    log.warn({ event: 'safety.missing' }, `the "${SAFETY_PLUGIN}" plugin is not installed: no crisis safety layer runs`);
    return [...config.globalLabellers];
  }
  return config.globalLabellers.includes(SAFETY_PLUGIN) ? [...config.globalLabellers] : [SAFETY_PLUGIN, ...config.globalLabellers];
}
