/**
 * @module servers/engine
 * Supervisor of the real engine arm. It creates a fresh PostgreSQL database, starts `engine/src/main.ts` as its own
 * process (auth, persistence and encryption on, as in production; only the per-connection rate limit is raised
 * above the bench's rate), waits for the `listening on http://HOST:PORT` line, reports the port and the ENGINE's pid
 * (whose CPU is the server's), and on stop shuts the engine down and drops the database.
 *
 * Environment knobs (all optional): BENCH_DATABASE_URL (admin URL of the server to create the database on,
 * default postgres://postgres@127.0.0.1:5432/postgres), BENCH_ENGINE_START_TIMEOUT_MS (default 60000),
 * BENCH_ENGINE_METRICS_FILE (where to save the engine's /metrics at the end of the run),
 * BENCH_ENGINE_NODE_ARGS (extra node flags for the engine process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to
 * profile it under load). Any engine
 * setting already in the environment (e.g. SCRYPT_COST, WRITE_BATCH_MAX) is passed through, except the ones this
 * file must own: PORT, HOST, DATABASE_URL, DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { REPO_ROOT } from '../lib/procs.ts';
import { exitOnStop, fatal, reportListening } from './child.ts';

const ENTRY = 'engine/src/main.ts';
const EXTRA_NODE_ARGS = (process.env.BENCH_ENGINE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const START_TIMEOUT_MS = Number(process.env.BENCH_ENGINE_START_TIMEOUT_MS ?? 60_000);
const LISTENING = /listening on https?:\/\/[^\s"':]+:(\d+)/;
const MAX_FORWARDED_LINES = 200;

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let engine: ChildProcess | undefined;
let enginePort: number | undefined;
let dbName: string | undefined;
let dataDir: string | undefined;
const lastLines: string[] = [];
/** Set once shutdown begins, so the engine's expected exit is not reported as a failure. */
let stopping = false;

/** Saves the engine's own /metrics (latency and write-batch histograms) when BENCH_ENGINE_METRICS_FILE is set. */
async function saveEngineMetrics(): Promise<void> {
  const file = process.env.BENCH_ENGINE_METRICS_FILE;
  if (!file || enginePort === undefined) return;
  try {
    const res = await fetch(`http://127.0.0.1:${enginePort}/metrics`, { signal: AbortSignal.timeout(3000) });
    writeFileSync(file, await res.text());
  } catch (err) {
    console.error('[engine bench] could not save engine metrics:', err);
  }
}

async function cleanup(): Promise<void> {
  if (!stopping) await saveEngineMetrics();
  stopping = true;
  const child = engine;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  }
  if (dbName) {
    const name = dbName;
    dbName = undefined;
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: unknown) =>
      console.error(`[engine bench] could not drop database ${name}:`, err),
    );
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

async function fail(message: string): Promise<never> {
  await cleanup();
  const tail = lastLines.length ? `\n--- last engine output ---\n${lastLines.join('\n')}` : '';
  return fatal(`${message}${tail}`);
}

function forwardOutput(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let forwarded = 0;
  createInterface({ input: stream }).on('line', (line) => {
    lastLines.push(line);
    if (lastLines.length > 20) lastLines.shift();
    onLine(line);
    if (forwarded < MAX_FORWARDED_LINES) {
      forwarded++;
      process.stderr.write(`[engine] ${line}\n`);
      if (forwarded === MAX_FORWARDED_LINES) process.stderr.write('[engine] (further output not shown)\n');
    }
  });
}

async function main(): Promise<void> {
  exitOnStop(cleanup);
  if (!existsSync(path.join(REPO_ROOT, ENTRY))) {
    return fatal(`${ENTRY} does not exist yet: the engine arm cannot run (use --servers uws,socketio meanwhile)`);
  }
  const name = `bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin(`CREATE DATABASE ${name}`);
  } catch (err) {
    return fatal(`cannot create database on ${redact(ADMIN_URL)}: ${(err as Error).message} (set BENCH_DATABASE_URL)`);
  }
  dbName = name;
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'mentalia-bench-'));
  const port = await freePort();
  enginePort = port;

  const env: NodeJS.ProcessEnv = {
    // Defaults a developer's environment may override: rate limits high enough that the bench measures the
    // engine, not its limiter; explicit keys so the engine writes no dev keys; a short shutdown.
    RATE_PER_SEC: '1000000',
    RATE_BURST: '1000000',
    LOG_LEVEL: 'warn',
    SHUTDOWN_GRACE_MS: '3000',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    MASTER_KEY: randomBytes(32).toString('base64'),
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl.toString(),
    DATA_DIR: dataDir,
  };
  const child = spawn(process.execPath, [...EXTRA_NODE_ARGS, '--import', 'tsx', ENTRY], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  engine = child;

  let listening = false;
  const timer = setTimeout(() => {
    void fail(`engine did not print "listening on http://HOST:PORT" within ${START_TIMEOUT_MS / 1000} s`);
  }, START_TIMEOUT_MS);
  const onLine = (line: string): void => {
    const m = listening ? null : LISTENING.exec(line);
    if (!m || child.pid === undefined) return;
    listening = true;
    clearTimeout(timer);
    reportListening(Number(m[1]), child.pid);
  };
  if (child.stdout) forwardOutput(child.stdout, onLine);
  if (child.stderr) forwardOutput(child.stderr, onLine);
  child.once('error', (err) => void fail(`cannot start the engine: ${err.message}`));
  child.once('exit', (code, signal) => {
    clearTimeout(timer);
    if (stopping) return;
    void fail(`engine exited (${signal ?? `code ${code}`}) ${listening ? 'during the run' : 'before listening'}`);
  });
}

void main().catch((err: unknown) => fail(`engine supervisor: ${(err as Error).stack ?? String(err)}`));
