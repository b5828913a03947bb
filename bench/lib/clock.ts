/**
 * @module clock
 * One wall clock with sub-millisecond resolution that every bench process on this machine shares.
 * `performance.timeOrigin` is the wall-clock time the process started (high resolution) and `performance.now()` is
 * monotonic since then, so their sum is comparable across processes on one host, unlike `performance.now()` alone
 * and finer than `Date.now()`.
 */

/** Wall-clock milliseconds (fractional). */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/** Wall-clock microseconds, an integer (~1.7e15 today: well inside 2^53). */
export const nowUs = (): number => Math.round((performance.timeOrigin + performance.now()) * 1000);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
