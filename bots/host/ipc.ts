/**
 * @module host/ipc
 * Messages between the engine (parent) and a plugin's child process, over Node's IPC channel (JSON). One child
 * hosts one plugin and runs many hooks at once; every hook message carries the job `id`.
 *
 * parent → child: `init` once, then `turn` / `label` jobs and `cancel`; `storage-reply` answers a `storage` request.
 * child → parent: `ready` once, then per job any number of `out` (turns) and `storage` requests (the parent binds
 * them to the job's room and person), and exactly one `done` or `error`; `log` lines at any time. After a `cancel` the child answers the job with `error` at once, even if the hook ignores the
 * signal; a child that does not answer in time is killed.
 */
import type { StoredMessage } from '../../schema/protocol.ts';
import type { LabelResult, LocalizedText, PluginUser, ToolConfirmation, TurnOutput } from '../sdk/index.ts';
import type { PluginErrorCode } from './errors.ts';
import type { HookAbortReason } from './run-hook.ts';
import type { StorageFailure } from './storage-protocol.ts';
import type { RoomRiskData, TokenUsage } from './types.ts';

export type ParentMessage =
  | { readonly kind: 'init'; readonly plugin: { readonly name: string; readonly file: string }; readonly logLevel: string }
  | {
      readonly kind: 'turn';
      readonly id: string;
      readonly plugin: string;
      readonly input: { readonly turnId: string; readonly room: string; readonly trigger: StoredMessage };
      readonly ctx: {
        readonly window: readonly StoredMessage[];
        readonly user: PluginUser;
        readonly config?: unknown;
        readonly confirmation?: ToolConfirmation;
        readonly roomRisk?: RoomRiskData;
        readonly people: number;
      };
    }
  | {
      readonly kind: 'label';
      readonly id: string;
      readonly plugin: string;
      readonly input: { readonly room: string; readonly message: StoredMessage };
      readonly ctx: { readonly config?: unknown; readonly user?: PluginUser; readonly roomRisk?: RoomRiskData };
    }
  | { readonly kind: 'cancel'; readonly id: string; readonly reason: HookAbortReason }
  | {
      readonly kind: 'storage-reply';
      /** The `req` of the `storage` request it answers. */
      readonly req: number;
      readonly value?: unknown;
      readonly failure?: StorageFailure;
    };

export interface JobUsage {
  readonly llmRequests: number;
  readonly tokens?: TokenUsage;
}

export type ChildMessage =
  /** Several messages in their original order: the child sends one IPC message per event-loop turn, not per token. */
  | { readonly kind: 'batch'; readonly messages: readonly ChildMessage[] }
  | { readonly kind: 'ready'; readonly pid: number }
  | { readonly kind: 'out'; readonly id: string; readonly output: TurnOutput }
  | { readonly kind: 'done'; readonly id: string; readonly usage: JobUsage; readonly result?: LabelResult }
  | {
      readonly kind: 'error';
      readonly id: string;
      readonly code: PluginErrorCode;
      readonly message: string;
      readonly usage: JobUsage;
      readonly llmCode?: string;
      readonly userMessage?: LocalizedText;
      readonly temporary?: boolean;
    }
  /** A `ctx.storage` call of job `id`; `req` numbers it within this process. */
  | { readonly kind: 'storage'; readonly id: string; readonly req: number; readonly request: unknown }
  /** A pino JSON line written by the plugin (already scrubbed of secrets). */
  | { readonly kind: 'log'; readonly line: string };
