/**
 * Bot scenario: `npm run bench:bots -- [--quick] [--turns N] [--tokens T] [--token-interval-ms I] [--duration S]`.
 * N rooms, each with the `echo` bot answering through a model that streams T tokens at one per I ms from the local
 * SSE server (its own process); every room keeps one turn streaming for the whole window (N concurrent turns). The
 * engine runs as in production (auth, persistence, encryption, plugin processes). Reports the latency the engine adds
 * to the first delta and to every token (p50/p99), time to first delta, and delta/token throughput; writes
 * bench/results/bots-latest.{json,md}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { descendantTicks, processTicks, ticksToCorePct } from '../lib/cpu.ts';
import { mergeEncoded, summarize, type LatencySummary } from '../lib/histogram.ts';
import { forkTs, killAllSync, REPO_ROOT, sendTo, stopAll, waitFor } from '../lib/procs.ts';
import type { ServerListening } from '../lib/ipc.ts';
import type { TurnGenResult } from './turn-generator.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    turns: { type: 'string' }, tokens: { type: 'string' }, 'token-interval-ms': { type: 'string' },
    duration: { type: 'string' }, warmup: { type: 'string' }, generators: { type: 'string' }, users: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const quick = values.quick!;
const opts = {
  turns: Number(values.turns ?? (quick ? 200 : 1000)),
  tokens: Number(values.tokens ?? 60),
  tokenIntervalMs: Number(values['token-interval-ms'] ?? 20),
  durationS: Number(values.duration ?? (quick ? 5 : 10)),
  warmupS: Number(values.warmup ?? (quick ? 2 : 4)),
  generators: Number(values.generators ?? 2),
  users: Number(values.users ?? 10),
};
const log = (line: string) => console.log(`[bench:bots] ${line}`);
const pair = (s: LatencySummary) => `${s.p50Ms?.toFixed(2) ?? '–'} / ${s.p99Ms?.toFixed(2) ?? '–'}`;

async function register(baseUrl: string, i: number): Promise<{ token: string }> {
  const res = await fetch(`${baseUrl}/api/auth/register`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `bots-${Date.now()}-${i}@example.com`, password: 'bench-password-1', name: `bench ${i}` }),
  });
  if (res.status !== 201) throw new Error(`register: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string };
}

/** Creates `count` rooms with the echo bot, spread over the users; each room is driven with its owner's token. */
async function createRooms(wsUrl: string, tokens: string[], count: number): Promise<{ room: string; token: string }[]> {
  const { default: WebSocket } = await import('ws');
  const rooms: { room: string; token: string }[] = [];
  await Promise.all(tokens.map(async (token, u) => {
    const ws = new WebSocket(wsUrl, ['mentalia.v1.json']);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const pending = new Map<number, (reply: any) => void>();
    ws.on('message', (data) => {
      const item = JSON.parse(String(data));
      if (typeof item.id === 'number') pending.get(item.id)?.(item);
    });
    let id = 0;
    const call = (cmd: object) => new Promise<any>((resolve) => { pending.set(++id, resolve); ws.send(JSON.stringify({ id, ...cmd })); });
    await call({ type: 'auth', token });
    for (let r = u; r < count; r += tokens.length) {
      const reply = await call({ type: 'create', bot: 'echo', title: `bench ${r}` });
      if (!reply.ok) throw new Error(`create: ${JSON.stringify(reply.error)}`);
      rooms.push({ room: reply.room, token });
    }
    ws.close();
  }));
  return rooms;
}

