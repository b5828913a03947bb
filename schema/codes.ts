/**
 * @module codes
 * Every error and close code of protocol v1, in one table each. Codes are stable: once published they are
 * never reused for another meaning. `temporary` tells a client whether retrying the same command can succeed.
 */

export const ErrorCode = {
  /** Frame not decodable, not an object (or array of objects), or without a `type`. */
  BAD_FRAME: 'BAD_FRAME',
  /** `type` names no command of this protocol version. */
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  /** An argument breaks the command's schema; the message names the field. */
  BAD_ARGS: 'BAD_ARGS',
  /** Not authenticated, or the token is invalid. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** Authenticated member that lacks the right for this action. */
  FORBIDDEN: 'FORBIDDEN',
  /** The thing does not exist, or the caller may not know it exists. */
  NOT_FOUND: 'NOT_FOUND',
  /** The request conflicts with current state (e.g. e-mail already registered). */
  CONFLICT: 'CONFLICT',
  /** A value is larger than the advertised limits. */
  TOO_LARGE: 'TOO_LARGE',
  /** Too many commands; `retryAfterMs` says when the next one will be accepted. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The server gave up waiting on a dependency. */
  TIMEOUT: 'TIMEOUT',
  /** A dependency (database, queue) is down; retry later. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** Unexpected server failure; retry later. */
  INTERNAL: 'INTERNAL',
  /** A `confirm` body whose token is not one the server signed for this room (forged, altered, another room). */
  CONFIRMATION_INVALID: 'CONFIRMATION_INVALID',
  /** A `confirm` body whose proposal expired; ask the bot again. */
  CONFIRMATION_EXPIRED: 'CONFIRMATION_EXPIRED',
  /** A `confirm` body whose proposal was already answered (each is single use). */
  CONFIRMATION_USED: 'CONFIRMATION_USED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Whether a retry of the same command may succeed, per code. */
export const TEMPORARY_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.RATE_LIMITED,
  ErrorCode.TIMEOUT,
  ErrorCode.UNAVAILABLE,
  ErrorCode.INTERNAL,
]);

/** Codes that count towards the bad-frame abuse limit (close 4002). */
export const BAD_FRAME_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.BAD_FRAME,
  ErrorCode.UNKNOWN_TYPE,
  ErrorCode.BAD_ARGS,
]);

/** HTTP status for each code, used by the HTTP API. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_FRAME: 400,
  UNKNOWN_TYPE: 400,
  BAD_ARGS: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  CONFIRMATION_INVALID: 403,
  CONFIRMATION_EXPIRED: 410,
  CONFIRMATION_USED: 409,
};

/**
 * WebSocket close codes. 4000–4499: do not reconnect automatically. 4500–4999: reconnect with backoff and resume
 * with `join … since`. 1009 (frame too big) comes from the WebSocket layer itself.
 */
export const CloseCode = {
  TOO_BIG: 1009,
  UNAUTHORIZED: 4001,
  PROTOCOL_ABUSE: 4002,
  FORBIDDEN: 4003,
  VERSION_UNSUPPORTED: 4004,
  SHUTTING_DOWN: 4500,
  SLOW_CONSUMER: 4501,
  TOKEN_EXPIRED: 4502,
  OVERLOADED: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** True when a client should reconnect after this close code. */
export function shouldReconnect(code: number): boolean {
  return code < 4000 || code >= 4500;
}
