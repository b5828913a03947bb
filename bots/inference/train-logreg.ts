/**
 * @module inference/train-logreg
 * Small classifiers trained in plain TypeScript, deterministically (seeded PRNG, fixed order of operations):
 * - logistic regression on sparse features (hashed n-grams) or dense vectors, multinomial (`softmax`, one label per
 *   example) or multi-label one-vs-rest (`sigmoid`, any number of labels per example);
 * - a one-hidden-layer MLP (ReLU) for dense vectors such as hand landmarks.
 * Training is SGD with L2 on the weights (not the biases). Weights are float32, the precision the ONNX graph runs
 * in, so `forward` here is the reference an exported graph is checked against.
 */
import type { SparseFeatures } from './featurize.ts';

export type Activation = 'softmax' | 'sigmoid';

/** A fully connected layer: y = x · W + b, with W row-major [inputs, outputs]. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** Layers applied in order, ReLU between them, `activation` at the end. */
export interface TrainedNetwork {
  readonly layers: readonly DenseLayer[];
  readonly activation: Activation;
}

export interface TrainingExample {
  readonly features: SparseFeatures;
  /** Class indices: exactly one for `softmax`, any number (none included) for `sigmoid`. */
  readonly labels: readonly number[];
}

export interface TrainOptions {
  readonly inputs: number;
  readonly classes: number;
  readonly activation: Activation;
  /** Units of the hidden layer; 0 or absent: plain logistic regression. */
  readonly hidden?: number;
  /** @default 30 */
  readonly epochs?: number;
  /** @default 0.5 (logistic regression), 0.05 (MLP) */
  readonly learningRate?: number;
  /** L2 penalty per example step. @default 1e-5 */
  readonly l2?: number;
  /** @default 1 */
  readonly seed?: number;
  /**
   * Logistic regression only: train this many times (seeds `seed`, `seed + 1`, …, each a different shuffle order) and
   * average the weights. SGD on a few thousand examples moves with the shuffle order; for a linear model the
   * average of the weights is exactly the average of the logits, so it stays one layer. @default 1
   */
  readonly average?: number;
}

/** mulberry32: a small, fast, seeded PRNG with good enough statistics for shuffling and initialisation. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fisher–Yates with the given PRNG. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}

/** A dense vector as sparse features (every position), so one trainer serves text and vectors. */
export function denseFeatures(vector: ArrayLike<number>): SparseFeatures {
  const indices = new Int32Array(vector.length);
  const values = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    indices[i] = i;
    values[i] = vector[i] ?? 0;
  }
  return { indices, values };
}

export function trainClassifier(examples: readonly TrainingExample[], options: TrainOptions): TrainedNetwork {
  checkExamples(examples, options);
  const hidden = options.hidden ?? 0;
  const layers = hidden > 0 ? trainMlp(examples, options, hidden) : [averagedLinear(examples, options)];
  return { layers, activation: options.activation };
}

/** Class probabilities (or independent label probabilities for `sigmoid`) of one input. */
export function forward(network: TrainedNetwork, features: SparseFeatures): Float64Array {
  const [first, ...rest] = network.layers;
  if (first === undefined) throw new Error('a network needs at least one layer');
  let activations = sparseLayer(first, features);
  for (const layer of rest) activations = denseLayer(layer, relu(activations));
  return activate(activations, network.activation);
}

