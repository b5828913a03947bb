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
import type { DiscoveredPlugin } from '../host/types.ts';
import { localize } from '../sdk/index.ts';
import { BullMqTurnQueue } from './bullmq-queue.ts';
import { startTurnWorker, type TurnWorker } from './bullmq-worker.ts';
import type { RuntimeConfig } from './config.ts';
import { InProcessTurnQueue } from './in-process-queue.ts';
import type { TurnQueue } from './jobs.ts';
import { BotRuntime } from './runtime.ts';

export { loadRuntimeConfig, type RuntimeConfig } from './config.ts';

export interface PreparedBots {
  plugins: DiscoveredPlugin[];
  /** Bot catalogue rows for the responders (GET /api/bots, `create {bot}`). */
  catalogue: BotRow[];
  factory: (bridge: EngineBridge) => BotHost;
}

export function createPluginPool(plugins: DiscoveredPlugin[], config: RuntimeConfig, log: Logger): PluginPool {
  return new PluginPool({
    plugins, logger: log, size: config.poolSize, defaultTimeoutMs: config.timeoutMs,
    defaultConcurrency: config.concurrency, defaultMemoryMb: config.memoryMb, queueLimit: config.queueLimit,
    limits: config.pluginLimits,
  });
}

export async function prepareBots(config: RuntimeConfig, log: Logger): Promise<PreparedBots | undefined> {
  if (!config.enabled) return undefined;
  const plugins = await discoverPlugins(config.pluginsDirs);
  if (plugins.length === 0) return undefined;

  let queue: TurnQueue;
  let worker: { worker: TurnWorker; pool: PluginPool } | undefined;
  if (config.redisUrl) {
    queue = await BullMqTurnQueue.connect(config.redisUrl, log, { prefix: config.queuePrefix, silenceTimeoutMs: config.timeoutMs + 30_000 });
    if (config.localWorker) {
      const pool = createPluginPool(plugins, config, log);
      worker = { pool, worker: await startTurnWorker({ redisUrl: config.redisUrl, prefix: config.queuePrefix, pool, log, concurrency: config.workerConcurrency }) };
    }
  } else {
    queue = new InProcessTurnQueue(createPluginPool(plugins, config, log));
  }
  const closingQueue: TurnQueue = {
    submit: (request, signal) => queue.submit(request, signal),
    async close() {
      await queue.close();
      await worker?.worker.close();
      await worker?.pool.close();
    },
  };

  log.info({ plugins: plugins.map((p) => p.name), queue: config.redisUrl ? 'bullmq' : 'in-process' }, 'bot runtime ready');
  return {
    plugins,
    catalogue: plugins.filter((p) => p.definition.hooks.onTurn).map(({ definition: d }) => ({
      name: d.name, title: localize(d.title ?? d.name), description: localize(d.description), version: d.version,
      category: d.category, capabilities: [...d.capabilities], enabled: true,
    })),
    factory: (bridge) => new BotRuntime({
      plugins, queue: closingQueue, bridge, log, registry: bridge.registry, coalesceMs: config.coalesceMs,
      globalLabellers: config.globalLabellers, pluginConfig: config.pluginConfig,
    }),
  };
}
