/**
 * @module errors
 * One error type for everything the SDK rejects with: server error codes (`schema/codes.ts`) plus a few local ones
 * for failures that never reached the server. `temporary` says whether retrying the same command can succeed.
 */
import { TEMPORARY_CODES, type ErrorCode } from '../../../schema/codes.ts';
import type { ErrorInfo } from '../../../schema/protocol.ts';

/** Failures detected by the SDK itself. */
export type LocalErrorCode =
  /** The connection dropped before the reply came; the command may or may not have run. */
  | 'DISCONNECTED'
  /** No reply within the request timeout. */
  | 'REQUEST_TIMEOUT'
  /** The client is closed (by `close()` or a close code that forbids reconnecting). */
  | 'CLOSED'
  /** `getToken` threw or returned no token. */
  | 'TOKEN_UNAVAILABLE'
  /** The server sent something that is not protocol v1 (an undecodable frame). */
  | 'PROTOCOL';

export type ChatErrorCode = ErrorCode | LocalErrorCode;

const LOCAL_TEMPORARY: Record<LocalErrorCode, boolean> = {
  DISCONNECTED: true,
  REQUEST_TIMEOUT: true,
  CLOSED: false,
  TOKEN_UNAVAILABLE: true,
  PROTOCOL: false,
};

export interface ChatErrorOptions {
  temporary?: boolean;
  retryAfterMs?: number;
  /** The WebSocket close code, when the error is a connection ending. */
  closeCode?: number;
  cause?: unknown;
}

export class ChatError extends Error {
  override readonly name = 'ChatError';
  readonly code: ChatErrorCode;
  readonly temporary: boolean;
  readonly retryAfterMs: number | undefined;
  readonly closeCode: number | undefined;

  constructor(code: ChatErrorCode, message: string, options: ChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.temporary = options.temporary ?? (code in LOCAL_TEMPORARY ? LOCAL_TEMPORARY[code as LocalErrorCode] : TEMPORARY_CODES.has(code as ErrorCode));
    this.retryAfterMs = options.retryAfterMs;
    this.closeCode = options.closeCode;
  }

  /** The error of a failed reply or an `error` push. */
  static fromInfo(info: ErrorInfo): ChatError {
    return new ChatError(info.code, info.message, { temporary: info.temporary, retryAfterMs: info.retryAfterMs });
  }
}

export const disconnectedError = (): ChatError => new ChatError('DISCONNECTED', 'the connection was lost before the reply');
export const closedError = (reason = 'the client is closed', closeCode?: number): ChatError =>
  new ChatError('CLOSED', reason, { closeCode });
