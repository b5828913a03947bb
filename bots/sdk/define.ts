/**
 * @module sdk/define
 * `definePlugin` is how a plugin is written: one object with the manifest and the hooks. It types the hooks from
 * the config schema and validates the manifest at import time, so a mistake fails at startup, not mid-turn.
 *
 * @example
 * export default definePlugin({
 *   name: 'hello', version: '1.0.0', category: 'developer', capabilities: [],
 *   description: { es: 'Saluda.', en: 'Says hello.' },
 *   hooks: { async *onTurn(turn) { yield { type: 'text', text: `Hola, ${turn.trigger.from.name}` }; } },
 * });
 */
import type { z } from 'zod';
import type { StoredMessage } from '../../schema/protocol.ts';
import type { LabellerContext, TurnContext } from './context.ts';
import type { LabelResult, TurnInput, TurnOutput } from './hooks.ts';
import { validateManifest, type ConfigSchema, type PluginManifest } from './manifest.ts';

/** Config type of a plugin without a config schema. */
export type EmptyConfig = Readonly<Record<string, never>>;

/** Method syntax on purpose: a definition for a specific config type stays assignable to `PluginDefinition`. */
export interface PluginHooks<Config = unknown> {
  /**
   * Labeller: sees every message of the rooms it is enabled in. Safety layers enabled everywhere
   * (BOT_GLOBAL_LABELLERS) also see bots' answers while they stream, as drafts with `offset: 0` (not stored yet): a
   * veto on a draft cancels the answer and stores the veto's `replacement` instead.
   */
  onMessage?(message: StoredMessage, ctx: LabellerContext<Config>): LabelResult | Promise<LabelResult>;
  /** Responder: answers a turn as a stream (write it as `async *onTurn(turn, ctx) { yield … }`). */
  onTurn?(turn: TurnInput, ctx: TurnContext<Config>): AsyncIterable<TurnOutput>;
}

export interface PluginDefinition<Config = unknown> extends PluginManifest<Config> {
  readonly hooks: PluginHooks<Config>;
}

/** What `definePlugin` accepts: the config type is inferred from `config`. */
export interface PluginDefinitionInput<Schema extends ConfigSchema> extends Omit<PluginManifest, 'config'> {
  readonly config?: Schema;
  readonly hooks: PluginHooks<z.output<Schema>>;
}

const DEFINITION_BRAND = Symbol.for('mentalia.bots.plugin-definition');

/**
 * Declares a plugin. Returns the definition unchanged (typed, frozen, branded).
 * @throws PluginManifestError naming the plugin and the bad field, or `PLUGIN_UNKNOWN_HOOK` for an unknown hook.
 */
export function definePlugin<Schema extends ConfigSchema = ConfigSchema<EmptyConfig>>(
  definition: PluginDefinitionInput<Schema>,
): PluginDefinition<z.output<Schema>> {
  validateManifest(definition);
  Object.defineProperty(definition, DEFINITION_BRAND, { value: true, enumerable: false });
  return Object.freeze(definition) as unknown as PluginDefinition<z.output<Schema>>;
}

/** Whether `value` came out of `definePlugin` (discovery checks a module's default export with it). */
export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DEFINITION_BRAND] === true;
}
