/**
 * @module errors
 * `EngineError` carries a protocol error code; anything else thrown inside a command or route is wrapped by
 * `toErrorInfo` as INTERNAL (or UNAVAILABLE for storage outages) so no raw exception text reaches a client.
 */
import { ErrorCode, TEMPORARY_CODES, type ErrorInfo } from '../../schema/index.ts';
import { StoreUnavailableError } from './storage/store.ts';
import { WriterUnavailableError } from './storage/message-writer.ts';

export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const badArgs = (message: string) => new EngineError(ErrorCode.BAD_ARGS, message);
export const notFound = (what: string) => new EngineError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message: string) => new EngineError(ErrorCode.FORBIDDEN, message);
export const unauthorized = (message: string) => new EngineError(ErrorCode.UNAUTHORIZED, message);
export const unavailable = (message = 'storage unavailable, retry later') => new EngineError(ErrorCode.UNAVAILABLE, message);

export function isStorageOutage(err: unknown): boolean {
  return err instanceof StoreUnavailableError || err instanceof WriterUnavailableError;
}

/** The wire form of any thrown value. Unknown errors become INTERNAL with a generic message. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof EngineError) {
    const info: ErrorInfo = { code: err.code, message: err.message, temporary: TEMPORARY_CODES.has(err.code) };
    if (err.retryAfterMs !== undefined) info.retryAfterMs = err.retryAfterMs;
    return info;
  }
  if (isStorageOutage(err)) return { code: ErrorCode.UNAVAILABLE, message: 'storage unavailable, retry later', temporary: true };
  return { code: ErrorCode.INTERNAL, message: 'internal error', temporary: true };
}
