/**
 * @module sign-shapes/hand
 * A parametric right hand: a palm and five jointed fingers whose joint angles a handshape sets. Forward kinematics
 * turns a pose into the 21 landmarks of MediaPipe Hands (same order), in a model frame:
 *
 *   X from the little-finger side to the thumb side, Y from the wrist to the fingers, Z out of the palm.
 *
 * The same model draws the manual-alphabet SVGs (`svg.ts`) and generates the synthetic landmark fixtures the
 * fingerspelling recogniser is trained and evaluated on (plugins/sign-link/fixtures.ts). It is a geometric sketch of a
 * hand (proportions from average adult hands, joints as simple hinges), not an anatomical model.
 * Browser-safe: no Node or DOM imports.
 */

export type Vec3 = readonly [number, number, number];

/** MediaPipe Hands landmark indices. */
export const LANDMARK = {
  WRIST: 0,
  THUMB_CMC: 1, THUMB_MCP: 2, THUMB_IP: 3, THUMB_TIP: 4,
  INDEX_MCP: 5, INDEX_PIP: 6, INDEX_DIP: 7, INDEX_TIP: 8,
  MIDDLE_MCP: 9, MIDDLE_PIP: 10, MIDDLE_DIP: 11, MIDDLE_TIP: 12,
  RING_MCP: 13, RING_PIP: 14, RING_DIP: 15, RING_TIP: 16,
  PINKY_MCP: 17, PINKY_PIP: 18, PINKY_DIP: 19, PINKY_TIP: 20,
} as const;
export const LANDMARK_COUNT = 21;

export type FingerName = 'index' | 'middle' | 'ring' | 'pinky';
export const FINGERS: readonly FingerName[] = ['index', 'middle', 'ring', 'pinky'];

/** One long finger: flexion (degrees, towards the palm) at its three joints, and sideways spread. */
export interface FingerPose {
  readonly mcp: number;
  readonly pip: number;
  readonly dip: number;
  /** Degrees towards the thumb side (+) or the little finger (−), at the knuckle. */
  readonly spread?: number;
  /** Out of the palm plane at the knuckle (cm-free model units), to let a finger cross over its neighbour (R). */
  readonly lift?: number;
}

/** Where the thumb tip rests when it touches something: a landmark index, with an offset in model units. */
export interface ThumbTouch {
  readonly landmark: number;
  /** Added to the landmark's position (model frame), so the tip rests beside or in front of it, not inside it. */
  readonly offset?: Vec3;
}

/**
 * The thumb, either by angles (its metacarpal's direction, then flexion of its two joints) or by contact (its tip
 * goes to a point of the hand, the joints laid out on a curve between).
 */
export type ThumbPose =
  | {
      /** In the palm plane, degrees from the index direction (0) towards the thumb side (90 = straight out). */
      readonly spread: number;
      /** Out of the palm plane, degrees towards the palm side (0 = in plane, 90 = pointing out of the palm). */
      readonly oppose: number;
      /** Flexion of the MCP and IP joints, degrees, bending across the palm. */
      readonly mcp: number;
      readonly ip: number;
    }
  | { readonly touch: ThumbTouch };

/** Rotation of the whole hand, degrees: roll about the viewing axis, pitch (tips towards/away), yaw (turn sideways). */
export interface Orientation {
  readonly roll?: number;
  readonly pitch?: number;
  readonly yaw?: number;
}

export interface HandPose {
  readonly index: FingerPose;
  readonly middle: FingerPose;
  readonly ring: FingerPose;
  readonly pinky: FingerPose;
  readonly thumb: ThumbPose;
  readonly orientation?: Orientation;
}

/** Proportions of one hand, in palm lengths (wrist → middle knuckle = 1). */
export interface HandProportions {
  /** Knuckle positions (x, y) in the palm plane. */
  readonly knuckles: Readonly<Record<FingerName, readonly [number, number]>>;
  /** Lengths of the proximal, middle and distal phalanges. */
  readonly phalanges: Readonly<Record<FingerName, readonly [number, number, number]>>;
  readonly thumbBase: readonly [number, number];
  /** Thumb metacarpal, proximal and distal phalanx. */
  readonly thumb: readonly [number, number, number];
}

export const AVERAGE_HAND: HandProportions = {
  knuckles: { index: [0.3, 0.92], middle: [0.08, 1], ring: [-0.13, 0.95], pinky: [-0.31, 0.84] },
  phalanges: { index: [0.42, 0.25, 0.2], middle: [0.46, 0.29, 0.21], ring: [0.43, 0.27, 0.2], pinky: [0.34, 0.2, 0.18] },
  thumbBase: [0.24, 0.2],
  thumb: [0.36, 0.3, 0.25],
};

const RAD = Math.PI / 180;
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
const unit = (a: Vec3): Vec3 => {
  const n = norm(a);
  return n === 0 ? [0, 0, 0] : scale(a, 1 / n);
};
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** Rotates `v` by `degrees` about the unit `axis` (Rodrigues). */
export function rotateAbout(v: Vec3, axis: Vec3, degrees: number): Vec3 {
  const t = degrees * RAD;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const k = unit(axis);
  return add(add(scale(v, c), scale(cross(k, v), s)), scale(k, dot(k, v) * (1 - c)));
}

