/**
 * `npm start`: the engine on embedded defaults. Resolves PostgreSQL (DATABASE_URL, or an embedded server in
 * DATA_DIR), applies migrations, listens, and shuts down gracefully on SIGTERM/SIGINT.
 */
import { createTokenService } from './auth/tokens.ts';
import { describeConfig, loadConfig } from './config.ts';
import { createEngine } from './engine.ts';
import { createLogger } from './log.ts';
import { resolveDatabase } from './storage/database.ts';
import { createStore } from './storage/orm-store.ts';
import { syncBotCatalogue } from './bot-catalogue.ts';
import { redisReadiness } from './redis-readiness.ts';
import { loadRuntimeConfig, prepareBots } from '../../bots/runtime/index.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);

async function main(): Promise<void> {
  log.info({ config: describeConfig(config) }, 'starting engine');
  const database = await resolveDatabase(config, log);
  const store = await createStore({ ...config, databaseUrl: database.url }, log);
  const tokens = await createTokenService(config, log);
  const bots = await prepareBots(loadRuntimeConfig(), log, { storage: store.pluginStorage() });
  await syncBotCatalogue(store, bots?.catalogue ?? []);
  const redis = config.redisUrl ? redisReadiness(config.redisUrl) : undefined;
  const engine = createEngine(config, {
    store, tokens, log, bots: bots?.factory,
    readinessChecks: redis ? [redis.check] : [],
    metricsSources: bots?.inference ? [() => bots.inference!.metricsText()] : [],
    onClosed: async () => {
      redis?.close();
      await database.stop();
    },
  });
  const { port } = await engine.listen();
  const scheme = config.tlsCertFile && config.tlsKeyFile ? 'https' : 'http';
  // The one line scripts wait for: printed once the engine accepts connections.
  process.stdout.write(`listening on ${scheme}://${config.host}:${port}\n`);

  let signalled = false;
  const stop = (signal: string) => {
    if (signalled) return;
    signalled = true;
    log.info({ signal }, 'shutting down');
    engine.close().then(() => process.exit(0), (err) => {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  log.fatal({ err }, 'engine failed to start');
  process.exit(1);
});
