/**
 * @module report
 * Turns generator results into the numbers the issue asks for: per phase, merged latency percentiles and rates;
 * per server, the headline `deliveredPerSec` (saturating peak) and `p50Ms`/`p99Ms` (at half of the peak, the SLO
 * point); across servers, the ratios and the engine's targets. Also renders bench/results/latest.md.
 */
import type { CpuUsage } from './cpu.ts';
import { mergeEncoded, summarize, type LatencySummary } from './histogram.ts';
import type { GenResult } from './ipc.ts';
import type { BenchOptions, PhaseName, ServerName } from './options.ts';

export interface PhaseSummary extends LatencySummary {
  phase: PhaseName;
  mode: 'closed' | 'open';
  /** Closed loop: in-flight publishes per connection. */
  window?: number;
  /** Open loop: scheduled publishes/s over all generators. */
  offeredPublishesPerSec?: number;
  publishedPerSec: number;
  deliveredPerSec: number;
  /** published × average room size (every member, sender included, gets every message). */
  expectedDeliveredPerSec: number;
  /** delivered / expected: below ~0.95 the server (or a generator) did not keep up. */
  deliveryRatio: number | null;
  sendErrors: number;
  closes: number;
  stalls: number;
  generatorLagMaxMs: number;
  serverCpuPct: number | null;
  generatorsCpuPct: number | null;
  postgresCpuPct: number | null;
  machineCpuPct: number | null;
}

export interface PhaseInput {
  phase: PhaseName;
  mode: 'closed' | 'open';
  window?: number;
  offeredPublishesPerSec?: number;
  measureSec: number;
  /** Average deliveries one publish causes (Σ roomSize² / conns). */
  fanout: number;
  results: readonly GenResult[];
  cpu: CpuUsage;
}

const round = (n: number, digits = 0): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

export function summarizePhase(input: PhaseInput): PhaseSummary {
  const sum = (pick: (r: GenResult) => number): number => input.results.reduce((acc, r) => acc + pick(r), 0);
  const published = sum((r) => r.published);
  const delivered = sum((r) => r.delivered);
  const expected = published * input.fanout;
  const latency = summarize(mergeEncoded(input.results.map((r) => r.hist)));
  return {
    phase: input.phase,
    mode: input.mode,
    ...(input.window === undefined ? {} : { window: input.window }),
    ...(input.offeredPublishesPerSec === undefined ? {} : { offeredPublishesPerSec: round(input.offeredPublishesPerSec) }),
    publishedPerSec: round(published / input.measureSec),
    deliveredPerSec: round(delivered / input.measureSec),
    expectedDeliveredPerSec: round(expected / input.measureSec),
    deliveryRatio: expected > 0 ? round(delivered / expected, 3) : null,
    ...latency,
    sendErrors: sum((r) => r.sendErrors),
    closes: sum((r) => r.closes),
    stalls: sum((r) => r.stalls),
    generatorLagMaxMs: Math.max(0, ...input.results.map((r) => r.lagMaxMs)),
    serverCpuPct: input.cpu.serverPct,
    generatorsCpuPct: input.cpu.generatorsPct,
    postgresCpuPct: input.cpu.postgresPct,
    machineCpuPct: input.cpu.machinePct,
  };
}

export interface ServerReport {
  /** Peak (closed-loop) deliveries/s; null when the arm failed or did not run the peak phase. */
  deliveredPerSec: number | null;
  /** Latency of the `latencyPhase` (half of peak when run, else fixed, else peak). */
  p50Ms: number | null;
  p99Ms: number | null;
  latencyPhase: PhaseName | null;
  phases: Partial<Record<PhaseName, PhaseSummary>>;
  connectMs?: number;
  setupMs?: number;
  /** Every closed-loop step when several windows were tried; `phases.peak` is the best of them. */
  peakSteps?: PhaseSummary[];
  error?: string;
}

const LATENCY_PREFERENCE: readonly PhaseName[] = ['half', 'fixed', 'peak'];

