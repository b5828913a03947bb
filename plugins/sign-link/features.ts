/**
 * @module sign-link/features
 * Geometric features of one hand (21 MediaPipe landmarks) for the static fingerspelling classifier.
 *
 * Input: MediaPipe Hands coordinates (x right and y down in the image, normalised 0..1; z depth, smaller = nearer).
 * The features are
 * - invariant to translation (everything is relative to the wrist) and scale (divided by the palm length,
 *   wrist → middle knuckle);
 * - invariant to rotation for the hand's own shape: joint angles, fingertip distances, and positions in a frame
 *   built from the hand itself (Y wrist → middle knuckle, X little-finger knuckle → index knuckle, Z their normal);
 * - invariant to mirroring (left vs right hand): the hand frame's Z changes sign with the hand, so only |Z| is used
 *   (fingers never bend backwards, so the sign carries little);
 * - deliberately NOT invariant to where the hand points in the image (up, sideways, down) and whether the palm
 *   faces the camera: a few letters differ only in that (H vs U, P vs K, Q vs G). Those are the last
 *   `ORIENTATION_FEATURES` values.
 */
import { LANDMARK as L, LANDMARK_COUNT } from '../../clients/sign-shapes/src/index.ts';

type V = [number, number, number];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: V) => Math.hypot(a[0], a[1], a[2]);
const scale = (a: V, k: number): V => [a[0] * k, a[1] * k, a[2] * k];
const unit = (a: V): V => {
  const n = norm(a);
  return n < 1e-9 ? [0, 0, 0] : scale(a, 1 / n);
};
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
/** Angle between two vectors, as a fraction of π (0 = same direction, 1 = opposite). */
const angle = (a: V, b: V) => {
  const c = dot(unit(a), unit(b));
  return Math.acos(Math.max(-1, Math.min(1, c))) / Math.PI;
};

const CHAINS = [
  [L.WRIST, L.THUMB_CMC, L.THUMB_MCP, L.THUMB_IP, L.THUMB_TIP],
  [L.WRIST, L.INDEX_MCP, L.INDEX_PIP, L.INDEX_DIP, L.INDEX_TIP],
  [L.WRIST, L.MIDDLE_MCP, L.MIDDLE_PIP, L.MIDDLE_DIP, L.MIDDLE_TIP],
  [L.WRIST, L.RING_MCP, L.RING_PIP, L.RING_DIP, L.RING_TIP],
  [L.WRIST, L.PINKY_MCP, L.PINKY_PIP, L.PINKY_DIP, L.PINKY_TIP],
];
const IN_FRAME = [L.THUMB_IP, L.THUMB_TIP, L.INDEX_PIP, L.INDEX_TIP, L.MIDDLE_PIP, L.MIDDLE_TIP, L.RING_TIP, L.PINKY_TIP];
const THUMB_TO = [L.INDEX_TIP, L.MIDDLE_TIP, L.RING_TIP, L.PINKY_TIP, L.INDEX_PIP, L.MIDDLE_PIP, L.RING_PIP, L.INDEX_MCP, L.MIDDLE_MCP, L.RING_MCP, L.PINKY_MCP];
const TIP_PAIRS: readonly [number, number][] = [[L.INDEX_TIP, L.MIDDLE_TIP], [L.MIDDLE_TIP, L.RING_TIP], [L.RING_TIP, L.PINKY_TIP], [L.INDEX_TIP, L.PINKY_TIP]];
const PROXIMAL_PAIRS: readonly [number, number][] = [[L.INDEX_MCP, L.MIDDLE_MCP], [L.MIDDLE_MCP, L.RING_MCP], [L.RING_MCP, L.PINKY_MCP]];

export const ORIENTATION_FEATURES = 6;
/** Length of the feature vector (the model's input size). */
export const FEATURE_DIM = 15 + IN_FRAME.length * 3 + THUMB_TO.length + TIP_PAIRS.length + PROXIMAL_PAIRS.length + 1 + ORIENTATION_FEATURES;

/** Plain arrays, as they arrive in a `landmarks` body (validated upstream: 21 × [x, y, z], finite). */
export type Frame = readonly (readonly number[])[];

