/**
 * @module requests
 * Request/reply correlation: each command that expects a reply gets a fresh `id`; the reply with that `id` settles
 * its promise, a timeout or a lost connection rejects it.
 */
import type { AuthCommand, CommandBody, ErrorInfo, ResultMap, TypingCommand } from '../../../schema/protocol.ts';
import { ChatError } from './errors.ts';

/** Commands that get a reply (`typing` is fire-and-forget). */
export type ReplyCommand = Exclude<CommandBody, TypingCommand>;
/** Commands apps may send through `ChatClient.request` (`auth` is the client's own business). */
export type RequestCommand = Exclude<ReplyCommand, AuthCommand>;
/** The `ok` result of a command. */
export type ResultOf<C extends ReplyCommand> = ResultMap[C['type']];

interface Pending {
  resolve(result: Record<string, unknown>): void;
  reject(error: ChatError): void;
  timer: ReturnType<typeof setTimeout>;
}

/** A reply as it comes off the wire (shape checked loosely: the server is trusted, not the network). */
export interface WireReply {
  id: number;
  ok: boolean;
  error?: ErrorInfo;
  [field: string]: unknown;
}

export function isReply(item: Record<string, unknown>): item is WireReply {
  return typeof item.id === 'number' && typeof item.ok === 'boolean';
}

export class RequestTracker {
  // Ids keep growing across connections, so a stale reply can never settle a newer request.
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  get size(): number {
    return this.#pending.size;
  }

  /** Reserves an id; the promise settles with the reply's result (without `id` and `ok`). */
  open<T>(timeoutMs: number): { id: number; reply: Promise<T> } {
    const id = this.#nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new ChatError('REQUEST_TIMEOUT', `no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { resolve: resolve as (result: Record<string, unknown>) => void, reject, timer });
    });
    return { id, reply };
  }

  /** Settles the request the reply answers; false when no request waits for that id (late or unknown). */
  settle(reply: WireReply): boolean {
    const pending = this.#pending.get(reply.id);
    if (!pending) return false;
    this.#pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (reply.ok) {
      const { id: _id, ok: _ok, ...result } = reply;
      pending.resolve(result);
    } else {
      pending.reject(reply.error ? ChatError.fromInfo(reply.error) : new ChatError('PROTOCOL', 'error reply without error'));
    }
    return true;
  }

  fail(id: number, error: ChatError): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  failAll(error: ChatError): void {
    for (const id of [...this.#pending.keys()]) this.fail(id, error);
  }
}
