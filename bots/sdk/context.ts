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
 * Capability `classifier`: local models (onnxruntime) served by the inference process (`bots/inference/README.md`).
 * `model` is a model name in the configured models folder. Each result lists every label of the model, highest
 * score first. Calls follow the hook's `ctx.signal`. Where no inference service runs, every call rejects with
 * `CAPABILITY_NOT_AVAILABLE`; other failures carry the service's code (`MODEL_NOT_FOUND`, `BAD_INPUT`,
 * `INFERENCE_FAILED`, `INFERENCE_UNAVAILABLE`, `INFERENCE_TIMEOUT`).
 */
export interface ClassifierHandle {
  /** For text models (e.g. hashed n-gram classifiers). */
  classify(model: string, texts: readonly string[]): Promise<ClassifierResult[]>;
  /** For vector models (e.g. 63 hand-landmark coordinates per vector). Present on every handle the runtime gives. */
  classifyVectors?(model: string, vectors: readonly (readonly number[])[]): Promise<ClassifierResult[]>;
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

export interface LabellerContext<Config = unknown> extends BaseContext<Config> {
  /** The message's author when it is a person, with only the profile fields the manifest declared. */
  readonly user?: PluginUser;
}

export interface TurnContext<Config = unknown> extends BaseContext<Config> {
  readonly turnId: string;
  /** The last `manifest.window` messages of the room, oldest first, ending with the trigger; decrypted. */
  readonly window: readonly StoredMessage[];
  readonly user: PluginUser;
}
