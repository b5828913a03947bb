/**
 * @module sdk/manifest
 * A plugin's manifest: who it is, what it needs (capabilities, profile fields, context window) and its limits.
 * `validateManifest` checks a definition at runtime and throws a `PluginManifestError` naming the plugin and every
 * bad field, e.g. `plugin "echo": manifest.description.en: required`.
 */
import { z } from 'zod';
import { PluginDefinitionErrorCode, PluginManifestError, type FieldProblem } from './errors.ts';
import { HOOK_NAMES, type HookName } from './hooks.ts';
import type { LocalizedText } from './text.ts';

export const CAPABILITIES = ['llm', 'classifier', 'tools', 'storage'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Where a bot is listed. Closed so that clients can group and filter bots reliably. */
export const PLUGIN_CATEGORIES = [
  'wellbeing',
  'productivity',
  'safety',
  'accessibility',
  'education',
  'entertainment',
  'developer',
  'other',
] as const;
export type PluginCategory = (typeof PLUGIN_CATEGORIES)[number];

/** @default 20 messages of context for responders. */
export const DEFAULT_WINDOW = 20;
export const MAX_WINDOW = 200;

export interface PluginLimits {
  /** Longest a hook may run before its turn ends with `PLUGIN_TIMEOUT`. @default the pool's (30 s) */
  readonly timeoutMs?: number;
  /** Hooks of this plugin running at once; more wait in a bounded queue. @default the pool's (4) */
  readonly concurrency?: number;
  /** Heap limit of the plugin's process (`--max-old-space-size`). @default the pool's (256) */
  readonly memoryMb?: number;
}

/** Bounds an operator or author may set; outside them is a manifest error. */
export const LIMIT_BOUNDS = {
  timeoutMs: { min: 100, max: 600_000 },
  // Streaming model turns are I/O-bound: one process holds thousands of them at once.
  concurrency: { min: 1, max: 4096 },
  memoryMb: { min: 32, max: 16_384 },
} as const;

/** A zod object schema; its output is what hooks see as `ctx.config`. */
export type ConfigSchema<Config = unknown> = z.ZodType<Config>;

export interface PluginManifest<Config = unknown> {
  /** Unique, kebab-case, equal to the plugin's folder name. It is the bot's name in `create {bot}`. */
  readonly name: string;
  /** Semantic version, e.g. `1.0.0`. */
  readonly version: string;
  /** Display name. @default name */
  readonly title?: string | LocalizedText;
  readonly description: LocalizedText;
  readonly category: PluginCategory;
  /** Services the plugin uses; the context holds only these. */
  readonly capabilities: readonly Capability[];
  /** User profile fields the plugin may read (`ctx.user.profile`); nothing else crosses to it. */
  readonly profileFields?: readonly string[];
  /** Messages of context a responder receives. @default 20 */
  readonly window?: number;
  /** `z.object({...})` describing the plugin's configuration. */
  readonly config?: ConfigSchema<Config>;
  /** Config keys holding secrets: redacted from logs and never returned by the runtime. */
  readonly secrets?: readonly string[];
  readonly limits?: PluginLimits;
}

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*)?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const localizedText = (max: number) =>
  z.strictObject({
    es: z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `at most ${max} characters` }),
    en: z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `at most ${max} characters` }),
  });

const boundedInt = (bounds: { min: number; max: number }) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(bounds.min, { error: `must be at least ${bounds.min}` })
    .max(bounds.max, { error: `must be at most ${bounds.max}` });

const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: 'must be an array' }).refine((list) => new Set(list).size === list.length, {
    error: 'must not repeat entries',
  });

export function isConfigSchema(value: unknown): value is ConfigSchema {
  const internals = (value as { _zod?: { def?: { type?: unknown } } } | null)?._zod;
  return (
    typeof (value as { safeParse?: unknown } | null)?.safeParse === 'function' && internals?.def?.type === 'object'
  );
}

