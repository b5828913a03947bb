/**
 * @module inference/model-files
 * The model file contract: a model named `name` is `<dir>/<name>.onnx` plus the sidecar `<dir>/<name>.json`, which
 * says how to feed it and read it (labels, activation, featurizer, tensor names). onnxruntime-node does not expose an
 * ONNX model's `metadata_props`, hence the sidecar. A sidecar may point at an `.onnx` elsewhere (`file`), so a larger
 * production model is configured by path without copying it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TEXT_FEATURIZER } from './featurize.ts';

export const SIDECAR_FORMAT = 'mentalia-model/1';

/** Safe as a file name on every platform and never a path: no separators, no `..`. */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function isValidModelName(name: string): boolean {
  return MODEL_NAME.test(name) && !name.includes('..');
}

const positiveInt = z.number().int().positive();
const ngramRange = z.tuple([positiveInt, positiveInt]).refine(([min, max]) => min <= max, { error: 'min must be ≤ max' });

const hashedNgramsSchema = z.object({
  type: z.literal('hashed-ngrams'),
  dims: positiveInt.max(1 << 26),
  topK: positiveInt.max(65_536),
  charNgrams: ngramRange.default([...DEFAULT_TEXT_FEATURIZER.charNgrams] as [number, number]),
  wordNgrams: ngramRange.default([...DEFAULT_TEXT_FEATURIZER.wordNgrams] as [number, number]),
  normalization: z.literal('nfd-strip-lowercase').default('nfd-strip-lowercase'),
  hash: z.literal('fnv1a32').default('fnv1a32'),
});

const vectorSchema = z.object({ type: z.literal('vector'), dim: positiveInt.max(1 << 20) });

export const sidecarSchema = z
  .object({
    format: z.literal(SIDECAR_FORMAT).default(SIDECAR_FORMAT),
    name: z.string().refine(isValidModelName, { error: 'must match [A-Za-z0-9][A-Za-z0-9_.-]* (no "..")' }),
    version: z.string().min(1),
    description: z.string().optional(),
    kind: z.enum(['text', 'vector']),
    labels: z
      .array(z.string().min(1))
      .min(1)
      .refine((labels) => new Set(labels).size === labels.length, { error: 'labels must be unique' }),
    /** softmax: one label per input, scores sum to 1. sigmoid: independent labels (multi-label). */
    activation: z.enum(['softmax', 'sigmoid']),
    featurizer: z.discriminatedUnion('type', [hashedNgramsSchema, vectorSchema]),
    /** Graph input names, in the featurizer's order: [idx, val] for text, [x] for vectors. */
    inputs: z.array(z.string().min(1)).min(1),
    outputs: z.object({
      /** The [N, labels] output read as scores. */
      scores: z.string().min(1),
      logits: z.string().min(1).optional(),
    }),
    /** The `scores` output holds logits: apply `activation` in the server. @default false */
    applyActivation: z.boolean().default(false),
    /** The ONNX file, relative to the sidecar's folder or absolute. @default `<name>.onnx` */
    file: z.string().min(1).optional(),
    /** Free-form facts about training (dataset, accuracy …); not read by the server. */
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((sidecar, ctx) => {
    const featurizerKind = sidecar.featurizer.type === 'vector' ? 'vector' : 'text';
    if (featurizerKind !== sidecar.kind) {
      ctx.addIssue({ code: 'custom', path: ['featurizer', 'type'], message: `a ${sidecar.kind} model cannot use a ${sidecar.featurizer.type} featurizer` });
    }
    const expected = sidecar.kind === 'text' ? 2 : 1;
    if (sidecar.inputs.length !== expected) {
      ctx.addIssue({ code: 'custom', path: ['inputs'], message: `a ${sidecar.kind} model names ${expected} input(s)` });
    }
  });

export type Sidecar = z.output<typeof sidecarSchema>;
export type SidecarInput = z.input<typeof sidecarSchema>;

export type ModelFileErrorCode = 'MODEL_NOT_FOUND' | 'MODEL_INVALID';

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
  readonly code: ModelFileErrorCode;
  constructor(code: ModelFileErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export interface ModelFiles {
  readonly sidecar: Sidecar;
  readonly sidecarPath: string;
  /** Absolute path of the ONNX file. */
  readonly onnxPath: string;
}

export function sidecarPathOf(dir: string, name: string): string {
  return path.join(path.resolve(dir), `${name}.json`);
}

/**
 * Reads and validates `<dir>/<name>.json` and checks its ONNX file exists.
 * @throws ModelFileError `MODEL_NOT_FOUND` (no such model) or `MODEL_INVALID` (a sidecar that does not validate).
 */
export async function loadSidecar(dir: string, name: string): Promise<ModelFiles> {
  if (!isValidModelName(name)) throw new ModelFileError('MODEL_NOT_FOUND', `"${name}" is not a valid model name`);
  const sidecarPath = sidecarPathOf(dir, name);
  let text: string;
  try {
    text = await readFile(sidecarPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ModelFileError('MODEL_NOT_FOUND', `no model "${name}" in ${path.resolve(dir)} (expected ${name}.json and ${name}.onnx)`);
    }
    throw new ModelFileError('MODEL_INVALID', `model "${name}": cannot read ${sidecarPath}: ${(error as Error).message}`, { cause: error });
  }
  const sidecar = parseSidecar(text, sidecarPath);
  if (sidecar.name !== name) {
    throw new ModelFileError('MODEL_INVALID', `model "${name}": ${sidecarPath} names "${sidecar.name}"`);
  }
  const onnxPath = path.resolve(path.dirname(sidecarPath), sidecar.file ?? `${name}.onnx`);
  if (!existsSync(onnxPath)) throw new ModelFileError('MODEL_NOT_FOUND', `model "${name}": ${onnxPath} does not exist`);
  return { sidecar, sidecarPath, onnxPath };
}

export function parseSidecar(text: string, where = 'sidecar'): Sidecar {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError('MODEL_INVALID', `${where} is not JSON: ${(error as Error).message}`);
  }
  const parsed = sidecarSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new ModelFileError('MODEL_INVALID', `${where}: ${problems}`);
  }
  return parsed.data;
}

/**
 * Writes `<dir>/<name>.onnx` and `<dir>/<name>.json`, each through a temporary file and a rename, so a server that
 * loads the model meanwhile never reads half a file. The ONNX file goes first: a sidecar never points at nothing.
 */
export async function saveModel(dir: string, name: string, onnxBytes: Uint8Array, sidecar: SidecarInput): Promise<ModelFiles> {
  if (!isValidModelName(name)) throw new ModelFileError('MODEL_INVALID', `"${name}" is not a valid model name`);
  const checked = sidecarSchema.parse({ ...sidecar, name });
  const root = path.resolve(dir);
  await mkdir(root, { recursive: true });
  const onnxPath = path.join(root, `${name}.onnx`);
  const sidecarPath = sidecarPathOf(root, name);
  await writeAtomically(onnxPath, onnxBytes);
  const { file: _file, ...withoutFile } = checked;
  await writeAtomically(sidecarPath, `${JSON.stringify(withoutFile, null, 2)}\n`);
  return { sidecar: withoutFile, sidecarPath, onnxPath };
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