export function serverReport(
  phases: Partial<Record<PhaseName, PhaseSummary>>,
  extra: { connectMs?: number; setupMs?: number; peakSteps?: PhaseSummary[]; error?: string } = {},
): ServerReport {
  const latencyPhase = LATENCY_PREFERENCE.find((p) => phases[p] !== undefined) ?? null;
  const lat = latencyPhase ? phases[latencyPhase] : undefined;
  return {
    deliveredPerSec: phases.peak?.deliveredPerSec ?? null,
    p50Ms: lat?.p50Ms ?? null,
    p99Ms: lat?.p99Ms ?? null,
    latencyPhase,
    phases,
    ...extra,
  };
}

/** a / b rounded to 2 decimals; null when either side is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  return round(a / b, 2);
}

export interface Target {
  value: number | null;
  target: number;
  pass: boolean | null;
}

export interface BenchReport {
  scenario: string;
  timestamp: string;
  params: Omit<BenchOptions, 'outDir'>;
  machine: Record<string, unknown>;
  servers: Partial<Record<ServerName, ServerReport>>;
  ratios: { engineVsSocketio: number | null; engineVsUws: number | null; uwsVsSocketio: number | null };
  /** The issue's goals for the engine; null values where an arm is missing. */
  targets?: { deliveriesVsSocketio: Target; deliveriesVsUws: Target; p99AtHalfPeakMs: Target };
}

const atLeast = (value: number | null, target: number): Target => ({
  value,
  target,
  pass: value === null ? null : value >= target,
});

export function describeScenario(o: BenchOptions): string {
  const perRoom = o.conns / o.rooms;
  return (
    `fan-out: ${o.conns} connections in ${o.rooms} rooms (${Number.isInteger(perRoom) ? perRoom : `~${perRoom.toFixed(1)}`}` +
    ` per room), ${o.payload}-byte text; phases ${o.phases.join(',')}` +
    ` (peak: closed loop, ${o.windows.join(' / ')} in flight per connection${o.windows.length > 1 ? ', best kept' : ''}; half: open loop at ` +
    `${o.halfRate === undefined ? "half of each server's peak" : `${o.halfRate} publishes/s`}` +
    `${o.rate === undefined ? '' : `; fixed: ${o.rate} msgs/s per connection`}); ` +
    `${o.warmup} s warm-up + ${o.duration} s measured per phase; ${o.generators} generator processes`
  );
}

export function buildReport(
  opts: BenchOptions,
  servers: Partial<Record<ServerName, ServerReport>>,
  machine: Record<string, unknown>,
  timestamp = new Date().toISOString(),
): BenchReport {
  const { outDir: _outDir, ...params } = opts;
  const e = servers.engine;
  const report: BenchReport = {
    scenario: describeScenario(opts),
    timestamp,
    params,
    machine,
    servers,
    ratios: {
      engineVsSocketio: ratio(e?.deliveredPerSec, servers.socketio?.deliveredPerSec),
      engineVsUws: ratio(e?.deliveredPerSec, servers.uws?.deliveredPerSec),
      uwsVsSocketio: ratio(servers.uws?.deliveredPerSec, servers.socketio?.deliveredPerSec),
    },
  };
  if (e) {
    const p99 = e.latencyPhase === 'half' ? e.p99Ms : null;
    report.targets = {
      deliveriesVsSocketio: atLeast(report.ratios.engineVsSocketio, 3),
      deliveriesVsUws: atLeast(report.ratios.engineVsUws, 0.5),
      p99AtHalfPeakMs: { value: p99, target: 10, pass: p99 === null ? null : p99 <= 10 },
    };
  }
  return report;
}

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === null || n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const passMark = (t: Target): string => (t.pass === null ? 'n/a' : t.pass ? 'pass' : 'FAIL');

