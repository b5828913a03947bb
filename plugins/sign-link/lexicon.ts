/**
 * @module sign-link/lexicon
 * The small lexicon of text → sign: Spanish words (and a few phrases) that get a sign gloss instead of being
 * fingerspelled. Glosses are the usual Spanish labels of signs, written in capitals, in the Spanish of the
 * language's country (COCHE in LSE, CARRO in LSM): a gloss names a sign, it does not describe how it is made.
 *
 * Deliberately small and documented (README): a word outside it is fingerspelled, which is what a signer does
 * with a word that has no sign they know, or with a name. Extending it is adding entries here.
 */
import type { SignLanguage } from '../../clients/sign-shapes/src/index.ts';

/** Articles, copulas, most prepositions and conjunctions: sign languages generally do not sign them. */
export const DROPPED = new Set([
  'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'lo', 'al', 'del',
  'de', 'a', 'en', 'con', 'que', 'y', 'e',
  'es', 'son', 'soy', 'eres', 'somos', 'sois', 'está', 'están', 'estoy', 'estás', 'estamos', 'estáis', 'ser', 'estar', 'era', 'fue',
]);

/** Clitic pronouns: dropped, but they tell us who a following verb is about ("me gusta" → YO GUSTAR). */
export const CLITIC_PERSON: Readonly<Record<string, 'YO' | 'TÚ'>> = { me: 'YO', te: 'TÚ' };

/** Question words: moved to the end of the sentence (both languages). */
export const QUESTION_WORDS: Readonly<Record<string, string>> = {
  qué: 'QUÉ', quién: 'QUIÉN', quiénes: 'QUIÉN', dónde: 'DÓNDE', cuándo: 'CUÁNDO', cómo: 'CÓMO', cuánto: 'CUÁNTO', cuánta: 'CUÁNTO',
  cuántos: 'CUÁNTO', cuántas: 'CUÁNTO', cuál: 'CUÁL', cuáles: 'CUÁL', 'por qué': 'POR-QUÉ',
};

/** Time expressions: moved to the front of the sentence (both languages establish the time first). */
export const TIME_WORDS: Readonly<Record<string, string>> = {
  hoy: 'HOY', mañana: 'MAÑANA', ayer: 'AYER', ahora: 'AHORA', antes: 'ANTES', después: 'DESPUÉS', luego: 'DESPUÉS',
  lunes: 'LUNES', martes: 'MARTES', miércoles: 'MIÉRCOLES', jueves: 'JUEVES', viernes: 'VIERNES', sábado: 'SÁBADO', domingo: 'DOMINGO',
  'la próxima semana': 'SEMANA-PRÓXIMA', 'próxima semana': 'SEMANA-PRÓXIMA', 'la semana que viene': 'SEMANA-PRÓXIMA',
  'la semana pasada': 'SEMANA-PASADA', 'por la mañana': 'MAÑANA-TEMPRANO', 'por la tarde': 'TARDE', 'por la noche': 'NOCHE',
};

/** Verb forms → lemma gloss, with the person when the form is first or second singular (to add YO / TÚ). */
const VERBS: readonly [string, string[], string[], string[]][] = [
  // [GLOSS, infinitive + other forms, 1st singular forms, 2nd singular forms]
  ['QUERER', ['querer', 'quiere', 'queremos', 'quieren'], ['quiero'], ['quieres']],
  ['NECESITAR', ['necesitar', 'necesita', 'necesitamos', 'necesitan'], ['necesito'], ['necesitas']],
  ['TENER', ['tener', 'tiene', 'tenemos', 'tienen'], ['tengo'], ['tienes']],
  ['IR', ['ir', 'va', 'vamos', 'van'], ['voy'], ['vas']],
  ['PODER', ['poder', 'puede', 'podemos', 'pueden'], ['puedo'], ['puedes']],
  ['HABLAR', ['hablar', 'habla', 'hablamos', 'hablan'], ['hablo'], ['hablas']],
  ['TRABAJAR', ['trabajar', 'trabaja', 'trabajamos', 'trabajan'], ['trabajo'], ['trabajas']],
  ['ESTUDIAR', ['estudiar', 'estudia', 'estudiamos', 'estudian'], ['estudio'], ['estudias']],
  ['VIVIR', ['vivir', 'vive', 'vivimos', 'viven'], ['vivo'], ['vives']],
  ['COMER', ['comer', 'come', 'comemos', 'comen'], [], ['comes']],
  ['BEBER', ['beber', 'bebe', 'bebemos', 'beben'], ['bebo'], ['bebes']],
  ['SABER', ['saber', 'sabe', 'sabemos', 'saben'], ['sé'], ['sabes']],
  ['GUSTAR', ['gustar', 'gusta', 'gustan'], [], []],
  ['ENTENDER', ['entender', 'entiende', 'entendemos', 'entienden'], ['entiendo'], ['entiendes']],
  ['AYUDAR', ['ayudar', 'ayudamos', 'ayudan'], ['ayudo'], ['ayudas']],
  ['VENIR', ['venir', 'viene', 'venimos', 'vienen'], ['vengo'], ['vienes']],
  ['HACER', ['hacer', 'hace', 'hacemos', 'hacen'], ['hago'], ['haces']],
  ['VER', ['ver', 've', 'vemos', 'ven'], ['veo'], ['ves']],
  ['PENSAR', ['pensar', 'piensa', 'pensamos', 'piensan'], ['pienso'], ['piensas']],
  ['SENTIR', ['sentir', 'siente', 'sentimos', 'sienten'], ['siento'], ['sientes']],
  ['CONOCER', ['conocer', 'conoce', 'conocemos', 'conocen'], ['conozco'], ['conoces']],
  ['ESPERAR', ['esperar', 'espera', 'esperamos', 'esperan'], ['espero'], ['esperas']],
  ['LLEGAR', ['llegar', 'llega', 'llegamos', 'llegan'], ['llego'], ['llegas']],
  ['APRENDER', ['aprender', 'aprende', 'aprendemos', 'aprenden'], ['aprendo'], ['aprendes']],
  // "me llamo Ana" is signed as NOMBRE + the name.
  ['NOMBRE', ['llama', 'llaman', 'llamamos', 'llamarse'], ['llamo'], ['llamas']],
];

