/**
 * @module backoff
 * Exponential backoff with full jitter: attempt n waits a uniform random time in [0, min(maxMs, baseMs·2ⁿ)).
 * Full jitter spreads thousands of clients reconnecting after a server restart instead of having them retry in
 * lockstep. The client resets it after each successful `auth`.
 */

export interface BackoffOptions {
  /** Ceiling of the first delay. Default 500 ms. */
  baseMs?: number;
  /** Largest ceiling. Default 30 s. */
  maxMs?: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, maxMs: 30_000 } as const;

export class Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
    this.maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
    this.#random = options.random ?? Math.random;
    if (!(this.baseMs > 0) || !(this.maxMs >= this.baseMs)) throw new RangeError('backoff: need 0 < baseMs <= maxMs');
  }

  /** How many delays were handed out since the last reset. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The upper bound (exclusive) of the delay for attempt `n` (0-based). */
  ceiling(n: number): number {
    // Capping the exponent keeps 2ⁿ finite however long a client stays offline.
    return Math.min(this.maxMs, this.baseMs * 2 ** Math.min(n, 40));
  }

  /** The next delay in ms; each call moves to the next attempt. */
  next(): number {
    return Math.floor(this.#random() * this.ceiling(this.#attempt++));
  }

  reset(): void {
    this.#attempt = 0;
  }
}
