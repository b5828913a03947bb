/**
 * @module sign-link/model
 * The fingerspelling model's contract: its name in MODELS_DIR, its labels (handshape ids of
 * clients/sign-shapes, one model for both languages), and its input (the features of `features.ts`).
 * Built by `train.ts`, evaluated by `eval.ts`, served by the inference service (`ctx.classifier.classifyVectors`).
 */
import { HAND_SHAPES } from '../../clients/sign-shapes/src/index.ts';
import { FEATURE_DIM } from './features.ts';

export const MODEL_NAME = 'fingerspell';
export const MODEL_VERSION = '1.0.0';
export const MODEL_DIM = FEATURE_DIM;
/**
 * Every handshape drawn, including the start shapes of letters with movement (X, Z): a frame that looks like one of
 * those is "no static letter", rather than being forced into the nearest static one.
 */
export const MODEL_LABELS: readonly string[] = Object.keys(HAND_SHAPES).sort();
