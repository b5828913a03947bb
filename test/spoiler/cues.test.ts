/** The transparent layer: lexicon cues per category, normalisation and guards (negation, respect, jokes, danger). */
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category } from '../../plugins/spoiler-detector/categories.ts';
import { CUES, cueScores, normalizeForCues } from '../../plugins/spoiler-detector/cues.ts';

const hitCategories = (text: string): Category[] => [...new Set(cueScores(text).hits.map((h) => h.category))].sort();

describe('normalizeForCues', () => {
  it('strips accents, lowers case, collapses repeated letters and expands texting abbreviations', () => {
    expect(normalizeForCues('¿¿Por QUÉ no me CONTESTAS??')).toBe('por que no me contestas??');
    expect(normalizeForCues('noooo q haces xq no vienes')).toBe('no que haces porque no vienes');
    expect(normalizeForCues('u r mine, ur phone')).toBe('you are mine, your phone');
    expect(normalizeForCues('pasame el celu')).toBe('pasame el celular');
  });
});

describe('cues per category (Spanish and English)', () => {
  const cases: [Category, string, string][] = [
    ['control', 'Te prohíbo salir con esa falda', 'I forbid you from going to that party'],
    ['jealousy', 'Eres mía y de nadie más', "You're mine and nobody else's"],
    ['isolation', 'O tus amigas o yo, elige', "It's me or your friends"],
    ['surveillance', 'Dame tu contraseña del Instagram', 'Give me your password now'],
    ['gaslighting', 'Eso nunca pasó, te lo estás inventando', 'That never happened, stop it'],
    ['insults', 'Eres una inútil, no sirves para nada', "You're useless and pathetic"],
    ['threats', 'Si me dejas te vas a arrepentir', "You'll regret this, I promise"],
    ['economic_control', 'Dame tu sueldo, yo administro el dinero', 'Give me your paycheck every Friday'],
    ['sexual_coercion', 'Si me quisieras lo harías', "If you really loved me you'd do it"],
  ];
  it.each(cases)('%s', (category, es, en) => {
    expect(hitCategories(es)).toContain(category);
    expect(hitCategories(en)).toContain(category);
    expect(cueScores(es).scores[category]).toBeGreaterThan(0.5);
  });

  it('covers every category, in the categories order, with ids that name their category', () => {
    expect(Object.keys(cueScores('hola').scores)).toEqual([...CATEGORIES]);
    for (const category of CATEGORIES) expect(CUES.some((cue) => cue.category === category)).toBe(true);
    for (const cue of CUES) expect(cue.id.startsWith(`${cue.category}.`)).toBe(true);
    expect(new Set(CUES.map((cue) => cue.id)).size).toBe(CUES.length);
  });

  it('combines several hits of one category as 1 − ∏(1 − w)', () => {
    const result = cueScores('mándame tu ubicación cada hora');
    const weights = result.hits.filter((h) => h.category === 'surveillance').map((h) => h.weight);
    expect(weights.length).toBeGreaterThanOrEqual(2);
    const expected = 1 - weights.reduce((keep, w) => keep * (1 - w), 1);
    expect(result.scores.surveillance).toBeCloseTo(expected, 3);
  });

  it('reads slang, missing accents and typos', () => {
    expect(hitCategories('pasame la clave del cel o es q tenes algo q esconder??')).toContain('surveillance');
    expect(hitCategories('sos mia, no me importa lo q digan')).toContain('jealousy');
    expect(hitCategories('ur such a useless bitch')).toContain('insults');
    expect(hitCategories('te voy a dar una madriza')).toContain('threats');
  });
});

describe('guards', () => {
  it('a negator right before a negatable cue cancels it', () => {
    expect(hitCategories('Nunca te pediría tu contraseña, confío en ti')).not.toContain('surveillance');
    expect(hitCategories('Jamás te voy a pegar')).not.toContain('threats');
    expect(hitCategories('he never hit me, he is kind')).not.toContain('threats');
  });

  it('but a question-demand is still a demand', () => {
    expect(hitCategories('¿Por qué no me pasas tu clave?')).toContain('surveillance');
  });

  it('respect markers halve control and surveillance cues', () => {
    const plain = cueScores('Mándame tu ubicación cada hora').scores.surveillance;
    const respectful = cueScores('Mándame tu ubicación cada hora si quieres, tú decides').scores.surveillance;
    expect(respectful).toBeLessThan(plain);
    expect(cueScores('si quieres').respectful).toBe(true);
  });

  it('jokes soften threats and insults and clear the danger flag', () => {
    const joke = cueScores('Te mato si me haces spoiler de la serie jajaja');
    expect(joke.joking).toBe(true);
    expect(joke.danger).toBe(false);
    expect(joke.scores.threats).toBeLessThan(0.5);
    const serious = cueScores('Te voy a matar si me dejas');
    expect(serious.danger).toBe(true);
    expect(serious.scores.threats).toBeGreaterThan(0.8);
  });

  it('flags physical danger and self-harm pressure', () => {
    expect(cueScores('Anoche me empujó contra la pared y me agarró del cuello').danger).toBe(true);
    expect(cueScores('He grabbed a knife when we argued').danger).toBe(true);
    expect(cueScores('He has a gun in the nightstand').danger).toBe(true);
    expect(cueScores('Si me dejas me mato').selfHarm).toBe(true);
    expect(cueScores('If you leave me I will kill myself').selfHarm).toBe(true);
  });

  it('leaves shared-service passwords, respectful check-ins and healthy messages alone', () => {
    for (const text of [
      '¿Me pasas la contraseña del wifi?',
      'Oye, ¿me pasas la contraseña del Spotify familiar?',
      'Avísame cuando llegues a casa, ¿vale?',
      'Voy a revisar el correo a ver si llegó la reserva',
      'Text me when you get home, ok?',
      'Se me pegó la canción todo el día',
      'Te quiero mucho, gracias por cuidarme',
    ]) {
      expect(cueScores(text).hits, text).toEqual([]);
    }
  });
});
