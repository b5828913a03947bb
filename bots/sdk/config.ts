/**
 * @module sdk/config
 * Plugin configuration: parsing it with the plugin's schema, and keeping its secret fields out of logs and replies.
 * Errors name fields, never values.
 */
import type { z } from 'zod';
import type { PluginDefinition } from './define.ts';
import { PluginConfigError, PluginDefinitionErrorCode } from './errors.ts';
import type { PluginManifest } from './manifest.ts';

export const REDACTED = '[redacted]';

/**
 * Parses `raw` (undefined counts as `{}`) with the plugin's config schema; without a schema the config is `{}`.
 * @throws PluginConfigError, e.g. `plugin "echo": config.style: Invalid option: expected one of …`.
 */
export function parsePluginConfig<Config>(definition: PluginDefinition<Config>, raw: unknown): Config {
  const schema = definition.config;
  if (schema === undefined) return Object.freeze({}) as Config;
  const result = schema.safeParse(raw ?? {}, {
    error: (issue) => (issue.input === undefined ? 'required' : undefined),
  });
  if (result.success) return result.data;
  throw new PluginConfigError(
    definition.name,
    result.error.issues.map((issue: z.core.$ZodIssue) => ({
      code: PluginDefinitionErrorCode.BAD_CONFIG,
      field: ['config', ...issue.path.map(String)].join('.'),
      problem: issue.message,
    })),
  );
}

/** The config with every secret key replaced by `[redacted]`, for admin screens and logs. */
export function redactConfig(manifest: PluginManifest, config: unknown): unknown {
  if (config === null || typeof config !== 'object') return config;
  const copy: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const key of manifest.secrets ?? []) if (key in copy) copy[key] = REDACTED;
  return copy;
}

/** The secret values in a parsed config (strings of 4+ characters), so they can be scrubbed from any text. */
export function secretValues(manifest: PluginManifest, config: unknown): string[] {
  if (config === null || typeof config !== 'object') return [];
  const values: string[] = [];
  for (const key of manifest.secrets ?? []) {
    const value = (config as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.length >= 4) values.push(value);
  }
  return values;
}
