/**
 * `npm run -s classify -- spoiler` (through `bots/classify.ts`), or `npx tsx plugins/spoiler-detector/classify-cli.ts`:
 * reads JSON lines `{"text": "..."}` on stdin and writes one JSON line per input line:
 *
 *   {"redFlag": true, "categories": ["surveillance", "isolation"], "risk": "medium"}
 *
 * - An `id` in the input is echoed first (`{"id": …, "redFlag": …}`), to match answers to questions.
 * - A line that is not a JSON object with a string `text` gets `{"error": "…"}` (and the exit status is 2 at the end);
 *   blank lines are skipped. Output order is input order.
 * - The model runs in this process with onnxruntime-node (`local-scorer.ts`), from `MODELS_DIR` or the repository's
 *   `models/`. If it cannot be loaded the command fails (status 1) rather than silently answering with less:
 *   pass `--cues-only` to use the rule cues alone on purpose.
 * - `--details` adds `scores` (combined score per flagged category) and `source`.
 *
 * Lines are batched (up to 64, or whatever has arrived when input pauses) so a big file runs as a few model calls.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { analyzeTexts, type Detection, type Scorer } from './detector.ts';

const BATCH = 64;

interface Pending {
  readonly id?: unknown;
  readonly text?: string;
  readonly error?: string;
}

/** The entry: returns the exit status (0 ok, 1 model could not load, 2 some input lines were invalid). */
export async function main(stdin: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, argv: readonly string[] = []): Promise<number> {
  const cuesOnly = argv.includes('--cues-only');
  const details = argv.includes('--details');
  let scorer: Scorer | undefined;
  let close: () => Promise<void> = async () => {};
  if (!cuesOnly) {
    try {
      const { createLocalScorer } = await import('./local-scorer.ts');
      const local = await createLocalScorer();
      scorer = local.scorer;
      close = local.close;
    } catch (error) {
      process.stderr.write(`classify spoiler: the model could not be loaded (${(error as Error).message}). Train it with "npx tsx bots/spoiler/train.ts", set MODELS_DIR, or pass --cues-only.\n`);
      return 1;
    }
  }
  let invalid = 0;
  let batch: Pending[] = [];
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    chain = chain.then(async () => {
      const texts = items.filter((item) => item.text !== undefined).map((item) => item.text as string);
      const detections = await analyzeTexts(texts, scorer, {
        onModelError: (error) => {
          throw error;
        },
      });
      let at = 0;
      const out = items.map((item) => {
        const idPart = item.id === undefined ? {} : { id: item.id };
        if (item.error !== undefined) return JSON.stringify({ ...idPart, error: item.error });
        return JSON.stringify({ ...idPart, ...resultOf(detections[at++] as Detection, details) });
      });
      await write(stdout, `${out.join('\n')}\n`);
    });
  };

  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const item = parseLine(line);
    if (item.error !== undefined) invalid++;
    batch.push(item);
    if (batch.length >= BATCH) flush();
    else if (timer === undefined) timer = setTimeout(flush, 5);
  }
  flush();
  try {
    await chain;
  } finally {
    await close();
  }
  return invalid > 0 ? 2 : 0;
}

/** For the `bots/classify.ts` dispatcher: stdin → stdout. */
export function runSpoilerCli(argv: readonly string[] = []): Promise<number> {
  return main(process.stdin, process.stdout, argv);
}
export { runSpoilerCli as run };

export function resultOf(detection: Detection, details = false): Record<string, unknown> {
  const base = { redFlag: detection.redFlag, categories: [...detection.categories], risk: detection.risk };
  if (!details) return base;
  return {
    ...base,
    scores: Object.fromEntries(detection.categories.map((c) => [c, detection.scores[c].combined])),
    source: detection.source,
  };
}

function parseLine(line: string): Pending {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON: expected {"text": "..."}' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected an object {"text": "..."}' };
  const row = value as Record<string, unknown>;
  const idPart = row.id === undefined ? {} : { id: row.id };
  if (typeof row.text !== 'string') return { ...idPart, error: '"text" must be a string' };
  if (row.text.length > 100_000) return { ...idPart, error: '"text" is longer than 100000 characters' };
  return { ...idPart, text: row.text };
}

function write(stream: NodeJS.WritableStream, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runSpoilerCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`classify spoiler: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
