/**
 * @module llm/drive-stream
 * The loop every adapter shares: open the SDK stream, translate each raw event, and end the way the `LlmProvider`
 * contract says: exactly one `finish` last, `finish: cancelled` when the caller's signal fired (the SDKs end their
 * iterators silently on abort), and `error` + `finish: error` for anything else that went wrong.
 */
import type { LlmError } from './errors.ts';
import { CANCELLED, failureEvents } from './stream-helpers.ts';
import type { LlmEvent } from './types.ts';

export interface StreamTranslator<Raw> {
  /** Events for one raw SDK event. May throw an `LlmError` (e.g. unparsable tool arguments). */
  translate(raw: Raw): LlmEvent[];
  /** Events once the SDK stream ended without an error (finish, or a failure if the stream was cut short). */
  end(): LlmEvent[];
}

export async function* driveSdkStream<Raw>(
  signal: AbortSignal,
  open: () => Promise<AsyncIterable<Raw>>,
  translator: StreamTranslator<Raw>,
  toLlmError: (error: unknown) => LlmError,
): AsyncGenerator<LlmEvent, void, undefined> {
  if (signal.aborted) {
    yield CANCELLED;
    return;
  }
  let finished = false;
  try {
    const rawEvents = await open();
    for await (const raw of rawEvents) {
      for (const event of translator.translate(raw)) {
        if (finished) break; // nothing may follow `finish`
        if (event.type === 'finish') finished = true;
        yield event;
      }
    }
    if (finished) return;
    if (signal.aborted) {
      yield CANCELLED;
      return;
    }
    yield* translator.end();
  } catch (error) {
    if (finished) return;
    if (signal.aborted) {
      yield CANCELLED;
      return;
    }
    yield* failureEvents(toLlmError(error));
  }
}
