/**
 * @module sdk/context
 * What a hook receives. A context holds only what the plugin's manifest declared: no engine object, no database,
 * no other plugin. `llm`, `classifier` and `storage` are present only with their capability.
 */
import type { Logger } from 'pino';
import type { RiskLevel, StoredMessage } from '../../schema/protocol.ts';
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

/** A record as stored: `data` is the plugin's JSON, encrypted at rest like message bodies. */
export interface StoredRecord<T = Record<string, unknown>> {
  readonly id: string;
  readonly data: T;
  /** Starts at 1, +1 on every update; pass it as `expectedVersion` for optimistic concurrency. */
  readonly version: number;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Equality filter on top-level fields of `data` (strings, numbers, booleans, null). */
export type RecordFilter = Readonly<Record<string, string | number | boolean | null>>;

/**
 * One named collection of records (`^[a-z][a-z0-9_]{0,39}$`) in one scope. Failures reject with a `StorageError`
 * (`sdk/errors.ts`) whose `code` is one of `STORAGE_NOT_FOUND`, `STORAGE_CONFLICT`, `STORAGE_LIMIT`, `BAD_INPUT`,
 * `STORAGE_UNAVAILABLE`, or `CAPABILITY_NOT_AVAILABLE` where no storage service runs.
 */
export interface StorageCollection<T = Record<string, unknown>> {
  /** Adds a record; `id` defaults to a new UUID. An existing id rejects with `STORAGE_CONFLICT`. */
  insert(data: T, options?: { readonly id?: string }): Promise<StoredRecord<T>>;
  get(id: string): Promise<StoredRecord<T> | undefined>;
  /** Inserts or replaces the record with this id. */
  put(id: string, data: T): Promise<StoredRecord<T>>;
  /** Replaces an existing record (`STORAGE_NOT_FOUND` if none); with `expectedVersion`, `STORAGE_CONFLICT` when it changed. */
  update(id: string, data: T, options?: { readonly expectedVersion?: number }): Promise<StoredRecord<T>>;
  /** True when a record was deleted. */
  delete(id: string): Promise<boolean>;
  /** Newest first (by `updatedAt`), filtered by equality on top-level fields; `limit` defaults to 100, at most 500. */
  list(options?: { readonly where?: RecordFilter; readonly limit?: number }): Promise<StoredRecord<T>[]>;
}

/** The records a plugin keeps in one scope. */
export interface StorageScope {
  collection<T = Record<string, unknown>>(name: string): StorageCollection<T>;
}

/**
 * Capability `storage`: the plugin's own collections in PostgreSQL, encrypted at rest, scoped by the engine to what
 * the hook is serving — a plugin cannot name another room or person, nor read another plugin's records.
 * - `room`: records of this conversation, shared by its members (a team's tasks, a conversation's summary); they go
 *   when the conversation is erased.
 * - `user`: records of the person the hook serves (`ctx.user`); absent when there is none. Erased with the person.
 */
export interface StorageHandle {
  readonly room: StorageScope;
  readonly user?: StorageScope;
}

/**
 * The conversation's risk as the engine's safety layer keeps it (persisted, survives restarts). `level` is the
 * highest level seen and is lowered only by an explicit clear, never by time; times are ms since the Unix epoch.
 */
export interface RoomRisk {
  readonly level: RiskLevel;
  /** When the conversation first reached `medium` or above. */
  readonly since?: number;
  /** The last crisis event (card shown or draft replaced). */
  readonly lastEventAt?: number;
  /** Crisis events so far. */
  readonly events: number;
  /** Messages assessed `low`. */
  readonly lowSignals: number;
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
  /** The conversation's risk (engine safety layer); absent while the conversation never had a risk event. */
  readonly roomRisk?: RoomRisk;
}

export interface LabellerContext<Config = unknown> extends BaseContext<Config> {
  /** The message's author when it is a person, with only the profile fields the manifest declared. */
  readonly user?: PluginUser;
}

/**
 * A person's verified answer to one of this plugin's tool proposals (`tool_call` with `confirm`). The engine checked
 * its signature, room, expiry and single use: `tool` and `args` are exactly what the plugin proposed, so a plugin
 * runs a data-changing tool with these arguments and never with anything a model or a message says.
 */
export interface ToolConfirmation {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** false: the person cancelled; nothing must run. */
  readonly approved: boolean;
}

export interface TurnContext<Config = unknown> extends BaseContext<Config> {
  readonly turnId: string;
  /** The last `manifest.window` messages of the room, oldest first, ending with the trigger; decrypted. */
  readonly window: readonly StoredMessage[];
  readonly user: PluginUser;
  /**
   * How many people are members of the room (bots not counted). 1: a one-to-one conversation with the bots; more: a
   * shared room, where every answer is seen by everyone (a plugin that reads about other people should be careful).
   */
  readonly people: number;
  /** Present when the turn answers a confirmation of one of this plugin's proposals (the trigger is the `confirm`). */
  readonly confirmation?: ToolConfirmation;
}
