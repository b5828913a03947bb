/**
 * @module inference/batcher
 * Micro-batching for one model: concurrent requests are queued and run together in one `session.run`, whose
 * per-call overhead then is paid once per batch instead of once per request.
 *
 * Rules:
 * - A batch closes when its rows reach `maxBatch`, or `maxWaitMs` after the first queued request — whichever
 *   comes first (`0`: at the end of the current I/O turn). A request is never split; one larger than `maxBatch`
 *   runs alone.
 * - One run at a time per model. Requests arriving while a batch runs wait for it and then go out together at once
 *   (no extra wait): under load batches fill by themselves, at low load a request waits at most `maxWaitMs`.
 * - A failed run fails every request of its batch, and only those.
 */

export interface BatchReport {
  /** Rows (texts or vectors) in the batch. */
  readonly size: number;
  readonly requests: number;
  /** Per request: from `submit` to the start of its run. */
  readonly queueWaitMs: readonly number[];
  readonly runMs: number;
  readonly failed: boolean;
}

export interface MicroBatcherOptions<Item, Result> {
  readonly maxBatch: number;
  readonly maxWaitMs: number;
  /** Runs one batch; must return one result per item, in order. */
  readonly run: (items: Item[]) => Promise<Result[]>;
  readonly onBatch?: (report: BatchReport) => void;
}

interface Pending<Item, Result> {
  readonly items: readonly Item[];
  readonly enqueuedAt: number;
  readonly resolve: (results: Result[]) => void;
  readonly reject: (error: unknown) => void;
}

export class MicroBatcher<Item, Result> {
  readonly #options: MicroBatcherOptions<Item, Result>;
  readonly #queue: Pending<Item, Result>[] = [];
  #queuedRows = 0;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #running = false;
  #closed: Error | undefined;

  constructor(options: MicroBatcherOptions<Item, Result>) {
    if (!(options.maxBatch >= 1)) throw new Error('MicroBatcher: maxBatch must be at least 1');
    if (!(options.maxWaitMs >= 0)) throw new Error('MicroBatcher: maxWaitMs must not be negative');
    this.#options = options;
  }

  /** Requests waiting for a batch. */
  get queued(): number {
    return this.#queue.length;
  }

  submit(items: readonly Item[]): Promise<Result[]> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<Result[]>((resolve, reject) => {
      this.#queue.push({ items, enqueuedAt: performance.now(), resolve, reject });
      this.#queuedRows += items.length;
      this.#schedule();
    });
  }

  /** Fails every queued request with `error`; later submits too. A running batch still finishes. */
  close(error: Error = new Error('the batcher is closed')): void {
    this.#closed = error;
    this.#clearTimers();
    for (const pending of this.#queue.splice(0)) pending.reject(error);
    this.#queuedRows = 0;
  }

  #schedule(): void {
    if (this.#running) return; // the running batch's end flushes the queue
    if (this.#queuedRows >= this.#options.maxBatch) {
      this.#flush();
      return;
    }
    if (this.#timer !== undefined || this.#immediate !== undefined) return;
    // 0 ms: still gather what arrived in the same read from the sockets (setTimeout(0) would wait ~1 ms).
    if (this.#options.maxWaitMs === 0) this.#immediate = setImmediate(() => this.#flush());
    else this.#timer = setTimeout(() => this.#flush(), this.#options.maxWaitMs);
  }

  #flush(): void {
    this.#clearTimers();
    if (this.#running || this.#queue.length === 0) return;
    const batch = this.#takeBatch();
    this.#running = true;
    void this.#runBatch(batch).finally(() => {
      this.#running = false;
      // Whatever queued meanwhile has already waited for this run: send it now.
      if (this.#queue.length > 0) this.#flush();
    });
  }

  #clearTimers(): void {
    clearTimeout(this.#timer);
    clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
  }

  #takeBatch(): Pending<Item, Result>[] {
    const batch: Pending<Item, Result>[] = [];
    let rows = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0] as Pending<Item, Result>;
      if (batch.length > 0 && rows + next.items.length > this.#options.maxBatch) break;
      this.#queue.shift();
      batch.push(next);
      rows += next.items.length;
    }
    this.#queuedRows -= rows;
    return batch;
  }

  async #runBatch(batch: Pending<Item, Result>[]): Promise<void> {
    const started = performance.now();
    const items = batch.flatMap((pending) => pending.items);
    let failed = false;
    try {
      const results = await this.#options.run(items);
      if (results.length !== items.length) throw new Error(`batch returned ${results.length} results for ${items.length} inputs`);
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(results.slice(offset, offset + pending.items.length));
        offset += pending.items.length;
      }
    } catch (error) {
      failed = true;
      for (const pending of batch) pending.reject(error);
    }
    try {
      this.#options.onBatch?.({
        size: items.length,
        requests: batch.length,
        queueWaitMs: batch.map((pending) => started - pending.enqueuedAt),
        runMs: performance.now() - started,
        failed,
      });
    } catch {
      // Metrics must never break serving.
    }
  }
}
