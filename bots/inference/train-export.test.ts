import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTextModel, buildVectorModel, type BuiltModel, type LabelledVector } from './build-model.ts';
import { featurizeText, featurizeTexts, packVectors } from './featurize.ts';
import { TOY_HELD_OUT, TOY_LABELS, TOY_TRAIN } from './fixtures/toy-data.ts';
import { ModelFileError, loadSidecar, saveModel } from './model-files.ts';
import { denseFeatures, forward, seededRandom } from './train-logreg.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'inference-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const argmax = (values: ArrayLike<number>) => Array.from(values).reduce((best, v, i, all) => (v > (all[best] ?? -Infinity) ? i : best), 0);

/** 63-d "landmark" vectors around one random centre per class, for the vector models. */
function syntheticLandmarks(classes: readonly string[], perClass: number, seed: number): LabelledVector[] {
  const random = seededRandom(seed);
  const centres = classes.map(() => Array.from({ length: 63 }, () => random()));
  return Array.from({ length: perClass * classes.length }, (_, i) => {
    const c = i % classes.length;
    const centre = centres[c] ?? [];
    return { vector: centre.map((v) => v + (random() - 0.5) * 0.3), labels: classes[c] ?? '' };
  });
}

async function ortScores(built: BuiltModel, feeds: Record<string, Tensor>): Promise<Float32Array> {
  const session = await InferenceSession.create(built.onnx);
  try {
    const output = await session.run(feeds);
    return output.probs?.data as Float32Array;
  } finally {
    await session.release();
  }
}

function textFeeds(texts: readonly string[]): Record<string, Tensor> {
  const packed = featurizeTexts(texts);
  return {
    idx: new Tensor('int64', packed.idx, [packed.batch, packed.topK]),
    val: new Tensor('float32', packed.val, [packed.batch, packed.topK, 1]),
  };
}

function maxDifference(built: BuiltModel, inputs: readonly ReturnType<typeof featurizeText>[], ort: Float32Array): number {
  const classes = built.sidecar.labels.length;
  let worst = 0;
  inputs.forEach((features, row) => {
    forward(built.network, features).forEach((p, c) => (worst = Math.max(worst, Math.abs(p - (ort[row * classes + c] ?? Number.NaN)))));
  });
  return worst;
}

const textModel = buildTextModel({ name: 'toy', version: '1.0.0', activation: 'softmax', labels: TOY_LABELS, examples: TOY_TRAIN });

describe('training', () => {
  it('learns the toy ES/EN set: every training example and at least 8/10 held-out sentences right', () => {
    const trainRight = TOY_TRAIN.filter((example) => TOY_LABELS[argmax(forward(textModel.network, featurizeText(example.text)))] === example.labels);
    expect(trainRight).toHaveLength(TOY_TRAIN.length);
    const heldOutRight = TOY_HELD_OUT.filter((example) => TOY_LABELS[argmax(forward(textModel.network, featurizeText(example.text)))] === example.label);
    expect(heldOutRight.length).toBeGreaterThanOrEqual(8);
  });

  it('is deterministic: the same data and seed give the same bytes', () => {
    const again = buildTextModel({ name: 'toy', version: '1.0.0', activation: 'softmax', labels: TOY_LABELS, examples: TOY_TRAIN });
    expect(Buffer.from(again.onnx).equals(Buffer.from(textModel.onnx))).toBe(true);
  });

  it('trains multi-label (sigmoid, one-vs-rest): negatives with no label, independent scores', () => {
    const examples = TOY_TRAIN.map((e) => ({ text: e.text, labels: e.labels === 'none' ? [] : [e.labels as string] }));
    const built = buildTextModel({ name: 'flags', version: '1', activation: 'sigmoid', labels: TOY_LABELS.slice(1), examples, epochs: 60 });
    const threat = forward(built.network, featurizeText('Si me dejas lo vas a pagar'));
    const calm = forward(built.network, featurizeText('Gracias por la cena de ayer'));
    expect(threat[built.sidecar.labels.indexOf('amenaza')]).toBeGreaterThan(0.5);
    expect(Math.max(...calm)).toBeLessThan(0.5);
  });

  it('averages the weights of consecutive seeds when asked (`average`), still one linear layer', () => {
    const options = { name: 'toy', version: '1.0.0', activation: 'softmax', labels: TOY_LABELS, examples: TOY_TRAIN } as const;
    const averaged = buildTextModel({ ...options, seed: 3, average: 3 });
    const singles = [3, 4, 5].map((seed) => buildTextModel({ ...options, seed }).network.layers[0]!);
    const layer = averaged.network.layers[0]!;
    expect(averaged.network.layers).toHaveLength(1);
    const used = [...layer.weights.keys()].filter((i) => layer.weights[i] !== 0).slice(0, 50);
    expect(used.length).toBeGreaterThan(10);
    for (const i of used) {
      expect(layer.weights[i]).toBeCloseTo(singles.reduce((sum, s) => sum + (s.weights[i] ?? 0), 0) / 3, 6);
    }
    layer.bias.forEach((b, c) => expect(b).toBeCloseTo(singles.reduce((sum, s) => sum + (s.bias[c] ?? 0), 0) / 3, 6));
    expect(Buffer.from(averaged.onnx).equals(Buffer.from(textModel.onnx))).toBe(false);
  });

  it('rejects labels outside the model and softmax examples without exactly one label', () => {
    expect(() => buildTextModel({ name: 'x', version: '1', activation: 'softmax', labels: ['a'], examples: [{ text: 'hola', labels: 'b' }] })).toThrow('label "b"');
    expect(() => buildTextModel({ name: 'x', version: '1', activation: 'softmax', labels: ['a'], examples: [{ text: 'hola', labels: [] }] })).toThrow('exactly one');
  });
});

