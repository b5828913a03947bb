/**
 * @module http/json
 * Minimal JSON-over-uWS helpers. uWS rules kept here: register `onAborted` before any async work, never touch an
 * aborted response, and `cork` every write that happens after an await.
 */
import { ErrorCode, HTTP_STATUS } from '../../../schema/index.ts';
import { EngineError, toErrorInfo } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { HttpRequest, HttpResponse } from '../transport/uws.ts';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 409: 'Conflict', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** Wraps a response to remember whether the client went away. */
export interface Reply {
  res: HttpResponse;
  aborted: boolean;
  /** Extra response headers (e.g. CORS for an allowed partner origin), written with the answer. */
  headers?: Record<string, string>;
}

export function reply(res: HttpResponse): Reply {
  const r: Reply = { res, aborted: false };
  res.onAborted(() => { r.aborted = true; });
  return r;
}

export function send(r: Reply, status: number, body: string, contentType = 'application/json'): void {
  if (r.aborted) return;
  r.res.cork(() => {
    r.res.writeStatus(`${status} ${STATUS_TEXT[status] ?? ''}`)
      .writeHeader('content-type', contentType)
      .writeHeader('cache-control', 'no-store')
      .writeHeader('x-content-type-options', 'nosniff');
    for (const [name, value] of Object.entries(r.headers ?? {})) r.res.writeHeader(name, value);
    r.res.end(body);
  });
}

export const sendJson = (r: Reply, status: number, value: unknown) => send(r, status, JSON.stringify(value));

/** Answers `{ error: {code, message} }` with the code's HTTP status. */
export function sendError(r: Reply, err: unknown, log: Logger): void {
  const info = toErrorInfo(err);
  if (info.code === ErrorCode.INTERNAL) log.error({ err }, 'http request failed');
  sendJson(r, HTTP_STATUS[info.code], { error: { code: info.code, message: info.message } });
}

/** Reads and parses a JSON body of at most `maxBytes`; throws BAD_ARGS / TOO_LARGE EngineErrors. */
export function readJson(r: Reply, req: HttpRequest, maxBytes: number): Promise<Record<string, unknown>> {
  const contentType = req.getHeader('content-type');
  return new Promise((resolve, reject) => {
    if (contentType && !contentType.startsWith('application/json')) {
      reject(new EngineError(ErrorCode.BAD_ARGS, 'content-type must be application/json'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    r.res.onData((chunk, isLast) => {
      if (failed) return;
      size += chunk.byteLength;
      if (size > maxBytes) {
        failed = true;
        reject(new EngineError(ErrorCode.TOO_LARGE, `body larger than ${maxBytes} bytes`));
        return;
      }
      // The chunk's memory is reused by uWS after this callback: copy it.
      chunks.push(Buffer.from(new Uint8Array(chunk).slice()));
      if (!isLast) return;
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new EngineError(ErrorCode.BAD_ARGS, 'body must be a JSON object'));
      }
    });
  });
}
