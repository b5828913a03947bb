/** "Messages today": recounted at the UTC day change and when stale, moved in between by this node's own commits. */
import { describe, expect, it } from 'vitest';
import { MessagesToday, startOfUtcDay } from './messages-today.ts';

describe('MessagesToday', () => {
  it('adds local commits to the last count, recounts when stale and starts again at midnight UTC', async () => {
    // The database's view: timestamps of stored messages (this node's and other nodes').
    const stored: number[] = [];
    let local = 0;
    let now = Date.UTC(2026, 10, 22, 23, 59, 50);
    const counts: number[] = [];
    const today = new MessagesToday({
      count: async (since) => { counts.push(since); return stored.filter((ts) => ts >= since).length; },
      storedTotal: () => local,
      resyncMs: 30_000,
      now: () => now,
    });
    stored.push(now - 86_400_000, now - 1000, now - 500); // one yesterday, two today
    expect(await today.value()).toBe(2);
    expect(counts).toEqual([startOfUtcDay(now)]);

    stored.push(now); local += 1; // this node stores one
    now += 1000;
    expect(await today.value()).toBe(3);
    expect(counts).toHaveLength(1); // no query: the local commit moved it

    stored.push(now); // another node stores one: seen at the next recount
    now += 30_000; // past midnight and past the resync interval
    stored.push(now); local += 1;
    expect(await today.value()).toBe(1);
    expect(counts.at(-1)).toBe(Date.UTC(2026, 10, 23));
  });

  it('shares one query between concurrent readers', async () => {
    let queries = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const today = new MessagesToday({ count: async () => { queries++; await gate; return 7; }, storedTotal: () => 0 });
    const both = Promise.all([today.value(), today.value()]);
    release();
    expect(await both).toEqual([7, 7]);
    expect(queries).toBe(1);
  });
});
