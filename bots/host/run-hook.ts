/**
 * @module host/run-hook
 * Runs one hook of a plugin definition in the current process: builds the capability-scoped context, drives the
 * hook, checks its outputs and turns every failure into a `PluginTurnError`. The plugin's child process and the
 * test kit both run hooks through here, so what passes in the kit behaves the same in production.
 *
 * It cannot stop a hook that blocks the event loop (a busy loop): the pool does that by killing the process.
 */
import type { Logger } from 'pino';
import type { StoredMessage } from '../../schema/protocol.ts';
// client.ts only: it is light (node:net), onnxruntime stays in the inference process.
import { InferenceClient } from '../inference/client.ts';
// errors.ts, not index.ts: loading the vendor SDKs is left to processes whose plugin declares `llm`.
import { LlmError } from '../llm/errors.ts';
import type { LlmProvider } from '../llm/index.ts';
import {
  CapabilityNotAvailableError,
  InvalidHookOutputError,
  PluginConfigError,
  checkLabelResult,
  checkTurnOutput,
  parsePluginConfig,
  secretValues,
  windowOf,
  type ClassifierHandle,
  type LabellerContext,
  type LabelResult,
  type PluginDefinition,
  type PluginUser,
  type StorageHandle,
  type ToolConfirmation,
  type TurnContext,
  type TurnInput,
  type TurnOutput,
} from '../sdk/index.ts';
import { INFERENCE_SOCKET_VARIABLE } from './child-env.ts';
import { PluginErrorCode, PluginTurnError } from './errors.ts';
import { UNAVAILABLE_STORAGE } from './storage-handle.ts';
import { hookLogger, type SecretScrubber } from './plugin-logger.ts';
import type { RoomRiskData, TokenUsage } from './types.ts';

/** Why a hook's signal fired; set as the `AbortSignal`'s reason by whoever aborts. */
export type HookAbortReason = 'cancel' | 'timeout';

export interface HookServices {
  /** The model provider for plugins that declare `llm`; undefined when none is configured. */
  readonly llm: LlmProvider | undefined;
  /**
   * The `classifier` capability for plugins that declare it. @default a client of the inference service whose socket
   * is in `MENTALIA_INFERENCE_SOCKET`, else a handle that rejects with `CAPABILITY_NOT_AVAILABLE`
   */
  readonly classifier?: ClassifierHandle;
  /** The `storage` capability, bound by the host to this job's room and person. @default unavailable */
  readonly storage?: StorageHandle;
  readonly rootLogger: Logger;
  readonly scrubber: SecretScrubber;
  readonly signal: AbortSignal;
}

export interface TurnRunData {
  readonly turnId: string;
  readonly room: string;
  readonly trigger: StoredMessage;
  readonly window: readonly StoredMessage[];
  readonly user: PluginUser;
  readonly config?: unknown;
  /** A verified answer to one of the plugin's tool proposals (`ctx.confirmation`). */
  readonly confirmation?: ToolConfirmation;
  readonly roomRisk?: RoomRiskData;
  readonly people: number;
}

export interface LabelRunData {
  readonly room: string;
  readonly message: StoredMessage;
  readonly config?: unknown;
  readonly user?: PluginUser;
  readonly roomRisk?: RoomRiskData;
}

/** Model usage of one hook run. */
export interface HookMeter {
  llmRequests: number;
  tokens: TokenUsage | undefined;
}

