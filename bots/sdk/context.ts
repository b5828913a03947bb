/**
 * @module sdk/context
 * What a hook receives. A context holds only what the plugin's manifest declared: no engine object, no database,
 * no other plugin. `llm`, `classifier` and `storage` are present only with their capability.
 */
import type { Logger } from 'pino';
import type { StoredMessage } from '../../schema/protocol.ts';
import type { LlmProvider } from '../llm/index.ts';
import type { Label } from './hooks.ts';

/** The person the turn answers. `profile` holds only the fields listed in the manifest's `profileFields`. */
export interface PluginUser {
  readonly id: string;
  readonly name: string;
  readonly profile: Readonly<Record<string, unknown>>;
}

export interface ClassifierResult {
  readonly labels: readonly Label[];
}

/**
 * Capability `classifier`: local models (onnxruntime) served by a process of their own. Not running yet: every call
 * rejects with `CAPABILITY_NOT_AVAILABLE`, so plugins can already be written against it and degrade plainly.
 */
export interface ClassifierHandle {
  classify(model: string, texts: readonly string[]): Promise<ClassifierResult[]>;
}

/** Capability `storage`: a small key-value store per plugin. Not running yet (`CAPABILITY_NOT_AVAILABLE`). */
export interface StorageHandle {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface PluginIdentity {
  readonly name: string;
  readonly version: string;
}

interface BaseContext<Config> {
  readonly plugin: PluginIdentity;
  readonly room: string;
  /** The plugin's configuration, parsed by its config schema (`{}` without one). */
  readonly config: Config;
  /** A pino logger bound to the plugin; secret config values are redacted from everything it writes. */
  readonly log: Logger;
  /** Fires when the turn is cancelled or times out; pass it to every request the hook makes. */
  readonly signal: AbortSignal;
  /** Capability `llm`. Undefined when the capability is not declared or no model is configured. */
  readonly llm?: LlmProvider;
  /** Capability `classifier`. */
  readonly classifier?: ClassifierHandle;
  /** Capability `storage`. */
  readonly storage?: StorageHandle;
}

export interface LabellerContext<Config = unknown> extends BaseContext<Config> {}

export interface TurnContext<Config = unknown> extends BaseContext<Config> {
  readonly turnId: string;
  /** The last `manifest.window` messages of the room, oldest first, ending with the trigger; decrypted. */
  readonly window: readonly StoredMessage[];
  readonly user: PluginUser;
}
