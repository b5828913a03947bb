/**
 * @module spoiler/dataset
 * The red-flag dataset (`data/red-flags.es-en.jsonl`, labelling guide and changelog in `data/README.md`): loading,
 * validation and the deterministic train/test split.
 *
 * Split: an example goes to `test` when FNV-1a 32 of its normalised text (the featurizer's normalisation: NFD, accents
 * stripped, lower case) is 0 mod 5, else to `train` (≈ 80/20). It depends only on the example's own text, so adding
 * examples never moves existing ones between splits, and it is the same on every machine.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fnv1a32, normalizeText } from '../inference/featurize.ts';
import { CATEGORIES, isCategory, type Category } from '../../plugins/spoiler-detector/categories.ts';

/** Bump with every change of the data file, and add a line to the changelog in data/README.md. */
export const DATASET_VERSION = '1.2.0';
export const DATASET_NAME = 'red-flags-es-en';

export const DATASET_FILE = fileURLToPath(new URL('./data/red-flags.es-en.jsonl', import.meta.url));
/** Written after the first model was trained; never used to choose anything (see data/README.md). */
export const UNSEEN_FILE = fileURLToPath(new URL('./data/red-flags.unseen.jsonl', import.meta.url));
/**
 * Unseen v2: 300 examples written by an independent writer who never saw the dataset, the cues or the model (only
 * the labelling guide); frozen (sha256 in data/README.md). Its errors are never listed, so it stays unseen.
 */
export const UNSEEN_V2_FILE = fileURLToPath(new URL('./data/red-flags.unseen-v2.jsonl', import.meta.url));

export type Language = 'es' | 'en';

export interface Example {
  readonly id: string;
  readonly text: string;
  readonly categories: readonly Category[];
  readonly lang: Language;
}

export type Split = 'train' | 'test';

export function splitOf(text: string): Split {
  return fnv1a32(normalizeText(text)) % 5 === 0 ? 'test' : 'train';
}

/** Reads and checks a JSON-lines file of examples. @throws naming the line at fault. */
export function loadExamples(file: string = DATASET_FILE): Example[] {
  const raw = readFileSync(file, 'utf8');
  const examples: Example[] = [];
  const ids = new Set<string>();
  const texts = new Set<string>();
  raw.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not JSON (${(error as Error).message})`);
    }
    const row = value as Record<string, unknown>;
    if (typeof row.text !== 'string' || row.text.trim() === '') throw new Error(`${where}: "text" must be a non-empty string`);
    if (row.lang !== 'es' && row.lang !== 'en') throw new Error(`${where}: "lang" must be "es" or "en"`);
    if (!Array.isArray(row.categories) || !row.categories.every(isCategory)) {
      throw new Error(`${where}: "categories" must be a list of ${CATEGORIES.join(', ')}`);
    }
    if (new Set(row.categories).size !== row.categories.length) throw new Error(`${where}: repeated category`);
    const id = typeof row.id === 'string' ? row.id : `${row.lang}-line${index + 1}`;
    if (ids.has(id)) throw new Error(`${where}: repeated id ${id}`);
    const key = normalizeText(row.text);
    if (texts.has(key)) throw new Error(`${where}: repeated text`);
    ids.add(id);
    texts.add(key);
    examples.push({ id, text: row.text, categories: row.categories as Category[], lang: row.lang });
  });
  return examples;
}

export function splitExamples(examples: readonly Example[]): Record<Split, Example[]> {
  const out: Record<Split, Example[]> = { train: [], test: [] };
  for (const example of examples) out[splitOf(example.text)].push(example);
  return out;
}

/** sha256 of the file's bytes, recorded with the model so a model can be traced to its data. */
export function fileSha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Counts per category (and of healthy examples), for the guide and the eval header. */
export function categoryCounts(examples: readonly Example[]): Record<Category | 'none', number> {
  const counts = Object.fromEntries([...CATEGORIES, 'none'].map((c) => [c, 0])) as Record<Category | 'none', number>;
  for (const example of examples) {
    if (example.categories.length === 0) counts.none++;
    for (const category of example.categories) counts[category]++;
  }
  return counts;
}