/** Streams a turn's checked outputs; throws `PluginTurnError`. Read `meter` after it ends. */
export async function* runTurnHook(
  definition: PluginDefinition,
  data: TurnRunData,
  services: HookServices,
  meter: HookMeter = newMeter(),
): AsyncGenerator<TurnOutput, void, undefined> {
  const onTurn = definition.hooks.onTurn;
  if (onTurn === undefined) throw notFound(definition, 'onTurn');
  const { signal } = services;
  try {
    const config = parseConfig(definition, data.config, services.scrubber);
    const trigger = data.trigger;
    const input: TurnInput = Object.freeze({ turnId: data.turnId, room: data.room, trigger, text: trigger.body.text });
    const ctx: TurnContext = Object.freeze({
      ...baseContext(definition, data.room, config, services, meter, { turn: data.turnId }),
      turnId: data.turnId,
      window: Object.freeze(windowFor(definition, data.window, trigger)),
      user: Object.freeze({ id: data.user.id, name: data.user.name, profile: pickProfile(definition, data.user.profile) }),
      people: data.people,
      ...(data.confirmation === undefined ? {} : { confirmation: deepFreeze(structuredClone(data.confirmation)) }),
      ...(data.roomRisk === undefined ? {} : { roomRisk: Object.freeze({ ...data.roomRisk }) }),
    });
    if (signal.aborted) throw new HookAborted();
    const iterator = onTurn.call(definition.hooks, input, ctx)[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        const step = await nextOrAbort(iterator, signal);
        if (step.done === true) {
          finished = true;
          return;
        }
        yield checkTurnOutput(step.value, definition);
      }
    } finally {
      // A hook abandoned mid-stream (cancel, timeout, bad output) is told to clean up, without waiting for it.
      if (!finished) iterator.return?.().catch(() => {});
    }
  } catch (error) {
    throw toPluginTurnError(error, definition, services);
  }
}

/** Runs a labeller; throws `PluginTurnError`. */
export async function runLabelHook(
  definition: PluginDefinition,
  data: LabelRunData,
  services: HookServices,
  meter: HookMeter = newMeter(),
): Promise<LabelResult> {
  const onMessage = definition.hooks.onMessage;
  if (onMessage === undefined) throw notFound(definition, 'onMessage');
  try {
    const config = parseConfig(definition, data.config, services.scrubber);
    const bindings = { room: data.room, offset: data.message.offset };
    const base = {
      ...baseContext(definition, data.room, config, services, meter, bindings),
      ...(data.roomRisk === undefined ? {} : { roomRisk: Object.freeze({ ...data.roomRisk }) }),
    };
    const ctx: LabellerContext = Object.freeze(data.user === undefined ? base : {
      ...base, user: Object.freeze({ id: data.user.id, name: data.user.name, profile: pickProfile(definition, data.user.profile) }),
    });
    const result = await raceAbort(Promise.resolve(onMessage.call(definition.hooks, data.message, ctx)), services.signal);
    return checkLabelResult(result);
  } catch (error) {
    throw toPluginTurnError(error, definition, services);
  }
}

/** The verified arguments must not be altered by the plugin before it runs them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export function newMeter(): HookMeter {
  return { llmRequests: 0, tokens: undefined };
}

function baseContext(
  definition: PluginDefinition,
  room: string,
  config: unknown,
  services: HookServices,
  meter: HookMeter,
  bindings: Record<string, unknown>,
) {
  const declares = (capability: string) => (definition.capabilities as readonly string[]).includes(capability);
  const llm = declares('llm') && services.llm !== undefined ? meteredLlm(services.llm, meter) : undefined;
  return {
    plugin: Object.freeze({ name: definition.name, version: definition.version }),
    room,
    config,
    log: hookLogger(services.rootLogger, bindings, definition.secrets ?? []),
    signal: services.signal,
    ...(llm === undefined ? {} : { llm }),
    ...(declares('classifier') ? { classifier: classifierFor(services) } : {}),
    ...(declares('storage') ? { storage: services.storage ?? UNAVAILABLE_STORAGE } : {}),
  };
}

function parseConfig(definition: PluginDefinition, raw: unknown, scrubber: SecretScrubber): unknown {
  const config = parsePluginConfig(definition, raw);
  scrubber.add(secretValues(definition, config));
  return config;
}

/** The last `window` messages up to the trigger, the trigger last. */
export function windowFor(definition: PluginDefinition, window: readonly StoredMessage[], trigger: StoredMessage): StoredMessage[] {
  const size = windowOf(definition);
  if (size === 0) return [];
  const before = window.filter((m) => m.offset < trigger.offset && m.msgId !== trigger.msgId);
  return [...before.slice(-(size - 1)), trigger].slice(-size);
}

/** Only the fields the manifest asked for; a field the user does not have is left out. */
export function pickProfile(
  definition: PluginDefinition,
  profile: Readonly<Record<string, unknown>> | undefined,
): Readonly<Record<string, unknown>> {
  const picked: Record<string, unknown> = {};
  for (const field of definition.profileFields ?? []) {
    if (profile !== undefined && Object.hasOwn(profile, field)) picked[field] = profile[field];
  }
  return Object.freeze(picked);
}

