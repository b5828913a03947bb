/**
 * @module safety/dataset
 * The project's crisis dataset (`data/crisis.es-en.jsonl`, labelling guide in `data/README.md`): loading, checking,
 * and the deterministic train/test split. An example goes to the held-out test split when the FNV-1a hash of its
 * *normalised* text (accents stripped, lower case, punctuation collapsed) falls in the lowest `TEST_PERCENT` of 100
 * buckets, so spelling variants that differ only in accents or case always land in the same split, and adding
 * examples never moves existing ones between splits.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fnv1a32 } from '../inference/featurize.ts';
import { RISK_LEVELS, type RiskLevel } from '../../plugins/safety/levels.ts';

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
export const DATASET_FILE = path.join(DATA_DIR, 'crisis.es-en.jsonl');
export const UNSEEN_FILE = path.join(DATA_DIR, 'crisis.unseen.jsonl');
/** The third never-seen set, frozen (sha256 in data/README.md) before any v3 change. */
export const UNSEEN_V3_FILE = path.join(DATA_DIR, 'crisis.unseen-v3.jsonl');
/**
 * The fourth never-seen set, written by someone else while model 1.3.0 was built and evaluated once with it (recall
 * 85.6%, FPR 6.7%); retired in v5, when its errors were read: since then a second dev set (binary labels).
 */
export const RETIRED_V4_FILE = path.join(DATA_DIR, 'history', 'crisis.unseen-v4.jsonl');
/**
 * The fifth never-seen set, written by an independent writer who never saw the data, the other sets or the model;
 * frozen (sha256 in data/README.md) before any v5 change was evaluated. Evaluated once per model, aggregates only.
 */
export const UNSEEN_V5_FILE = path.join(DATA_DIR, 'crisis.unseen-v5.jsonl');
/**
 * Background chat (since v5): ordinary everyday messages with no risk vocabulary at all ("me pido una arepa", "can
 * you explain the pythagorean theorem?"), all `none`. Training only: it teaches the classifier that plain chat is not
 * a crisis (without it, a short message with no informative words scored the training set's 45% crisis prior). It
 * is not part of the held-out split nor of threshold selection, so it cannot flatter either.
 */
export const BACKGROUND_FILE = path.join(DATA_DIR, 'crisis.background.jsonl');
/** Written for error analysis while building v3 (and extended for v4); never trained on. */
export const DEV_FILE = path.join(DATA_DIR, 'crisis.dev.jsonl');
/** Bumped with every change to the dataset file (see data/README.md, changelog). */
export const DATASET_VERSION = 'crisis-es-en@5';
export const TEST_PERCENT = 20;

export type Lang = 'es' | 'en';

export interface CrisisExample {
  readonly text: string;
  readonly label: RiskLevel;
  readonly lang: Lang;
  readonly source: string;
}

/** The text as the split sees it: NFD, marks stripped, lower case, anything but letters and digits collapsed. */
export function splitKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function isTestExample(text: string): boolean {
  return fnv1a32(splitKey(text)) % 100 < TEST_PERCENT;
}

/**
 * Sets written with a binary label (unseen v4: `"crisis"` or `"none"`) load with `crisis` read as `medium`, the
 * lowest level that counts as a crisis, so recall and false-positive rate are exact; their level confusion is not.
 */
const BINARY_LABELS: Readonly<Record<string, RiskLevel>> = { crisis: 'medium', none: 'none' };

/** Reads a JSONL file of examples. @throws naming the line of the first bad example. */
export function loadExamples(file: string, options: { binaryLabels?: boolean } = {}): CrisisExample[] {
  const examples: CrisisExample[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${path.basename(file)}:${i + 1}`;
      let raw: Partial<CrisisExample>;
      try {
        raw = JSON.parse(line) as Partial<CrisisExample>;
      } catch (error) {
        throw new Error(`${where}: not JSON (${(error as Error).message})`);
      }
      if (typeof raw.text !== 'string' || raw.text.trim() === '') throw new Error(`${where}: "text" must be a non-empty string`);
      const label = options.binaryLabels ? (BINARY_LABELS[String(raw.label)] ?? raw.label) : raw.label;
      if (!RISK_LEVELS.includes(label as RiskLevel)) throw new Error(`${where}: "label" must be one of ${RISK_LEVELS.join(', ')}`);
      if (raw.lang !== 'es' && raw.lang !== 'en') throw new Error(`${where}: "lang" must be "es" or "en"`);
      examples.push({ text: raw.text, label: label as RiskLevel, lang: raw.lang, source: typeof raw.source === 'string' ? raw.source : 'written' });
    });
  return examples;
}

export interface Split {
  readonly train: CrisisExample[];
  readonly test: CrisisExample[];
}

export function splitExamples(examples: readonly CrisisExample[]): Split {
  const train: CrisisExample[] = [];
  const test: CrisisExample[] = [];
  for (const example of examples) (isTestExample(example.text) ? test : train).push(example);
  return { train, test };
}

export function loadSplit(file = DATASET_FILE): Split {
  return splitExamples(loadExamples(file));
}
