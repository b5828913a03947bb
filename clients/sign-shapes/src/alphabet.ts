/**
 * @module sign-shapes/alphabet
 * The manual alphabets of Mexican (LSM) and Spanish (LSE) sign languages as this project draws and recognises them:
 * a library of handshapes (poses of the parametric hand in `hand.ts`) and, per language, which handshape each letter
 * uses and whether the letter has movement.
 *
 * APPROXIMATE, AND NOT REVIEWED BY DEAF SIGNERS. The poses are simplified from public descriptions of the two
 * one-handed alphabets (both belong to the family of the French/American manual alphabets, so most letters share a
 * handshape). Where we know of no reliable difference the two languages point to the same shape; the differences we
 * encode are listed in `LANGUAGE_DIFFERENCES`. Everything here is one table so that a review by native signers is a
 * matter of editing entries, not code.
 */
import type { FingerPose, HandPose, ThumbPose } from './hand.ts';
import { LANDMARK } from './hand.ts';

export type SignLanguage = 'LSM' | 'LSE';
export const SIGN_LANGUAGES: readonly SignLanguage[] = ['LSM', 'LSE'];

// ------------------------------------------------------------------ finger states

const EXTENDED: FingerPose = { mcp: 0, pip: 0, dip: 0 };
const FIST: FingerPose = { mcp: 88, pip: 100, dip: 60 };
const CURVED: FingerPose = { mcp: 35, pip: 45, dip: 25 };
const ROUND: FingerPose = { mcp: 50, pip: 65, dip: 40 };
const HOOKED: FingerPose = { mcp: 10, pip: 95, dip: 70 };
const CLAW: FingerPose = { mcp: 25, pip: 105, dip: 75 };
const OVER: FingerPose = { mcp: 75, pip: 80, dip: 30 };
const spread = (pose: FingerPose, degrees: number): FingerPose => ({ ...pose, spread: degrees });

// ------------------------------------------------------------------ thumb states

const THUMB_SIDE: ThumbPose = { spread: 12, oppose: 8, mcp: 0, ip: 5 };
const THUMB_ACROSS: ThumbPose = { spread: 55, oppose: 55, mcp: 55, ip: 35 };
const THUMB_OUT: ThumbPose = { spread: 80, oppose: 0, mcp: 0, ip: 0 };
const THUMB_C: ThumbPose = { spread: 45, oppose: 60, mcp: 15, ip: 15 };
const THUMB_FRONT: ThumbPose = { spread: 40, oppose: 60, mcp: 60, ip: 25 };
const THUMB_UNDER_TIPS: ThumbPose = { spread: 50, oppose: 70, mcp: 70, ip: 20 };
const THUMB_PARALLEL: ThumbPose = { spread: 25, oppose: 25, mcp: 0, ip: 0 };
const touch = (landmark: number, offset?: readonly [number, number, number]): ThumbPose => ({
  touch: offset === undefined ? { landmark } : { landmark, offset },
});

export interface HandShape {
  readonly id: string;
  readonly pose: HandPose;
  /** How the shape is made, in words (es/en); also the drawing's accessible description. */
  readonly description: { readonly es: string; readonly en: string };
}

const shape = (id: string, pose: HandPose, es: string, en: string): HandShape => ({ id, pose, description: { es, en } });

