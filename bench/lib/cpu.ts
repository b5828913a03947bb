/**
 * @module cpu
 * Cheap CPU accounting from /proc (Linux only; elsewhere the numbers are null): the server process's user+system
 * time, and the whole machine's busy share, which also catches PostgreSQL and the generators.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface CpuSample {
  atMs: number;
  /** utime + stime of the server process, in clock ticks. */
  procTicks: number | undefined;
  /** The same summed over the generator processes. */
  generatorTicks: number | undefined;
  /** Ticks per PostgreSQL pid. */
  postgres: Map<string, number> | undefined;
  machineBusy: number | undefined;
  machineTotal: number | undefined;
}

function readStat(pid: number | string): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

const procTicks = (pid: number): number | undefined => readStat(pid)?.ticks;

/** utime + stime of one process, in clock ticks (undefined once it is gone). */
export const processTicks = procTicks;

/** Summed ticks of every descendant of `pid` (not `pid` itself): e.g. the engine's plugin and inference processes. */
export function descendantTicks(pid: number): number {
  let total = 0;
  for (const child of childPids(pid)) total += (procTicks(child) ?? 0) + descendantTicks(child);
  return total;
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export const ticksToCorePct = (ticks: number, seconds: number): number => Math.round((ticks / CLK_TCK / seconds) * 1000) / 10;

/**
 * CPU of every local PostgreSQL process (where the engine's persistence cost lands). Approximate: backends that
 * exit inside the window take their ticks with them, and other users of the same server count too.
 */
function postgresTicks(): Map<string, number> | undefined {
  const byPid = new Map<string, number>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const s = readStat(entry);
      if (s?.comm === 'postgres') byPid.set(entry, s.ticks);
    }
  } catch {
    return undefined;
  }
  return byPid;
}

/** Ticks spent between two scans by the processes alive at the second (one started in between counts whole). */
function postgresDelta(a: Map<string, number> | undefined, b: Map<string, number> | undefined): number | undefined {
  if (!a || !b) return undefined;
  let total = 0;
  for (const [pid, ticks] of b) total += Math.max(0, ticks - (a.get(pid) ?? 0));
  return total;
}

function machine(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

export function sampleCpu(serverPid: number, generatorPids: readonly number[]): CpuSample {
  const m = machine();
  let generatorTicks: number | undefined = 0;
  for (const pid of generatorPids) {
    const t = procTicks(pid);
    generatorTicks = t === undefined || generatorTicks === undefined ? undefined : generatorTicks + t;
  }
  return {
    atMs: Date.now(),
    procTicks: procTicks(serverPid),
    generatorTicks,
    postgres: postgresTicks(),
    machineBusy: m?.busy,
    machineTotal: m?.total,
  };
}

export interface CpuUsage {
  /** Server process CPU, % of one core (can exceed 100 with threads). */
  serverPct: number | null;
  /** All generator processes together, % of one core: near 100 × generators means the load side is the limit. */
  generatorsPct: number | null;
  /** Local PostgreSQL processes, % of one core (approximate, see postgresTicks). */
  postgresPct: number | null;
  /** Whole machine busy, % of all cores. */
  machinePct: number | null;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export function cpuBetween(a: CpuSample, b: CpuSample): CpuUsage {
  const seconds = (b.atMs - a.atMs) / 1000;
  const pct = (x: number | undefined, y: number | undefined): number | null =>
    x !== undefined && y !== undefined && seconds > 0 ? round1(((y - x) / CLK_TCK / seconds) * 100) : null;
  const machinePct =
    a.machineBusy !== undefined && b.machineBusy !== undefined && a.machineTotal !== undefined &&
    b.machineTotal !== undefined && b.machineTotal > a.machineTotal
      ? round1(((b.machineBusy - a.machineBusy) / (b.machineTotal - a.machineTotal)) * 100)
      : null;
  return {
    serverPct: pct(a.procTicks, b.procTicks),
    generatorsPct: pct(a.generatorTicks, b.generatorTicks),
    postgresPct: pct(0, postgresDelta(a.postgres, b.postgres)),
    machinePct,
  };
}

export const cpuCount = (): number => os.cpus().length;
