/**
 * @module storage/message-writer
 * Write-behind queue between the socket engine and `Store.appendMessages`, so accepting a message never blocks the
 * event loop on the database.
 *
 * Group commit, pipelined: up to `pipelineDepth` appendMessages calls run at once (the database works on one batch
 * while the engine handles the outcome of another); messages that arrive meanwhile form the next batch (up to
 * batchMax). Batches in flight never share a room: a message waits while a batch holding its room is in flight, so
 * each room's messages are stored, and reported, in the order they were appended (two concurrent statements on one
 * room could otherwise take offsets in either order). When a batch commits, `onStored` is called synchronously with
 * its new (non-duplicate) outcomes (not at all when there are none), then every append promise of the batch
 * resolves (duplicates with `duplicate: true` and the originally stored message).
 *
 * An append rejects with WriterUnavailableError when the queue is full, when its batch's transaction fails (nothing of
 * that batch was stored, so nothing acknowledged is lost), or when it is not durable within timeoutMs. A message
 * still queued at its timeout is dropped; one already in flight may still commit and is then reported through
 * `onStored` (a client retrying with the same msgId gets `duplicate: true`). When the database is unreachable, the
 * whole queue fails at once instead of waiting for its turn to fail.
 */
import type { Logger } from 'pino';
import { PartialAppendError, type AppendOutcome, type PendingMessage, type Store } from './store.ts';
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
  /** Most batches in flight at once. @default 2 */
  pipelineDepth?: number;
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
  resolve(outcome: AppendOutcome): void;
  reject(error: Error): void;
}

interface Batch {
  entries: Entry[];
  rooms: Set<string>;
}

export class MessageWriter {
  /** Waiting entries, oldest first; entries that timed out while queued are settled and skipped. */
  #queue: Entry[] = [];
  #queued = 0;
  /** Batches sent to the store, oldest first. */
  #inFlight: Batch[] = [];
  #inFlightEntries = 0;
  /** Rooms of the batches in flight: their queued messages wait, to keep each room in order. */
  readonly #busyRooms = new Set<string>();
  #flushScheduled = false;
  #sweeper: NodeJS.Timeout | undefined;
  #drainWaiters: (() => void)[] = [];
  readonly #pipelineDepth: number;

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
    this.#pipelineDepth = Math.max(1, options.pipelineDepth ?? 2);
  }

  /** Resolves once durable (PostgreSQL COMMIT); rejects with WriterUnavailableError (see the module comment). */
  append(message: PendingMessage): Promise<AppendOutcome> {
    if (this.pending >= this.options.queueMax) {
      this.hooks.onReject?.('queue-full', 1);
      return Promise.reject(new WriterUnavailableError('write queue is full'));
    }
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.#queue.push({ message, enqueuedAt: Date.now(), phase: 'queued', resolve, reject });
      this.#queued += 1;
      this.#startSweeper();
      this.#scheduleFlush();
    });
  }

  /** Queued + in flight. */
  get pending(): number {
    return this.#queued + this.#inFlightEntries;
  }

  /** Age of the oldest pending write in ms (persistence lag); 0 when idle. */
  get lagMs(): number {
    const oldest = this.#inFlight[0]?.entries[0] ?? this.#queue.find((e) => e.phase === 'queued');
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
    if (this.#flushScheduled || this.#queued === 0 || this.#inFlight.length >= this.#pipelineDepth) return;
    if (this.#busyRooms.size > 0 && this.#queue.every((e) => e.phase !== 'queued' || this.#busyRooms.has(e.message.roomId))) return;
    this.#flushScheduled = true;
    // setImmediate lets every message that arrived in this turn of the event loop join the batch.
    setImmediate(() => {
      this.#flushScheduled = false;
      this.#flush();
    });
  }

  /** Takes up to batchMax queued entries whose room is not in flight, oldest first; the others keep their place. */
  #takeBatch(): Batch {
    const entries: Entry[] = [];
    const rooms = new Set<string>();
    const kept: Entry[] = [];
    for (const entry of this.#queue) {
      if (entry.phase !== 'queued') continue;
      if (entries.length >= this.options.batchMax || this.#busyRooms.has(entry.message.roomId)) kept.push(entry);
      else {
        entry.phase = 'in-flight';
        entries.push(entry);
        rooms.add(entry.message.roomId);
      }
    }
    this.#queue = kept;
    this.#queued -= entries.length;
    return { entries, rooms };
  }

  #flush(): void {
    const batch = this.#takeBatch();
    if (batch.entries.length === 0) return this.#afterBatch();
    this.#inFlight.push(batch);
    this.#inFlightEntries += batch.entries.length;
    for (const room of batch.rooms) this.#busyRooms.add(room);
    const { entries } = batch;
    const started = performance.now();
    this.store.appendMessages(entries.map((e) => e.message)).then(
      (outcomes) => {
        this.hooks.onBatch?.(entries.length, performance.now() - started, true);
        this.#finish(batch);
        this.#deliver(entries, outcomes);
        this.#afterBatch();
      },
      (error: unknown) => {
        this.hooks.onBatch?.(entries.length, performance.now() - started, false);
        this.#finish(batch);
        if (error instanceof PartialAppendError) {
          // Some messages committed before the failure: they are durable, so report them and reject the rest.
          this.#deliver(entries, error.outcomes);
          this.#failBatch(entries.filter((_, i) => error.outcomes[i] === undefined), error.cause);
        } else {
          this.#failBatch(entries, error);
        }
        this.#afterBatch();
      },
    );
    // Keep the pipeline full: the next batch (other rooms) may start while this one is in flight.
    this.#scheduleFlush();
  }

  #finish(batch: Batch): void {
    this.#inFlight = this.#inFlight.filter((b) => b !== batch);
    this.#inFlightEntries -= batch.entries.length;
    for (const room of batch.rooms) this.#busyRooms.delete(room);
  }

  /** Reports committed outcomes; entries without one (a partial failure) are left to the caller. */
  #deliver(entries: Entry[], outcomes: (AppendOutcome | undefined)[]): void {
    const stored = outcomes.filter((o): o is AppendOutcome => o !== undefined && !o.duplicate);
    try {
      if (stored.length > 0) this.onStored(stored);
    } catch (err) {
      this.logger.error({ err }, 'message writer: onStored threw');
    }
    for (const [i, entry] of entries.entries()) {
      const outcome = outcomes[i];
      if (outcome) this.#settle(entry, () => entry.resolve(outcome));
    }
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

  /** One timer for all timeouts (not one per message): expires entries older than timeoutMs, oldest first. */
  #startSweeper(): void {
    if (this.#sweeper) return;
    const every = Math.max(10, Math.min(250, this.options.timeoutMs / 4));
    this.#sweeper = setInterval(() => this.#sweep(), every);
    this.#sweeper.unref();
  }

  #sweep(): void {
    const deadline = Date.now() - this.options.timeoutMs;
    for (const batch of this.#inFlight) for (const entry of batch.entries) if (entry.enqueuedAt <= deadline) this.#expire(entry);
    for (const entry of this.#queue) {
      if (entry.enqueuedAt > deadline) break;
      this.#expire(entry);
    }
    if (this.pending === 0) this.#stopSweeper();
  }

  #stopSweeper(): void {
    clearInterval(this.#sweeper);
    this.#sweeper = undefined;
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
    settle();
  }

  #afterBatch(): void {
    if (this.#queued > 0) this.#scheduleFlush();
    else this.#notifyDrained();
  }

  #notifyDrained(): void {
    if (this.pending > 0) return;
    this.#stopSweeper();
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
