/**
 * @module inference/build-model
 * From labelled examples to a servable model in one call: featurize, train, export ONNX, describe it in a sidecar.
 * Save the result with `saveModel(dir, built.sidecar.name, built.onnx, built.sidecar)`.
 *
 * @example
 * const built = buildTextModel({ name: 'red-flags', version: '1.0.0', activation: 'sigmoid',
 *   examples: [{ text: '¿Con quién hablabas?', labels: ['control'] }, { text: 'hola', labels: [] }, ...] });
 * await saveModel('models', 'red-flags', built.onnx, built.sidecar);
 */
import {
  DEFAULT_TEXT_FEATURIZER,
  checkVector,
  featurizeText,
  type HashedNgramsFeaturizer,
} from './featurize.ts';
import { OUTPUTS, TEXT_INPUTS, VECTOR_INPUTS, exportTextModel, exportVectorModel } from './export-onnx.ts';
import type { Sidecar } from './model-files.ts';
import { SIDECAR_FORMAT } from './model-files.ts';
import {
  denseFeatures,
  trainClassifier,
  type Activation,
  type TrainedNetwork,
  type TrainingExample,
} from './train-logreg.ts';

export interface LabelledText {
  readonly text: string;
  /** One label (softmax) or a list (sigmoid; an empty list is a negative example). */
  readonly labels: string | readonly string[];
}

export interface LabelledVector {
  readonly vector: readonly number[];
  readonly labels: string | readonly string[];
}

interface BuildOptionsBase {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly activation: Activation;
  /** Label order of the model's outputs. @default the labels in order of first appearance */
  readonly labels?: readonly string[];
  readonly hidden?: number;
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly l2?: number;
  readonly seed?: number;
  /** Logistic regression: average the weights of this many seeds (train-logreg.ts). */
  readonly average?: number;
  /** Copied to the sidecar's `training`. */
  readonly training?: Record<string, unknown>;
}

export interface BuildTextOptions extends BuildOptionsBase {
  readonly examples: readonly LabelledText[];
  readonly featurizer?: HashedNgramsFeaturizer;
}

export interface BuildVectorOptions extends BuildOptionsBase {
  readonly examples: readonly LabelledVector[];
  readonly dim: number;
}

export interface BuiltModel {
  readonly network: TrainedNetwork;
  readonly onnx: Uint8Array;
  readonly sidecar: Sidecar;
}

export function buildTextModel(options: BuildTextOptions): BuiltModel {
  const featurizer = options.featurizer ?? DEFAULT_TEXT_FEATURIZER;
  const labels = labelOrder(options);
  const examples: TrainingExample[] = options.examples.map((example) => ({
    features: featurizeText(example.text, featurizer),
    labels: labelIndices(example.labels, labels),
  }));
  const network = trainClassifier(examples, trainOptions(options, featurizer.dims, labels.length));
  const sidecar = sidecarFor(options, 'text', labels, { ...featurizer, charNgrams: [...featurizer.charNgrams], wordNgrams: [...featurizer.wordNgrams] }, [...TEXT_INPUTS]);
  const onnx = exportTextModel(network, featurizer.topK, { name: options.name, metadata: metadataOf(sidecar) });
  return { network, onnx, sidecar };
}

export function buildVectorModel(options: BuildVectorOptions): BuiltModel {
  const labels = labelOrder(options);
  const examples: TrainingExample[] = options.examples.map((example, i) => ({
    features: denseFeatures(checkVector(example.vector, options.dim, i)),
    labels: labelIndices(example.labels, labels),
  }));
  const network = trainClassifier(examples, trainOptions(options, options.dim, labels.length));
  const sidecar = sidecarFor(options, 'vector', labels, { type: 'vector', dim: options.dim }, [...VECTOR_INPUTS]);
  const onnx = exportVectorModel(network, { name: options.name, metadata: metadataOf(sidecar) });
  return { network, onnx, sidecar };
}

function trainOptions(options: BuildOptionsBase, inputs: number, classes: number) {
  return {
    inputs,
    classes,
    activation: options.activation,
    ...(options.hidden === undefined ? {} : { hidden: options.hidden }),
    ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
    ...(options.learningRate === undefined ? {} : { learningRate: options.learningRate }),
    ...(options.l2 === undefined ? {} : { l2: options.l2 }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.average === undefined ? {} : { average: options.average }),
  };
}

function sidecarFor(
  options: BuildOptionsBase,
  kind: 'text' | 'vector',
  labels: readonly string[],
  featurizer: Sidecar['featurizer'],
  inputs: string[],
): Sidecar {
  return {
    format: SIDECAR_FORMAT,
    name: options.name,
    version: options.version,
    ...(options.description === undefined ? {} : { description: options.description }),
    kind,
    labels: [...labels],
    activation: options.activation,
    featurizer,
    inputs,
    outputs: { scores: OUTPUTS.scores, logits: OUTPUTS.logits },
    applyActivation: false,
    ...(options.training === undefined ? {} : { training: options.training }),
  };
}

function metadataOf(sidecar: Sidecar): Record<string, string> {
  return {
    labels: JSON.stringify(sidecar.labels),
    activation: sidecar.activation,
    featurizer: JSON.stringify(sidecar.featurizer),
    version: sidecar.version,
  };
}

function labelOrder(options: BuildOptionsBase & { readonly examples: readonly { readonly labels: string | readonly string[] }[] }): string[] {
  if (options.labels !== undefined) return [...options.labels];
  const seen = new Set<string>();
  for (const example of options.examples) for (const label of asList(example.labels)) seen.add(label);
  return [...seen];
}

function labelIndices(labels: string | readonly string[], order: readonly string[]): number[] {
  return asList(labels).map((label) => {
    const index = order.indexOf(label);
    if (index < 0) throw new Error(`train: label "${label}" is not in the model's labels (${order.join(', ')})`);
    return index;
  });
}

const asList = (labels: string | readonly string[]): readonly string[] => (typeof labels === 'string' ? [labels] : labels);