/** Applies roll (about Z), then pitch (about X), then yaw (about Y) to a point of the model frame. */
export function orient(p: Vec3, o: Orientation | undefined): Vec3 {
  if (!o) return p;
  let q = p;
  if (o.roll) q = rotateAbout(q, [0, 0, 1], o.roll);
  if (o.pitch) q = rotateAbout(q, [1, 0, 0], o.pitch);
  if (o.yaw) q = rotateAbout(q, [0, 1, 0], o.yaw);
  return q;
}

function fingerChain(base: Vec3, pose: FingerPose, lengths: readonly [number, number, number]): Vec3[] {
  const spread = pose.spread ?? 0;
  const points: Vec3[] = [];
  let at: Vec3 = pose.lift ? add(base, [0, 0, pose.lift]) : base;
  let flex = 0;
  for (const [i, angle] of [pose.mcp, pose.pip, pose.dip].entries()) {
    flex += angle;
    // In the finger's own plane: straight up (+Y) bending towards the palm side (+Z); then turned by the spread.
    const inPlane: Vec3 = [0, Math.cos(flex * RAD), Math.sin(flex * RAD)];
    const dir = rotateAbout(inPlane, [0, 0, 1], -spread);
    at = add(at, scale(dir, lengths[i]!));
    points.push(at);
  }
  return points;
}

function thumbByAngles(base: Vec3, pose: Extract<ThumbPose, { spread: number }>, lengths: readonly [number, number, number]): Vec3[] {
  // Metacarpal direction: from +Y towards +X by `spread`, then out of the palm plane (+Z) by `oppose`.
  const inPlane: Vec3 = [Math.sin(pose.spread * RAD), Math.cos(pose.spread * RAD), 0];
  const dir0 = unit(add(scale(inPlane, Math.cos(pose.oppose * RAD)), [0, 0, Math.sin(pose.oppose * RAD)]));
  // Flexion bends the thumb across the front of the palm, towards the little-finger side.
  const across: Vec3 = unit([-1, 0.15, 0.7]);
  const bend = (dir: Vec3, degrees: number): Vec3 => {
    const axis = cross(dir, across);
    return norm(axis) < 1e-6 ? dir : rotateAbout(dir, axis, degrees);
  };
  const mcp = add(base, scale(dir0, lengths[0]));
  const dir1 = bend(dir0, pose.mcp);
  const ip = add(mcp, scale(dir1, lengths[1]));
  const dir2 = bend(dir1, pose.ip);
  const tip = add(ip, scale(dir2, lengths[2]));
  return [mcp, ip, tip];
}

function thumbByTouch(base: Vec3, target: Vec3, lengths: readonly [number, number, number]): Vec3[] {
  // The joints lie on a curve from the base to the target that bulges out of the palm (+Z) and to the thumb side.
  const span = sub(target, base);
  const total = lengths[0] + lengths[1] + lengths[2];
  const bulge = Math.max(0, total - norm(span)) * 0.55;
  const out = unit(add([0.6, 0, 1], [0, 0, 0]));
  const at = (t: number): Vec3 => add(add(base, scale(span, t)), scale(out, bulge * Math.sin(Math.PI * t)));
  return [at(lengths[0] / total), at((lengths[0] + lengths[1]) / total), target];
}

/** The 21 landmarks of a pose in the model frame (wrist at the origin, palm length 1), before any orientation. */
export function handLandmarks(pose: HandPose, proportions: HandProportions = AVERAGE_HAND): Vec3[] {
  const points: Vec3[] = new Array(LANDMARK_COUNT);
  points[LANDMARK.WRIST] = [0, 0, 0];
  const firstIndex: Record<FingerName, number> = { index: 5, middle: 9, ring: 13, pinky: 17 };
  for (const finger of FINGERS) {
    const [x, y] = proportions.knuckles[finger];
    const base: Vec3 = [x, y, 0];
    const i = firstIndex[finger];
    points[i] = base;
    const chain = fingerChain(base, pose[finger], proportions.phalanges[finger]);
    chain.forEach((p, k) => { points[i + 1 + k] = p; });
  }
  const base: Vec3 = [proportions.thumbBase[0], proportions.thumbBase[1], 0];
  points[LANDMARK.THUMB_CMC] = base;
  const thumb = 'touch' in pose.thumb
    ? thumbByTouch(base, add(points[pose.thumb.touch.landmark]!, pose.thumb.touch.offset ?? [0, 0, 0.06]), proportions.thumb)
    : thumbByAngles(base, pose.thumb, proportions.thumb);
  thumb.forEach((p, k) => { points[LANDMARK.THUMB_MCP + k] = p; });
  return points.map((p) => orient(p, pose.orientation));
}

/** Bones to draw, as landmark index pairs (MediaPipe's hand connections). */
export const FINGER_CHAINS: readonly (readonly number[])[] = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
  [17, 18, 19, 20],
];
export const PALM_OUTLINE: readonly number[] = [0, 1, 5, 9, 13, 17];
