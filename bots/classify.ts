/**
 * `npm run -s classify -- <classifier> [flags]`: JSON lines in on stdin, JSON lines out, one per input.
 *
 *   crisis    bots/safety/classify-cli.ts             {"crisis", "score", "level"}
 *   spoiler   plugins/spoiler-detector/classify-cli.ts (when that plugin ships one; it must export `run(argv)`
 *             or `runSpoilerCli(argv)` returning the exit status)
 *
 * A tiny dispatcher so each classifier owns its CLI; nothing here loads a model.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

type Runner = (argv: string[]) => Promise<number>;

const CLASSIFIERS: Record<string, { file: string; exports: string[] }> = {
  crisis: { file: 'bots/safety/classify-cli.ts', exports: ['runCrisisCli'] },
  spoiler: { file: 'plugins/spoiler-detector/classify-cli.ts', exports: ['runSpoilerCli', 'run', 'default'] },
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const entry = name === undefined ? undefined : CLASSIFIERS[name];
  if (entry === undefined) {
    process.stderr.write(`usage: npm run -s classify -- <${Object.keys(CLASSIFIERS).join('|')}> < input.jsonl\n`);
    return 2;
  }
  const file = path.join(ROOT, entry.file);
  if (!existsSync(file)) {
    process.stderr.write(`classify ${name}: ${entry.file} does not exist yet (that classifier has not shipped its CLI)\n`);
    return 2;
  }
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const run = entry.exports.map((key) => module[key]).find((value): value is Runner => typeof value === 'function');
  if (run === undefined) {
    process.stderr.write(`classify ${name}: ${entry.file} exports none of ${entry.exports.join(', ')}\n`);
    return 2;
  }
  return run(rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`classify: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
