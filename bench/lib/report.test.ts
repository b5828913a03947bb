import { describe, expect, it } from 'vitest';
import { assignConnections, fanout } from './arm.ts';
import { createHistogram, encodeHistogram, recordLatencyUs } from './histogram.ts';
import type { GenResult } from './ipc.ts';
import { parseOptions } from './options.ts';
import { decodePayload, encodePayload } from './payload.ts';
import { buildReport, ratio, renderMarkdown, serverReport, summarizePhase } from './report.ts';

function genResult(latenciesUs: number[], published: number): GenResult {
  const h = createHistogram();
  for (const us of latenciesUs) recordLatencyUs(h, us);
  return {
    t: 'result', phase: 'peak', published, delivered: latenciesUs.length, hist: encodeHistogram(h),
    sendErrors: 0, closes: 0, stalls: 0, lagMaxMs: 3,
  };
}

const noCpu = { serverPct: null, generatorsPct: null, postgresPct: null, machinePct: null };

describe('summarizePhase', () => {
  it('merges histograms across generators before taking percentiles', () => {
    // 90 fast samples in one process, 10 slow in the other: per-process p99s would say 1 ms and 20 ms; the
    // merged p99 must be the slow value and the merged p50 the fast one.
    const a = genResult(Array(90).fill(1000), 9);
    const b = genResult(Array(10).fill(20_000), 1);
    const s = summarizePhase({ phase: 'peak', mode: 'closed', window: 4, measureSec: 2, fanout: 10, results: [a, b], cpu: noCpu });
    expect(s.samples).toBe(100);
    expect(s.p50Ms).toBeCloseTo(1, 1);
    expect(s.p99Ms).toBeCloseTo(20, 1);
    expect(s.publishedPerSec).toBe(5);
    expect(s.deliveredPerSec).toBe(50);
    expect(s.expectedDeliveredPerSec).toBe(50);
    expect(s.deliveryRatio).toBe(1);
    expect(s.generatorLagMaxMs).toBe(3);
  });

  it('reports null percentiles, not zeros, when nothing arrived', () => {
    const s = summarizePhase({ phase: 'half', mode: 'open', measureSec: 1, fanout: 10, results: [genResult([], 0)], cpu: noCpu });
    expect(s.p99Ms).toBeNull();
    expect(s.deliveryRatio).toBeNull();
  });

  it('clamps negative latencies (cross-process clock jitter) to 1 µs', () => {
    const s = summarizePhase({ phase: 'peak', mode: 'closed', measureSec: 1, fanout: 1, results: [genResult([-5], 1)], cpu: noCpu });
    expect(s.maxMs).toBe(0);
    expect(s.samples).toBe(1);
  });
});

describe('report', () => {
  const opts = parseOptions(['--quick']);
  const phase = (deliveredPerSec: number, p99Ms: number) =>
    ({ ...summarizePhase({ phase: 'peak', mode: 'closed', measureSec: 1, fanout: 1, results: [], cpu: noCpu }), deliveredPerSec, p99Ms });

  it('takes throughput from peak and latency from half, and computes ratios and targets', () => {
    const engine = serverReport({ peak: phase(300, 50), half: { ...phase(150, 8), phase: 'half' } });
    const uws = serverReport({ peak: phase(500, 20) });
    const socketio = serverReport({ peak: phase(100, 60) });
    expect(engine.deliveredPerSec).toBe(300);
    expect(engine.latencyPhase).toBe('half');
    expect(engine.p99Ms).toBe(8);
    const r = buildReport(opts, { engine, uws, socketio }, { cpus: 2 }, 'T');
    expect(r.ratios).toEqual({ engineVsSocketio: 3, engineVsUws: 0.6, uwsVsSocketio: 5 });
    expect(r.targets?.deliveriesVsSocketio.pass).toBe(true);
    expect(r.targets?.deliveriesVsUws.pass).toBe(true);
    expect(r.targets?.p99AtHalfPeakMs).toEqual({ value: 8, target: 10, pass: true });
    expect(renderMarkdown(r)).toContain('| engine | 300 |');
  });

  it('keeps ratios null when an arm is missing or failed', () => {
    const r = buildReport(opts, { uws: serverReport({}, { error: 'boom' }) }, {}, 'T');
    expect(r.ratios.engineVsUws).toBeNull();
    expect(r.targets).toBeUndefined();
    expect(ratio(1, 0)).toBeNull();
    expect(renderMarkdown(r)).toContain('error: boom');
  });
});

describe('scenario helpers', () => {
  it('computes the average fan-out for uneven rooms', () => {
    expect(fanout(10, 3)).toBeCloseTo((16 + 9 + 9) / 10);
    expect(fanout(200, 20)).toBe(10);
  });

  it('spreads connections over rooms, tokens and generators round-robin', () => {
    const shares = assignConnections({ rooms: ['a', 'b'], tokens: ['t1', 't2', 't3'] }, 6, 2);
    expect(shares[0]).toEqual([{ room: 'a', token: 't1' }, { room: 'a', token: 't3' }, { room: 'a', token: 't2' }]);
    expect(shares[1]?.length).toBe(3);
  });

  it('round-trips the payload header and pads to size', () => {
    const text = encodePayload(1_700_000_000_123_456, '1.42', 100);
    expect(text.length).toBe(100);
    expect(decodePayload(text)).toEqual({ sendUs: 1_700_000_000_123_456, key: '1.42' });
    expect(decodePayload('hello')).toBeUndefined();
  });

  it('parses options with quick defaults and explicit overrides', () => {
    const o = parseOptions(['--quick', '--conns', '50', '--servers', 'uws,socketio', '--rate', '2']);
    expect(o).toMatchObject({ conns: 50, rooms: 20, servers: ['uws', 'socketio'], phases: ['peak', 'half', 'fixed'] });
    expect(parseOptions(['--phases', 'half,peak', '--window', '2,8']).phases).toEqual(['peak', 'half']);
    expect(parseOptions(['--window', '2,8']).windows).toEqual([2, 8]);
    expect(() => parseOptions(['--servers', 'nats'])).toThrow(/unknown "nats"/);
    expect(() => parseOptions(['--rooms', '5', '--conns', '2'])).toThrow(/cannot exceed/);
  });
});