/** Every handshape drawn. Ids are the letter they were made for (`T-LSM` and `T-LSE` where the languages differ). */
export const HAND_SHAPES: Readonly<Record<string, HandShape>> = Object.fromEntries(
  [
    shape('A', { index: FIST, middle: FIST, ring: FIST, pinky: FIST, thumb: THUMB_SIDE },
      'Puño cerrado, pulgar estirado junto al índice.', 'Closed fist, thumb straight beside the index.'),
    shape('B', { index: EXTENDED, middle: EXTENDED, ring: EXTENDED, pinky: EXTENDED, thumb: THUMB_ACROSS },
      'Mano plana, dedos juntos hacia arriba, pulgar doblado sobre la palma.', 'Flat hand, fingers together pointing up, thumb folded across the palm.'),
    shape('C', { index: CURVED, middle: CURVED, ring: CURVED, pinky: CURVED, thumb: THUMB_C, orientation: { yaw: 55 } },
      'Dedos y pulgar curvados en forma de C, palma de lado.', 'Fingers and thumb curved into a C, palm sideways.'),
    shape('D', { index: EXTENDED, middle: ROUND, ring: ROUND, pinky: ROUND, thumb: touch(LANDMARK.MIDDLE_TIP) },
      'Índice hacia arriba; los demás dedos curvados tocan el pulgar.', 'Index up; the other fingers curve to touch the thumb.'),
    shape('E', { index: CLAW, middle: CLAW, ring: CLAW, pinky: CLAW, thumb: THUMB_UNDER_TIPS },
      'Dedos doblados en garra sobre el pulgar, que cruza la palma.', 'Fingers bent like a claw over the thumb, which crosses the palm.'),
    shape('F', { index: ROUND, middle: spread(EXTENDED, -4), ring: spread(EXTENDED, -10), pinky: spread(EXTENDED, -16), thumb: touch(LANDMARK.INDEX_TIP) },
      'Pulgar e índice se tocan formando un círculo; los otros tres dedos estirados y separados.', 'Thumb and index touch in a circle; the other three fingers straight and apart.'),
    shape('G', { index: EXTENDED, middle: FIST, ring: FIST, pinky: FIST, thumb: THUMB_PARALLEL, orientation: { roll: 90, yaw: 35 } },
      'Índice y pulgar estirados en paralelo, apuntando de lado.', 'Index and thumb straight and parallel, pointing sideways.'),
    shape('H', { index: EXTENDED, middle: EXTENDED, ring: FIST, pinky: FIST, thumb: THUMB_ACROSS, orientation: { roll: 90, yaw: 35 } },
      'Índice y medio juntos y estirados, apuntando de lado.', 'Index and middle together and straight, pointing sideways.'),
    shape('I', { index: FIST, middle: FIST, ring: FIST, pinky: EXTENDED, thumb: THUMB_FRONT },
      'Puño con el meñique estirado hacia arriba.', 'Fist with the little finger straight up.'),
    shape('K', { index: spread(EXTENDED, 6), middle: { mcp: 45, pip: 0, dip: 0, spread: -8 }, ring: FIST, pinky: FIST, thumb: touch(LANDMARK.MIDDLE_PIP) },
      'Índice arriba, medio hacia delante, pulgar tocando el medio.', 'Index up, middle forward, thumb touching the middle finger.'),
    shape('L', { index: EXTENDED, middle: FIST, ring: FIST, pinky: FIST, thumb: THUMB_OUT },
      'Índice hacia arriba y pulgar hacia el lado, en forma de L.', 'Index up and thumb out to the side, an L.'),
    shape('M', { index: OVER, middle: OVER, ring: OVER, pinky: FIST, thumb: touch(LANDMARK.RING_PIP, [-0.08, -0.12, 0.02]) },
      'Índice, medio y anular doblados sobre el pulgar.', 'Index, middle and ring fingers folded over the thumb.'),
    shape('N', { index: OVER, middle: OVER, ring: FIST, pinky: FIST, thumb: touch(LANDMARK.MIDDLE_PIP, [-0.1, -0.12, 0.02]) },
      'Índice y medio doblados sobre el pulgar.', 'Index and middle fingers folded over the thumb.'),
    shape('O', { index: ROUND, middle: ROUND, ring: ROUND, pinky: ROUND, thumb: touch(LANDMARK.INDEX_TIP), orientation: { yaw: 40 } },
      'Todos los dedos curvados tocan el pulgar formando una O.', 'All fingers curve to touch the thumb, an O.'),
    shape('P', { index: spread(EXTENDED, 6), middle: { mcp: 45, pip: 0, dip: 0, spread: -8 }, ring: FIST, pinky: FIST, thumb: touch(LANDMARK.MIDDLE_PIP), orientation: { pitch: 145 } },
      'Como la K, con la mano apuntando hacia abajo.', 'Like K, with the hand pointing down.'),
    shape('Q', { index: EXTENDED, middle: FIST, ring: FIST, pinky: FIST, thumb: THUMB_PARALLEL, orientation: { pitch: 150 } },
      'Índice y pulgar estirados apuntando hacia abajo.', 'Index and thumb straight, pointing down.'),
    shape('R', { index: { mcp: 0, pip: 0, dip: 0, spread: -9 }, middle: { mcp: 0, pip: 0, dip: 0, spread: 11, lift: 0.07 }, ring: FIST, pinky: FIST, thumb: THUMB_ACROSS },
      'Índice y medio estirados y cruzados.', 'Index and middle straight and crossed.'),
    shape('S', { index: FIST, middle: FIST, ring: FIST, pinky: FIST, thumb: THUMB_FRONT },
      'Puño con el pulgar cruzado por delante de los dedos.', 'Fist with the thumb across the front of the fingers.'),
    shape('T-LSE', { index: OVER, middle: FIST, ring: FIST, pinky: FIST, thumb: touch(LANDMARK.INDEX_PIP, [-0.05, -0.1, 0.02]) },
      'Puño con la punta del pulgar asomando entre índice y medio.', 'Fist with the thumb tip showing between index and middle.'),
    shape('T-LSM', { index: HOOKED, middle: EXTENDED, ring: EXTENDED, pinky: EXTENDED, thumb: touch(LANDMARK.INDEX_DIP, [0.04, 0, 0.05]), orientation: { yaw: 60 } },
      'Índice doblado apoyado en el pulgar; medio, anular y meñique estirados y juntos; palma de lado.', 'Index bent resting on the thumb; middle, ring and little fingers straight together; palm sideways.'),
    shape('U', { index: EXTENDED, middle: EXTENDED, ring: FIST, pinky: FIST, thumb: THUMB_ACROSS },
      'Índice y medio juntos hacia arriba.', 'Index and middle together, pointing up.'),
    shape('V', { index: spread(EXTENDED, 12), middle: spread(EXTENDED, -12), ring: FIST, pinky: FIST, thumb: THUMB_ACROSS },
      'Índice y medio separados en V.', 'Index and middle apart in a V.'),
    shape('W', { index: spread(EXTENDED, 14), middle: EXTENDED, ring: spread(EXTENDED, -14), pinky: FIST, thumb: touch(LANDMARK.PINKY_TIP) },
      'Índice, medio y anular separados; el pulgar sujeta el meñique.', 'Index, middle and ring apart; the thumb holds the little finger.'),
    shape('X', { index: HOOKED, middle: FIST, ring: FIST, pinky: FIST, thumb: THUMB_FRONT },
      'Índice en gancho, los demás cerrados.', 'Index hooked, the others closed.'),
    shape('Y', { index: FIST, middle: FIST, ring: FIST, pinky: EXTENDED, thumb: THUMB_OUT },
      'Pulgar y meñique estirados, los demás cerrados.', 'Thumb and little finger out, the others closed.'),
    shape('Z', { index: EXTENDED, middle: FIST, ring: FIST, pinky: FIST, thumb: THUMB_FRONT },
      'Índice estirado que dibuja una Z en el aire.', 'Straight index that draws a Z in the air.'),
  ].map((s) => [s.id, s]),
);

