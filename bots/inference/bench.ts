/**
 * `npx tsx bots/inference/bench.ts [texts=2000]` — single vs batched throughput of a hashed-n-gram text model on
 * CPU: onnxruntime in-process (the model's cost alone), then through the inference process and its socket (what a
 * plugin gets), with the service's batching on and off. Prints a table; numbers depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import pino from 'pino';
import { InferenceClient } from './client.ts';
import { featurizeText, packTextTensors } from './featurize.ts';
import { TOY_TRAIN } from './fixtures/toy-data.ts';
import { writeTestModels } from './fixtures/models.ts';
import { startInferenceService } from './launcher.ts';

interface Row {
  readonly scenario: string;
  readonly texts: number;
  readonly seconds: number;
  readonly latenciesMs: readonly number[];
  readonly runs: number | undefined;
}

const total = Number(process.argv[2] ?? 2_000);
const texts = Array.from({ length: total }, (_, i) => `${TOY_TRAIN[i % TOY_TRAIN.length]?.text ?? ''} (${i})`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'inference-bench-'));
const rows: Row[] = [];

async function timed(scenario: string, run: () => Promise<number[]>, runs?: () => Promise<number>): Promise<void> {
  const before = (await runs?.()) ?? 0;
  const started = performance.now();
  const latenciesMs = await run();
  const seconds = (performance.now() - started) / 1000;
  rows.push({ scenario, texts: total, seconds, latenciesMs, runs: runs === undefined ? undefined : (await runs()) - before });
}

/** `concurrency` callers, each sending its share of the texts `perRequest` at a time, one request after another. */
async function drive(concurrency: number, perRequest: number, send: (batch: string[]) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < texts.length) {
        const batch = texts.slice(next, next + perRequest);
        next += perRequest;
        const started = performance.now();
        await send(batch);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies;
}

async function main(): Promise<void> {
  const models = await writeTestModels(dir);
  const topK = models.toy.sidecar.featurizer.type === 'hashed-ngrams' ? models.toy.sidecar.featurizer.topK : 256;
  const log = pino({ level: 'warn' });

  await timed('featurize only (JS, per text)', async () => drive(1, 1, async ([text]) => featurizeText(text ?? '')));

  const session = await InferenceSession.create(path.join(dir, 'toy.onnx'));
  const direct = (batch: string[]) => {
    const packed = packTextTensors(batch.map((text) => featurizeText(text)), topK);
    return session.run({
      idx: new Tensor('int64', packed.idx, [packed.batch, topK]),
      val: new Tensor('float32', packed.val, [packed.batch, topK, 1]),
    });
  };
  await direct(texts.slice(0, 64)); // warm-up
  await timed('in-process: featurize + ORT, batch 1', () => drive(1, 1, direct));
  await timed('in-process: featurize + ORT, batch 64', () => drive(1, 64, direct));
  // session.run alone, on texts featurized beforehand: the per-call overhead batching saves.
  const featurized = new Map(texts.map((text) => [text, featurizeText(text)]));
  const runOnly = (batch: string[]) => {
    const packed = packTextTensors(batch.map((text) => featurized.get(text) ?? featurizeText(text)), topK);
    return session.run({
      idx: new Tensor('int64', packed.idx, [packed.batch, topK]),
      val: new Tensor('float32', packed.val, [packed.batch, topK, 1]),
    });
  };
  await timed('in-process: ORT run only, batch 1', () => drive(1, 1, runOnly));
  await timed('in-process: ORT run only, batch 64', () => drive(1, 64, runOnly));
  await session.release();

  const setups = [
    ['batching on (64, 2 ms)', 64, 2],
    ['batching on (64, 0 ms)', 64, 0],
    ['batching off (max 1)', 1, 2],
  ] as const;
  for (const [label, maxBatch, maxWaitMs] of setups) {
    const service = await startInferenceService({ modelsDir: dir, logger: log, maxBatch, maxWaitMs });
    const client = new InferenceClient({ socketPath: service.socketPath, timeoutMs: 60_000 });
    const runs = async () => (await client.stats()).models.toy?.batches ?? 0;
    await client.classify('toy', texts.slice(0, 8)); // loads the model
    const classify = (batch: string[]) => client.classify('toy', batch);
    if (maxBatch > 1) {
      await timed(`service, 1 text/request, 1 in flight, ${label}`, () => drive(1, 1, classify), runs);
      if (maxWaitMs > 0) await timed(`service, 64 texts/request, 1 in flight`, () => drive(1, 64, classify), runs);
    }
    await timed(`service, 1 text/request, 64 in flight, ${label}`, () => drive(64, 1, classify), runs);
    client.close();
    await service.close();
  }
  printTable();
}

function printTable(): void {
  const percentile = (values: readonly number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  };
  const header = ['scenario', 'texts', 'seconds', 'texts/s', 'p50 ms', 'p99 ms', 'session runs'];
  const lines = rows.map((row) => [
    row.scenario,
    String(row.texts),
    row.seconds.toFixed(3),
    Math.round(row.texts / row.seconds).toLocaleString('en-US'),
    percentile(row.latenciesMs, 50).toFixed(3),
    percentile(row.latenciesMs, 99).toFixed(3),
    row.runs === undefined ? '–' : String(row.runs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)));
  const format = (cells: readonly string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const out = [
    `hashed n-gram text model (D=32768, K=${256}, 5 labels), ${os.cpus().length} CPU cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    format(header),
    format(widths.map((w) => '-'.repeat(w))),
    ...lines.map(format),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
