/**
 * @module socket/dispatcher
 * Turns one inbound frame into replies: decode with the connection's codec, split batches, validate each command,
 * apply the rate limit and the auth gate, run the handler, answer. Bad frames are answered with a coded error and
 * counted; the limit-th within the window closes the socket with 4002. Nothing thrown here escapes to uWS.
 */
import {
  BAD_FRAME_CODES, CloseCode, ErrorCode, TEMPORARY_CODES, frameItems, validateCommand,
  type Command, type CommandType, type ErrorInfo,
} from '../../../schema/index.ts';
import type { CommandContext } from '../commands/context.ts';
import { COMMAND_HANDLERS } from '../commands/index.ts';
import { toErrorInfo } from '../errors.ts';
import type { Connection } from './connection.ts';

/** Most commands accepted in one batch frame. */
const MAX_BATCH = 64;
/** Most commands held while an `auth` is being verified (clients may pipeline behind it). */
const MAX_AWAITING_AUTH = 64;

const errorInfo = (code: ErrorCode, message: string, retryAfterMs?: number): ErrorInfo =>
  retryAfterMs === undefined
    ? { code, message, temporary: TEMPORARY_CODES.has(code) }
    : { code, message, temporary: TEMPORARY_CODES.has(code), retryAfterMs };

export class Dispatcher {
  constructor(private readonly ctx: CommandContext) {}

  onFrame(conn: Connection, data: ArrayBuffer | Uint8Array | string): void {
    if (conn.closed) return;
    let decoded: unknown;
    try {
      decoded = conn.codec.decode(data);
    } catch {
      return this.fail(conn, undefined, undefined, errorInfo(ErrorCode.BAD_FRAME, `frame is not valid ${conn.codec.binary ? 'msgpack' : 'JSON'}`));
    }
    const items = frameItems(decoded);
    if (!items) return this.fail(conn, undefined, undefined, errorInfo(ErrorCode.BAD_FRAME, 'frame must be an object or a non-empty array of objects'));
    if (items.length > MAX_BATCH) return this.fail(conn, undefined, undefined, errorInfo(ErrorCode.TOO_LARGE, `batch of more than ${MAX_BATCH} commands`));
    for (const item of items) {
      if (conn.closed) return;
      this.onItem(conn, item);
    }
  }

  /** A frame the transport could not hand over as bytes or text (e.g. a socket.io event with an object): BAD_FRAME. */
  rejectFrame(conn: Connection, message: string): void {
    if (!conn.closed) this.fail(conn, undefined, undefined, errorInfo(ErrorCode.BAD_FRAME, message));
  }

  private onItem(conn: Connection, item: unknown): void {
    const waitMs = conn.bucket.take();
    if (waitMs > 0) {
      const id = readableId(item);
      return this.fail(conn, id, undefined, errorInfo(ErrorCode.RATE_LIMITED, 'too many commands', waitMs));
    }
    const validated = validateCommand(item);
    if (!validated.ok) {
      // An `auth` without a usable token is a failed auth, with the same answer and close as a bad token.
      if (validated.code === ErrorCode.BAD_ARGS && (item as { type?: unknown }).type === 'auth') {
        this.fail(conn, validated.id, 'auth', errorInfo(ErrorCode.UNAUTHORIZED, validated.message));
        return conn.disconnect(CloseCode.UNAUTHORIZED, 'missing or malformed token');
      }
      return this.fail(conn, validated.id, undefined, errorInfo(validated.code, validated.message));
    }
    const command = validated.command;
    if (conn.awaitingAuth && command.type !== 'auth') {
      if (conn.awaitingAuth.length >= MAX_AWAITING_AUTH) {
        return this.fail(conn, command.id, command.type, errorInfo(ErrorCode.RATE_LIMITED, 'too many commands before auth completed', 100));
      }
      conn.awaitingAuth.push(command);
      return;
    }
    if (!conn.user && command.type !== 'auth') {
      return this.fail(conn, command.id, command.type, errorInfo(ErrorCode.UNAUTHORIZED, 'authenticate first with "auth"'));
    }
    if (command.type === 'auth') conn.awaitingAuth ??= [];
    this.run(conn, command);
  }

  /** Runs the commands that waited for `auth`, in order (refused as UNAUTHORIZED if auth failed). */
  private releaseAwaitingAuth(conn: Connection): void {
    const waiting = conn.awaitingAuth ?? [];
    conn.awaitingAuth = null;
    for (const command of waiting) {
      if (conn.closed) return;
      if (conn.user) this.run(conn, command);
      else this.fail(conn, command.id, command.type, errorInfo(ErrorCode.UNAUTHORIZED, 'authenticate first with "auth"'));
    }
  }

  private run(conn: Connection, command: Command): void {
    const handler = COMMAND_HANDLERS[command.type] as (c: Connection, cmd: Command, ctx: CommandContext) => unknown;
    let result: unknown;
    try {
      result = handler(conn, command, this.ctx);
    } catch (err) {
      return this.onError(conn, command, err);
    }
    if (result instanceof Promise) result.then((r) => this.onResult(conn, command, r), (err) => this.onError(conn, command, err));
    else this.onResult(conn, command, result);
  }

  private onResult(conn: Connection, command: Command, result: unknown): void {
    this.ctx.metrics.commands.inc({ type: command.type, outcome: 'ok' });
    if (command.id !== undefined) conn.send({ id: command.id, ok: true, ...(result as object) } as never);
    if (command.type === 'auth') this.releaseAwaitingAuth(conn);
  }

  private onError(conn: Connection, command: Command, err: unknown): void {
    const info = toErrorInfo(err);
    if (info.code === ErrorCode.INTERNAL) conn.log.error({ err, type: command.type }, 'command failed');
    this.fail(conn, command.id, command.type, info);
    if (command.type !== 'auth') return;
    this.releaseAwaitingAuth(conn);
    // A failed auth ends the connection (protocol: UNAUTHORIZED, then disconnect and close 4001).
    if (info.code === ErrorCode.UNAUTHORIZED) conn.disconnect(CloseCode.UNAUTHORIZED, info.message);
  }

  /** Answers an error as a reply (when the id is known) or an `error` push, and applies the abuse limit. */
  private fail(conn: Connection, id: number | undefined, type: CommandType | undefined, info: ErrorInfo): void {
    this.ctx.metrics.errors.inc({ code: info.code });
    this.ctx.metrics.commands.inc({ type: type ?? 'invalid', outcome: info.code });
    conn.send(id === undefined ? { type: 'error', error: info } : { id, ok: false, error: info });
    if (BAD_FRAME_CODES.has(info.code) && conn.badFrames.record()) {
      conn.log.warn({ code: info.code }, 'closing connection for protocol abuse');
      conn.disconnect(CloseCode.PROTOCOL_ABUSE, 'too many bad frames');
    }
  }
}

function readableId(item: unknown): number | undefined {
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined;
}
