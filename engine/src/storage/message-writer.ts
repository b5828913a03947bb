/**
 * @module storage/message-writer
 * Write-behind queue between the socket engine and `Store.appendMessages`, so accepting a message never blocks the
 * event loop on the database.
 *
 * Group commit, single flight: at most one appendMessages transaction runs at a time; messages that arrive meanwhile
 * wait and form the next batch (up to batchMax). After a COMMIT, `onStored` is called synchronously with the batch's
 * new (non-duplicate) outcomes in commit order (not at all when there are none), then every append promise of the batch resolves (duplicates with
 * `duplicate: true` and the originally stored message).
 *
 * An append rejects with WriterUnavailableError when the queue is full, when its batch's transaction fails (nothing of
 * that batch was stored, so nothing acknowledged is lost), or when it is not durable within timeoutMs. A message
 * still queued at its timeout is dropped; one already in flight may still commit and is then reported through
 * `onStored` (a client retrying with the same msgId gets `duplicate: true`). When the database is unreachable, the
 * whole queue fails at once instead of waiting for its turn to fail.
 */
import type { Logger } from 'pino';
import type { AppendOutcome, PendingMessage, Store } from './store.ts';
import { isDatabaseUnavailable } from './store-errors.ts';

export class WriterUnavailableError extends Error {
  override name = 'WriterUnavailableError';
}

export interface MessageWriterOptions {
  /** Most messages per transaction. */
  batchMax: number;
  /** Most pending (queued + in flight) messages; beyond it appends reject at once. */
  queueMax: number;
  /** An append not durable within this time rejects. */
  timeoutMs: number;
}

export type RejectReason = 'queue-full' | 'timeout' | 'failed';

/** Observation points for metrics. Hooks must be cheap and must not throw. */
export interface MessageWriterHooks {
  /** After every transaction, committed or not. */
  onBatch?(size: number, durationMs: number, committed: boolean): void;
  /** When appends are rejected. */
  onReject?(reason: RejectReason, count: number): void;
}

type Phase = 'queued' | 'in-flight' | 'settled';

interface Entry {
  message: PendingMessage;
  enqueuedAt: number;
  phase: Phase;
  timer: NodeJS.Timeout;
  resolve(outcome: AppendOutcome): void;
  reject(error: Error): void;
}

