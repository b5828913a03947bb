/**
 * @module arm
 * One server arm of a run: start the server in its own process, create its fixtures, fork the generators with
 * their share of connections, run the phases in order (peak first: `half` needs its rate), and stop everything.
 * Arms run one after another so that each server has the machine (and the generators) to itself.
 */
import type { ChildProcess } from 'node:child_process';
import { nowMs, sleep } from './clock.ts';
import { cpuBetween, sampleCpu, type CpuSample } from './cpu.ts';
import type { ConnSpec, GenPhase, GenReady, GenResult, ServerListening } from './ipc.ts';
import type { BenchOptions, PhaseName, ServerName } from './options.ts';
import { forkTs, sendTo, stopChild, waitFor } from './procs.ts';
import { setupEngine } from './protocols/engine-setup.ts';
import { serverReport, summarizePhase, type PhaseSummary, type ServerReport } from './report.ts';

const SERVER_SCRIPTS: Readonly<Record<ServerName, string>> = {
  engine: 'bench/servers/engine.ts',
  uws: 'bench/servers/uws-bare.ts',
  socketio: 'bench/servers/socketio.ts',
};

/** The engine supervisor has its own 60 s start limit; this one only catches a supervisor that hangs itself. */
const START_TIMEOUT_MS: Readonly<Record<ServerName, number>> = { engine: 75_000, uws: 15_000, socketio: 15_000 };
const DRAIN_MS = 500;
/** Lead time so every generator has the phase message before its start time. */
const LEAD_MS = 300;

export type Log = (line: string) => void;

interface Fixtures {
  rooms: string[];
  tokens: string[];
}

async function fixtures(name: ServerName, baseUrl: string, opts: BenchOptions): Promise<Fixtures> {
  if (name === 'engine') return setupEngine(baseUrl, opts.rooms, Math.min(opts.users, opts.conns));
  return { rooms: Array.from({ length: opts.rooms }, (_, i) => `room-${i}`), tokens: [] };
}

/** Connection i joins room i % rooms and uses token i % tokens; generator g gets the connections i % G === g. */
export function assignConnections(fx: Fixtures, conns: number, generators: number): ConnSpec[][] {
  const shares: ConnSpec[][] = Array.from({ length: generators }, () => []);
  for (let i = 0; i < conns; i++) {
    const room = fx.rooms[i % fx.rooms.length];
    if (room === undefined) throw new Error('no rooms');
    const token = fx.tokens.length ? fx.tokens[i % fx.tokens.length] : undefined;
    shares[i % generators]?.push(token === undefined ? { room } : { room, token });
  }
  return shares;
}

/** Average deliveries per publish: a publisher in a room of size s reaches s members (itself included). */
export function fanout(conns: number, rooms: number): number {
  let sumSquares = 0;
  for (let r = 0; r < rooms; r++) {
    const size = Math.floor(conns / rooms) + (r < conns % rooms ? 1 : 0);
    sumSquares += size * size;
  }
  return sumSquares / conns;
}

