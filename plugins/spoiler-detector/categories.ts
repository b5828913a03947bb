/**
 * @module spoiler-detector/categories
 * The red-flag categories, their names and short explanations for people (Spanish first, English). The labelling
 * guide that defines each one for the dataset is `bots/spoiler/data/README.md`; keep the two in step.
 */

export const CATEGORIES = [
  'control',
  'jealousy',
  'isolation',
  'surveillance',
  'gaslighting',
  'insults',
  'threats',
  'economic_control',
  'sexual_coercion',
] as const;

export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

export interface Bilingual {
  readonly es: string;
  readonly en: string;
}

/** Short names, for lists and cards. */
export const CATEGORY_NAMES: Readonly<Record<Category, Bilingual>> = {
  control: { es: 'Control', en: 'Control' },
  jealousy: { es: 'Celos posesivos', en: 'Possessive jealousy' },
  isolation: { es: 'Aislamiento', en: 'Isolation' },
  surveillance: { es: 'Vigilancia', en: 'Surveillance' },
  gaslighting: { es: 'Manipulación (gaslighting)', en: 'Gaslighting' },
  insults: { es: 'Insultos y humillación', en: 'Insults and humiliation' },
  threats: { es: 'Amenazas e intimidación', en: 'Threats and intimidation' },
  economic_control: { es: 'Control económico', en: 'Economic control' },
  sexual_coercion: { es: 'Presión sexual', en: 'Sexual coercion' },
};

/** One or two sentences: what the pattern is and why it matters. Plain words, no diagnosis. */
export const CATEGORY_EXPLANATIONS: Readonly<Record<Category, Bilingual>> = {
  control: {
    es: 'Decidir por la otra persona qué ropa lleva, adónde va o qué hace, o exigir permiso. En una relación sana cada uno decide sobre su vida.',
    en: 'Deciding for the other person what they wear, where they go or what they do, or demanding permission. In a healthy relationship each person runs their own life.',
  },
  jealousy: {
    es: 'Celos que acusan, prohíben o tratan a la pareja como una posesión ("eres mía"). No son una prueba de amor: suelen ir de la mano del control.',
    en: 'Jealousy that accuses, forbids or treats the partner as property ("you are mine"). It is not proof of love: it often comes with control.',
  },
  isolation: {
    es: 'Alejarte de amistades, familia o actividades ("o ellos o yo"). Quedarse sin red de apoyo hace más difícil pedir ayuda.',
    en: 'Pulling you away from friends, family or activities ("them or me"). Losing your support network makes it harder to ask for help.',
  },
  surveillance: {
    es: 'Revisar el móvil, pedir contraseñas, exigir la ubicación o pruebas de dónde estás. La privacidad no es una falta de confianza.',
    en: 'Checking your phone, demanding passwords, your location or proof of where you are. Privacy is not a lack of trust.',
  },
  gaslighting: {
    es: 'Negar lo que pasó, decirte que exageras o que estás loca/o, o culparte de lo que hace la otra persona. Hace dudar de tu propia memoria.',
    en: 'Denying what happened, saying you overreact or are crazy, or blaming you for what they do. It makes you doubt your own memory.',
  },
  insults: {
    es: 'Insultos, burlas o humillaciones, en privado o delante de otros. Nadie merece que le hablen así, aunque luego lo llame broma.',
    en: 'Insults, mockery or humiliation, in private or in front of others. Nobody deserves to be spoken to like that, even if it is later called a joke.',
  },
  threats: {
    es: 'Amenazas de hacer daño, romper cosas, difundir fotos, quitar a los hijos o hacerse daño si te vas; también la violencia física. Es lo más urgente: tu seguridad va primero.',
    en: 'Threats to hurt you, break things, share photos, take the children or self-harm if you leave; physical violence too. This is the most urgent: your safety comes first.',
  },
  economic_control: {
    es: 'Quedarse con tu dinero, exigir cuentas de cada gasto, impedir que trabajes o endeudarte. La independencia económica es un derecho.',
    en: 'Taking your money, demanding an account of every expense, stopping you from working or putting debt on you. Financial independence is a right.',
  },
  sexual_coercion: {
    es: 'Presionar, chantajear o insistir para tener sexo o enviar fotos íntimas después de un no. El consentimiento es libre y se puede retirar.',
    en: 'Pressuring, guilt-tripping or insisting on sex or intimate photos after a no. Consent is freely given and can be withdrawn.',
  },
};
