/**
 * Starts the real engine for a test file: a fresh PostgreSQL database, the MikroORM store with migrations, the
 * uWS server on an ephemeral port. Tests talk to it over real HTTP and WebSockets.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTokenService } from '../../engine/src/auth/tokens.ts';
import { syncBotCatalogue } from '../../engine/src/bot-catalogue.ts';
import { loadRuntimeConfig, prepareBots, type RuntimeConfig } from '../../bots/runtime/index.ts';
import { loadConfig, type EngineConfig } from '../../engine/src/config.ts';
import { createEngine, type Engine } from '../../engine/src/engine.ts';
import { createLogger } from '../../engine/src/log.ts';
import { createStore } from '../../engine/src/storage/orm-store.ts';
import type { Store } from '../../engine/src/storage/store.ts';
import { TestClient } from './client.ts';
import { createTestDatabase, type TestDatabase } from './pg.ts';

export interface Registered {
  token: string;
  user: { id: string; name: string; email: string };
}

export interface TestEngine {
  engine: Engine;
  store: Store;
  db: TestDatabase;
  config: EngineConfig;
  httpUrl: string;
  wsUrl: string;
  register(name?: string): Promise<Registered>;
  /** A connected and authenticated client. */
  client(token: string, codec?: 'json' | 'msgpack'): Promise<TestClient>;
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Settings for tests: cheap scrypt (the KDF's cost is config), throwaway keys, silent logs. */
export function testConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir: mkdtempSync(path.join(tmpdir(), 'mentalia-test-')),
    jwtSecret: randomBytes(32).toString('hex'),
    masterKey: randomBytes(32).toString('base64'),
    scryptCost: 1024,
    // Tests drive many commands quickly; the rate-limit test sets its own budget.
    ratePerSec: 10_000,
    rateBurst: 10_000,
    authRatePerSec: 10_000,
    authRateBurst: 10_000,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
}

/**
 * `bots`: run the bot runtime with these settings over the defaults (plugins from `plugins/`, in-process queue).
 * Without it the engine has no bot runtime.
 */
export async function startTestEngine(
  overrides: Partial<EngineConfig> = {},
  /** `database`: reuse this database (an engine restart); it is then left for its owner to drop. */
  options: { bots?: Partial<RuntimeConfig>; readinessChecks?: (() => Promise<void>)[]; database?: TestDatabase } = {},
): Promise<TestEngine> {
  const db = options.database ?? await createTestDatabase('engine');
  const config = testConfig({ databaseUrl: db.url, ...overrides });
  const log = createLogger(config.logLevel);
  const store = await createStore(config, log);
  const tokens = await createTokenService(config, log);
  const bots = options.bots ? await prepareBots({ ...loadRuntimeConfig({}), ...options.bots }, log, { storage: store.pluginStorage() }) : undefined;
  await syncBotCatalogue(store, bots?.catalogue ?? []);
  const engine = createEngine(config, { store, tokens, log, bots: bots?.factory, readinessChecks: options.readinessChecks ?? [] });
  const { port } = await engine.listen();
  const tls = Boolean(config.tlsCertFile && config.tlsKeyFile);
  const httpUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const wsUrl = `${tls ? 'wss' : 'ws'}://127.0.0.1:${port}/ws`;

  const post = async (p: string, body: unknown) => {
    const res = await fetch(httpUrl + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  return {
    engine, store, db, config, httpUrl, wsUrl, post,
    async register(name = 'Ana') {
      const res = await post('/api/auth/register', { email: `${randomUUID()}@example.org`, password: 'correct horse battery', name });
      if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Registered;
    },
    async client(token, codec = 'json') {
      const client = await TestClient.connect(wsUrl, { codec });
      await client.ok({ type: 'auth', token });
      return client;
    },
    async close() {
      await engine.close();
      if (!options.database) await db.drop();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
