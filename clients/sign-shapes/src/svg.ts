/**
 * @module sign-shapes/svg
 * Draws a handshape of the parametric hand as a small, flat SVG seen from the viewer's side: the palm as a rounded
 * polygon and each finger as a thick round-capped polyline with an outline, painted far-to-near so curled fingers
 * show in front of the palm. `handDrawing` returns the parts (for frameworks that build the DOM themselves, like the
 * hub); `handSvg` returns a standalone SVG document string with an accessible `<title>` and `<desc>`.
 */
import { ALPHABETS, HAND_SHAPES, letterSpec, type SignLanguage } from './alphabet.ts';
import { FINGER_CHAINS, PALM_OUTLINE, handLandmarks, type Vec3 } from './hand.ts';

export const VIEWBOX = '0 0 100 120';

export interface DrawingPart {
  /** `palm` is a closed polygon, `finger` an open polyline. */
  readonly kind: 'palm' | 'finger';
  /** SVG `points` attribute. */
  readonly points: string;
  /** Stroke width of the finger (the outline adds to it). */
  readonly width: number;
}

export interface HandDrawing {
  readonly viewBox: string;
  readonly title: string;
  readonly description: string;
  readonly movement?: string;
  /** Far to near: paint in this order. */
  readonly parts: readonly DrawingPart[];
}

export type Lang = 'es' | 'en';

const FINGER_WIDTH = [13, 11.5, 12, 11.5, 10];

/** Projects model-frame points into the 100×120 box: x right, y down, palm length ≈ 48 units. */
function project(points: readonly Vec3[]): (p: Vec3) => [number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // One scale for every shape, so hands keep the same size; centred in the box.
  const s = 42;
  const cx = 50 - ((minX + maxX) / 2) * s;
  const cy = 60 + ((minY + maxY) / 2) * s;
  return (p) => [round(cx + p[0] * s), round(cy - p[1] * s)];
}

const round = (n: number) => Math.round(n * 10) / 10;
const depth = (points: readonly Vec3[], indices: readonly number[]) => indices.reduce((sum, i) => sum + points[i]![2], 0) / indices.length;

/**
 * The palm as drawn: the knuckles, and a wrist as wide as the hand (the landmarks have a single wrist point). Built
 * from linear combinations of the oriented landmarks, so it turns with the hand.
 */
function palmOutline(points: readonly Vec3[]): Vec3[] {
  const [wrist, thumbBase, indexKnuckle, middleKnuckle, ringKnuckle, pinkyKnuckle] = PALM_OUTLINE.map((i) => points[i]!);
  const across = [0, 1, 2].map((k) => pinkyKnuckle![k]! - indexKnuckle![k]!) as unknown as Vec3;
  const at = (from: Vec3, k: number, along: Vec3, j: number): Vec3 => [from[0] + along[0] * k + across[0] * j, from[1] + along[1] * k + across[1] * j, from[2] + along[2] * k + across[2] * j];
  const pinkySide = at(wrist!, 0.2, pinkyKnuckle!, 0.22);
  const thumbSide = at(wrist!, 0, thumbBase!, -0.25);
  return [thumbSide, thumbBase!, indexKnuckle!, middleKnuckle!, ringKnuckle!, pinkyKnuckle!, pinkySide];
}

/** The drawing of a letter of a language; undefined when the alphabet has no such letter. */
export function handDrawing(language: SignLanguage, letter: string, lang: Lang = 'es'): HandDrawing | undefined {
  const spec = letterSpec(language, letter);
  if (!spec) return undefined;
  const shape = HAND_SHAPES[spec.shape]!;
  const points = handLandmarks(shape.pose);
  const to = project(points);
  const pts = (indices: readonly number[]) => indices.map((i) => to(points[i]!).join(',')).join(' ');
  const parts: { part: DrawingPart; z: number }[] = [
    { part: { kind: 'palm', points: palmOutline(points).map((p) => to(p).join(',')).join(' '), width: 3 }, z: depth(points, PALM_OUTLINE) },
    ...FINGER_CHAINS.map((chain, i) => {
      // The thumb starts at the wrist side of the palm; fingers from their knuckle.
      const indices = i === 0 ? [1, ...chain.slice(1)] : chain;
      return { part: { kind: 'finger' as const, points: pts(indices), width: FINGER_WIDTH[i]! }, z: depth(points, chain.slice(1)) };
    }),
  ];
  parts.sort((a, b) => a.z - b.z);
  const languageName = lang === 'es' ? { LSM: 'lengua de señas mexicana', LSE: 'lengua de signos española' } : { LSM: 'Mexican Sign Language', LSE: 'Spanish Sign Language' };
  const title = lang === 'es' ? `Letra ${letter} (${language}, ${languageName[language]})` : `Letter ${letter} (${language}, ${languageName[language]})`;
  const movement = spec.movement?.[lang];
  const description = movement ? `${shape.description[lang]} ${movement}` : shape.description[lang];
  return { viewBox: VIEWBOX, title, description, parts: parts.map((p) => p.part), ...(movement ? { movement } : {}) };
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);

/** A standalone SVG document for a letter (with `<title>`, `<desc>` and default colours); undefined for unknown letters. */
export function handSvg(language: SignLanguage, letter: string, lang: Lang = 'es'): string | undefined {
  const drawing = handDrawing(language, letter, lang);
  if (!drawing) return undefined;
  const id = `hand-${language}-${letter}`.toLowerCase().replace(/[^a-z0-9-]/g, (c) => (c === 'ñ' ? 'n1' : '_'));
  const body = drawing.parts
    .map((part) => (part.kind === 'palm'
      ? `<polygon class="hand-skin" points="${part.points}" stroke-width="${part.width}"/>`
      : `<polyline class="hand-line" points="${part.points}" stroke-width="${part.width + 3}"/><polyline class="hand-skin" points="${part.points}" stroke-width="${part.width}"/>`))
    .join('');
  const mark = drawing.movement ? '<path class="hand-move" d="M78 14 q10 6 4 16" marker-end="url(#arrow)"/>' : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${drawing.viewBox}" role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d">`,
    `<title id="${id}-t">${escapeXml(drawing.title)}</title><desc id="${id}-d">${escapeXml(drawing.description)}</desc>`,
    '<defs><marker id="arrow" viewBox="0 0 6 6" refX="3" refY="3" markerWidth="4" markerHeight="4" orient="auto"><path d="M0 0L6 3L0 6z" fill="#2b3a55"/></marker></defs>',
    '<style>.hand-skin{fill:#dbe5f1;stroke:#dbe5f1;stroke-linejoin:round;stroke-linecap:round}polygon.hand-skin{stroke:#2b3a55}.hand-line{fill:none;stroke:#2b3a55;stroke-linejoin:round;stroke-linecap:round}.hand-move{fill:none;stroke:#2b3a55;stroke-width:2.5}</style>',
    body,
    mark,
    '</svg>',
  ].join('');
}

/** Every letter of a language with its SVG (for documentation, tests, or writing static files). */
export function alphabetSvgs(language: SignLanguage, lang: Lang = 'es'): { letter: string; svg: string }[] {
  return ALPHABETS[language].map((l) => ({ letter: l.letter, svg: handSvg(language, l.letter, lang)! }));
}
