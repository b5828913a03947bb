/**
 * Behaviour a user would notice, through the shipped model and thresholds (real onnxruntime, same loader as the
 * inference service): ordinary chat and bot commands stay silent, idioms and benign contexts do not raise the card,
 * indirect phrasings and danger from others do. The phrases come from the product brief, the dataset and the dev
 * set, never from the frozen unseen sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessTexts, type Assessment } from '../../plugins/safety/assess.ts';
import { isCrisis, type RiskLevel } from '../../plugins/safety/levels.ts';
import { matchPatterns } from '../../plugins/safety/patterns.ts';
import { loadLocalCrisisModel, type LocalCrisisModel } from '../../bots/safety/local-model.ts';
import { NEUTRAL_CHAT } from '../../bots/safety/neutral.ts';

let model: LocalCrisisModel;
beforeAll(async () => {
  model = await loadLocalCrisisModel();
});
afterAll(async () => {
  await model?.close();
});

async function assess(texts: readonly string[]): Promise<Assessment[]> {
  const { assessments, modelError } = await assessTexts(texts, model.score, model.thresholds);
  expect(modelError).toBeUndefined();
  return assessments;
}

const COMMANDS = ['/start', 'tell me a story', 'recuérdame la cita del médico el lunes', 'write a poem about autumn', 'ok', '👍', 'gracias!'];

describe('ordinary chat and bot commands', () => {
  it.each([...NEUTRAL_CHAT, ...COMMANDS])('%s → none', async (text) => {
    const [a] = await assess([text]);
    expect(a!.level).toBe('none');
    expect(a!.score).toBeLessThan(0.5);
  });
});

describe('idioms, hyperbole and benign contexts do not raise the card', () => {
  it.each([
    'me muero de risa',
    'este examen me va a matar',
    "I'm dying to see it",
    'me quiero morir de la vergüenza jaja',
    'these shoes are killing me',
    'mi hermana me va a matar cuando vea su coche',
    'cut myself shaving',
    'compré cuchillas para la maquinilla',
    'me despido, me voy a dormir',
    'signing off, going to sleep',
    'hace diez años intenté matarme y hoy soy feliz',
    "ten years ago i tried to kill myself and today i'm happy",
    '¿cuáles son las señales de alarma del suicidio?',
    // Neutral sentences sharing words with crisis text (model 1.2.0 gave the first one high 0.597).
    'me han dicho que mañana llueve',
    'mañana no tengo clase, ¿hacemos algo?',
    'no tengo batería, te escribo luego',
    'se me acabaron las pastillas de la alergia, tengo que ir al médico',
    'compré una cuerda para escalar',
    "it's supposed to rain all day tomorrow",
    "i couldn't sleep last night because of the neighbours' party",
    'took some ibuprofen for my back, feeling better now',
  ])('%s → not crisis', async (text) => {
    const [a] = await assess([text]);
    expect(isCrisis(a!.level), `${text} → ${a!.level} (${a!.score})`).toBe(false);
  });
});

describe('indirect phrasings and danger from others raise it', () => {
  it.each<[string, RiskLevel]>([
    ['ya no quiero despertar', 'medium'],
    ['he estado juntando pastillas', 'high'],
    ['nadie me extrañaría', 'medium'],
    ['¿para qué seguir?', 'medium'],
    ["i don't feel like breathing anymore", 'medium'],
    ['ando pensando en la muerte todo el día', 'medium'],
    ['i think about death all day', 'medium'],
    ["i've thought about jumping in front of the train", 'high'],
    ["you can have my things, i won't be using them", 'high'],
    ['os dejo mis cosas, ya no las voy a usar', 'high'],
    ['hay alguien en mi casa con un arma', 'critical'],
    ["my ex is banging on the door saying he'll kill me", 'critical'],
    ["i don't see the point in going on like this", 'medium'],
    ['para qué me voy a levantar mañana si nada tiene sentido', 'medium'],
    ['tengo guardado el cinturón en el armario por si acaso', 'high'],
  ])('%s → at least %s', async (text, floor) => {
    const [a] = await assess([text]);
    expect(isCrisis(a!.level), `${text} → ${a!.level}`).toBe(true);
    // The pattern list alone (degraded mode, no classifier) must already reach the floor for these.
    expect(isCrisis(matchPatterns(text).level), `pattern for ${text}`).toBe(true);
    expect(['medium', 'high', 'critical'].indexOf(a!.level)).toBeGreaterThanOrEqual(['medium', 'high', 'critical'].indexOf(floor));
  });
});
