import { describe, expect, it } from 'vitest';
import { ALPHABETS, HAND_SHAPES, LANGUAGE_DIFFERENCES, SIGN_LANGUAGES, alphabetSvgs, handDrawing, handLandmarks, handSvg, spellWord, staticLetters } from '../src/index.ts';

/**
 * A strict little XML well-formedness check (no XML parser ships with the project): every tag closes in order,
 * attributes are quoted, `&` only starts a known entity, nothing outside the root element.
 */
function wellFormed(xml: string): string | null {
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let rootClosed = false;
  for (const m of xml.matchAll(token)) {
    if (m[6]) return `stray "<" at ${m.index}`;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) return `bad entity in text at ${m.index}`;
      if (stack.length === 0 && m[5].trim() !== '') return 'text outside the root';
      continue;
    }
    if (rootClosed) return 'content after the root element';
    const [, closing, name, , selfClosing] = m;
    if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[3] ?? '')) return `bad entity in attributes of <${name}>`;
    if (closing) {
      if (stack.pop() !== name) return `</${name}> closes the wrong element`;
      if (stack.length === 0) rootClosed = true;
    } else if (!selfClosing) stack.push(name!);
    else if (stack.length === 0) rootClosed = true;
  }
  return stack.length === 0 && rootClosed ? null : `unclosed: ${stack.join(' > ')}`;
}

describe('manual alphabets', () => {
  it('has every letter of each alphabet mapped to a drawn handshape', () => {
    expect(ALPHABETS.LSM.map((l) => l.letter)).toEqual(['A', 'B', 'C', 'CH', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'LL', 'M', 'N', 'Ñ', 'O', 'P', 'Q', 'R', 'RR', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z']);
    expect(ALPHABETS.LSE.map((l) => l.letter)).toEqual(['A', 'B', 'C', 'CH', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'LL', 'M', 'N', 'Ñ', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z']);
    for (const language of SIGN_LANGUAGES) for (const l of ALPHABETS[language]) expect(HAND_SHAPES[l.shape], `${language} ${l.letter}`).toBeDefined();
  });

  it('encodes the documented differences between LSM and LSE', () => {
    const spec = (language: 'LSM' | 'LSE', letter: string) => ALPHABETS[language].find((l) => l.letter === letter)!;
    for (const letter of LANGUAGE_DIFFERENCES.differentShape) expect(spec('LSM', letter).shape).not.toBe(spec('LSE', letter).shape);
    for (const letter of LANGUAGE_DIFFERENCES.movingOnlyInLSM) expect([spec('LSM', letter).movement !== undefined, spec('LSE', letter).movement]).toEqual([true, undefined]);
    for (const letter of LANGUAGE_DIFFERENCES.movingOnlyInLSE) expect([spec('LSM', letter).movement, spec('LSE', letter).movement !== undefined]).toEqual([undefined, true]);
    expect(staticLetters('LSM')).toHaveLength(21);
    expect(staticLetters('LSE')).toHaveLength(21);
  });

  it('spells words into letters of the alphabet', () => {
    expect(spellWord('LSM', 'Muñoz-Llorente 2')).toEqual(['M', 'U', 'Ñ', 'O', 'Z', 'LL', 'O', 'R', 'E', 'N', 'T', 'E']);
    expect(spellWord('LSE', 'Ángel Güemes')).toEqual(['A', 'N', 'G', 'E', 'L', 'G', 'U', 'E', 'M', 'E', 'S']);
    expect(spellWord('LSM', 'perro')).toEqual(['P', 'E', 'RR', 'O']);
    expect(spellWord('LSE', 'perro')).toEqual(['P', 'E', 'R', 'R', 'O']);
  });

  it('gives 21 finite landmarks for every handshape', () => {
    for (const shape of Object.values(HAND_SHAPES)) {
      const points = handLandmarks(shape.pose);
      expect(points, shape.id).toHaveLength(21);
      expect(points.flat().every(Number.isFinite), shape.id).toBe(true);
    }
  });
});

describe('SVG drawings', () => {
  it('draws every letter of both alphabets as a well-formed SVG with an accessible title and description', () => {
    for (const language of SIGN_LANGUAGES) {
      for (const { letter, svg } of alphabetSvgs(language)) {
        expect(wellFormed(svg), `${language} ${letter}`).toBeNull();
        expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 100 120" role="img" aria-labelledby="([^"]+)-t" aria-describedby="\1-d">/);
        expect(svg).toContain(`<title id="hand-${language.toLowerCase()}-`);
        expect(svg).toContain(`>Letra ${letter} (${language}, `);
        expect(svg).toMatch(/<desc id="[^"]+">[^<]{10,}<\/desc>/);
        // Palm + five fingers (each finger an outline and a fill).
        expect(svg.match(/<polygon /g)).toHaveLength(1);
        expect(svg.match(/<polyline /g)).toHaveLength(10);
      }
    }
  });

  it('titles in English too, marks letters with movement, and keeps coordinates inside the box', () => {
    expect(handSvg('LSE', 'Ñ', 'en')).toContain('<title id="hand-lse-n1-t">Letter Ñ (LSE, Spanish Sign Language)</title>');
    expect(handDrawing('LSM', 'J')!.movement).toBe('El meñique traza una J.');
    expect(handDrawing('LSM', 'A')!.movement).toBeUndefined();
    expect(handSvg('LSM', 'J')).toContain('class="hand-move"');
    expect(handSvg('LSM', 'Ç')).toBeUndefined();
    for (const language of SIGN_LANGUAGES) {
      for (const l of ALPHABETS[language]) {
        const numbers = handDrawing(language, l.letter)!.parts.flatMap((p) => p.points.split(/[ ,]/).map(Number));
        expect(Math.min(...numbers), `${language} ${l.letter}`).toBeGreaterThan(-5);
        expect(Math.max(...numbers), `${language} ${l.letter}`).toBeLessThan(125);
      }
    }
  });

  it('draws the two T handshapes differently, and shared letters identically', () => {
    expect(handSvg('LSM', 'T')!.replace(/lsm/g, '')).not.toEqual(handSvg('LSE', 'T')!.replace(/lse/g, ''));
    const body = (svg: string) => svg.slice(svg.indexOf('</style>'));
    expect(body(handSvg('LSM', 'B')!)).toEqual(body(handSvg('LSE', 'B')!));
  });
});
