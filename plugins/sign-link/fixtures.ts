/**
 * @module sign-link/fixtures
 * Synthetic landmark fixtures: frames of 21 MediaPipe-style landmarks generated from the parametric hand
 * (clients/sign-shapes/src/hand.ts) for each handshape, with the variation a camera and different people bring:
 *
 * | what | how much |
 * |---|---|
 * | joint angles of every finger | ± `jointDeg` (default 9°), independently per joint |
 * | finger spread | ± 4° |
 * | thumb angles / contact point | ± 9° / ± 0.05 palm lengths |
 * | hand proportions (a different person) | each phalanx ± 7 %, knuckles ± 0.03 |
 * | whole-hand rotation | roll ± 20°, pitch ± 20°, yaw ± 25° on top of the letter's own orientation |
 * | size in the image | palm 0.08 – 0.22 of the image |
 * | position | anywhere the hand fits |
 * | left or right hand | half of them mirrored (left hands) |
 * | landmark jitter | Gaussian, σ = 1.5 % of the palm length per coordinate |
 *
 * These are NOT recordings of signers: they test that the features and the classifier separate the handshapes as we
 * modelled them, under the variation above. Real signers' hands (co-articulation, individual style, MediaPipe's own
 * errors) will do worse; the README says so. Deterministic: the same seed gives the same frames.
 */
import {
  AVERAGE_HAND,
  FINGERS,
  HAND_SHAPES,
  handLandmarks,
  orient,
  type FingerPose,
  type HandPose,
  type HandProportions,
  type ThumbPose,
  type Vec3,
} from '../../clients/sign-shapes/src/index.ts';

export interface FixtureOptions {
  readonly seed: number;
  /** Frames per handshape. */
  readonly perShape: number;
  readonly shapes?: readonly string[];
  readonly jointDeg?: number;
  readonly rotationScale?: number;
  readonly jitter?: number;
}

export interface Fixture {
  readonly shape: string;
  readonly hand: 'left' | 'right';
  readonly frame: number[][];
}

/** mulberry32: small, fast, seedable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const uniform = (rand: () => number, spread: number) => (rand() * 2 - 1) * spread;

function jitterFinger(pose: FingerPose, rand: () => number, deg: number): FingerPose {
  return {
    mcp: pose.mcp + uniform(rand, deg),
    pip: pose.pip + uniform(rand, deg),
    dip: pose.dip + uniform(rand, deg),
    spread: (pose.spread ?? 0) + uniform(rand, 4),
    ...(pose.lift === undefined ? {} : { lift: pose.lift }),
  };
}

function jitterThumb(thumb: ThumbPose, rand: () => number, deg: number): ThumbPose {
  if ('touch' in thumb) {
    const o = thumb.touch.offset ?? [0, 0, 0.06];
    return { touch: { landmark: thumb.touch.landmark, offset: [o[0] + uniform(rand, 0.05), o[1] + uniform(rand, 0.05), o[2] + uniform(rand, 0.03)] } };
  }
  return { spread: thumb.spread + uniform(rand, deg), oppose: thumb.oppose + uniform(rand, deg), mcp: thumb.mcp + uniform(rand, deg), ip: thumb.ip + uniform(rand, deg) };
}

/** Another person's hand: every phalanx and knuckle a little different. */
export function randomProportions(rand: () => number): HandProportions {
  const k = () => 1 + uniform(rand, 0.07);
  const knuckles = Object.fromEntries(FINGERS.map((f) => [f, [AVERAGE_HAND.knuckles[f][0] + uniform(rand, 0.03), AVERAGE_HAND.knuckles[f][1] + uniform(rand, 0.03)]]));
  const phalanges = Object.fromEntries(FINGERS.map((f) => [f, AVERAGE_HAND.phalanges[f].map((len) => len * k())]));
  return {
    knuckles: knuckles as unknown as HandProportions['knuckles'],
    phalanges: phalanges as unknown as HandProportions['phalanges'],
    thumbBase: [AVERAGE_HAND.thumbBase[0] + uniform(rand, 0.03), AVERAGE_HAND.thumbBase[1] + uniform(rand, 0.03)],
    thumb: AVERAGE_HAND.thumb.map((len) => len * k()) as unknown as HandProportions['thumb'],
  };
}

/** One frame of a handshape, in MediaPipe image coordinates. */
export function sampleFrame(shapeId: string, rand: () => number, options: Omit<FixtureOptions, 'seed' | 'perShape' | 'shapes'> = {}): Fixture {
  const shape = HAND_SHAPES[shapeId];
  if (!shape) throw new Error(`unknown handshape ${shapeId}`);
  const deg = options.jointDeg ?? 9;
  const rot = options.rotationScale ?? 1;
  const base = shape.pose;
  const pose: HandPose = {
    index: jitterFinger(base.index, rand, deg),
    middle: jitterFinger(base.middle, rand, deg),
    ring: jitterFinger(base.ring, rand, deg),
    pinky: jitterFinger(base.pinky, rand, deg),
    thumb: jitterThumb(base.thumb, rand, deg),
    ...(base.orientation ? { orientation: base.orientation } : {}),
  };
  const model = handLandmarks(pose, randomProportions(rand));
  const extra = { roll: uniform(rand, 20 * rot), pitch: uniform(rand, 20 * rot), yaw: uniform(rand, 25 * rot) };
  const left = rand() < 0.5;
  const size = 0.08 + rand() * 0.14;
  const jitter = (options.jitter ?? 0.015) * size;
  const cx = 0.3 + rand() * 0.4;
  const cy = 0.45 + rand() * 0.3;
  const frame = model.map((p): number[] => {
    const q: Vec3 = orient(p, extra);
    const x = (left ? -q[0] : q[0]) * size;
    // Model frame (y up, z towards the camera) → image (y down, smaller z nearer).
    return [round(cx + x + gaussian(rand) * jitter), round(cy - q[1] * size + gaussian(rand) * jitter), round(-q[2] * size + gaussian(rand) * jitter)];
  });
  return { shape: shapeId, hand: left ? 'left' : 'right', frame };
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

/** `perShape` frames of each handshape (all of `HAND_SHAPES` by default), deterministic for a seed. */
export function generateFixtures(options: FixtureOptions): Fixture[] {
  const rand = prng(options.seed);
  const shapes = options.shapes ?? Object.keys(HAND_SHAPES);
  const out: Fixture[] = [];
  for (const shape of shapes) for (let i = 0; i < options.perShape; i++) out.push(sampleFrame(shape, rand, options));
  return out;
}
