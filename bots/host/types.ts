/**
 * @module host/types
 * The jobs the engine hands to the plugin host, and what it gets back besides outputs.
 */
import type { RiskLevel, StoredMessage } from '../../schema/protocol.ts';
import type { PluginDefinition } from '../sdk/index.ts';
import type { PluginErrorCode } from './errors.ts';

/** A plugin found by `discoverPlugins`: its validated definition and where it lives. */
export interface DiscoveredPlugin {
  readonly name: string;
  /** Absolute path of the plugin's folder. */
  readonly folder: string;
  /** Absolute path of its `plugin.ts` (what the child process imports). */
  readonly file: string;
  readonly definition: PluginDefinition;
}

export interface TurnJob {
  readonly turnId: string;
  readonly plugin: string;
  readonly room: string;
  /** The message that started the turn, decrypted. */
  readonly trigger: StoredMessage;
  /** Recent messages of the room, oldest first, decrypted (the host trims it to the manifest's `window`). */
  readonly window: readonly StoredMessage[];
  /** The host passes on only the profile fields the manifest lists. */
  readonly user: { readonly id: string; readonly name: string; readonly profile?: Readonly<Record<string, unknown>> };
  /** Raw configuration; the plugin's schema parses it in the plugin's process (`{}` when absent). */
  readonly config?: unknown;
  /** A verified answer to this plugin's tool proposal (the runtime checked it with the engine): `ctx.confirmation`. */
  readonly confirmation?: { readonly tool: string; readonly args: Readonly<Record<string, unknown>>; readonly approved: boolean };
  /** The conversation's persisted risk (engine safety layer): `ctx.roomRisk`. */
  readonly roomRisk?: RoomRiskData;
  /** How many people are members of the room (`ctx.people`). */
  readonly people: number;
}

export interface LabelJob {
  readonly plugin: string;
  readonly room: string;
  readonly message: StoredMessage;
  /** The author when a person wrote the message; the host passes on only the declared profile fields. */
  readonly user?: { readonly id: string; readonly name: string; readonly profile?: Readonly<Record<string, unknown>> };
  readonly config?: unknown;
  /** The conversation's persisted risk (engine safety layer): `ctx.roomRisk`. */
  readonly roomRisk?: RoomRiskData;
}

/** `RoomRisk` of the SDK, as plain data crossing into plugin processes. */
export type RoomRiskData = { readonly level: RiskLevel; readonly since?: number; readonly lastEventAt?: number; readonly events: number; readonly lowSignals: number };

export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What one hook run cost. Reported for every outcome through `PluginPool`'s `onUsage`. */
export interface HookUsage {
  readonly kind: 'turn' | 'label';
  readonly plugin: string;
  /** The turn id, or `room:offset` for a label. */
  readonly jobId: string;
  readonly outcome: 'done' | PluginErrorCode;
  /** Summed over the hook's model requests, when the provider reported usage. */
  readonly tokens?: TokenUsage;
  /** Model requests the hook made. */
  readonly llmRequests: number;
  /** Waiting for a concurrency slot and a ready process. */
  readonly queueMs: number;
  /** From the call to the first output (turns that produced one). */
  readonly firstOutputMs?: number;
  /** From the call to the end. */
  readonly durationMs: number;
  readonly outputs: number;
}