export function activate(logits: Float64Array, activation: Activation): Float64Array {
  const out = new Float64Array(logits.length);
  if (activation === 'sigmoid') {
    logits.forEach((z, i) => (out[i] = 1 / (1 + Math.exp(-z))));
    return out;
  }
  const max = Math.max(...logits);
  let sum = 0;
  logits.forEach((z, i) => {
    out[i] = Math.exp(z - max);
    sum += out[i] ?? 0;
  });
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

// ------------------------------------------------------------------ logistic regression

/**
 * SGD with the weight-scale trick (Bottou): W = scale · V, so the L2 decay of every weight is one multiplication of
 * `scale` and each step touches only the rows of the example's features (32k × classes weights stay cheap).
 */
function trainLinear(examples: readonly TrainingExample[], options: TrainOptions): DenseLayer {
  const { inputs, classes, activation } = options;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-5;
  const random = seededRandom(options.seed ?? 1);
  const stored = new Float64Array(inputs * classes);
  const bias = new Float64Array(classes);
  let scale = 1;
  const order = examples.map((_, i) => i);
  const logits = new Float64Array(classes);
  for (let epoch = 0; epoch < (options.epochs ?? 30); epoch++) {
    for (const i of shuffle(order, random)) {
      const { features, labels } = examples[i] as TrainingExample;
      logits.set(bias);
      features.indices.forEach((j, k) => {
        const v = (features.values[k] ?? 0) * scale;
        for (let c = 0; c < classes; c++) logits[c] = (logits[c] ?? 0) + v * (stored[j * classes + c] ?? 0);
      });
      const gradient = outputGradient(activate(logits, activation), labels);
      scale *= 1 - rate * l2;
      features.indices.forEach((j, k) => {
        const step = (rate * (features.values[k] ?? 0)) / scale;
        for (let c = 0; c < classes; c++) stored[j * classes + c] = (stored[j * classes + c] ?? 0) - step * (gradient[c] ?? 0);
      });
      gradient.forEach((g, c) => (bias[c] = (bias[c] ?? 0) - rate * g));
      if (scale < 1e-6) {
        for (let w = 0; w < stored.length; w++) stored[w] = (stored[w] ?? 0) * scale;
        scale = 1;
      }
    }
  }
  const weights = new Float32Array(inputs * classes);
  stored.forEach((w, i) => (weights[i] = w * scale));
  return { inputs, outputs: classes, weights, bias: Float32Array.from(bias) };
}

/** `average` linear models from consecutive seeds, weights and biases averaged. */
function averagedLinear(examples: readonly TrainingExample[], options: TrainOptions): DenseLayer {
  const runs = Math.max(1, Math.floor(options.average ?? 1));
  if (runs === 1) return trainLinear(examples, options);
  const seed = options.seed ?? 1;
  const layers = Array.from({ length: runs }, (_, r) => trainLinear(examples, { ...options, seed: seed + r }));
  const first = layers[0]!;
  const weights = new Float32Array(first.weights.length);
  const bias = new Float32Array(first.bias.length);
  for (const layer of layers) {
    layer.weights.forEach((w, i) => (weights[i] = (weights[i] ?? 0) + w / runs));
    layer.bias.forEach((b, i) => (bias[i] = (bias[i] ?? 0) + b / runs));
  }
  return { inputs: first.inputs, outputs: first.outputs, weights, bias };
}

/** d(cross-entropy)/d(logits) = p − y, for softmax with one label and for one-vs-rest sigmoids alike. */
function outputGradient(probabilities: Float64Array, labels: readonly number[]): Float64Array {
  const gradient = Float64Array.from(probabilities);
  for (const label of labels) gradient[label] = (gradient[label] ?? 0) - 1;
  return gradient;
}

// ------------------------------------------------------------------ MLP

function trainMlp(examples: readonly TrainingExample[], options: TrainOptions, hidden: number): DenseLayer[] {
  const { inputs, classes, activation } = options;
  const rate = options.learningRate ?? 0.05;
  const l2 = options.l2 ?? 1e-5;
  const random = seededRandom(options.seed ?? 1);
  const first = initLayer(inputs, hidden, random);
  const second = initLayer(hidden, classes, random);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < (options.epochs ?? 30); epoch++) {
    for (const i of shuffle(order, random)) {
      const { features, labels } = examples[i] as TrainingExample;
      const pre = sparseLayer(first, features);
      const h = relu(pre);
      const gradOut = outputGradient(activate(denseLayer(second, h), activation), labels);
      // Back through the output layer before it changes.
      const gradHidden = new Float64Array(hidden);
      for (let u = 0; u < hidden; u++) {
        if ((pre[u] ?? 0) <= 0) continue;
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += (second.weights[u * classes + c] ?? 0) * (gradOut[c] ?? 0);
        gradHidden[u] = sum;
      }
      step(second, (u) => h[u] ?? 0, range(hidden), gradOut, rate, l2);
      step(first, (k) => features.values[k] ?? 0, features.indices, gradHidden, rate, l2);
    }
  }
  return [first, second];
}

function initLayer(inputs: number, outputs: number, random: () => number): DenseLayer & { weights: Float32Array } {
  const limit = Math.sqrt(6 / (inputs + outputs)); // Glorot uniform
  const weights = new Float32Array(inputs * outputs);
  for (let i = 0; i < weights.length; i++) weights[i] = (random() * 2 - 1) * limit;
  return { inputs, outputs, weights, bias: new Float32Array(outputs) };
}

/** One SGD step on a layer: rows `rows` of W (input values from `inputAt(position)`), all of b. */
function step(
  layer: DenseLayer,
  inputAt: (position: number) => number,
  rows: ArrayLike<number>,
  gradient: Float64Array,
  rate: number,
  l2: number,
): void {
  const { outputs, weights, bias } = layer;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k] ?? 0;
    const x = inputAt(k);
    for (let o = 0; o < outputs; o++) {
      const w = weights[row * outputs + o] ?? 0;
      weights[row * outputs + o] = w - rate * ((gradient[o] ?? 0) * x + l2 * w);
    }
  }
  gradient.forEach((g, o) => (bias[o] = (bias[o] ?? 0) - rate * g));
}

const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

// ------------------------------------------------------------------ forward helpers

/** x · W + b for sparse x, accumulated in float64 from float32 weights. */
function sparseLayer(layer: DenseLayer, features: SparseFeatures): Float64Array {
  const out = Float64Array.from(layer.bias);
  features.indices.forEach((j, k) => {
    const v = features.values[k] ?? 0;
    for (let o = 0; o < layer.outputs; o++) out[o] = (out[o] ?? 0) + v * (layer.weights[j * layer.outputs + o] ?? 0);
  });
  return out;
}

function denseLayer(layer: DenseLayer, x: Float64Array): Float64Array {
  const out = Float64Array.from(layer.bias);
  x.forEach((v, j) => {
    if (v === 0) return;
    for (let o = 0; o < layer.outputs; o++) out[o] = (out[o] ?? 0) + v * (layer.weights[j * layer.outputs + o] ?? 0);
  });
  return out;
}

function relu(x: Float64Array): Float64Array {
  return x.map((v) => (v > 0 ? v : 0));
}

function checkExamples(examples: readonly TrainingExample[], options: TrainOptions): void {
  if (examples.length === 0) throw new Error('train: no examples');
  if (!(options.classes >= 1) || !(options.inputs >= 1)) throw new Error('train: inputs and classes must be positive');
  examples.forEach((example, i) => {
    if (options.activation === 'softmax' && example.labels.length !== 1) {
      throw new Error(`train: example ${i} has ${example.labels.length} labels; softmax needs exactly one`);
    }
    for (const label of example.labels) {
      if (!Number.isInteger(label) || label < 0 || label >= options.classes) throw new Error(`train: example ${i} has label ${label}`);
    }
    for (const j of example.features.indices) {
      if (j < 0 || j >= options.inputs) throw new Error(`train: example ${i} has feature ${j} outside [0, ${options.inputs})`);
    }
  });
}
