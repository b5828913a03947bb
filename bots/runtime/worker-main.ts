/**
 * `npm run worker`: a dedicated bot worker. Takes hook jobs from the BullMQ queue on REDIS_URL and runs them on
 * this machine's plugin pool; run as many as you like, on any machine that reaches Redis.
 */
import pino from 'pino';
import { loadConfig } from '../../engine/src/config.ts';
import { createStore } from '../../engine/src/storage/orm-store.ts';
import { discoverPlugins } from '../host/discover.ts';
import { startInferenceForPlugins } from '../inference/index.ts';
import { startTurnWorker } from './bullmq-worker.ts';
import { loadRuntimeConfig } from './config.ts';
import { createPluginPool, globalLabellers, warmLabellers } from './index.ts';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { svc: 'worker' } });

async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  if (!config.redisUrl) throw new Error('REDIS_URL is required for a worker (without Redis the engine runs bots in-process)');
  const plugins = await discoverPlugins(config.pluginsDirs);
  const inference = await startInferenceForPlugins(plugins, log);
  // The `storage` capability needs the engine's database and master key (DATABASE_URL, MASTER_KEY like the engine).
  const store = process.env.DATABASE_URL ? await createStore(loadConfig(), log) : undefined;
  if (!store && plugins.some((p) => p.definition.capabilities.includes('storage'))) {
    log.warn('DATABASE_URL is not set: plugins that declare "storage" will get CAPABILITY_NOT_AVAILABLE on this worker');
  }
  const pool = createPluginPool(plugins, config, log, inference, store?.pluginStorage());
  warmLabellers(pool, globalLabellers(plugins, config, log), log);
  const worker = await startTurnWorker({ redisUrl: config.redisUrl, prefix: config.queuePrefix, pool, log, concurrency: config.workerConcurrency });
  process.stdout.write(`worker ready (${plugins.length} plugins)\n`);
  const stop = () => {
    void Promise.all([worker.close(), pool.close()]).then(() => Promise.all([inference?.close(), store?.close()])).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  log.fatal({ err }, 'worker failed to start');
  process.exit(1);
});
