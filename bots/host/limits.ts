/**
 * @module host/limits
 * A plugin's effective limits: the operator's override, else the manifest's `limits`, else the pool's default, each
 * checked against `LIMIT_BOUNDS` (a bad value stops the pool from being built, naming plugin and limit).
 */
import { LIMIT_BOUNDS, type PluginLimits } from '../sdk/index.ts';
import type { DiscoveredPlugin } from './types.ts';

export interface ResolvedLimits {
  readonly timeoutMs: number;
  readonly concurrency: number;
  readonly memoryMb: number;
}

export const POOL_DEFAULTS = {
  size: 1,
  timeoutMs: 30_000,
  concurrency: 4,
  memoryMb: 256,
  queueLimit: 64,
  killGraceMs: 2_000,
} as const;

export interface LimitSources {
  readonly limits?: Readonly<Record<string, PluginLimits>>;
  readonly defaultTimeoutMs?: number;
  readonly defaultConcurrency?: number;
  readonly defaultMemoryMb?: number;
}

export function resolveLimits(plugin: DiscoveredPlugin, sources: LimitSources): ResolvedLimits {
  const override = sources.limits?.[plugin.name];
  const manifest = plugin.definition.limits;
  const pick = (key: keyof ResolvedLimits, fallback: number) => {
    const value = override?.[key] ?? manifest?.[key] ?? fallback;
    const { min, max } = LIMIT_BOUNDS[key];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`PluginPool: limits of plugin "${plugin.name}": ${key} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  return {
    timeoutMs: pick('timeoutMs', sources.defaultTimeoutMs ?? POOL_DEFAULTS.timeoutMs),
    concurrency: pick('concurrency', sources.defaultConcurrency ?? POOL_DEFAULTS.concurrency),
    memoryMb: pick('memoryMb', sources.defaultMemoryMb ?? POOL_DEFAULTS.memoryMb),
  };
}

export function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`PluginPool: ${name} must be a positive integer`);
  return value;
}

export function nonNegativeInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`PluginPool: ${name} must be a non-negative integer`);
  return value;
}