const manifestSchema = z.strictObject({
  name: z.string({ error: 'must be a string' }).regex(KEBAB_CASE, {
    error: 'must be kebab-case (a-z, 0-9 and single dashes, starting with a letter), e.g. "my-bot"',
  }).max(64, { error: 'at most 64 characters' }),
  version: z.string({ error: 'must be a string' }).regex(SEMVER, { error: 'must be a semantic version, e.g. "1.0.0"' }),
  title: z
    .union([z.string().trim().min(1).max(80), localizedText(80)], {
      error: 'must be a non-empty string (≤ 80) or {es, en}',
    })
    .optional(),
  description: localizedText(500),
  category: z.enum(PLUGIN_CATEGORIES, { error: `must be one of ${PLUGIN_CATEGORIES.join(', ')}` }),
  capabilities: uniqueList(z.enum(CAPABILITIES, { error: `must be one of ${CAPABILITIES.join(', ')}` })),
  profileFields: uniqueList(z.string().regex(IDENTIFIER, { error: 'must be a field name (letters, digits, _)' })).optional(),
  window: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(0, { error: 'must be at least 0' })
    .max(MAX_WINDOW, { error: `must be at most ${MAX_WINDOW}` })
    .optional(),
  config: z.custom<ConfigSchema>(isConfigSchema, { error: 'must be a zod object schema, e.g. z.object({...})' }).optional(),
  secrets: uniqueList(z.string().regex(IDENTIFIER, { error: 'must be a config key' })).optional(),
  limits: z
    .strictObject({
      timeoutMs: boundedInt(LIMIT_BOUNDS.timeoutMs).optional(),
      concurrency: boundedInt(LIMIT_BOUNDS.concurrency).optional(),
      memoryMb: boundedInt(LIMIT_BOUNDS.memoryMb).optional(),
    })
    .optional(),
});

/**
 * Checks a plugin definition (manifest fields plus `hooks`) and returns it typed. `folder` names the plugin in the
 * error when the manifest's own name is missing or invalid.
 * @throws PluginManifestError naming the plugin and each bad field.
 */
export function validateManifest(raw: unknown, folder?: string): PluginManifest & { readonly hooks: object } {
  const pluginName = nameForErrors(raw, folder);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PluginManifestError(pluginName, [problem('manifest', 'must be an object: export default definePlugin({...})')]);
  }
  const { hooks, ...fields } = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [...hookProblems(hooks)];

  const parsed = manifestSchema.safeParse(fields, {
    error: (issue) => (issue.input === undefined ? 'required' : undefined),
  });
  if (!parsed.success) problems.push(...parsed.error.issues.flatMap(toProblems));
  else problems.push(...secretProblems(parsed.data.secrets, parsed.data.config));

  if (problems.length > 0) throw new PluginManifestError(pluginName, problems);
  return raw as PluginManifest & { readonly hooks: object };
}

/** The resolved context window of a manifest. */
export function windowOf(manifest: PluginManifest): number {
  return manifest.window ?? DEFAULT_WINDOW;
}

export function hasCapability(manifest: PluginManifest, capability: Capability): boolean {
  return manifest.capabilities.includes(capability);
}

function nameForErrors(raw: unknown, folder: string | undefined): string {
  const name = (raw as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && KEBAB_CASE.test(name)) return name;
  if (folder !== undefined) return folder.split(/[\\/]/).filter(Boolean).pop() ?? folder;
  return typeof name === 'string' && name !== '' ? name : '(unnamed)';
}

function hookProblems(hooks: unknown): FieldProblem[] {
  if (hooks === undefined) return [problem('manifest.hooks', `required: an object with ${HOOK_NAMES.join(' and/or ')}`)];
  if (hooks === null || typeof hooks !== 'object' || Array.isArray(hooks)) {
    return [problem('manifest.hooks', 'must be an object')];
  }
  const problems: FieldProblem[] = [];
  const entries = Object.entries(hooks);
  for (const [key, value] of entries) {
    if (!(HOOK_NAMES as readonly string[]).includes(key)) {
      problems.push({
        code: PluginDefinitionErrorCode.UNKNOWN_HOOK,
        field: `manifest.hooks.${key}`,
        problem: `unknown hook (known hooks: ${HOOK_NAMES.join(', ')})`,
      });
    } else if (typeof value !== 'function') {
      problems.push(problem(`manifest.hooks.${key as HookName}`, 'must be a function'));
    }
  }
  if (entries.length === 0) problems.push(problem('manifest.hooks', `must define ${HOOK_NAMES.join(' and/or ')}`));
  return problems;
}

function secretProblems(secrets: readonly string[] | undefined, config: ConfigSchema | undefined): FieldProblem[] {
  if (secrets === undefined || secrets.length === 0) return [];
  const keys = new Set(Object.keys((config as { shape?: object } | undefined)?.shape ?? {}));
  return secrets.flatMap((key, index) =>
    keys.has(key) ? [] : [problem(`manifest.secrets.${index}`, `"${key}" is not a key of the config schema`)],
  );
}

function toProblems(issue: z.core.$ZodIssue): FieldProblem[] {
  const base = ['manifest', ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => problem(`${base}.${key}`, 'unknown field'));
  return [problem(base, issue.message)];
}

function problem(field: string, text: string): FieldProblem {
  return { code: PluginDefinitionErrorCode.BAD_MANIFEST, field, problem: text };
}
