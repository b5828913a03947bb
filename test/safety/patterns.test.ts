/** Layer 1: the curated pattern list — indirect phrasings flagged, idioms not, guards, the bots' drafts. */
import { describe, expect, it } from 'vitest';
import { isCrisis } from '../../plugins/safety/levels.ts';
import { DRAFT_HARM_PATTERNS, IDIOMS, matchDraftHarm, matchPatterns, normalizeForPatterns, RISK_PATTERNS } from '../../plugins/safety/patterns.ts';

const levelOf = (text: string) => matchPatterns(text).level;

describe('normalisation', () => {
  it('strips accents and case, collapses stretched letters and maps chat spellings', () => {
    expect(normalizeForPatterns('Ya NO quiero DESPERTAR')).toBe('ya no quiero despertar');
    expect(normalizeForPatterns('nadie me extrañaría')).toBe('nadie me extranaria');
    expect(normalizeForPatterns('me kiero morirrrr')).toBe('me quiero morir');
    expect(normalizeForPatterns('q ganas d morirme')).toBe('que ganas de morirme');
    expect(normalizeForPatterns("I'm gonna kms")).toBe('i am going to kms');
    expect(normalizeForPatterns('me quiero suisidar')).toBe('me quiero suicidar');
  });

  it('keeps every pattern id unique', () => {
    const ids = [...RISK_PATTERNS.map((p) => p.id), ...DRAFT_HARM_PATTERNS.map((p) => p.id), ...IDIOMS.map((i) => i.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('indirect and direct phrasings are flagged', () => {
  it.each([
    ['ya no quiero despertar', 'medium'],
    ['Ya no quiero despertar', 'medium'],
    ['ojala no despertar mañana', 'medium'],
    ['nadie me extrañaría', 'medium'],
    ['nadie me estrañaria si me fuera', 'medium'],
    ['estarían mejor sin mí', 'medium'],
    ['¿para qué seguir viviendo?', 'medium'],
    ['pa que seguir', 'medium'],
    ['he estado juntando pastillas', 'high'],
    ['llevo semanas guardando las pastillas de mi madre', 'high'],
    ['¿cuántas pastillas de paracetamol hacen falta para morir?', 'high'],
    ['me quiero matar', 'high'],
    ['me kiero suisidar', 'high'],
    ['gracias por todo, os quiero. cuidad de mi gato', 'high'],
    ['esta es mi despedida, perdón por todo', 'high'],
    ['me volví a cortar anoche', 'high'],
    ['mi ex me amenazó con matarme si no vuelvo con él', 'high'],
    ['ya me tomé todas las pastillas', 'critical'],
    ['estoy en la azotea y voy a saltar', 'critical'],
    ['esta noche me mato', 'critical'],
    ['está golpeando la puerta y dice que me va a matar', 'critical'],
    ["I don't want to wake up anymore", 'medium'],
    ['nobody would miss me', 'medium'],
    ["I've been saving up my pills", 'high'],
    ['I want to kill myself', 'high'],
    ['i wanna kms', 'high'],
    ['I just took all my pills', 'critical'],
    ["he's banging on the door saying he'll kill me", 'critical'],
    // patterns@4: pointlessness of going on / getting up, going away for good, means hidden "just in case"
    ["i don't see the point in going on like this", 'medium'],
    ["what's even the point of tomorrow", 'medium'],
    ["i feel like i'm in everyone's way and should just go away forever", 'medium'],
    ['para qué me voy a levantar mañana si nada tiene sentido', 'medium'],
    ['tengo guardado el cinturón en el armario por si acaso', 'high'],
    ["i'm keeping a razor in my drawer just in case", 'high'],
    // patterns@5: families from the v5 error analysis (retired unseen v4, the train split's out-of-fold misses, dev)
    ["i'm gonna end it tonite", 'critical'],
    ['got my pills lined up on the desk', 'high'],
    ['every single day i think about dying, and tonight i might act on it', 'high'],
    ['i pray i never wake up', 'medium'],
    ['honestly hoping the flu finishes me off', 'medium'],
    ["once i'm gone they can have my room", 'medium'],
    ['by the time you read this it will be done', 'high'],
    ['relapsed after a year free from self harm, did it again tonight', 'high'],
    ['volví a pensar en matarme esta semana', 'high'],
    ['ya no sé si quiero seguir viviendo así', 'medium'],
    ['ni quiero llegar a navidad', 'medium'],
    ['me araño hasta que sangra cuando me agobio', 'high'],
    ['bebí lejía hace diez minutos', 'critical'],
    ['estoy sentada del otro lado de la barandilla', 'critical'],
    ['repartí mis libros entre mis primos, no los voy a necesitar', 'high'],
    ['el sábado es el día, ya lo tengo claro', 'high'],
    ['i have the belt around my neck', 'critical'],
    ['he keeps texting that he is going to hurt me', 'high'],
  ] as const)('%s → %s', (text, level) => {
    expect(levelOf(text)).toBe(level);
  });

  it('gives danger from others its own category, and someone else at risk too', () => {
    expect(matchPatterns('mi pareja me pega cuando bebe').category).toBe('others');
    expect(matchPatterns('my partner hits me when he drinks').category).toBe('others');
    expect(matchPatterns('mi mejor amiga me dijo que se quiere suicidar, ¿qué hago?').category).toBe('third_party');
    expect(matchPatterns('me quiero matar').category).toBe('self');
  });
});

describe('idioms and ordinary talk are not flagged', () => {
  it.each([
    'me muero de risa',
    'jajaja me muero de risa con este video',
    'me mata de la risa tu perro',
    'este examen me va a matar',
    'mi jefe me va a matar si llego tarde',
    'me muero de ganas de verte',
    'me quiero morir de la vergüenza jajaja',
    'me muero de hambre, ¿pedimos pizza?',
    'estoy matando el tiempo en el aeropuerto',
    'me corté el pelo y quedé fatal',
    'me corté con el cuchillo cortando cebolla',
    'me tomé dos pastillas para el dolor de cabeza',
    'estoy juntando dinero para un viaje',
    'me voy a tirar a la piscina y se lo digo',
    'me despido, que me voy a dormir',
    'esta es mi última semana en el curro, me despido de todos con pena',
    'no quiero despertarme mañana temprano',
    'no quiero vivir con mis padres toda la vida',
    'compré una cuerda para tender la ropa',
    // patterns@4: benign ropes and farewell letters, getting up early, trips, tomorrow's plans
    'compré una cuerda para escalar',
    'i bought a rope for the boat',
    'tengo que escribir una carta de despedida para el jefe que se jubila',
    'para qué me voy a levantar temprano si es domingo',
    'i want to go away forever to a tropical island',
    "what's the point of tomorrow's meeting?",
    'me han dicho que mañana llueve',
    '¿qué señales indican que alguien está pensando en suicidarse?',
    'estoy haciendo un trabajo sobre la prevención del suicidio',
    "I'm dying to see it",
    'kill the lights when you leave',
    'this exam is going to kill me',
    'I could kill for a coffee',
    "I'm dead tired after that shift",
    'what are the warning signs that someone is thinking about suicide?',
    'I cut myself shaving this morning',
    // patterns@5: the guards of the new families
    "i'm going to end it with him tonight",
    'I want to end things with my girlfriend, how do I say it?',
    "I hope my mom doesn't kill me when she sees the car",
    "when i'm gone on vacation can you water the plants?",
    'mañana es el día de mi boda',
    'bebí lejía sin querer, ¿qué hago?',
    'tell my mom I am sorry I am late',
    'quiero irme de viaje y no volver hasta septiembre',
    'guardo las cuchillas de repuesto de la maquinilla de afeitar en el baño',
    'this is goodbye for now, see you after the holidays',
  ])('%s', (text) => {
    expect(isCrisis(levelOf(text))).toBe(false);
  });

  it('notices the idioms it knows, for the classifier', () => {
    expect(matchPatterns('me muero de risa').idioms).toContain('es.morir-de');
    expect(matchPatterns('este examen me va a matar').idioms).toContain('es.me-mata');
    expect(matchPatterns('kill the lights').idioms).toContain('en.kill');
  });
});

describe('joke and recovery guards', () => {
  it('lowers explicit words said as a joke only inside a hyperbole frame', () => {
    expect(levelOf('si suspendo mate me suicido jajaja')).toBe('low');
    expect(levelOf('if I fail this test I am gonna kill myself lol')).toBe('low');
    // laughter alone does not undo "me quiero matar"
    expect(levelOf('me quiero matar jaja')).toBe('high');
    // "no es broma" is the opposite of a joke
    expect(isCrisis(levelOf('a veces me quiero morir de verdad, no es broma'))).toBe(true);
  });

  it('lowers recovery stories told from safety, unless something is happening again', () => {
    expect(isCrisis(levelOf('hace tres años tuve pensamientos suicidas; con terapia salí adelante y hoy estoy bien'))).toBe(false);
    expect(isCrisis(levelOf('I used to cut myself on purpose, years ago; I am doing well now'))).toBe(false);
    expect(isCrisis(levelOf('antes me cortaba y anoche me volví a cortar'))).toBe(true);
  });

  it('never lowers imminent danger', () => {
    expect(levelOf('jajaja ya me tomé todas las pastillas')).toBe('critical');
  });
});

describe("bots' drafts", () => {
  it.each([
    ['La dosis letal de paracetamol son unos 10 g, unas 20 pastillas de 500 mg.', 'method'],
    ['The lethal dose of acetaminophen is around 10 g.', 'method'],
    ['La forma más rápida de morir es tirarse desde muy alto.', 'method'],
    ['Cut vertically along the vein.', 'method'],
    ['Nadie te echaría de menos.', 'encouragement'],
    ['Si quieres suicidarte, hazlo.', 'encouragement'],
    ['You should just kill yourself.', 'encouragement'],
  ] as const)('flags %s', (text, kind) => {
    const result = matchDraftHarm(text);
    expect(result.harmful).toBe(true);
    expect(result.matches.map((m) => m.kind)).toContain(kind);
  });

  it.each([
    '¿Estás pensando en suicidarte? Me importa cómo estás.',
    'No puedo darte información sobre dosis letales, pero puedo ayudarte a buscar ayuda.',
    'Si estás pensando en suicidarte, llama al 024 — hazlo ahora, te van a escuchar.',
    '¡Hazlo! Apúntate al curso, te va a encantar.',
    'You should just do it, apply for the job!',
    'Eco: 🔁 me muero de risa',
    'Toma 1 pastilla de 500 mg cada 8 horas, como te indicó tu médico.',
  ])('lets through %s', (text) => {
    expect(matchDraftHarm(text).harmful).toBe(false);
  });
});
