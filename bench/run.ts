/**
 * Bench orchestrator: `npm run bench -- [options]` (see bench/README.md or `--help`).
 * Runs the fan-out scenario against each selected server in turn (engine, bare uWS, socket.io), each server and
 * each load generator in its own process, then writes bench/results/latest.json and latest.md.
 * The whole run is bounded by --max-seconds, and every child is stopped on exit, error or signal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runArm } from './lib/arm.ts';
import { HelpRequested, parseOptions, USAGE, type BenchOptions, type ServerName } from './lib/options.ts';
import { killAllSync, REPO_ROOT, stopAll } from './lib/procs.ts';
import { buildReport, renderMarkdown, type ServerReport } from './lib/report.ts';

const log = (line: string): void => console.log(`[bench] ${line}`);

function options(): BenchOptions {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (err) {
    if (err instanceof HelpRequested) {
      console.log(USAGE);
      process.exit(0);
    }
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAvgAtStart: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
  };
}

let aborting = false;
async function abort(reason: string, code: number): Promise<never> {
  if (!aborting) {
    aborting = true;
    console.error(`[bench] aborting: ${reason}`);
    await stopAll(3000).catch(() => undefined);
  }
  process.exit(code);
}

async function main(): Promise<void> {
  const opts = options();
  process.on('exit', killAllSync);
  process.on('SIGINT', () => void abort('SIGINT', 130));
  process.on('SIGTERM', () => void abort('SIGTERM', 143));
  const deadline = setTimeout(() => void abort(`--max-seconds ${opts.maxSeconds} exceeded`, 1), opts.maxSeconds * 1000);

  const machine = machineInfo();
  log(`${opts.servers.join(', ')}: ${opts.conns} conns / ${opts.rooms} rooms, ${opts.payload} B, ` +
    `phases ${opts.phases.join(',')}, ${opts.warmup}+${opts.duration} s each, ${opts.generators} generators`);
  const servers: Partial<Record<ServerName, ServerReport>> = {};
  for (const name of opts.servers) {
    servers[name] = await runArm(name, opts, log);
    // An abort stops the children under the running arm; its half-done numbers must not become latest.json.
    if (aborting) return;
  }
  clearTimeout(deadline);

  const report = buildReport(opts, servers, machine);
  const outDir = path.resolve(REPO_ROOT, opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const md = renderMarkdown(report);
  writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'latest.md'), md);
  console.log(`\n${md}`);
  log(`wrote ${path.relative(process.cwd(), path.join(outDir, 'latest.json'))} and latest.md`);
  const failed = Object.entries(servers).filter(([, s]) => s?.error);
  if (failed.length) {
    console.error(`[bench] failed arms: ${failed.map(([n]) => n).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => abort((err as Error).stack ?? String(err), 1));