/** Counts the hook's model requests and sums the usage they report. */
function meteredLlm(llm: LlmProvider, meter: HookMeter): LlmProvider {
  return {
    name: llm.name,
    model: llm.model,
    async *stream(request, signal) {
      meter.llmRequests++;
      for await (const event of llm.stream(request, signal)) {
        if (event.type === 'usage') {
          const before = meter.tokens ?? { inputTokens: 0, outputTokens: 0 };
          meter.tokens = {
            inputTokens: before.inputTokens + event.inputTokens,
            outputTokens: before.outputTokens + event.outputTokens,
          };
        }
        yield event;
      }
    },
  };
}

/** `services.classifier`, else the inference service's client bound to the hook's signal, else the placeholder. */
function classifierFor(services: HookServices): ClassifierHandle {
  if (services.classifier !== undefined) return services.classifier;
  const client = inferenceClient();
  if (client === undefined) return UNAVAILABLE_CLASSIFIER;
  const { signal } = services;
  return Object.freeze({
    classify: (model: string, texts: readonly string[]) => client.classify(model, texts, { signal }),
    classifyVectors: (model: string, vectors: readonly (readonly number[])[]) => client.classifyVectors(model, vectors, { signal }),
  });
}

let sharedInferenceClient: InferenceClient | undefined;

/** One connection per process, shared by all its hooks: their requests then share the service's batches. */
function inferenceClient(): InferenceClient | undefined {
  const socketPath = process.env[INFERENCE_SOCKET_VARIABLE];
  if (socketPath === undefined || socketPath === '') return undefined;
  if (sharedInferenceClient?.socketPath !== socketPath) {
    sharedInferenceClient?.close();
    sharedInferenceClient = new InferenceClient({ socketPath });
  }
  return sharedInferenceClient;
}

const UNAVAILABLE_CLASSIFIER: ClassifierHandle = Object.freeze({
  classify: () => Promise.reject(new CapabilityNotAvailableError('classifier')),
  classifyVectors: () => Promise.reject(new CapabilityNotAvailableError('classifier')),
});


class HookAborted extends Error {}

/** The iterator's next step, or a rejection as soon as the signal fires (a hook that ignores it is abandoned). */
function nextOrAbort<T>(iterator: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T>> {
  return raceAbort(iterator.next(), signal);
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(new HookAborted());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new HookAborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function notFound(definition: PluginDefinition, hook: string): PluginTurnError {
  return new PluginTurnError(PluginErrorCode.NOT_FOUND, `plugin "${definition.name}" has no ${hook} hook`, {
    plugin: definition.name,
  });
}

/** Any failure of a hook, as the engine sees it. Texts are scrubbed of secret values. */
function toPluginTurnError(error: unknown, definition: PluginDefinition, services: HookServices): PluginTurnError {
  const plugin = definition.name;
  if (error instanceof PluginTurnError) return error;
  const scrub = (text: string) => services.scrubber.scrub(text);
  if (services.signal.aborted) {
    const timedOut = (services.signal.reason as unknown) === 'timeout';
    return new PluginTurnError(
      timedOut ? PluginErrorCode.TIMEOUT : PluginErrorCode.CANCELLED,
      `plugin "${plugin}": ${timedOut ? 'timed out' : 'cancelled'}`,
      { plugin },
    );
  }
  if (error instanceof PluginConfigError) {
    return new PluginTurnError(PluginErrorCode.BAD_CONFIG, scrub(error.message), { plugin });
  }
  if (error instanceof LlmError) {
    return new PluginTurnError(PluginErrorCode.LLM_FAILED, `plugin "${plugin}": ${error.code}: ${scrub(error.message)}`, {
      plugin,
      llmCode: error.code,
      userMessage: error.userMessage,
      temporary: error.retryable,
    });
  }
  if (error instanceof CapabilityNotAvailableError) {
    return new PluginTurnError(PluginErrorCode.THREW, `plugin "${plugin}": ${error.message}`, {
      plugin,
      userMessage: error.userMessage,
    });
  }
  if (error instanceof InvalidHookOutputError) {
    return new PluginTurnError(PluginErrorCode.THREW, `plugin "${plugin}": ${error.message}`, { plugin });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new PluginTurnError(PluginErrorCode.THREW, `plugin "${plugin}" threw ${scrub(detail)}`, { plugin });
}
