/**
 * @module histogram
 * Latency histograms in microseconds (hdr-histogram-js), shipped between processes as compressed base64 and merged
 * in the orchestrator, so percentiles are exact over all generators rather than averages of per-process percentiles.
 */
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

/** 60 s: anything slower is clamped (and shows up as a 60000 ms max, which says "broken" loudly enough). */
export const MAX_LATENCY_US = 60_000_000;

export function createHistogram(): Histogram {
  // 3 significant digits: 1 µs resolution below 1 ms, ~0.1 % above. autoResize off: values are clamped instead.
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: MAX_LATENCY_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
  });
}

/** Records a latency; negative values (clock skew between processes: sub-µs in practice) count as 1 µs. */
export function recordLatencyUs(h: Histogram, us: number): void {
  h.recordValue(Math.min(MAX_LATENCY_US, Math.max(1, Math.round(us))));
}

export const encodeHistogram = (h: Histogram): string => hdr.encodeIntoCompressedBase64(h);

/** Decodes and sums encoded histograms; an empty list gives an empty histogram. */
export function mergeEncoded(encoded: readonly string[]): Histogram {
  const total = createHistogram();
  for (const e of encoded) {
    const part = hdr.decodeFromCompressedBase64(e);
    total.add(part);
  }
  return total;
}

export interface LatencySummary {
  samples: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  p999Ms: number | null;
  maxMs: number | null;
}

const ms = (us: number): number => Math.round(us / 10) / 100;

/** Percentiles in milliseconds with 2 decimals; `null` when nothing was recorded (no made-up zeros). */
export function summarize(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { samples: 0, p50Ms: null, p90Ms: null, p99Ms: null, p999Ms: null, maxMs: null };
  return {
    samples: h.totalCount,
    p50Ms: ms(h.getValueAtPercentile(50)),
    p90Ms: ms(h.getValueAtPercentile(90)),
    p99Ms: ms(h.getValueAtPercentile(99)),
    p999Ms: ms(h.getValueAtPercentile(99.9)),
    maxMs: ms(h.maxValue),
  };
}