describe('ONNX export run by onnxruntime-node matches the JS reference (1e-5)', () => {
  it('text, softmax (Gather/Mul/ReduceSum/Add/Softmax)', async () => {
    const texts = TOY_HELD_OUT.map((e) => e.text).concat('', '¡¡¡!!!', 'x'.repeat(2_000));
    const ort = await ortScores(textModel, textFeeds(texts));
    expect(maxDifference(textModel, texts.map((t) => featurizeText(t)), ort)).toBeLessThan(1e-5);
  });

  it('text, sigmoid, with a hidden layer (… → Relu → Gemm → Sigmoid)', async () => {
    const examples = TOY_TRAIN.map((e) => ({ text: e.text, labels: e.labels === 'none' ? [] : [e.labels as string] }));
    const built = buildTextModel({ name: 'flags-mlp', version: '1', activation: 'sigmoid', labels: TOY_LABELS.slice(1), examples, hidden: 8, epochs: 10 });
    const texts = TOY_HELD_OUT.map((e) => e.text);
    const ort = await ortScores(built, textFeeds(texts));
    expect(maxDifference(built, texts.map((t) => featurizeText(t)), ort)).toBeLessThan(1e-5);
  });

  it('vector, logistic regression (Gemm/Softmax) and MLP (Gemm/Relu/Gemm/Softmax), 63-d', async () => {
    const letters = ['A', 'B', 'C', 'D'];
    const train = syntheticLandmarks(letters, 20, 7);
    const test = syntheticLandmarks(letters, 5, 7).map((e) => e.vector);
    for (const hidden of [undefined, 16]) {
      const built = buildVectorModel({ name: 'hand', version: '1', activation: 'softmax', dim: 63, examples: train, epochs: 40, ...(hidden ? { hidden } : {}) });
      const ort = await ortScores(built, { x: new Tensor('float32', packVectors(test, 63), [test.length, 63]) });
      expect(maxDifference(built, test.map((v) => denseFeatures(v)), ort)).toBeLessThan(1e-5);
      const right = test.filter((v, i) => argmax(forward(built.network, denseFeatures(v))) === i % letters.length);
      expect(right.length).toBe(test.length);
    }
  });
});

describe('model files', () => {
  it('saves <name>.onnx + <name>.json and loads the sidecar back', async () => {
    const saved = await saveModel(dir, 'toy', textModel.onnx, textModel.sidecar);
    const loaded = await loadSidecar(dir, 'toy');
    expect(loaded.onnxPath).toBe(saved.onnxPath);
    expect(loaded.sidecar).toMatchObject({
      name: 'toy',
      kind: 'text',
      labels: [...TOY_LABELS],
      activation: 'softmax',
      featurizer: { type: 'hashed-ngrams', dims: 32_768, topK: 256 },
      inputs: ['idx', 'val'],
      outputs: { scores: 'probs', logits: 'logits' },
    });
  });

  it('tells a missing model from an invalid one, and refuses names that are paths', async () => {
    await expect(loadSidecar(dir, 'nope')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(loadSidecar(dir, '../toy')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    writeFileSync(path.join(dir, 'broken.json'), '{"name":"broken","kind":"text"}');
    const error = await loadSidecar(dir, 'broken').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect(error).toMatchObject({ code: 'MODEL_INVALID' });
    expect((error as Error).message).toContain('labels');
  });
});

const pythonOnnx = (() => {
  try {
    execFileSync('python3', ['-c', 'import onnx'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('onnx.checker', () => {
  it.skipIf(!pythonOnnx)('accepts the exported graphs (full_check); skipped when python3-onnx is not installed', async () => {
    const vector = buildVectorModel({ name: 'hand', version: '1', activation: 'softmax', dim: 63, hidden: 8, examples: syntheticLandmarks(['A', 'B'], 4, 1) });
    for (const [name, built] of [['toy-check', textModel], ['hand-check', vector]] as const) {
      const file = path.join(dir, `${name}.onnx`);
      writeFileSync(file, built.onnx);
      execFileSync('python3', ['-c', 'import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True)', file]);
    }
  });
});
