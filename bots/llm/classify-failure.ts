/**
 * @module llm/classify-failure
 * Turns what an SDK reported (HTTP status, the provider's error type, headers) into an `LlmError`. Each adapter
 * extracts a `ProviderFailure` with its own SDK's classes; the verdict (code, retryable) is decided here, once, for
 * every provider.
 */
import {
  LlmAuthError,
  LlmBadRequestError,
  LlmOverloadedError,
  LlmRateLimitedError,
  LlmUnavailableError,
  type LlmError,
  type LlmErrorOptions,
} from './errors.ts';

export interface ProviderFailure {
  readonly provider: string;
  /** HTTP status; undefined for connection failures and errors sent inside a 200 stream. */
  readonly status?: number | undefined;
  /** The provider's error type (`overloaded_error`, `rate_limit_error`, `server_error` …), if it sent one. */
  readonly errorType?: string | undefined;
  /** The provider's error code (`rate_limit_exceeded`, or an HTTP-like number from vLLM's in-stream errors). */
  readonly errorCode?: string | number | undefined;
  /** Headers of the failed response, for `retry-after`. Only read when `status` is set. */
  readonly headers?: Headers | undefined;
  /** Technical detail for logs (never contains keys). */
  readonly detail: string;
  readonly cause?: unknown;
}

export function classifyFailure(failure: ProviderFailure): LlmError {
  const options: LlmErrorOptions = {
    status: failure.status,
    provider: failure.provider,
    cause: failure.cause,
    retryAfterMs: failure.status === undefined ? undefined : retryAfterMsFrom(failure.headers),
  };
  const detail = `${failure.provider}: ${failure.detail}`;
  const status = failure.status ?? statusFromErrorCode(failure.errorCode);
  const type = `${failure.errorType ?? ''} ${failure.errorCode ?? ''}`.toLowerCase();

  if (type.includes('overload') || status === 529) return new LlmOverloadedError(detail, options);
  if (status === 429 || type.includes('rate_limit')) return new LlmRateLimitedError(detail, options);
  if (status === 401 || status === 403 || /authentication|permission|api_key/.test(type)) {
    return new LlmAuthError(detail, options);
  }
  // 408 (request timeout) and 409 (conflict) are transient by the providers' own retry rules.
  if (status === 408 || status === 409) return new LlmUnavailableError(detail, options);
  if (status !== undefined && status >= 400 && status < 500) return new LlmBadRequestError(detail, options);
  if (/invalid_request|not_found/.test(type)) return new LlmBadRequestError(detail, options);
  return new LlmUnavailableError(detail, options);
}

/** OpenAI-compatible servers (vLLM) put an HTTP-like number in `error.code` of an in-stream error. */
function statusFromErrorCode(code: string | number | undefined): number | undefined {
  return code !== undefined && /^[45]\d\d$/.test(String(code)) ? Number(code) : undefined;
}

/**
 * How long the server asked us to wait: `retry-after-ms` (OpenAI's, milliseconds), else `retry-after` (seconds or an
 * HTTP date). Undefined when absent or unreadable.
 */
export function retryAfterMsFrom(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const millis = parseNonNegative(headers.get('retry-after-ms'));
  if (millis !== undefined) return millis;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = parseNonNegative(value);
  if (seconds !== undefined) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseNonNegative(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