export interface LetterSpec {
  /** The letter as written: `A`, `Ñ`, `LL`, `CH`, `RR`. */
  readonly letter: string;
  /** The handshape drawn (for letters with movement: the handshape they start from). */
  readonly shape: string;
  /** The letter moves (traced in the air, or shaken): out of scope for static recognition. */
  readonly movement?: { readonly es: string; readonly en: string };
}

const still = (letter: string, shapeId = letter): LetterSpec => ({ letter, shape: shapeId });
const moving = (letter: string, shapeId: string, es: string, en: string): LetterSpec => ({ letter, shape: shapeId, movement: { es, en } });

/**
 * Letters per language, in alphabetical order. Letters with movement keep their starting handshape for the drawing
 * and are excluded from static recognition.
 */
export const ALPHABETS: Readonly<Record<SignLanguage, readonly LetterSpec[]>> = {
  LSM: [
    still('A'), still('B'), still('C'), moving('CH', 'C', 'C que se desplaza hacia un lado.', 'C moved to the side.'),
    still('D'), still('E'), still('F'), still('G'), still('H'), still('I'),
    moving('J', 'I', 'El meñique traza una J.', 'The little finger traces a J.'),
    moving('K', 'K', 'La K sube con un giro de muñeca.', 'K rising with a turn of the wrist.'),
    still('L'), moving('LL', 'L', 'L que se desplaza o se repite.', 'L moved or repeated.'),
    still('M'), still('N'), moving('Ñ', 'N', 'N con un vaivén.', 'N with a side-to-side shake.'),
    still('O'), still('P'), moving('Q', 'Q', 'Q con un giro de muñeca.', 'Q with a turn of the wrist.'),
    still('R'), moving('RR', 'R', 'R con un vaivén.', 'R with a shake.'),
    still('S'), still('T', 'T-LSM'), still('U'), still('V'), still('W'),
    moving('X', 'X', 'Índice en gancho que se mueve.', 'Hooked index that moves.'),
    still('Y'), moving('Z', 'Z', 'El índice traza una Z.', 'The index traces a Z.'),
  ],
  LSE: [
    still('A'), still('B'), still('C'), moving('CH', 'C', 'C que se desplaza hacia un lado.', 'C moved to the side.'),
    still('D'), still('E'), still('F'),
    moving('G', 'G', 'G con un movimiento de muñeca.', 'G with a wrist movement.'),
    moving('H', 'H', 'H con un movimiento de muñeca.', 'H with a wrist movement.'),
    still('I'), moving('J', 'I', 'El meñique traza una J.', 'The little finger traces a J.'),
    still('K'), still('L'), moving('LL', 'L', 'L que se desplaza o se repite.', 'L moved or repeated.'),
    still('M'), still('N'), moving('Ñ', 'N', 'N con un vaivén.', 'N with a side-to-side shake.'),
    still('O'), still('P'), still('Q'), still('R'), still('S'), still('T', 'T-LSE'), still('U'), still('V'), still('W'),
    moving('X', 'X', 'Índice en gancho que se mueve.', 'Hooked index that moves.'),
    still('Y'), moving('Z', 'Z', 'El índice traza una Z.', 'The index traces a Z.'),
  ],
};

