/**
 * @module outbox
 * The offline send queue. `enqueue` returns at once with a pending message carrying a client-generated `msgId`;
 * the queue sends it whenever the client is connected and, after a temporary error or a lost connection, sends it
 * again with the same `msgId`, which the engine stores only once. A permanent error fails the message.
 *
 * Order: entries are sent in the order written (pipelined, up to MAX_IN_FLIGHT); after a temporary error the queue
 * pauses as a whole and resumes from the oldest unsent entry, so a retry never overtakes newer messages.
 */
import type { MessageBody, ResultMap, SendCommand, StoredMessage } from '../../../schema/protocol.ts';
import { Backoff, type BackoffOptions } from './backoff.ts';
import type { ChatError } from './errors.ts';
import { newMessageId } from './ids.ts';
import type { OutboxStorage, PersistedOutgoing } from './outbox-storage.ts';

export type OutgoingStatus = 'pending' | 'sent' | 'failed';

export interface SendReceipt {
  offset: number;
  ts: number;
  /** True when the engine had already stored this msgId (a resend after a lost reply). */
  duplicate: boolean;
}

/** A message written by this client, as the UI shows it: pending until stored, then sent (or failed). */
export interface OutgoingMessage {
  readonly msgId: string;
  readonly room: string;
  readonly body: MessageBody;
  readonly createdAt: number;
  readonly status: OutgoingStatus;
  /** Once sent: where the engine stored it. */
  readonly offset?: number;
  readonly ts?: number;
  /** Once failed: why. */
  readonly error?: ChatError;
  /** Resolves when stored; rejects with the ChatError of a permanent failure. Never rejects for a disconnect. */
  readonly delivered: Promise<SendReceipt>;
}

export interface OutboxDeps {
  storage: OutboxStorage;
  /** Sends on the current connection; rejects with a ChatError. */
  send(command: SendCommand): Promise<ResultMap['send']>;
  /** Whether the client is connected and authenticated. */
  canSend(): boolean;
  /** The authenticated user, once known. */
  userId(): string | undefined;
  onChange(message: OutgoingMessage): void;
  /** Delays between retries after temporary errors without `retryAfterMs`. */
  retry?: BackoffOptions;
}

/** Sends in flight at once: enough to pipeline, few enough not to trip the engine's per-socket rate limit. */
const MAX_IN_FLIGHT = 8;

class Entry {
  status: OutgoingStatus = 'pending';
  offset: number | undefined;
  ts: number | undefined;
  error: ChatError | undefined;
  readonly delivered: Promise<SendReceipt>;
  resolve!: (receipt: SendReceipt) => void;
  reject!: (error: ChatError) => void;

  constructor(readonly saved: PersistedOutgoing) {
    this.delivered = new Promise<SendReceipt>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Apps that only watch `status` must not get unhandled-rejection reports for failed messages.
    this.delivered.catch(() => {});
  }

  snapshot(): OutgoingMessage {
    const { msgId, room, body, createdAt } = this.saved;
    return {
      msgId, room, body, createdAt, status: this.status, delivered: this.delivered,
      ...(this.offset === undefined ? {} : { offset: this.offset, ts: this.ts }),
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }
}

export class Outbox {
  /** Unsent entries, oldest first. */
  #queue: Entry[] = [];
  readonly #inFlight = new Set<Entry>();
  readonly #retry: Backoff;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: OutboxDeps) {
    this.#retry = new Backoff({ baseMs: 250, maxMs: 10_000, ...deps.retry });
    let saved: PersistedOutgoing[] = [];
    try {
      saved = deps.storage.load();
    } catch {
      // Unreadable storage must not stop the client; those entries are lost either way.
    }
    this.#queue = saved.map((s) => new Entry(s));
  }

  /** Queues a message and tries to send it now. */
  enqueue(room: string, body: MessageBody): OutgoingMessage {
    const userId = this.deps.userId();
    const entry = new Entry({ msgId: newMessageId(), room, body, createdAt: Date.now(), ...(userId ? { userId } : {}) });
    this.#queue.push(entry);
    this.#persist();
    this.deps.onChange(entry.snapshot());
    this.flush();
    return entry.snapshot();
  }

  /** Unsent messages (of one room, or all), oldest first. */
  pending(room?: string): OutgoingMessage[] {
    return this.#queue.filter((e) => room === undefined || e.saved.room === room).map((e) => e.snapshot());
  }

  /**
   * A stored message was seen (live push or join recovery): if it is one of ours, it is sent, whether or not its
   * reply ever arrives (e.g. the reply was lost with the connection).
   */
  markStored(message: StoredMessage): void {
    const entry = this.#queue.find((e) => e.saved.msgId === message.msgId && e.saved.room === message.room);
    if (entry) this.#settle(entry, { offset: message.offset, ts: message.ts, duplicate: false });
  }

  /** Sends what can be sent now. Called on enqueue, after (re)authentication and when a retry pause ends. */
  flush(): void {
    if (this.#retryTimer !== undefined || !this.deps.canSend()) return;
    const userId = this.deps.userId();
    for (const entry of this.#queue) {
      if (this.#inFlight.size >= MAX_IN_FLIGHT) return;
      if (this.#inFlight.has(entry)) continue;
      // Entries written as another user (shared storage, switched account) are theirs to send, not ours.
      if (entry.saved.userId !== undefined && entry.saved.userId !== userId) continue;
      if (entry.saved.userId === undefined && userId !== undefined) {
        entry.saved.userId = userId;
        this.#persist();
      }
      this.#send(entry);
    }
  }

  /** A new connection is the retry: cancel a pending pause and send now. */
  resume(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.flush();
  }

  /** Stops timers (the client is closing); entries stay queued for the next connection. */
  stop(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #send(entry: Entry): void {
    this.#inFlight.add(entry);
    const { room, msgId, body } = entry.saved;
    this.deps.send({ type: 'send', room, msgId, body }).then(
      (receipt) => {
        this.#inFlight.delete(entry);
        this.#retry.reset();
        this.#settle(entry, receipt);
        this.flush();
      },
      (error: ChatError) => {
        this.#inFlight.delete(entry);
        if (entry.status !== 'pending') return;
        // The connection went away: the client calls `resume` once it is connected again.
        if (error.code === 'DISCONNECTED' || error.code === 'CLOSED') return;
        if (error.temporary) {
          this.#pause(error);
        } else {
          this.#fail(entry, error);
          this.flush();
        }
      },
    );
  }

  #pause(error: ChatError): void {
    if (this.#retryTimer !== undefined) return;
    const delay = error.retryAfterMs ?? this.#retry.next();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.flush();
    }, delay);
  }

  #settle(entry: Entry, receipt: SendReceipt): void {
    if (entry.status !== 'pending') return;
    entry.status = 'sent';
    entry.offset = receipt.offset;
    entry.ts = receipt.ts;
    this.#remove(entry);
    entry.resolve(receipt);
    this.deps.onChange(entry.snapshot());
  }

  #fail(entry: Entry, error: ChatError): void {
    entry.status = 'failed';
    entry.error = error;
    this.#remove(entry);
    entry.reject(error);
    this.deps.onChange(entry.snapshot());
  }

  #remove(entry: Entry): void {
    this.#queue = this.#queue.filter((e) => e !== entry);
    this.#persist();
  }

  #persist(): void {
    try {
      this.deps.storage.save(this.#queue.map((e) => e.saved));
    } catch {
      // Persistence is best effort: the in-memory queue still sends.
    }
  }
}
