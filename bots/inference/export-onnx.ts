/**
 * @module inference/export-onnx
 * Writes trained networks as ONNX models (IR 8, opset 13) with `onnx-proto`, the ONNX protobuf schema compiled for
 * protobufjs. Two graph layouts:
 *
 * - **text** (hashed n-grams, sparse-friendly: never materialises the [N, D] input):
 *   `idx` int64 [N, K], `val` float [N, K, 1] →
 *   `Gather(W[D, C], idx)` [N, K, C] → `Mul(val)` → `ReduceSum(axis 1)` [N, C] → `Add(b)` = `logits` →
 *   `Softmax` | `Sigmoid` = `probs`. An extra hidden layer, when trained, follows as `Relu` → `Gemm`.
 * - **vector**: `x` float [N, dim] → `Gemm(W1, b1)` [→ `Relu` → `Gemm(W2, b2)`] = `logits` → activation = `probs`.
 *
 * The batch dimension is symbolic (`N`), so one session serves any batch size. Labels and the featurizer are also
 * written to `metadata_props`, but onnxruntime-node does not expose them: the sidecar JSON is what the server reads.
 */
import onnxProto from 'onnx-proto';
import type { Activation, DenseLayer, TrainedNetwork } from './train-logreg.ts';

const { onnx } = onnxProto;
type NodeProto = InstanceType<typeof onnx.NodeProto>;
type TensorProto = InstanceType<typeof onnx.TensorProto>;

export const IR_VERSION = 8;
export const OPSET = 13;
export const PRODUCER = 'mentalia-inference';

/** Tensor names of the exported graphs (the sidecar repeats them). */
export const TEXT_INPUTS = ['idx', 'val'] as const;
export const VECTOR_INPUTS = ['x'] as const;
export const OUTPUTS = { scores: 'probs', logits: 'logits' } as const;

export interface ExportOptions {
  /** Graph name; also in the model's metadata. */
  readonly name: string;
  /** Written to `metadata_props` for tools that can read them (netron, onnx.load). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** A hashed-n-gram network (first layer over `dims` buckets) → ONNX bytes. */
export function exportTextModel(network: TrainedNetwork, topK: number, options: ExportOptions): Uint8Array {
  const [first, ...rest] = network.layers;
  if (first === undefined) throw new Error('export: a network needs at least one layer');
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [
    floatTensor('W0', [first.inputs, first.outputs], first.weights),
    floatTensor('b0', [first.outputs], first.bias),
    int64Tensor('reduce_axes', [1], [1]),
  ];
  nodes.push(
    node('Gather', ['W0', 'idx'], ['gathered'], 'gather_rows'),
    node('Mul', ['gathered', 'val'], ['weighted'], 'weight_rows'),
    node('ReduceSum', ['weighted', 'reduce_axes'], ['summed'], 'sum_rows', [intAttribute('keepdims', 0)]),
  );
  const lastLayer = rest.length === 0 ? OUTPUTS.logits : 'layer0';
  nodes.push(node('Add', ['summed', 'b0'], [lastLayer], 'add_bias0'));
  appendHiddenLayers(rest, 'layer0', 1, nodes, initializers);
  appendActivation(network.activation, nodes);
  const classes = network.layers.at(-1)?.outputs ?? first.outputs;
  const inputs = [
    valueInfo(TEXT_INPUTS[0], onnx.TensorProto.DataType.INT64, ['N', topK]),
    valueInfo(TEXT_INPUTS[1], onnx.TensorProto.DataType.FLOAT, ['N', topK, 1]),
  ];
  return encodeModel(nodes, initializers, inputs, classes, options);
}

/** A network over dense vectors → ONNX bytes (Gemm layers). */
export function exportVectorModel(network: TrainedNetwork, options: ExportOptions): Uint8Array {
  const [first] = network.layers;
  if (first === undefined) throw new Error('export: a network needs at least one layer');
  const nodes: NodeProto[] = [];
  const initializers: TensorProto[] = [];
  network.layers.forEach((layer, i) => {
    const input = i === 0 ? VECTOR_INPUTS[0] : `hidden${i - 1}`;
    if (i > 0) nodes.push(node('Relu', [`layer${i - 1}`], [input], `relu${i - 1}`));
    const output = i === network.layers.length - 1 ? OUTPUTS.logits : `layer${i}`;
    initializers.push(floatTensor(`W${i}`, [layer.inputs, layer.outputs], layer.weights), floatTensor(`b${i}`, [layer.outputs], layer.bias));
    nodes.push(node('Gemm', [input, `W${i}`, `b${i}`], [output], `gemm${i}`));
  });
  appendActivation(network.activation, nodes);
  const classes = network.layers.at(-1)?.outputs ?? first.outputs;
  const inputs = [valueInfo(VECTOR_INPUTS[0], onnx.TensorProto.DataType.FLOAT, ['N', first.inputs])];
  return encodeModel(nodes, initializers, inputs, classes, options);
}

/** Layers after the first of a text network: Relu → Gemm each, the last one writing `logits`. */
function appendHiddenLayers(layers: readonly DenseLayer[], input: string, offset: number, nodes: NodeProto[], initializers: TensorProto[]): void {
  let previous = input;
  layers.forEach((layer, i) => {
    const n = offset + i;
    const output = i === layers.length - 1 ? OUTPUTS.logits : `layer${n}`;
    initializers.push(floatTensor(`W${n}`, [layer.inputs, layer.outputs], layer.weights), floatTensor(`b${n}`, [layer.outputs], layer.bias));
    nodes.push(node('Relu', [previous], [`hidden${n - 1}`], `relu${n - 1}`));
    nodes.push(node('Gemm', [`hidden${n - 1}`, `W${n}`, `b${n}`], [output], `gemm${n}`));
    previous = output;
  });
}

function appendActivation(activation: Activation, nodes: NodeProto[]): void {
  // Softmax-13 normalises over the last axis by default: the classes.
  nodes.push(node(activation === 'softmax' ? 'Softmax' : 'Sigmoid', [OUTPUTS.logits], [OUTPUTS.scores], activation));
}

function encodeModel(
  nodes: NodeProto[],
  initializers: TensorProto[],
  inputs: ReturnType<typeof valueInfo>[],
  classes: number,
  options: ExportOptions,
): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: options.name,
    node: nodes,
    initializer: initializers,
    input: inputs,
    output: [
      valueInfo(OUTPUTS.logits, onnx.TensorProto.DataType.FLOAT, ['N', classes]),
      valueInfo(OUTPUTS.scores, onnx.TensorProto.DataType.FLOAT, ['N', classes]),
    ],
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET })],
    producerName: PRODUCER,
    producerVersion: '1',
    graph,
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

function node(opType: string, input: string[], output: string[], name: string, attribute: ReturnType<typeof intAttribute>[] = []): NodeProto {
  return onnx.NodeProto.create({ opType, input, output, name, attribute });
}

function intAttribute(name: string, value: number) {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: value });
}

function valueInfo(name: string, elemType: number, shape: readonly (string | number)[]) {
  const dim = shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType, shape: { dim } } } });
}

/** Raw little-endian bytes, as the ONNX spec requires for `raw_data` whatever the host's byte order. */
function floatTensor(name: string, dims: number[], values: Float32Array): TensorProto {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes });
}

function int64Tensor(name: string, dims: number[], values: readonly number[]): TensorProto {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: bytes });
}
