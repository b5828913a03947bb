/**
 * @module sdk/errors
 * Errors a plugin author meets before a plugin ever runs (a bad manifest, a bad config) and while it runs (a
 * capability the runtime cannot provide yet). Codes are stable and never reused.
 */
import type { LocalizedText } from './text.ts';

export const PluginDefinitionErrorCode = {
  /** A manifest field is missing or invalid; the message names the plugin and the field. */
  BAD_MANIFEST: 'PLUGIN_BAD_MANIFEST',
  /** `hooks` holds a name outside `HOOK_NAMES`. */
  UNKNOWN_HOOK: 'PLUGIN_UNKNOWN_HOOK',
  /** The configuration given to a plugin does not match its config schema. */
  BAD_CONFIG: 'PLUGIN_BAD_CONFIG',
} as const;
export type PluginDefinitionErrorCode = (typeof PluginDefinitionErrorCode)[keyof typeof PluginDefinitionErrorCode];

/** One problem found in a manifest or a config: `field` is a dotted path such as `manifest.description.en`. */
export interface FieldProblem {
  readonly code: PluginDefinitionErrorCode;
  readonly field: string;
  readonly problem: string;
}

/** Every problem of one plugin's manifest, e.g. `plugin "echo": manifest.description.en: required`. */
export class PluginManifestError extends Error {
  readonly code: PluginDefinitionErrorCode;
  readonly plugin: string;
  readonly problems: readonly FieldProblem[];

  constructor(plugin: string, problems: readonly FieldProblem[]) {
    super(`plugin "${plugin}": ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`);
    this.name = 'PluginManifestError';
    this.plugin = plugin;
    this.problems = problems;
    // An unknown hook is the more specific mistake; report its code when there is one.
    this.code = problems.some((p) => p.code === PluginDefinitionErrorCode.UNKNOWN_HOOK)
      ? PluginDefinitionErrorCode.UNKNOWN_HOOK
      : PluginDefinitionErrorCode.BAD_MANIFEST;
  }

  /** The first field with a problem. */
  get field(): string {
    return this.problems[0]?.field ?? 'manifest';
  }
}

/** The config does not match the plugin's schema. Messages name fields, never values (values may be secrets). */
export class PluginConfigError extends Error {
  readonly code = PluginDefinitionErrorCode.BAD_CONFIG;
  readonly plugin: string;
  readonly problems: readonly FieldProblem[];

  constructor(plugin: string, problems: readonly FieldProblem[]) {
    super(`plugin "${plugin}": ${problems.map((p) => `${p.field}: ${p.problem}`).join('; ')}`);
    this.name = 'PluginConfigError';
    this.plugin = plugin;
    this.problems = problems;
  }
}

export const CAPABILITY_NOT_AVAILABLE = 'CAPABILITY_NOT_AVAILABLE';

/** A declared capability whose service is not running (yet) in this deployment. */
export class CapabilityNotAvailableError extends Error {
  readonly code = CAPABILITY_NOT_AVAILABLE;
  readonly capability: string;
  readonly userMessage: LocalizedText;

  constructor(capability: string, detail = `capability "${capability}" is not available in this runtime yet`) {
    super(detail);
    this.name = 'CapabilityNotAvailableError';
    this.capability = capability;
    this.userMessage = {
      es: 'Una función que necesita este asistente no está disponible todavía.',
      en: 'A feature this assistant needs is not available yet.',
    };
  }
}

export const STORAGE_ERROR_CODES = [
  'STORAGE_NOT_FOUND',
  'STORAGE_CONFLICT',
  'STORAGE_LIMIT',
  'BAD_INPUT',
  'STORAGE_UNAVAILABLE',
] as const;
export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

/** A `storage` call failed; `code` says why (see `StorageCollection` in `sdk/context.ts`). */
export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string) {
    super(message);
    this.name = 'StorageError';
    this.code = code;
  }
}
