/**
 * `npm run -s classify -- crisis`: reads JSON lines `{"text": "..."}` on stdin and writes one JSON line per input,
 * in order: `{"crisis": true|false, "score": 0..1, "level": "none"|"low"|"medium"|"high"|"critical"}`.
 *
 * The same assessment as the engine's safety layer (patterns + classifier + combination, plugins/safety/assess.ts),
 * with the model run in this process (local-model.ts: `MODELS_DIR`, `CRISIS_MODEL`). `crisis` is `level ≥ medium`;
 * `score` is the crisis score whose decision point is 0.5. Each line is assessed alone (no conversation state).
 *
 * A line that is not JSON or has no string `text` gets `{"error": "..."}` on its output line and the exit status is
 * 1 at the end; other lines are still answered. Input is read in batches, so a large file streams. Flags:
 * `--explain` adds `matched` and `category`; `--patterns-only` skips the model (degraded mode, as in the engine
 * without its inference service).
 */
import { createInterface } from 'node:readline';
import { assessTexts, type ScoreTexts, type Thresholds } from '../../plugins/safety/assess.ts';
import { isCrisis } from '../../plugins/safety/levels.ts';
import { SHIPPED } from '../../plugins/safety/thresholds.ts';
import { loadLocalCrisisModel, type LocalCrisisModel } from './local-model.ts';

const BATCH = 128;

type Parsed = { ok: true; text: string } | { ok: false; error: string };

function parseLine(line: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not a JSON line' };
  }
  const text = (value as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return { ok: false, error: 'expected {"text": "..."}' };
  return { ok: true, text };
}

export async function runCrisisCli(argv: readonly string[] = process.argv.slice(2), input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<number> {
  const explain = argv.includes('--explain');
  const patternsOnly = argv.includes('--patterns-only');
  let model: LocalCrisisModel | undefined;
  if (!patternsOnly) {
    try {
      model = await loadLocalCrisisModel();
    } catch (error) {
      process.stderr.write(`classify crisis: cannot load the model (${(error as Error).message}); use --patterns-only to run without it\n`);
      return 2;
    }
  }
  const score: ScoreTexts | undefined = model?.score;
  const thresholds: Thresholds = model?.thresholds ?? SHIPPED.thresholds;
  let failed = false;
  let pending: Parsed[] = [];

  const flush = async () => {
    const batch = pending;
    pending = [];
    const texts = batch.flatMap((p) => (p.ok ? [p.text] : []));
    const { assessments, modelError } = await assessTexts(texts, score, thresholds);
    if (modelError !== undefined) throw modelError;
    let next = 0;
    const lines = batch.map((parsed) => {
      if (!parsed.ok) {
        failed = true;
        return JSON.stringify({ error: parsed.error });
      }
      const a = assessments[next++]!;
      const base = { crisis: isCrisis(a.level), score: a.score, level: a.level };
      return JSON.stringify(explain ? { ...base, category: a.category, matched: a.matched } : base);
    });
    if (lines.length > 0) output.write(`${lines.join('\n')}\n`);
  };

  try {
    const reader = createInterface({ input, crlfDelay: Infinity });
    for await (const line of reader) {
      if (line.trim() === '') continue;
      pending.push(parseLine(line));
      if (pending.length >= BATCH) await flush();
    }
    await flush();
  } finally {
    await model?.close();
  }
  return failed ? 1 : 0;
}
