import { describe, expect, it } from 'vitest';
import { MARKER_WH, MARKER_YES_NO, glossText } from './gloss.ts';
import { languageFor } from './plugin.ts';

const g = (text: string, language: 'LSM' | 'LSE') => glossText(text, language).glosses.join(' ');

describe('gloss rules (approximate, documented in README)', () => {
  it('drops articles and copulas and lemmatises verbs, adding the subject a Spanish verb form implies', () => {
    expect(g('Estoy cansado', 'LSM')).toBe('CANSADO');
    expect(g('Quiero el café', 'LSM')).toBe('YO QUERER CAFÉ');
    expect(g('¿Tienes un coche?', 'LSM')).toBe(`TÚ TENER CARRO ${MARKER_YES_NO}`);
  });

  it('puts the verb last in LSE (SOV) and keeps the Spanish order in LSM', () => {
    expect(g('Yo trabajo en la universidad', 'LSM')).toBe('YO TRABAJAR UNIVERSIDAD');
    expect(g('Yo trabajo en la universidad', 'LSE')).toBe('YO UNIVERSIDAD TRABAJAR');
    expect(g('Mañana quiero comer en casa', 'LSE')).toBe('MAÑANA YO CASA QUERER COMER');
  });

  it('uses each country’s words for the same thing', () => {
    expect(g('Tengo coche y móvil', 'LSM')).toBe('YO TENER CARRO CELULAR');
    expect(g('Tengo coche y móvil', 'LSE')).toBe('YO COCHE MÓVIL TENER');
  });

  it('puts time first, with "a las 10" as HORA 10', () => {
    expect(g('Tengo cita con el médico el martes a las 10', 'LSM')).toBe('MARTES HORA 10 YO TENER CITA MÉDICO');
    expect(g('Tengo cita con el médico el martes a las 10', 'LSE')).toBe('MARTES HORA 10 YO CITA MÉDICO TENER');
  });

  it('puts negation after the verb', () => {
    expect(g('No quiero café', 'LSM')).toBe('YO QUERER NO CAFÉ');
    expect(g('No quiero café', 'LSE')).toBe('YO CAFÉ QUERER NO');
  });

  it('moves question words to the end, with the non-manual marker', () => {
    expect(g('¿Dónde vives?', 'LSE')).toBe(`TÚ VIVIR DÓNDE ${MARKER_WH}`);
    expect(g('Hola, ¿cómo te llamas?', 'LSM')).toBe(`HOLA TÚ NOMBRE CÓMO ${MARKER_WH}`);
  });

  it('turns "me gusta" into YO … GUSTAR (the clitic gives the person)', () => {
    expect(g('Me gusta el café', 'LSE')).toBe('YO CAFÉ GUSTAR');
  });
});

describe('fingerspelling fallback', () => {
  it('spells names and words outside the lexicon, letter by letter, and lists them', () => {
    const result = glossText('Me llamo Ana y vivo en Guadalajara', 'LSM');
    expect(result.glosses).toEqual(['YO', 'NOMBRE', 'A-N-A', 'VIVIR', 'G-U-A-D-A-L-A-J-A-R-A']);
    expect(result.fingerspelling).toEqual(['ANA', 'GUADALAJARA']);
  });

  it('spells a capitalised name even when it is also a word (Rosa), but not the sentence’s first word', () => {
    expect(glossText('Hola Rosa', 'LSE').fingerspelling).toEqual(['ROSA']);
    expect(glossText('Casa grande', 'LSE').fingerspelling).toEqual([]);
  });

  it('drops accents, keeps Ñ, and spells digraphs as one letter where the alphabet has them', () => {
    expect(glossText('Vivo en Peñíscola', 'LSE').glosses.at(-2)).toBe('P-E-Ñ-I-S-C-O-L-A');
    expect(glossText('Hola Guillermo', 'LSM').glosses.at(-1)).toBe('G-U-I-LL-E-R-M-O');
    expect(glossText('Hola Carro', 'LSM').glosses.at(-1)).toBe('C-A-RR-O');
    expect(glossText('Hola Carro', 'LSE').glosses.at(-1)).toBe('C-A-R-R-O'); // LSE: no RR letter in this table
    expect(glossText('Hola Chema', 'LSE').glosses.at(-1)).toBe('CH-E-M-A');
  });

  it('says nothing for text without words', () => {
    expect(glossText('  ¡¿…?!  👍', 'LSM').glosses).toEqual([]);
  });
});

describe('language choice', () => {
  it('takes an "LSE:" / "en LSM:" prefix first, then the profile (signLanguage, else country), then the default', () => {
    expect(languageFor('LSE: hola', {}, 'LSM')).toEqual({ language: 'LSE', text: 'hola' });
    expect(languageFor('en lsm, hola', { signLanguage: 'LSE' }, 'LSE')).toEqual({ language: 'LSM', text: 'hola' });
    expect(languageFor('hola', { signLanguage: 'lse' }, 'LSM').language).toBe('LSE');
    expect(languageFor('hola', { signLanguage: 'ASL' }, 'LSM').language).toBe('LSM');
    expect(languageFor('hola', { country: 'es' }, 'LSM').language).toBe('LSE');
    expect(languageFor('hola', { country: 'MX' }, 'LSE').language).toBe('LSM');
    expect(languageFor('hola', { country: 'AR' }, 'LSE').language).toBe('LSE');
  });
});
