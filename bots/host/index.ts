/**
 * @module host
 * Runs plugins out of the engine's event loop, in child processes (see `bots/README.md`, "Isolation"). The engine's
 * side of the seam: `discoverPlugins` at startup, then a `PluginPool` that runs turns and labellers.
 *
 * @example
 * const plugins = await discoverPlugins(['plugins']);           // throws PluginDiscoveryError naming plugin + field
 * const pool = new PluginPool({ plugins, logger });
 * for await (const output of pool.runTurn(job, signal)) relay(output);   // throws PluginTurnError on failure
 */
export { PLUGIN_ENTRY, PluginDiscoveryError, discoverPlugins } from './discover.ts';
export { PluginPool } from './pool.ts';
export type { PluginPoolEvents, PluginPoolOptions, PluginStats } from './pool.ts';
export { POOL_DEFAULTS, type ResolvedLimits } from './limits.ts';
export { PLUGIN_ERROR_CATALOG, PluginErrorCode, PluginTurnError, isPluginErrorCode } from './errors.ts';
export type { PluginTurnErrorOptions } from './errors.ts';
export type { DiscoveredPlugin, HookUsage, LabelJob, TokenUsage, TurnJob } from './types.ts';