/** What this table encodes differently between the two languages (documented in plugins/sign-link/README.md). */
export const LANGUAGE_DIFFERENCES = {
  differentShape: ['T'],
  movingOnlyInLSM: ['K', 'Q'],
  movingOnlyInLSE: ['G', 'H'],
  onlyInLSM: ['RR'],
} as const;

/** The letter units of a language, longest first (so `LL` wins over `L` when splitting a word). */
function unitsOf(language: SignLanguage): string[] {
  return ALPHABETS[language].map((l) => l.letter).sort((a, b) => b.length - a.length);
}

/** The spec of a letter in a language, or undefined when the alphabet has no such letter. */
export function letterSpec(language: SignLanguage, letter: string): LetterSpec | undefined {
  return ALPHABETS[language].find((l) => l.letter === letter);
}

/**
 * Splits a word into the letters of a language's manual alphabet: upper case, accents dropped (Á → A, Ü → U) but
 * Ñ kept, digraphs (CH, LL, RR) as one letter where the alphabet has them. Digits and other characters are dropped.
 */
export function spellWord(language: SignLanguage, word: string): string[] {
  const plain = word
    .toLocaleUpperCase('es')
    .replace(/Ñ/g, '\u0000')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u0000/g, 'Ñ')
    .replace(/[^A-ZÑ]/g, '');
  const units = unitsOf(language);
  const letters: string[] = [];
  for (let i = 0; i < plain.length; ) {
    const unit = units.find((u) => plain.startsWith(u, i))!;
    letters.push(unit);
    i += unit.length;
  }
  return letters;
}

/** Letters a static recogniser can tell apart, per language, with the handshape each uses. */
export function staticLetters(language: SignLanguage): { letter: string; shape: string }[] {
  return ALPHABETS[language].filter((l) => l.movement === undefined).map((l) => ({ letter: l.letter, shape: l.shape }));
}
