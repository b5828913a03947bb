/**
 * @module inference/featurize
 * Turns model inputs into tensors, with pure, deterministic functions (the same text gives the same bytes on every
 * machine, in training and in serving).
 *
 * Text (`hashed-ngrams`), the fallback pipeline of `shared/research/models.md` §5:
 * 1. normalise: Unicode NFD, combining marks removed (á → a, ñ → n), lower case;
 * 2. tokens: runs of letters and digits (`[\p{L}\p{N}]+`); everything else separates them;
 * 3. features: char n-grams (2–4) over the tokens joined by single spaces with a space on each side (so word edges
 *    are features), word unigrams and word bigrams; each kind has its own prefix (`c:`, `w:`, `b:`) so a word never
 *    collides with the char n-gram of the same letters by construction;
 * 4. hashing: FNV-1a 32-bit over the feature's UTF-8 bytes, modulo `dims`;
 * 5. weights: log(1 + count) per bucket, L2-normalised over all buckets, then the `topK` largest kept (ties: the
 *    smaller bucket first). The kept weights are not renormalised.
 *
 * The ONNX graph takes `idx` int64 [N, K] (bucket numbers, padded with 0) and `val` float32 [N, K, 1] (weights,
 * padded with 0, so padding adds nothing).
 *
 * Vectors (`vector`): float32 [N, dim], e.g. 21 hand landmarks × (x, y, z) = 63.
 */

export interface HashedNgramsFeaturizer {
  readonly type: 'hashed-ngrams';
  /** Hash buckets (rows of the weight matrix). */
  readonly dims: number;
  /** Features kept per text (the K of `idx` [N, K]). */
  readonly topK: number;
  /** Inclusive range of char n-gram lengths. */
  readonly charNgrams: readonly [number, number];
  /** Inclusive range of word n-gram lengths. */
  readonly wordNgrams: readonly [number, number];
  readonly normalization: 'nfd-strip-lowercase';
  readonly hash: 'fnv1a32';
}

export interface VectorFeaturizer {
  readonly type: 'vector';
  readonly dim: number;
}

export type FeaturizerConfig = HashedNgramsFeaturizer | VectorFeaturizer;

/** models.md §5: D = 32,768 buckets, K = 256 kept features. */
export const DEFAULT_TEXT_FEATURIZER: HashedNgramsFeaturizer = Object.freeze({
  type: 'hashed-ngrams',
  dims: 32_768,
  topK: 256,
  charNgrams: [2, 4] as const,
  wordNgrams: [1, 2] as const,
  normalization: 'nfd-strip-lowercase',
  hash: 'fnv1a32',
});

/** One text's kept features, in the order they go into the tensor (weight descending). */
export interface SparseFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** The two inputs of a hashed-n-gram graph, row-major. */
export interface TextTensors {
  readonly batch: number;
  readonly topK: number;
  /** [batch, topK] */
  readonly idx: BigInt64Array;
  /** [batch, topK, 1] */
  readonly val: Float32Array;
}

/** An input the featurizer cannot take; the server answers it with `BAD_INPUT`. */
export class FeatureInputError extends Error {
  override readonly name = 'FeatureInputError';
}

const COMBINING_MARKS = /\p{M}+/gu;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** NFD, combining marks stripped, lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a 32-bit of the UTF-8 bytes of `text` (unsigned). Encodes inline: no allocation per feature. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  const mix = (byte: number) => {
    hash = Math.imul(hash ^ byte, FNV_PRIME) >>> 0;
  };
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) mix(code);
    else if (code < 0x800) {
      mix(0xc0 | (code >> 6));
      mix(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      mix(0xe0 | (code >> 12));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    } else {
      mix(0xf0 | (code >> 18));
      mix(0x80 | ((code >> 12) & 0x3f));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    }
  }
  return hash >>> 0;
}

/** The feature strings of a text, before hashing (exported for inspection and tests). */
export function textFeatures(text: string, config: HashedNgramsFeaturizer = DEFAULT_TEXT_FEATURIZER): string[] {
  const tokens = tokenize(normalizeText(text));
  const features: string[] = [];
  if (tokens.length === 0) return features;
  const [minWord, maxWord] = config.wordNgrams;
  for (let n = minWord; n <= maxWord; n++) {
    const prefix = n === 1 ? 'w:' : n === 2 ? 'b:' : `w${n}:`;
    for (let i = 0; i + n <= tokens.length; i++) features.push(prefix + tokens.slice(i, i + n).join(' '));
  }
  const chars = Array.from(` ${tokens.join(' ')} `);
  const [minChar, maxChar] = config.charNgrams;
  for (let n = minChar; n <= maxChar; n++) {
    for (let i = 0; i + n <= chars.length; i++) features.push(`c:${chars.slice(i, i + n).join('')}`);
  }
  return features;
}

/** One text → its `topK` heaviest hashed features. */
export function featurizeText(text: string, config: HashedNgramsFeaturizer = DEFAULT_TEXT_FEATURIZER): SparseFeatures {
  const counts = new Map<number, number>();
  for (const feature of textFeatures(text, config)) {
    const bucket = fnv1a32(feature) % config.dims;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const weighted = [...counts].map(([bucket, count]) => [bucket, Math.log1p(count)] as const);
  const norm = Math.sqrt(weighted.reduce((sum, [, w]) => sum + w * w, 0));
  weighted.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const kept = weighted.slice(0, config.topK);
  const indices = new Int32Array(kept.length);
  const values = new Float32Array(kept.length);
  kept.forEach(([bucket, weight], i) => {
    indices[i] = bucket;
    values[i] = weight / norm;
  });
  return { indices, values };
}

/** Packs featurized texts into the graph's `idx` / `val` inputs, padding each row to `topK`. */
export function packTextTensors(rows: readonly SparseFeatures[], topK: number): TextTensors {
  const idx = new BigInt64Array(rows.length * topK);
  const val = new Float32Array(rows.length * topK);
  rows.forEach((row, r) => {
    const count = Math.min(row.indices.length, topK);
    for (let k = 0; k < count; k++) {
      idx[r * topK + k] = BigInt(row.indices[k] ?? 0);
      val[r * topK + k] = row.values[k] ?? 0;
    }
  });
  return { batch: rows.length, topK, idx, val };
}

/** Texts → tensors in one call. */
export function featurizeTexts(texts: readonly string[], config: HashedNgramsFeaturizer = DEFAULT_TEXT_FEATURIZER): TextTensors {
  return packTextTensors(
    texts.map((text) => featurizeText(text, config)),
    config.topK,
  );
}

/**
 * Checks one vector (array of finite numbers of length `dim`) and returns it as float32.
 * @throws FeatureInputError naming what is wrong.
 */
export function checkVector(vector: unknown, dim: number, position = 0): Float32Array {
  if (!Array.isArray(vector) && !(vector instanceof Float32Array) && !(vector instanceof Float64Array)) {
    throw new FeatureInputError(`vectors[${position}] must be an array of ${dim} numbers`);
  }
  if (vector.length !== dim) throw new FeatureInputError(`vectors[${position}] has ${vector.length} numbers, the model takes ${dim}`);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) {
    const value: unknown = vector[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new FeatureInputError(`vectors[${position}][${i}] must be a finite number`);
    }
    out[i] = value;
  }
  return out;
}

/** Vectors → float32 [N, dim], row-major. @throws FeatureInputError */
export function packVectors(vectors: readonly (readonly number[] | Float32Array)[], dim: number): Float32Array {
  const out = new Float32Array(vectors.length * dim);
  vectors.forEach((vector, row) => out.set(checkVector(vector, dim, row), row * dim));
  return out;
}