export class MessageWriter {
  /** Waiting entries; entries that timed out while queued are settled and skipped when a batch is taken. */
  #queue: Entry[] = [];
  #queued = 0;
  #inFlight: Entry[] = [];
  #flushScheduled = false;
  #drainWaiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly options: MessageWriterOptions,
    private readonly onStored: (outcomes: AppendOutcome[]) => void,
    private readonly logger: Logger,
    private readonly hooks: MessageWriterHooks = {},
  ) {
    if (options.batchMax < 1 || options.queueMax < 1 || options.timeoutMs <= 0) {
      throw new Error('MessageWriter: batchMax and queueMax must be ≥ 1 and timeoutMs > 0');
    }
  }

  /** Resolves once durable (PostgreSQL COMMIT); rejects with WriterUnavailableError (see the module comment). */
  append(message: PendingMessage): Promise<AppendOutcome> {
    if (this.pending >= this.options.queueMax) {
      this.hooks.onReject?.('queue-full', 1);
      return Promise.reject(new WriterUnavailableError('write queue is full'));
    }
    return new Promise<AppendOutcome>((resolve, reject) => {
      const entry: Entry = {
        message, enqueuedAt: Date.now(), phase: 'queued', resolve, reject,
        timer: setTimeout(() => this.#expire(entry), this.options.timeoutMs),
      };
      entry.timer.unref();
      this.#queue.push(entry);
      this.#queued += 1;
      this.#scheduleFlush();
    });
  }

  /** Queued + in flight. */
  get pending(): number {
    return this.#queued + this.#inFlight.length;
  }

  /** Age of the oldest pending write in ms (persistence lag); 0 when idle. */
  get lagMs(): number {
    const oldest = this.#inFlight[0] ?? this.#queue.find((e) => e.phase === 'queued');
    return oldest ? Date.now() - oldest.enqueuedAt : 0;
  }

  /** Waits until everything pending is written or failed, or `timeoutMs` passed (then logs what is left). */
  drain(timeoutMs: number): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#drainWaiters = this.#drainWaiters.filter((w) => w !== done);
        this.logger.warn({ pending: this.pending }, 'message writer: drain timed out with writes still pending');
        resolve();
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.#drainWaiters.push(done);
    });
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled || this.#inFlight.length > 0) return;
    this.#flushScheduled = true;
    // Let messages accepted in the same event-loop turn join this batch.
    setImmediate(() => {
      this.#flushScheduled = false;
      void this.#flush();
    });
  }

  #takeBatch(): Entry[] {
    const batch: Entry[] = [];
    let index = 0;
    while (index < this.#queue.length && batch.length < this.options.batchMax) {
      const entry = this.#queue[index++];
      if (entry?.phase !== 'queued') continue;
      entry.phase = 'in-flight';
      batch.push(entry);
    }
    this.#queue = this.#queue.slice(index);
    this.#queued -= batch.length;
    return batch;
  }

  async #flush(): Promise<void> {
    const batch = this.#takeBatch();
    if (batch.length === 0) return this.#afterBatch();
    this.#inFlight = batch;
    const started = performance.now();
    let outcomes: AppendOutcome[];
    try {
      outcomes = await this.store.appendMessages(batch.map((e) => e.message));
    } catch (err) {
      this.hooks.onBatch?.(batch.length, performance.now() - started, false);
      this.#inFlight = [];
      this.#failBatch(batch, err);
      return this.#afterBatch();
    }
    this.hooks.onBatch?.(batch.length, performance.now() - started, true);
    this.#inFlight = [];
    const stored = outcomes.filter((o) => !o.duplicate);
    try {
      if (stored.length > 0) this.onStored(stored);
    } catch (err) {
      this.logger.error({ err }, 'message writer: onStored threw');
    }
    for (const [i, entry] of batch.entries()) {
      const outcome = outcomes[i];
      if (outcome) this.#settle(entry, () => entry.resolve(outcome));
      else this.#settle(entry, () => entry.reject(new WriterUnavailableError('store returned no outcome')));
    }
    this.#afterBatch();
  }

  #failBatch(batch: Entry[], err: unknown): void {
    const unavailable = isDatabaseUnavailable(err);
    this.logger.error(
      { err: unavailable ? { message: (err as Error).message } : err, size: batch.length },
      unavailable ? 'message writer: database unavailable, batch rejected' : 'message writer: batch failed',
    );
    const failed = unavailable ? [...batch, ...this.#takeAllQueued()] : batch;
    const reason = unavailable ? 'database unavailable' : 'write failed';
    let rejected = 0;
    for (const entry of failed) {
      if (entry.phase === 'settled') continue;
      rejected += 1;
      this.#settle(entry, () => entry.reject(new WriterUnavailableError(reason, { cause: err })));
    }
    if (rejected > 0) this.hooks.onReject?.('failed', rejected);
  }

  #takeAllQueued(): Entry[] {
    const queued = this.#queue.filter((e) => e.phase === 'queued');
    this.#queue = [];
    this.#queued = 0;
    return queued;
  }

  #expire(entry: Entry): void {
    if (entry.phase === 'settled') return;
    if (entry.phase === 'queued') this.#queued -= 1;
    this.hooks.onReject?.('timeout', 1);
    this.#settle(entry, () => entry.reject(new WriterUnavailableError(`not durable within ${this.options.timeoutMs} ms`)));
    if (this.pending === 0) this.#notifyDrained();
  }

  #settle(entry: Entry, settle: () => void): void {
    if (entry.phase === 'settled') return;
    entry.phase = 'settled';
    clearTimeout(entry.timer);
    settle();
  }

  #afterBatch(): void {
    if (this.#queued > 0) this.#scheduleFlush();
    else this.#notifyDrained();
  }

  #notifyDrained(): void {
    if (this.pending > 0) return;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