/** Every bone of the hand skeleton (MediaPipe's connections), as landmark index pairs. */
const BONES: readonly [number, number][] = CHAINS.flatMap((chain) => chain.slice(1).map((to, i) => [chain[i]!, to] as [number, number]));

/**
 * Whether a frame looks like a hand at all: a palm of some size, every bone between 2 % and 150 % of the palm length,
 * knuckles spread between 20 % and 120 % of it. The classifier has only seen hands; anything else (all points equal,
 * a line, random numbers) would still get a confident-looking letter, so it is answered "no letter" before that.
 */
export function isPlausibleHand(frame: Frame): boolean {
  if (frame.length !== LANDMARK_COUNT) return false;
  const p: V[] = frame.map((q) => [q[0]!, q[1]!, q[2] ?? 0]);
  const palm = norm(sub(p[L.MIDDLE_MCP]!, p[L.WRIST]!));
  if (!(palm > 0.005)) return false;
  const span = norm(sub(p[L.INDEX_MCP]!, p[L.PINKY_MCP]!)) / palm;
  if (span < 0.2 || span > 1.2) return false;
  return BONES.every(([a, b]) => {
    const ratio = norm(sub(p[b]!, p[a]!)) / palm;
    return ratio >= 0.02 && ratio <= 1.5;
  });
}

/** The feature vector of one frame. */
export function handFeatures(frame: Frame): number[] {
  if (frame.length !== LANDMARK_COUNT) throw new RangeError(`expected ${LANDMARK_COUNT} landmarks, got ${frame.length}`);
  // Image axes (y down, z away) to a right-handed frame with y up and z towards the camera.
  const p: V[] = frame.map((q) => [q[0]!, -q[1]!, -(q[2] ?? 0)]);
  const wrist = p[L.WRIST]!;
  const palm = norm(sub(p[L.MIDDLE_MCP]!, wrist)) || 1e-6;
  const rel = p.map((q) => scale(sub(q, wrist), 1 / palm));

  // The hand's own frame.
  const yAxis = unit(rel[L.MIDDLE_MCP]!);
  const across = sub(rel[L.INDEX_MCP]!, rel[L.PINKY_MCP]!);
  const xAxis = unit(sub(across, scale(yAxis, dot(across, yAxis))));
  const zAxis = cross(xAxis, yAxis);
  const local = (q: V): V => [dot(q, xAxis), dot(q, yAxis), Math.abs(dot(q, zAxis))];

  const out: number[] = [];
  // 1. Bend at each joint of each finger (15).
  for (const chain of CHAINS) {
    for (let j = 1; j < 4; j++) out.push(angle(sub(rel[chain[j]!]!, rel[chain[j - 1]!]!), sub(rel[chain[j + 1]!]!, rel[chain[j]!]!)));
  }
  // 2. Key points in the hand frame (24).
  for (const i of IN_FRAME) out.push(...local(rel[i]!));
  // 3. Where the thumb tip is: distances to fingertips, middle joints and knuckles (11).
  for (const i of THUMB_TO) out.push(norm(sub(rel[L.THUMB_TIP]!, rel[i]!)));
  // 4. Fingertip spacing (4) and spread between the proximal phalanges (3).
  for (const [a, b] of TIP_PAIRS) out.push(norm(sub(rel[a]!, rel[b]!)));
  for (const [a, b] of PROXIMAL_PAIRS) out.push(angle(sub(rel[a + 1]!, rel[a]!), sub(rel[b + 1]!, rel[b]!)));
  // 5. Crossing: index tip on the little-finger side of the middle tip (R), in the hand frame (1).
  out.push(local(rel[L.INDEX_TIP]!)[0] - local(rel[L.MIDDLE_TIP]!)[0]);
  // 6. Orientation in the image (6): where the palm and the index point (up/down, |sideways|), palm facing (|z|).
  const indexDir = unit(sub(rel[L.INDEX_TIP]!, rel[L.INDEX_MCP]!));
  out.push(yAxis[1], Math.abs(yAxis[0]), Math.abs(zAxis[2]), indexDir[1], Math.abs(indexDir[0]), Math.abs(yAxis[2]));
  return out;
}