export interface VerbEntry {
  readonly gloss: string;
  readonly person?: 'YO' | 'TÚ';
}

export const VERB_FORMS: ReadonlyMap<string, VerbEntry> = new Map(
  VERBS.flatMap(([gloss, forms, first, second]) => [
    ...forms.map((f) => [f, { gloss }] as const),
    ...first.map((f) => [f, { gloss, person: 'YO' as const }] as const),
    ...second.map((f) => [f, { gloss, person: 'TÚ' as const }] as const),
  ]),
);

/** Words and phrases with the same gloss in both languages. */
const SHARED: Readonly<Record<string, string>> = {
  hola: 'HOLA', adiós: 'ADIÓS', gracias: 'GRACIAS', 'muchas gracias': 'GRACIAS', 'por favor': 'POR-FAVOR', 'de nada': 'DE-NADA',
  'buenos días': 'BUENOS-DÍAS', 'buenas tardes': 'BUENAS-TARDES', 'buenas noches': 'BUENAS-NOCHES', perdón: 'PERDÓN',
  sí: 'SÍ', bien: 'BIEN', mal: 'MAL', bueno: 'BUENO', buena: 'BUENO', malo: 'MALO', mala: 'MALO',
  yo: 'YO', tú: 'TÚ', usted: 'USTED', él: 'ÉL', ella: 'ELLA', nosotros: 'NOSOTROS', nosotras: 'NOSOTROS', ellos: 'ELLOS', ellas: 'ELLOS',
  mi: 'MÍO', mis: 'MÍO', tu: 'TUYO', tus: 'TUYO', su: 'SUYO',
  casa: 'CASA', familia: 'FAMILIA', madre: 'MAMÁ', mamá: 'MAMÁ', padre: 'PAPÁ', papá: 'PAPÁ', hijo: 'HIJO', hija: 'HIJA',
  hermano: 'HERMANO', hermana: 'HERMANA', amigo: 'AMIGO', amiga: 'AMIGO', amigos: 'AMIGO',
  trabajo: 'TRABAJO', escuela: 'ESCUELA', universidad: 'UNIVERSIDAD', médico: 'MÉDICO', médica: 'MÉDICO', doctor: 'MÉDICO',
  doctora: 'MÉDICO', hospital: 'HOSPITAL', cita: 'CITA', agua: 'AGUA', comida: 'COMIDA', café: 'CAFÉ', dinero: 'DINERO',
  nombre: 'NOMBRE', intérprete: 'INTÉRPRETE', sordo: 'SORDO', sorda: 'SORDO', sordos: 'SORDO', oyente: 'OYENTE', ayuda: 'AYUDA',
  día: 'DÍA', hora: 'HORA', semana: 'SEMANA', mes: 'MES', año: 'AÑO', tiempo: 'TIEMPO',
  feliz: 'FELIZ', contento: 'FELIZ', contenta: 'FELIZ', triste: 'TRISTE', cansado: 'CANSADO', cansada: 'CANSADO',
  enfermo: 'ENFERMO', enferma: 'ENFERMO', dolor: 'DOLOR', hambre: 'HAMBRE', sed: 'SED', miedo: 'MIEDO',
  grande: 'GRANDE', pequeño: 'PEQUEÑO', pequeña: 'PEQUEÑO', mucho: 'MUCHO', mucha: 'MUCHO', muchos: 'MUCHO', poco: 'POCO',
  más: 'MÁS', menos: 'MENOS', aquí: 'AQUÍ', allí: 'ALLÍ', también: 'TAMBIÉN', para: 'PARA', sin: 'SIN', o: 'O',
};

/** Where the two countries' Spanish (and so the usual gloss) differ. */
const BY_LANGUAGE: Readonly<Record<SignLanguage, Readonly<Record<string, string>>>> = {
  LSM: {
    coche: 'CARRO', carro: 'CARRO', auto: 'CARRO', móvil: 'CELULAR', celular: 'CELULAR', ordenador: 'COMPUTADORA', computadora: 'COMPUTADORA',
    ustedes: 'USTEDES', vosotros: 'USTEDES', 'lengua de señas': 'LENGUA-SEÑAS', 'lengua de signos': 'LENGUA-SEÑAS', lsm: 'LSM', lse: 'LSE',
    'qué onda': 'QUÉ-ONDA', platicar: 'PLATICAR',
  },
  LSE: {
    coche: 'COCHE', carro: 'COCHE', auto: 'COCHE', móvil: 'MÓVIL', celular: 'MÓVIL', ordenador: 'ORDENADOR', computadora: 'ORDENADOR',
    ustedes: 'VOSOTROS', vosotros: 'VOSOTROS', 'lengua de señas': 'LENGUA-SIGNOS', 'lengua de signos': 'LENGUA-SIGNOS', lsm: 'LSM', lse: 'LSE',
    vale: 'VALE',
  },
};

export function lexiconFor(language: SignLanguage): ReadonlyMap<string, string> {
  return new Map(Object.entries({ ...SHARED, ...BY_LANGUAGE[language] }));
}

/** Longest phrase in any table, in words (the tokenizer tries phrases this long first). */
export const MAX_PHRASE_WORDS = 4;