async function main(): Promise<void> {
  process.on('exit', killAllSync);
  const deadline = setTimeout(() => { console.error('[bench:bots] time limit exceeded'); void stopAll(2000).then(() => process.exit(1)); }, (opts.warmupS + opts.durationS + 180) * 1000);
  log(`${opts.turns} concurrent turns, ${opts.tokens} tokens at ${opts.tokenIntervalMs} ms, ${opts.durationS} s`);

  const llm = forkTs('bench/bots/llm-server.ts', { BENCH_TOKENS: String(opts.tokens), BENCH_TOKEN_INTERVAL_MS: String(opts.tokenIntervalMs) });
  const llmPort = (await waitFor<ServerListening>(llm, 'llm server', 'listening', 30_000)).port;
  const engine = forkTs('bench/servers/engine.ts', {
    PLUGINS_DIR: 'plugins',
    LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: `http://127.0.0.1:${llmPort}/v1`, LLM_MODEL: 'bench-model',
    BOTS_CONFIG: JSON.stringify({ echo: { useLlm: true } }),
    BOT_LIMITS: JSON.stringify({ echo: { concurrency: opts.turns * 2, timeoutMs: 120_000 } }),
    BOT_QUEUE_LIMIT: String(opts.turns),
    SCRYPT_COST: '16384',
  });
  const { port, pid: enginePid } = await waitFor<ServerListening>(engine, 'engine', 'listening', 90_000);
  const baseUrl = `http://127.0.0.1:${port}`;
  const wsUrl = `ws://127.0.0.1:${port}/ws`;

  const tokens = (await Promise.all(Array.from({ length: opts.users }, (_, i) => register(baseUrl, i)))).map((r) => r.token);
  const rooms = await createRooms(wsUrl, tokens, opts.turns);
  log(`engine pid ${enginePid} on ${port}; ${rooms.length} rooms with the echo bot`);

  const generators = Array.from({ length: opts.generators }, () => forkTs('bench/bots/turn-generator.ts'));
  generators.forEach((g, i) => sendTo(g, {
    t: 'init', wsUrl, rooms: rooms.filter((_, r) => r % opts.generators === i), warmupMs: opts.warmupS * 1000, durationMs: opts.durationS * 1000,
  }));
  await Promise.all(generators.map((g) => waitFor(g, 'generator', 'ready', 60_000)));
  generators.forEach((g) => sendTo(g, { t: 'go' }));
  // CPU per role over the measurement window (% of one core).
  const llmPid = llm.pid!;
  const generatorPids = generators.map((g) => g.pid!);
  const sampleRoles = () => ({
    engine: processTicks(enginePid) ?? 0,
    plugins: descendantTicks(enginePid),
    llm: processTicks(llmPid) ?? 0,
    generators: generatorPids.reduce((a, pid) => a + (processTicks(pid) ?? 0), 0),
    at: performance.now(),
  });
  const cpuWindow = new Promise<Record<string, number>>((resolve) => setTimeout(() => {
    const a = sampleRoles();
    setTimeout(() => {
      const b = sampleRoles();
      const seconds = (b.at - a.at) / 1000;
      resolve({
        engine: ticksToCorePct(b.engine - a.engine, seconds), pluginProcesses: ticksToCorePct(b.plugins - a.plugins, seconds),
        modelServer: ticksToCorePct(b.llm - a.llm, seconds), generators: ticksToCorePct(b.generators - a.generators, seconds),
      });
    }, opts.durationS * 1000 - 200);
  }, opts.warmupS * 1000 + 100));
  // The engine's own count of turns streaming at once, sampled in the middle of the measurement window.
  const activeTurns = new Promise<number>((resolve) => setTimeout(async () => {
    const text = await (await fetch(`${baseUrl}/metrics`)).text().catch(() => '');
    resolve(Number(/^mentalia_bot_active_turns (\d+)/m.exec(text)?.[1] ?? NaN));
  }, (opts.warmupS + opts.durationS / 2) * 1000));
  const results = await Promise.all(generators.map((g) => waitFor<TurnGenResult>(g, 'generator', 'result', (opts.warmupS + opts.durationS + 60) * 1000)));
  await stopAll(5000);
  clearTimeout(deadline);

  const sum = (k: 'turns' | 'deltas' | 'tokens' | 'errors') => results.reduce((a, r) => a + r[k], 0);
  const firstDeltaAdded = summarize(mergeEncoded(results.map((r) => r.firstDeltaAdded)));
  const tokenAdded = summarize(mergeEncoded(results.map((r) => r.tokenAdded)));
  const timeToFirstDelta = summarize(mergeEncoded(results.map((r) => r.timeToFirstDelta)));
  const report = {
    scenario: 'bots',
    params: opts,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim(), node: process.versions.node, loadAvg: os.loadavg().map((l) => l.toFixed(2)).join(' ') },
    concurrentTurns: await activeTurns,
    cpuPctOfOneCore: await cpuWindow,
    turnsPerSec: sum('turns') / opts.durationS,
    deltasPerSec: sum('deltas') / opts.durationS,
    tokensPerSec: sum('tokens') / opts.durationS,
    errors: sum('errors'),
    firstDeltaAddedMs: firstDeltaAdded,
    tokenAddedMs: tokenAdded,
    timeToFirstDeltaMs: timeToFirstDelta,
    target: { firstDeltaAddedP99Ms: 5, pass: firstDeltaAdded.p99Ms !== null && firstDeltaAdded.p99Ms <= 5 },
  };
  const md = [
    `# Bot scenario — ${new Date().toISOString()}`, '',
    `${opts.turns} rooms, each streaming one turn at a time: ${opts.tokens} tokens, one per ${opts.tokenIntervalMs} ms, from the local SSE model server.`, '',
    '| concurrent turns | turns/s | deltas/s | tokens/s | errors | first delta added p50 / p99 ms | token added p50 / p99 ms | time to first delta p50 / p99 ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${report.concurrentTurns} | ${report.turnsPerSec.toFixed(1)} | ${Math.round(report.deltasPerSec)} | ${Math.round(report.tokensPerSec)} | ${report.errors} | ${pair(firstDeltaAdded)} | ${pair(tokenAdded)} | ${pair(timeToFirstDelta)} |`,
    '', `CPU, % of one core: ${Object.entries(report.cpuPctOfOneCore).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '', `Target: engine-added first-delta latency p99 ≤ 5 ms → ${report.target.pass ? 'pass' : 'FAIL'}.`, '',
  ].join('\n');
  const out = path.resolve(REPO_ROOT, values.out!);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'bots-latest.json'), JSON.stringify(report, null, 2));
  writeFileSync(path.join(out, 'bots-latest.md'), md);
  console.log(md);
  process.exit(0);
}

main().catch(async (err) => {
  console.error('[bench:bots] failed:', err);
  await stopAll(3000).catch(() => undefined);
  process.exit(1);
});
