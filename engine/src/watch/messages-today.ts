/**
 * @module watch/messages-today
 * "Messages today" for the public impact figures: counted in the database (all rooms, all nodes) and kept current
 * between counts with this node's own stored-messages counter, so the figure moves the moment a message is stored
 * without a COUNT query every second. Recounted when the UTC day changes and every `resyncMs` (other nodes' messages).
 */

export interface MessagesTodayOptions {
  /** Messages stored at or after `sinceMs` (database truth). */
  count(sinceMs: number): Promise<number>;
  /** Messages this node has stored since it started (monotonic). */
  storedTotal(): number;
  resyncMs?: number;
  now?: () => number;
}

const DAY_MS = 86_400_000;
export const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

export class MessagesToday {
  #day = -1;
  #base = 0;
  #storedAtBase = 0;
  #syncedAt = 0;
  #syncing: Promise<void> | undefined;
  readonly #resyncMs: number;
  readonly #now: () => number;

  constructor(private readonly options: MessagesTodayOptions) {
    this.#resyncMs = options.resyncMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /** The current figure; counts in the database first when the day changed or the last count is stale. */
  async value(): Promise<number> {
    const now = this.#now();
    if (startOfUtcDay(now) !== this.#day || now - this.#syncedAt >= this.#resyncMs) await this.#sync(now);
    return this.#base + (this.options.storedTotal() - this.#storedAtBase);
  }

  #sync(now: number): Promise<void> {
    this.#syncing ??= (async () => {
      const day = startOfUtcDay(now);
      // Read the local counter first: a message stored while the query runs is at worst counted twice until the
      // next count, never missed.
      const storedAtBase = this.options.storedTotal();
      const base = await this.options.count(day);
      this.#day = day;
      this.#base = base;
      this.#storedAtBase = storedAtBase;
      this.#syncedAt = now;
    })().finally(() => { this.#syncing = undefined; });
    return this.#syncing;
  }
}
