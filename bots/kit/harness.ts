/**
 * @module kit/harness
 * Runs a plugin's hooks in-process against scripted turns, with no engine: the same context building, capability
 * scoping and output checks as production (`bots/host/run-hook.ts`), and a model stream that is either scripted
 * (the `bots/llm/testing` SSE server, talked to by the real SDK), recorded (`LlmEvent[]`), or any `LlmProvider`.
 *
 * @example
 * const result = await runPluginTurn(plugin, { text: 'hola', llm: { scripted: { tokens: ['¡Hola', '!'] } } });
 * expect(result.text).toBe('¡Hola!');
 */
import type { MessageBody, StoredMessage } from '../../schema/protocol.ts';
import { createLlm, type LlmEvent, type LlmProvider, type LlmProviderName } from '../llm/index.ts';
import { SseTestServer, llmConfigFor, type RecordedRequest, type Scenario } from '../llm/testing/index.ts';
import { PluginTurnError } from '../host/errors.ts';
import { SecretScrubber, createPluginRootLogger } from '../host/plugin-logger.ts';
import { createStorageHandle, storageErrorFrom, storageFailureOf } from '../host/storage-handle.ts';
import { checkStorageRequest, type PluginStorageService, type StorageBinding } from '../host/storage-protocol.ts';
import { newMeter, runLabelHook, runTurnHook, type HookMeter, type HookServices } from '../host/run-hook.ts';
import type { TokenUsage } from '../host/types.ts';
import type { LabelResult, PluginDefinition, PluginUser, ToolConfirmation, TurnOutput } from '../sdk/index.ts';
import { replayLlm } from './replay-llm.ts';

/** A message of a scripted conversation: a full `StoredMessage`, or just who said what. */
export type KitMessage = StoredMessage | { readonly from: 'user' | 'bot'; readonly text: string };

export type KitLlm =
  | LlmProvider
  /** Scripted answers, one per model request, served over HTTP to the real SDK. */
  | { readonly scripted: Scenario | readonly Scenario[]; readonly provider?: LlmProviderName }
  /** Recorded events, one list per model request. */
  | { readonly recorded: readonly LlmEvent[] | readonly (readonly LlmEvent[])[] };

export interface PluginTurnOptions {
  /** What the user says (the trigger). */
  readonly text: string;
  /** Earlier messages, oldest first. */
  readonly window?: readonly KitMessage[];
  /** @default { id: 'kit-user', name: 'Ana', profile: {} } */
  readonly user?: Partial<PluginUser>;
  /** Raw configuration, parsed by the plugin's schema like in production. */
  readonly config?: unknown;
  /** The model; leave out to test the "no model configured" path. */
  readonly llm?: KitLlm;
  readonly signal?: AbortSignal;
  /** @default 'kit-room' */
  readonly room?: string;
  /**
   * Serves `ctx.storage` (plugins that declare `storage`): pass the engine's real service, e.g.
   * `(await createStore(testConfig(url), log)).pluginStorage()`, bound like in production to `room` and the user.
   */
  readonly storage?: PluginStorageService;
  /**
   * A verified answer to one of the plugin's tool proposals, as the engine passes it after checking the signed
   * token (`ctx.confirmation`). Use it with a trigger text such as "Confirmo".
   */
  readonly confirmation?: ToolConfirmation;
  /** How many people share the room (`ctx.people`). @default 1 */
  readonly people?: number;
}

