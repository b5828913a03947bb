/**
 * @module runtime/jobs
 * The dispatch contract. The engine process submits hook runs (`HookRequest`) to a `TurnQueue` and reads back a
 * stream of `JobEvent`s; where the hook runs is the queue's business: in this process's plugin pool (the embedded
 * single-node default) or on any `npm run worker` process through BullMQ on Redis. Both queues pass one suite.
 *
 * Contract: every submitted job's stream ends with exactly one `done` or `error` event; aborting the signal stops the
 * hook wherever it runs (its model request is aborted) and ends the stream with `error` code PLUGIN_CANCELLED.
 */
import type { LocalizedText, LabelResult, TurnOutput } from '../sdk/index.ts';
import type { PluginErrorCode } from '../host/errors.ts';
import type { HookUsage, LabelJob, TurnJob } from '../host/types.ts';

export type HookRequest = { kind: 'turn'; job: TurnJob } | { kind: 'label'; job: LabelJob };

export type JobEvent =
  | { type: 'output'; output: TurnOutput }
  | { type: 'done'; usage?: HookUsage; result?: LabelResult }
  | { type: 'error'; code: PluginErrorCode; message: LocalizedText; detail: string; usage?: HookUsage };

export interface TurnQueue {
  /** Runs the hook somewhere and streams its events; the stream always ends with `done` or `error`. */
  submit(request: HookRequest, signal: AbortSignal): AsyncIterable<JobEvent>;
  close(): Promise<void>;
}
