/**
 * @module runtime/config
 * Settings of the bot runtime, from environment variables (listed in the README). Plugin configuration comes from
 * `BOTS_CONFIG` (JSON object keyed by plugin name) and/or the JSON file `BOTS_CONFIG_FILE`; values marked secret by a
 * plugin's manifest are never logged or returned. Model credentials are read by the plugin processes themselves
 * (see bots/llm/README.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { num } from '../../engine/src/config.ts';
import { loadSafetyConfig } from '../../engine/src/safety/config.ts';

export interface RuntimeConfig {
  /** PLUGINS_DIR — comma-separated folders holding plugins. @default plugins */
  pluginsDirs: string[];
  /** BOTS_ENABLED — set to `false` to run the engine without any bot runtime. @default true */
  enabled: boolean;
  /** BOT_COALESCE_MS — delta rollup window. @default 30 */
  coalesceMs: number;
  /** BOT_GLOBAL_LABELLERS — comma-separated labellers that run in every room (safety layers). `safety` is always added
   * when that plugin is installed, unless `safetyLayer` is off. */
  globalLabellers: string[];
  /** SAFETY_LAYER — `off` (development only, logged as an error) removes the `safety` plugin from the global labellers. @default on */
  safetyLayer: boolean;
  /** BOT_POOL_SIZE — processes per plugin. @default 1 */
  poolSize: number;
  /** BOT_TIMEOUT_MS / BOT_CONCURRENCY / BOT_MEMORY_MB — defaults for plugins whose manifest sets none. */
  timeoutMs: number;
  concurrency: number;
  memoryMb: number;
  /** BOT_LIMITS — operator overrides of manifest limits, JSON `{plugin: {timeoutMs?, concurrency?, memoryMb?}}`. */
  pluginLimits: Record<string, { timeoutMs?: number; concurrency?: number; memoryMb?: number }>;
  /** BOT_QUEUE_LIMIT — hooks that may wait per plugin beyond its concurrency. @default 64 */
  queueLimit: number;
  /** REDIS_URL — with it, hooks go through BullMQ and may run on `npm run worker` processes. */
  redisUrl: string | undefined;
  /** BOT_LOCAL_WORKER — with Redis, whether the engine process also works the queue. @default true */
  localWorker: boolean;
  /** BOT_QUEUE_PREFIX — Redis key and channel prefix of the hook queue (one per deployment). @default mentalia */
  queuePrefix: string;
  /** WORKER_CONCURRENCY — jobs one worker process runs at once. @default 256 */
  workerConcurrency: number;
  /** BOTS_CONFIG / BOTS_CONFIG_FILE — configuration per plugin. */
  pluginConfig: Record<string, unknown>;
}


function pluginConfig(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const parse = (text: string, where: string): Record<string, unknown> => {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`config: ${where} must be a JSON object keyed by plugin name`);
    return value as Record<string, unknown>;
  };
  const fromFile = env.BOTS_CONFIG_FILE ? parse(readFileSync(env.BOTS_CONFIG_FILE, 'utf8'), 'BOTS_CONFIG_FILE') : {};
  const fromEnv = env.BOTS_CONFIG ? parse(env.BOTS_CONFIG, 'BOTS_CONFIG') : {};
  return { ...fromFile, ...fromEnv };
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  return {
    pluginsDirs: (env.PLUGINS_DIR || 'plugins').split(',').map((dir) => path.resolve(dir.trim())).filter(Boolean),
    enabled: env.BOTS_ENABLED !== 'false',
    coalesceMs: num(env, 'BOT_COALESCE_MS', 30),
    globalLabellers: (env.BOT_GLOBAL_LABELLERS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    safetyLayer: loadSafetyConfig(env).enabled,
    poolSize: num(env, 'BOT_POOL_SIZE', 1),
    timeoutMs: num(env, 'BOT_TIMEOUT_MS', 30_000),
    concurrency: num(env, 'BOT_CONCURRENCY', 4),
    memoryMb: num(env, 'BOT_MEMORY_MB', 256),
    pluginLimits: env.BOT_LIMITS ? (JSON.parse(env.BOT_LIMITS) as RuntimeConfig['pluginLimits']) : {},
    queueLimit: num(env, 'BOT_QUEUE_LIMIT', 64),
    redisUrl: env.REDIS_URL || undefined,
    localWorker: env.BOT_LOCAL_WORKER !== 'false',
    queuePrefix: env.BOT_QUEUE_PREFIX || 'mentalia',
    workerConcurrency: num(env, 'WORKER_CONCURRENCY', 256),
    pluginConfig: pluginConfig(env),
  };
}
