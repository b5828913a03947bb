/**
 * @module inference/model-runner
 * What the server does with one model: turn a request's texts or vectors into rows (featurized in JS, per request,
 * so a bad input fails alone before it joins a batch), and run a batch of rows through the session in one
 * `session.run`, giving back each row's labels sorted by score.
 */
import { Tensor } from 'onnxruntime-node';
import { FeatureInputError, checkVector, featurizeText, packTextTensors, type SparseFeatures } from './featurize.ts';
import { MAX_ITEMS_PER_REQUEST, MAX_TEXT_CHARS, type ClassifyResult } from './protocol.ts';
import type { LoadedModel } from './model-registry.ts';
import { activate } from './train-logreg.ts';

/** One input, ready for a batch: a text's features or a vector. */
export type ModelRow = SparseFeatures | Float32Array;

/**
 * A request's inputs as rows for `model`.
 * @throws FeatureInputError when they do not fit the model (the server answers `BAD_INPUT`).
 */
export function prepareRows(model: LoadedModel, texts: readonly unknown[] | undefined, vectors: readonly unknown[] | undefined): ModelRow[] {
  const { sidecar } = model;
  if ((texts === undefined) === (vectors === undefined)) throw new FeatureInputError('give exactly one of "texts" or "vectors"');
  const inputs = texts ?? vectors ?? [];
  if (inputs.length > MAX_ITEMS_PER_REQUEST) {
    throw new FeatureInputError(`at most ${MAX_ITEMS_PER_REQUEST} inputs per request, got ${inputs.length}`);
  }
  const featurizer = sidecar.featurizer;
  if (featurizer.type === 'vector') {
    if (vectors === undefined) throw new FeatureInputError(`model "${model.name}" takes vectors of ${featurizer.dim} numbers, not texts`);
    return vectors.map((vector, i) => checkVector(vector, featurizer.dim, i));
  }
  if (texts === undefined) throw new FeatureInputError(`model "${model.name}" takes texts, not vectors`);
  return texts.map((text, i) => {
    if (typeof text !== 'string') throw new FeatureInputError(`texts[${i}] must be a string`);
    if (text.length > MAX_TEXT_CHARS) throw new FeatureInputError(`texts[${i}] is longer than ${MAX_TEXT_CHARS} characters`);
    return featurizeText(text, featurizer);
  });
}

/** Runs rows prepared by `prepareRows` for the same model; one result per row, in order. */
export async function runRows(model: LoadedModel, rows: readonly ModelRow[]): Promise<ClassifyResult[]> {
  const { sidecar, session } = model;
  const feeds = feedsFor(model, rows);
  const scoresName = sidecar.outputs.scores;
  const outputs = await session.run(feeds, [scoresName]);
  const scores = outputs[scoresName];
  const classes = sidecar.labels.length;
  if (scores === undefined || scores.type !== 'float32' || scores.size !== rows.length * classes) {
    throw new Error(`output "${scoresName}" has ${scores?.size ?? 0} ${scores?.type ?? ''} values; expected ${rows.length} × ${classes} float32`);
  }
  const data = scores.data as Float32Array;
  return rows.map((_, r) => {
    let row: ArrayLike<number> = data.subarray(r * classes, (r + 1) * classes);
    if (sidecar.applyActivation) row = activate(Float64Array.from(row), sidecar.activation);
    return { labels: sortedLabels(sidecar.labels, row) };
  });
}

function feedsFor(model: LoadedModel, rows: readonly ModelRow[]): Record<string, Tensor> {
  const { sidecar } = model;
  const featurizer = sidecar.featurizer;
  const [first = '', second = ''] = sidecar.inputs;
  if (featurizer.type === 'vector') {
    const data = new Float32Array(rows.length * featurizer.dim);
    rows.forEach((row, r) => data.set(row as Float32Array, r * featurizer.dim));
    return { [first]: new Tensor('float32', data, [rows.length, featurizer.dim]) };
  }
  const packed = packTextTensors(rows as SparseFeatures[], featurizer.topK);
  return {
    [first]: new Tensor('int64', packed.idx, [packed.batch, packed.topK]),
    [second]: new Tensor('float32', packed.val, [packed.batch, packed.topK, 1]),
  };
}

function sortedLabels(labels: readonly string[], scores: ArrayLike<number>): ClassifyResult['labels'] {
  return labels
    .map((label, i) => ({ label, score: scores[i] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
}