export interface KitLogRecord {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

export interface PluginTurnResult {
  readonly outputs: readonly TurnOutput[];
  /** All `text` outputs joined: what the room would see streamed. */
  readonly text: string;
  readonly bodies: readonly MessageBody[];
  readonly toolCalls: readonly Extract<TurnOutput, { type: 'tool_call' }>[];
  readonly toolResults: readonly Extract<TurnOutput, { type: 'tool_result' }>[];
  /** What the plugin logged (secrets already redacted, as in production). */
  readonly logs: readonly KitLogRecord[];
  readonly usage: { readonly llmRequests: number; readonly tokens?: TokenUsage };
  /** With `llm: {scripted}`: the HTTP requests the SDK sent (headers and JSON body). */
  readonly llmRequests: readonly RecordedRequest[];
}

/**
 * Runs `onTurn` once and collects what it streamed.
 * @throws PluginTurnError as the engine would see it (`PLUGIN_THREW`, `PLUGIN_BAD_CONFIG`, `PLUGIN_CANCELLED` …).
 */
export async function runPluginTurn(plugin: PluginDefinition, options: PluginTurnOptions): Promise<PluginTurnResult> {
  const room = options.room ?? 'kit-room';
  const user: PluginUser = { id: 'kit-user', name: 'Ana', profile: {}, ...options.user };
  const history = (options.window ?? []).map((message, index) => toStoredMessage(message, index + 1, room, user, plugin));
  const trigger = toStoredMessage({ from: 'user', text: options.text }, history.length + 1, room, user, plugin);
  const outputs: TurnOutput[] = [];
  const meter = newMeter();
  const run = await startKitRun(plugin, options, { room, user: user.id });
  try {
    const data = {
      turnId: 'kit-turn', room, trigger, window: [...history, trigger], user, config: options.config, people: options.people ?? 1,
      ...(options.confirmation === undefined ? {} : { confirmation: options.confirmation }),
    };
    for await (const output of runTurnHook(plugin, data, run.services, meter)) outputs.push(output);
  } finally {
    await run.stop();
  }
  const pick = <T extends TurnOutput['type']>(type: T) =>
    outputs.filter((o): o is Extract<TurnOutput, { type: T }> => o.type === type);
  return {
    outputs,
    text: pick('text').map((o) => o.text).join(''),
    bodies: pick('body').map((o) => o.body),
    toolCalls: pick('tool_call'),
    toolResults: pick('tool_result'),
    logs: run.logs,
    usage: usageOf(meter),
    llmRequests: run.server?.requests ?? [],
  };
}

export interface PluginLabelOptions {
  readonly text: string;
  readonly config?: unknown;
  readonly llm?: KitLlm;
  readonly signal?: AbortSignal;
  /** @default 'user' */
  readonly from?: 'user' | 'bot';
  /** @default 'kit-room' */
  readonly room?: string;
  /** As for turns; a labeller's `storage.user` is the author's (absent for bot messages). */
  readonly storage?: PluginStorageService;
}

export interface PluginLabelResult {
  readonly result: LabelResult;
  readonly logs: readonly KitLogRecord[];
  readonly usage: { readonly llmRequests: number; readonly tokens?: TokenUsage };
}

/** Runs `onMessage` on one message. @throws PluginTurnError */
export async function runPluginLabeller(plugin: PluginDefinition, options: PluginLabelOptions): Promise<PluginLabelResult> {
  const user: PluginUser = { id: 'kit-user', name: 'Ana', profile: {} };
  const room = options.room ?? 'kit-room';
  const from = options.from ?? 'user';
  const message = toStoredMessage({ from, text: options.text }, 1, room, user, plugin);
  const meter = newMeter();
  const run = await startKitRun(plugin, options, from === 'user' ? { room, user: user.id } : { room });
  try {
    const result = await runLabelHook(plugin, { room, message, config: options.config }, run.services, meter);
    return { result, logs: run.logs, usage: usageOf(meter) };
  } finally {
    await run.stop();
  }
}

interface KitRun {
  readonly services: HookServices;
  readonly logs: KitLogRecord[];
  readonly server: SseTestServer | undefined;
  stop(): Promise<void>;
}

async function startKitRun(
  plugin: PluginDefinition,
  options: { readonly llm?: KitLlm; readonly signal?: AbortSignal; readonly storage?: PluginStorageService },
  binding: StorageBinding,
): Promise<KitRun> {
  if (options.llm !== undefined && !plugin.capabilities.includes('llm')) {
    throw new PluginTurnError('PLUGIN_THREW', `plugin "${plugin.name}" was given a model but does not declare the "llm" capability`);
  }
  const logs: KitLogRecord[] = [];
  const scrubber = new SecretScrubber();
  const rootLogger = createPluginRootLogger({
    plugin: plugin.name,
    level: 'trace',
    scrubber,
    write: (line) => logs.push(JSON.parse(line) as KitLogRecord),
  });
  const { llm, server } = await kitLlm(options.llm);
  return {
    services: {
      llm, rootLogger, scrubber, signal: options.signal ?? new AbortController().signal,
      ...(options.storage ? { storage: kitStorage(plugin.name, options.storage, binding) } : {}),
    },
    logs,
    server,
    stop: async () => server?.close(),
  };
}

/** `ctx.storage` over the real service, with the host's checks and error mapping (no IPC in the kit). */
function kitStorage(plugin: string, service: PluginStorageService, binding: StorageBinding) {
  return createStorageHandle(async (request) => {
    try {
      return await service.run(plugin, binding, checkStorageRequest(request));
    } catch (error) {
      throw storageErrorFrom(storageFailureOf(error));
    }
  }, binding.user !== undefined);
}

async function kitLlm(spec: KitLlm | undefined): Promise<{ llm: LlmProvider | undefined; server: SseTestServer | undefined }> {
  if (spec === undefined) return { llm: undefined, server: undefined };
  if ('stream' in spec) return { llm: spec, server: undefined };
  if ('recorded' in spec) {
    const recorded = spec.recorded;
    const lists = isListOfLists(recorded) ? recorded : [recorded as readonly LlmEvent[]];
    return { llm: replayLlm(...lists), server: undefined };
  }
  const server = await SseTestServer.start();
  const scenarios: readonly Scenario[] = Array.isArray(spec.scripted) ? spec.scripted : [spec.scripted as Scenario];
  server.enqueue(...scenarios);
  const llm = createLlm(llmConfigFor(server, spec.provider ?? 'openai-compatible'), { retry: { baseDelayMs: 1 } });
  return { llm, server };
}

function isListOfLists(value: readonly LlmEvent[] | readonly (readonly LlmEvent[])[]): value is readonly (readonly LlmEvent[])[] {
  return Array.isArray(value[0]);
}

function toStoredMessage(
  message: KitMessage,
  offset: number,
  room: string,
  user: PluginUser,
  plugin: PluginDefinition,
): StoredMessage {
  if (typeof message.from === 'object') return message as StoredMessage;
  const from =
    message.from === 'user'
      ? { id: user.id, kind: 'user' as const, name: user.name }
      : { id: plugin.name, kind: 'bot' as const, name: plugin.name };
  const text = (message as { text: string }).text;
  return { room, epoch: 'kit', offset, msgId: `kit-${offset}`, from, body: { text }, ts: 1_700_000_000_000 + offset * 1_000 };
}

function usageOf(meter: HookMeter): PluginTurnResult['usage'] {
  return meter.tokens === undefined ? { llmRequests: meter.llmRequests } : { llmRequests: meter.llmRequests, tokens: meter.tokens };
}
