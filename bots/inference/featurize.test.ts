import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEXT_FEATURIZER,
  FeatureInputError,
  featurizeText,
  featurizeTexts,
  fnv1a32,
  normalizeText,
  packVectors,
  textFeatures,
  tokenize,
} from './featurize.ts';

describe('hashed n-gram featurizer', () => {
  it('hashes with FNV-1a 32-bit over UTF-8 (published test vectors, multi-byte characters)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // Same as Python: fnv1a(s.encode('utf-8')) for 2-, 3- and 4-byte characters.
    expect([fnv1a32('ñ'), fnv1a32('€'), fnv1a32('😀')]).toEqual([111002361, 697271083, 866293256]);
  });

  it('strips accents, lowercases and splits on anything but letters and digits', () => {
    expect(normalizeText('Árbol ÑANDÚ Pingüino')).toBe('arbol nandu pinguino');
    expect(tokenize(normalizeText('¿Con quién hablabas?! 24/7'))).toEqual(['con', 'quien', 'hablabas', '24', '7']);
    expect(featurizeText('CANCIÓN')).toEqual(featurizeText('cancion'));
  });

  it('makes word uni/bi-grams and char 2–4-grams with word edges', () => {
    const features = textFeatures('Hola mundo');
    expect(features).toEqual(expect.arrayContaining(['w:hola', 'w:mundo', 'b:hola mundo', 'c: h', 'c:hola', 'c:a m', 'c:ndo ']));
    expect(features.filter((f) => f.startsWith('b:'))).toHaveLength(1);
    expect(features.every((f) => !f.startsWith('c:') || [2, 3, 4].includes(Array.from(f.slice(2)).length))).toBe(true);
  });

  it('is deterministic and stable across releases (a change here silently breaks trained models)', () => {
    const first = featurizeText('Si me dejas te vas a arrepentir');
    expect(featurizeText('Si me dejas te vas a arrepentir')).toEqual(first);
    expect(first.indices.length).toBe(101);
    expect(Array.from(first.indices.slice(0, 6))).toEqual([675, 14661, 15499, 18120, 31544, 304]);
    expect(first.values[0]).toBeCloseTo(0.15211884677410126, 7);
  });

  it('weights by log(1+tf), L2-normalised, heaviest first, at most topK', () => {
    const { values } = featurizeText('hola hola hola adiós');
    const norm = Math.hypot(...values);
    expect(norm).toBeCloseTo(1, 5);
    expect([...values]).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBeGreaterThan(values.at(-1) ?? 0); // repeated n-grams weigh more
    const small = { ...DEFAULT_TEXT_FEATURIZER, topK: 8 };
    const truncated = featurizeText('una frase bastante larga para tener muchas más de ocho características', small);
    expect(truncated.indices).toHaveLength(8);
    expect(Math.hypot(...truncated.values)).toBeLessThan(1);
    expect(Math.max(...truncated.indices)).toBeLessThan(DEFAULT_TEXT_FEATURIZER.dims);
  });

  it('packs texts into idx [N,K] int64 and val [N,K,1] float32, zero-padded', () => {
    const config = { ...DEFAULT_TEXT_FEATURIZER, topK: 16 };
    const packed = featurizeTexts(['hola', '', '¿?'], config);
    expect(packed.batch).toBe(3);
    expect(packed.idx).toBeInstanceOf(BigInt64Array);
    expect(packed.idx).toHaveLength(48);
    expect(packed.val).toHaveLength(48);
    expect(packed.val.slice(16).every((v) => v === 0)).toBe(true); // no tokens: all padding
    expect(packed.val.slice(0, 16).some((v) => v > 0)).toBe(true);
  });
});

describe('vector inputs', () => {
  it('packs vectors row-major as float32', () => {
    expect(Array.from(packVectors([[1, 2, 3], new Float32Array([4, 5, 6])], 3))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects wrong lengths, non-numbers and non-finite values with a message naming the position', () => {
    expect(() => packVectors([[1, 2]], 3)).toThrow(FeatureInputError);
    expect(() => packVectors([[1, 2]], 3)).toThrow('vectors[0] has 2 numbers, the model takes 3');
    expect(() => packVectors([[1, 2, 3], [1, Number.NaN, 3]], 3)).toThrow('vectors[1][1] must be a finite number');
    expect(() => packVectors([[1, '2', 3] as unknown as number[]], 3)).toThrow('vectors[0][1]');
    expect(() => packVectors(['abc' as unknown as number[]], 3)).toThrow('vectors[0] must be an array of 3 numbers');
  });
});
