/**
 * @module options
 * Command-line options of `bench/run.ts` (documented in bench/README.md). `--quick` only changes defaults; any
 * option given explicitly wins over it.
 */
import { parseArgs } from 'node:util';

export const SERVER_NAMES = ['engine', 'uws', 'socketio'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

/** peak: saturating closed loop; half: open loop at half the peak publish rate; fixed: open loop at --rate. */
export const PHASE_NAMES = ['peak', 'half', 'fixed'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

export interface BenchOptions {
  quick: boolean;
  servers: ServerName[];
  /** Total WebSocket connections per server arm. */
  conns: number;
  /** Rooms; connection i joins room i % rooms. */
  rooms: number;
  /** Publish text size in bytes (ASCII). */
  payload: number;
  /** Per-connection publish rate (msgs/s) of the `fixed` phase; undefined → no fixed phase unless asked. */
  rate: number | undefined;
  /** Measurement window per phase, seconds. */
  duration: number;
  /** Warm-up before each window, seconds (not measured). */
  warmup: number;
  /** Load-generator processes. */
  generators: number;
  /**
   * Publishes each connection keeps in flight during the closed-loop peak phase. Several values → one peak step
   * per value, and the best step is the peak (a window too small is latency-bound and under-reports the peak).
   */
  windows: number[];
  phases: PhaseName[];
  /** Total publishes/s for the `half` phase instead of half of each server's own peak (equal offered load). */
  halfRate: number | undefined;
  /** Engine users registered per run; connections share their tokens round-robin (registration is a slow KDF). */
  users: number;
  /** Hard limit for the whole run, seconds: past it everything is killed and the run fails. */
  maxSeconds: number;
  outDir: string;
}

const QUICK = { conns: 200, rooms: 20, duration: 3, warmup: 1, maxSeconds: 115, window: '4' };
const FULL = { conns: 1000, rooms: 100, duration: 10, warmup: 2, maxSeconds: 1200, window: '1,4,16' };

function positive(name: string, raw: string | undefined, fallback: number, integer = true): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  }
  return n;
}

function list<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`--${name}: unknown "${item}" (allowed: ${allowed.join(', ')})`);
  }
  if (items.length === 0) throw new Error(`--${name} is empty`);
  return [...new Set(items)] as T[];
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      servers: { type: 'string' },
      conns: { type: 'string' },
      rooms: { type: 'string' },
      payload: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      generators: { type: 'string' },
      window: { type: 'string' },
      phases: { type: 'string' },
      'half-rate': { type: 'string' },
      users: { type: 'string' },
      'max-seconds': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new HelpRequested();
  const base = values.quick ? QUICK : FULL;
  const rate = values.rate === undefined ? undefined : positive('rate', values.rate, 0, false);
  const halfRate = values['half-rate'] === undefined ? undefined : positive('half-rate', values['half-rate'], 0, false);
  // Always in canonical order: `half` needs the peak measured before it.
  const phases = values.phases
    ? PHASE_NAMES.filter((p) => list('phases', values.phases ?? '', PHASE_NAMES).includes(p))
    : (['peak', 'half', ...(rate === undefined ? [] : ['fixed'])] as PhaseName[]);
  const opts: BenchOptions = {
    quick: values.quick ?? false,
    servers: list('servers', values.servers ?? SERVER_NAMES.join(','), SERVER_NAMES),
    conns: positive('conns', values.conns, base.conns),
    rooms: positive('rooms', values.rooms, base.rooms),
    payload: positive('payload', values.payload, 100),
    rate,
    duration: positive('duration', values.duration, base.duration, false),
    warmup: values.warmup === '0' ? 0 : positive('warmup', values.warmup, base.warmup, false),
    generators: positive('generators', values.generators, 2),
    windows: [...new Set((values.window ?? base.window).split(',').map((w) => positive('window', w.trim(), 0)))],
    phases,
    halfRate,
    users: positive('users', values.users, 8),
    maxSeconds: positive('max-seconds', values['max-seconds'], base.maxSeconds, false),
    outDir: values.out ?? 'bench/results',
  };
  if (opts.rooms > opts.conns) throw new Error(`--rooms (${opts.rooms}) cannot exceed --conns (${opts.conns})`);
  // `create` takes at most 100 members besides the owner (schema/validate.ts).
  if (opts.users > 101) throw new Error('--users cannot exceed 101 (an engine room holds the owner + 100 members)');
  if (opts.generators > opts.conns) opts.generators = opts.conns;
  if (opts.phases.includes('fixed') && opts.rate === undefined) throw new Error('phase "fixed" needs --rate');
  if (opts.phases.includes('half') && !opts.phases.includes('peak') && opts.halfRate === undefined) {
    throw new Error('phase "half" needs phase "peak" (or an explicit --half-rate)');
  }
  return opts;
}

export class HelpRequested extends Error {
  constructor() {
    super('help requested');
  }
}

export const USAGE = `Usage: npm run bench -- [options]      (or: npx tsx bench/run.ts [options])
  --quick                 small, fast run (200 conns, 20 rooms, 1 s warm-up + 3 s per phase; < 2 min)
  --servers LIST          engine,uws,socketio (default: all three, run one after another)
  --conns N               connections per server (default 1000; quick 200)
  --rooms M               rooms; connection i joins room i % M (default 100; quick 20)
  --rate R                per-connection msgs/s of the "fixed" open-loop phase (adds that phase)
  --payload B             message text size in bytes (default 100)
  --duration S            measured seconds per phase (default 10; quick 3)
  --warmup S              unmeasured seconds before each window (default 2; quick 1)
  --generators G          load-generator processes (default 2)
  --window W[,W…]         in-flight publishes per connection in the closed-loop peak phase; a list runs one
                          peak step per value and keeps the best (default 1,4,16; quick 4)
  --phases LIST           peak,half,fixed (default peak,half [+fixed with --rate])
  --half-rate P           total publishes/s of the "half" phase (default: half of each server's own peak)
  --users U               engine users to register, tokens shared round-robin (default 8)
  --max-seconds S         hard limit for the whole run (default 1200; quick 115)
  --out DIR               results directory (default bench/results)`;
