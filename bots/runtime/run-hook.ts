/**
 * @module runtime/run-hook
 * Runs one hook request on a plugin pool and turns its outcome into `JobEvent`s. Shared by the in-process queue and
 * the BullMQ worker, so both report exactly the same events.
 */
import { PluginErrorCode, PluginTurnError } from '../host/errors.ts';
import type { PluginPool } from '../host/pool.ts';
import type { HookRequest, JobEvent } from './jobs.ts';

export async function* runHookOnPool(pool: PluginPool, request: HookRequest, signal: AbortSignal): AsyncGenerator<JobEvent> {
  try {
    if (request.kind === 'label') {
      const result = await pool.runLabeller(request.job, signal);
      yield { type: 'done', result };
      return;
    }
    const run = pool.runTurn(request.job, signal);
    while (true) {
      const next = await run.next();
      if (next.done) {
        yield { type: 'done', usage: next.value };
        return;
      }
      yield { type: 'output', output: next.value };
    }
  } catch (err) {
    yield errorEvent(err);
  }
}

export function errorEvent(err: unknown): JobEvent {
  const failure = err instanceof PluginTurnError ? err : new PluginTurnError(PluginErrorCode.THREW, String((err as Error)?.message ?? err), { cause: err });
  const event: JobEvent = { type: 'error', code: failure.code, message: failure.userMessage, detail: failure.message };
  if (failure.usage) event.usage = failure.usage;
  return event;
}
