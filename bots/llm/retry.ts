/**
 * @module llm/retry
 * `withRetry` wraps a provider so transient failures (429, 5xx, overload, dropped connections) are retried with
 * exponential backoff and jitter, but only while nothing has reached the caller: once an event was yielded, a retry
 * would repeat text the user already saw, so the error is passed through (`error` then `finish: error`).
 *
 * A `retry-after` the provider sent is honoured when it fits within `maxDelayMs`; a longer one ends the stream with
 * the error at once, because a chat turn should not hang for minutes. An abort during the wait ends the stream
 * immediately with `finish: cancelled`.
 */
import type { Logger } from 'pino';
import type { LlmError } from './errors.ts';
import { CANCELLED } from './stream-helpers.ts';
import type { LlmEvent, LlmProvider, LlmRequest } from './types.ts';

export interface RetryOptions {
  /** Retries after the first attempt. @default 2 */
  readonly retries?: number | undefined;
  /** Delay before the first retry; doubles each time. @default 250 */
  readonly baseDelayMs?: number | undefined;
  /** Upper bound of any wait, `retry-after` included. @default 4000 */
  readonly maxDelayMs?: number | undefined;
  readonly logger?: Logger | undefined;
  /** Source of jitter in [0, 1); tests pass a constant. @default Math.random */
  readonly random?: (() => number) | undefined;
}

interface ResolvedRetryOptions {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly logger: Logger | undefined;
  readonly random: () => number;
}

export function withRetry(provider: LlmProvider, options: RetryOptions = {}): LlmProvider {
  const resolved: ResolvedRetryOptions = {
    retries: options.retries ?? 2,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 4000,
    logger: options.logger,
    random: options.random ?? Math.random,
  };
  return {
    name: provider.name,
    model: provider.model,
    stream: (request, signal) => streamWithRetry(provider, request, signal, resolved),
  };
}

async function* streamWithRetry(
  provider: LlmProvider,
  request: LlmRequest,
  signal: AbortSignal,
  options: ResolvedRetryOptions,
): AsyncGenerator<LlmEvent, void, undefined> {
  for (let attempt = 0; ; attempt++) {
    let committed = false;
    let retryable: LlmError | undefined;
    for await (const event of provider.stream(request, signal)) {
      if (!committed && event.type === 'error' && mayRetry(event.error, attempt, options)) {
        retryable = event.error; // drop it and the `finish: error` behind it; `break` closes the attempt
        break;
      }
      committed = true;
      yield event;
    }
    if (retryable === undefined) return;

    const delayMs = retryDelayMs(retryable, attempt, options);
    options.logger?.warn(
      { provider: provider.name, code: retryable.code, status: retryable.status, attempt: attempt + 1, delayMs },
      'llm request failed before streaming; retrying',
    );
    if (!(await sleep(delayMs, signal))) {
      yield CANCELLED;
      return;
    }
  }
}

function mayRetry(error: LlmError, attempt: number, options: ResolvedRetryOptions): boolean {
  if (!error.retryable || attempt >= options.retries) return false;
  return error.retryAfterMs === undefined || error.retryAfterMs <= options.maxDelayMs;
}

/** `retry-after` when given, else exponential backoff with "equal jitter" (half fixed, half random). */
export function retryDelayMs(
  error: Pick<LlmError, 'retryAfterMs'>,
  attempt: number,
  options: Pick<ResolvedRetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, options.maxDelayMs);
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return exponential / 2 + options.random() * (exponential / 2);
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` fires. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
