/**
 * @module kit/replay-llm
 * An `LlmProvider` that replays recorded events (from `collectEvents(provider.stream(…))` or written by hand), for
 * tests that need exact event sequences without a server. It honours the stream contract: one `finish` at the end
 * (added when the recording has none) and `finish: cancelled` as soon as the signal fires.
 */
import type { LlmEvent, LlmProvider, LlmRequest } from '../llm/index.ts';

export interface ReplayLlm extends LlmProvider {
  /** The requests the plugin made, in order. */
  readonly requests: readonly LlmRequest[];
}

/** Each request replays the next recording; the last one repeats when they run out. */
export function replayLlm(...recordings: readonly (readonly LlmEvent[])[]): ReplayLlm {
  const requests: LlmRequest[] = [];
  return {
    name: 'replay',
    model: 'recorded',
    requests,
    async *stream(request, signal) {
      const events = recordings[Math.min(requests.length, recordings.length - 1)] ?? [];
      requests.push(request);
      for (const event of events) {
        await Promise.resolve(); // one microtask per event, like a real stream, so cancels land between events
        if (signal.aborted) {
          yield { type: 'finish', reason: 'cancelled' };
          return;
        }
        yield event;
        if (event.type === 'finish') return;
      }
      yield { type: 'finish', reason: 'stop' };
    },
  };
}
