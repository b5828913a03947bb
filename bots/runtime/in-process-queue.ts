/**
 * @module runtime/in-process-queue
 * The single-node queue: hooks run on this process's plugin pool (plugin code itself runs in the pool's child
 * processes, never on the engine's event loop). The pool enforces per-plugin concurrency and queue limits.
 */
import type { PluginPool } from '../host/pool.ts';
import type { HookRequest, JobEvent, TurnQueue } from './jobs.ts';
import { runHookOnPool } from './run-hook.ts';

export class InProcessTurnQueue implements TurnQueue {
  constructor(private readonly pool: PluginPool) {}

  submit(request: HookRequest, signal: AbortSignal): AsyncIterable<JobEvent> {
    return runHookOnPool(this.pool, request, signal);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