export async function runArm(name: ServerName, opts: BenchOptions, log: Log): Promise<ServerReport> {
  const phases: Partial<Record<PhaseName, PhaseSummary>> = {};
  const generators: ChildProcess[] = [];
  const server = forkTs(SERVER_SCRIPTS[name]);
  const extra: { connectMs?: number; setupMs?: number; peakSteps?: PhaseSummary[] } = {};
  try {
    const listening = await waitFor<ServerListening>(server, `${name} server`, 'listening', START_TIMEOUT_MS[name]);
    const baseUrl = `http://127.0.0.1:${listening.port}`;
    log(`${name}: listening on ${baseUrl} (pid ${listening.pid})`);

    let t0 = nowMs();
    const fx = await fixtures(name, baseUrl, opts);
    extra.setupMs = Math.round(nowMs() - t0);

    t0 = nowMs();
    const shares = assignConnections(fx, opts.conns, opts.generators);
    shares.forEach((conns, genIndex) => {
      const gen = forkTs('bench/lib/generator.ts');
      generators.push(gen);
      sendTo(gen, { t: 'init', server: name, baseUrl, genIndex, conns, payload: opts.payload });
    });
    const ready = await Promise.all(
      generators.map((g, i) => waitFor<GenReady>(g, `${name} generator ${i}`, 'ready', 90_000)),
    );
    extra.connectMs = Math.round(nowMs() - t0);
    log(`${name}: ${ready.reduce((a, r) => a + r.connected, 0)} connections joined in ${extra.connectMs} ms (setup ${extra.setupMs} ms)`);

    const fan = fanout(opts.conns, opts.rooms);
    const run = async (phase: PhaseName, totalRate: number, window: number): Promise<PhaseSummary> => {
      const summary = await runPhase(phase, totalRate, window, shares.map((s) => s.length), generators, listening.pid, opts, fan);
      log(
        `${name} ${phase}${phase === 'peak' ? ` (window ${window})` : ''}: ` +
          `${summary.publishedPerSec.toLocaleString('en-US')} pub/s → ` +
          `${summary.deliveredPerSec.toLocaleString('en-US')} deliveries/s (ratio ${summary.deliveryRatio ?? '–'}), ` +
          `p50 ${summary.p50Ms ?? '–'} ms, p99 ${summary.p99Ms ?? '–'} ms, CPU server ${summary.serverCpuPct ?? '–'}% / ` +
          `generators ${summary.generatorsCpuPct ?? '–'}% / postgres ${summary.postgresCpuPct ?? '–'}%`,
      );
      if (server.exitCode !== null || server.signalCode !== null) throw new Error(`${name} server exited during ${phase}`);
      return summary;
    };
    for (const phase of opts.phases) {
      if (phase === 'peak') {
        const steps: PhaseSummary[] = [];
        for (const w of opts.windows) steps.push(await run('peak', 0, w));
        phases.peak = steps.reduce((best, s) => (s.deliveredPerSec > best.deliveredPerSec ? s : best));
        if (steps.length > 1) extra.peakSteps = steps;
        continue;
      }
      const totalRate =
        phase === 'fixed' ? (opts.rate ?? 0) * opts.conns : (opts.halfRate ?? (phases.peak?.publishedPerSec ?? 0) / 2);
      if (totalRate <= 0) throw new Error(`phase ${phase}: no publish rate (did the peak phase fail?)`);
      phases[phase] = await run(phase, totalRate, 0);
    }
    return serverReport(phases, extra);
  } catch (err) {
    const message = (err as Error).message;
    log(`${name}: FAILED: ${message}`);
    return serverReport(phases, { ...extra, error: message });
  } finally {
    await Promise.all(generators.map((g) => stopChild(g, 3000)));
    await stopChild(server, 15_000);
  }
}

async function runPhase(
  phase: PhaseName,
  totalRate: number,
  window: number,
  shareSizes: readonly number[],
  generators: readonly ChildProcess[],
  serverPid: number,
  opts: BenchOptions,
  fan: number,
): Promise<PhaseSummary> {
  const warmupMs = Math.round(opts.warmup * 1000);
  const measureMs = Math.round(opts.duration * 1000);
  const startAtMs = nowMs() + LEAD_MS;
  const mode = phase === 'peak' ? 'closed' : 'open';
  const waits = generators.map((g, i) => {
    const spec: GenPhase = {
      t: 'phase',
      phase,
      mode,
      window,
      ratePerSec: (totalRate * (shareSizes[i] ?? 0)) / opts.conns,
      startAtMs,
      warmupMs,
      measureMs,
      drainMs: DRAIN_MS,
    };
    sendTo(g, spec);
    return waitFor<GenResult>(g, `generator ${i}`, 'result', LEAD_MS + warmupMs + measureMs + DRAIN_MS + 20_000);
  });
  // CPU is sampled at the window's edges, on the same clock as the generators' windows.
  const cpu: { start?: CpuSample; end?: CpuSample } = {};
  const genPids = generators.flatMap((g) => (g.pid === undefined ? [] : [g.pid]));
  const sample = (): CpuSample => sampleCpu(serverPid, genPids);
  const windowStart = sleep(startAtMs + warmupMs - nowMs()).then(() => (cpu.start = sample()));
  const windowEnd = sleep(startAtMs + warmupMs + measureMs - nowMs()).then(() => (cpu.end = sample()));
  const results = await Promise.all(waits);
  await Promise.all([windowStart, windowEnd]);
  return summarizePhase({
    phase,
    mode,
    ...(mode === 'closed' ? { window } : { offeredPublishesPerSec: totalRate }),
    measureSec: measureMs / 1000,
    fanout: fan,
    results,
    cpu: cpu.start && cpu.end ? cpuBetween(cpu.start, cpu.end) : { serverPct: null, generatorsPct: null, postgresPct: null, machinePct: null },
  });
}
