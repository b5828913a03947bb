import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/index.ts';

describe('Backoff (full jitter)', () => {
  it('keeps every delay in [0, min(max, base·2ⁿ)) and grows the ceiling exponentially up to the cap', () => {
    const backoff = new Backoff({ baseMs: 100, maxMs: 1_000 });
    const ceilings = [100, 200, 400, 800, 1_000, 1_000, 1_000];
    for (const [n, ceiling] of ceilings.entries()) {
      expect(backoff.ceiling(n)).toBe(ceiling);
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
    expect(backoff.attempt).toBe(ceilings.length);
  });

  it('reaches both ends of the jitter range', () => {
    const low = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0 });
    const high = new Backoff({ baseMs: 100, maxMs: 1_000, random: () => 0.999_999 });
    expect([low.next(), low.next(), low.next()]).toEqual([0, 0, 0]);
    expect([high.next(), high.next(), high.next(), high.next(), high.next()]).toEqual([99, 199, 399, 799, 999]);
  });

  it('spreads delays (not lockstep) over many clients', () => {
    const delays = Array.from({ length: 1000 }, () => new Backoff({ baseMs: 1_000, maxMs: 1_000 }).next());
    expect(Math.min(...delays)).toBeLessThan(100);
    expect(Math.max(...delays)).toBeGreaterThan(900);
    expect(new Set(delays).size).toBeGreaterThan(500);
  });

  it('starts over after reset and stays finite after very many attempts', () => {
    const backoff = new Backoff({ baseMs: 10, maxMs: 50, random: () => 0.5 });
    for (let i = 0; i < 5_000; i++) expect(backoff.next()).toBeLessThan(50);
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(5);
  });

  it('rejects nonsensical settings', () => {
    expect(() => new Backoff({ baseMs: 0 })).toThrow(RangeError);
    expect(() => new Backoff({ baseMs: 100, maxMs: 50 })).toThrow(RangeError);
  });
});