export function renderMarkdown(r: BenchReport): string {
  const lines: string[] = [
    `# Bench results — ${r.timestamp}`,
    '',
    `Scenario: ${r.scenario}.`,
    '',
    `Machine: ${String(r.machine.cpuModel ?? '?')} × ${String(r.machine.cpus ?? '?')}, Node ${String(r.machine.node ?? '?')}, ` +
      `load average at start ${String(r.machine.loadAvgAtStart ?? '?')} (servers, generators and PostgreSQL share these cores).`,
    '',
    '| server | deliveries/s (peak) | publishes/s (peak) | p50 ms | p99 ms | latency measured at | server CPU % (peak) |',
    '|---|---:|---:|---:|---:|---|---:|',
  ];
  for (const [name, s] of Object.entries(r.servers)) {
    if (!s) continue;
    const lat = s.latencyPhase ? s.phases[s.latencyPhase] : undefined;
    const where = s.error
      ? `error: ${s.error.split('\n', 1)[0] ?? ''}`
      : lat
        ? `${s.latencyPhase} (${fmt(lat.publishedPerSec)} pub/s → ${fmt(lat.deliveredPerSec)} deliveries/s)`
        : '–';
    lines.push(
      `| ${name} | ${fmt(s.deliveredPerSec)} | ${fmt(s.phases.peak?.publishedPerSec)} | ${fmt(s.p50Ms, 2)} | ` +
        `${fmt(s.p99Ms, 2)} | ${where} | ${fmt(s.phases.peak?.serverCpuPct, 1)} |`,
    );
  }
  lines.push('', `Ratios (peak deliveries/s): engine/socketio ${fmt(r.ratios.engineVsSocketio, 2)}, ` +
    `engine/uws ${fmt(r.ratios.engineVsUws, 2)}, uws/socketio ${fmt(r.ratios.uwsVsSocketio, 2)}.`);
  if (r.targets) {
    const t = r.targets;
    lines.push(
      '',
      '| engine target | value | goal | result |',
      '|---|---:|---:|---|',
      `| deliveries vs socket.io | ${fmt(t.deliveriesVsSocketio.value, 2)}× | ≥ 3× | ${passMark(t.deliveriesVsSocketio)} |`,
      `| deliveries vs bare uWS | ${fmt(t.deliveriesVsUws.value, 2)}× | ≥ 0.5× | ${passMark(t.deliveriesVsUws)} |`,
      `| p99 at half of peak | ${fmt(t.p99AtHalfPeakMs.value, 2)} ms | ≤ 10 ms | ${passMark(t.p99AtHalfPeakMs)} |`,
    );
  }
  lines.push(
    '',
    '## All phases',
    '',
    '| server | phase | offered pub/s | pub/s | deliveries/s | delivery ratio | p50 | p90 | p99 | p99.9 | max ms | errors / closes / stalls | gen lag ms | CPU % server / generators / postgres / machine |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
  );
  for (const [name, s] of Object.entries(r.servers)) {
    if (!s) continue;
    const rows = [...(s.peakSteps ?? (s.phases.peak ? [s.phases.peak] : [])), s.phases.half, s.phases.fixed];
    for (const p of rows) {
      if (!p) continue;
      const best = s.peakSteps && p === s.phases.peak ? ' ★' : '';
      lines.push(
        `| ${name} | ${p.phase}${p.window === undefined ? '' : ` (w=${p.window})`}${best} | ${fmt(p.offeredPublishesPerSec)} | ` +
          `${fmt(p.publishedPerSec)} | ${fmt(p.deliveredPerSec)} | ${fmt(p.deliveryRatio, 3)} | ${fmt(p.p50Ms, 2)} | ` +
          `${fmt(p.p90Ms, 2)} | ${fmt(p.p99Ms, 2)} | ${fmt(p.p999Ms, 2)} | ${fmt(p.maxMs, 2)} | ` +
          `${p.sendErrors} / ${p.closes} / ${p.stalls} | ${p.generatorLagMaxMs} | ` +
          `${fmt(p.serverCpuPct)} / ${fmt(p.generatorsCpuPct)} / ${fmt(p.postgresCpuPct)} / ${fmt(p.machineCpuPct)} |`,
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}
