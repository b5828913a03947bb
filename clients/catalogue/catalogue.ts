/**
 * @module catalogue
 * The MENTALIA Universe app catalogue from the seeds, shared by every web surface (hub, hiperfoco): apps grouped by
 * category (Salud Mental, Comunicación, Inclusión, Servicios Profesionales), each with the lowest plan that
 * includes it and its release stage. `accessOf` turns that and who is looking (guest or account, and the plan)
 * into what a card shows. Framework-free and DOM-free; texts in Spanish and English.
 */

export type Lang = 'es' | 'en';
export type Tier = 'free' | 'premium' | 'professional' | 'enterprise';
export const TIERS: readonly Tier[] = ['free', 'premium', 'professional', 'enterprise'];

export type Category = 'mental-health' | 'communication' | 'inclusion' | 'professional';
export const CATEGORIES: readonly Category[] = ['mental-health', 'communication', 'inclusion', 'professional'];

export type Stage = 'stable' | 'beta' | 'soon';
/**
 * What a card shows: `available` (open it), `beta` (open it, still in testing), `premium` (a higher plan is needed),
 * `account` (a guest must create an account first), `soon` (not released).
 */
export type Access = 'available' | 'beta' | 'premium' | 'account' | 'soon';
export const ACCESS_STATES: readonly Access[] = ['available', 'beta', 'premium', 'account', 'soon'];

export type Localised = Readonly<Record<Lang, string>>;

export interface AppEntry {
  id: string;
  name: string;
  /** Decorative monogram on the card (hidden from assistive technology; no emoji font needed). */
  icon: string;
  category: Category;
  description: Localised;
  /** Lowest plan that includes it. */
  tier: Tier;
  stage: Stage;
  /** The bot a conversation is opened with, when one is installed. */
  bot?: string;
}

export const APPS: readonly AppEntry[] = [
  {
    id: 'blu', name: 'BLU Psicóloga', icon: 'BP', category: 'mental-health', tier: 'premium', stage: 'stable', bot: 'blu-psicologa',
    description: { es: 'Acompañamiento emocional con IA, a cualquier hora. No es terapia ni sustituye a un profesional.', en: 'AI emotional support, at any hour. Not therapy, and no substitute for a professional.' },
  },
  {
    id: 'spoiler-alert', name: 'Spoiler Alert', icon: 'SA', category: 'mental-health', tier: 'free', stage: 'beta', bot: 'spoiler-detector',
    description: { es: 'Detecta señales de vínculos tóxicos en las conversaciones que compartes.', en: 'Spots signs of toxic relationships in the conversations you share.' },
  },
  {
    id: 'social', name: 'Comunicación Social', icon: 'CS', category: 'communication', tier: 'free', stage: 'beta', bot: 'social',
    description: { es: 'Practica habilidades sociales en situaciones del día a día.', en: 'Practise social skills in everyday situations.' },
  },
  {
    id: 'echo', name: 'Eco', icon: 'E', category: 'communication', tier: 'free', stage: 'stable', bot: 'echo',
    description: { es: 'Bot de ejemplo: repite lo que escribes. Útil para probar el chat.', en: 'Example bot: repeats what you write. Handy to try the chat.' },
  },
  {
    id: 'sign-link', name: 'Sign-Link', icon: 'SL', category: 'inclusion', tier: 'premium', stage: 'beta', bot: 'sign-link',
    description: { es: 'Traducción entre lengua de signos y texto.', en: 'Translation between sign language and text.' },
  },
  {
    id: 'perfil-nd', name: 'Perfil ND', icon: 'ND', category: 'inclusion', tier: 'free', stage: 'soon',
    description: { es: 'Tu perfil neurodivergente para adaptar cada app a ti.', en: 'Your neurodivergent profile, so every app adapts to you.' },
  },
  {
    id: 'agenda', name: 'Agenda Clínica', icon: 'AC', category: 'professional', tier: 'professional', stage: 'stable',
    description: { es: 'Gestión de sesiones y seguimiento terapéutico para profesionales.', en: 'Session management and therapeutic follow-up for professionals.' },
  },
  {
    id: 'legal', name: 'Despacho Legal', icon: 'DL', category: 'professional', tier: 'professional', stage: 'soon',
    description: { es: 'Orientación legal inicial con revisión profesional.', en: 'First legal guidance with professional review.' },
  },
  {
    id: 'gerencia', name: 'Gerencia IA', icon: 'GI', category: 'professional', tier: 'enterprise', stage: 'beta', bot: 'gerencia-ia',
    description: { es: 'Asistente de gestión para equipos y organizaciones.', en: 'Management assistant for teams and organisations.' },
  },
];

/** Position of a plan (unknown plans rank as `free`: never grant by accident). */
export function tierRank(tier: string): number {
  const rank = TIERS.indexOf(tier as Tier);
  return rank < 0 ? 0 : rank;
}

/** Who is looking: a guest (no account yet) or a person with an account on `tier`. */
export interface Viewer {
  tier: string;
  guest?: boolean;
}

/**
 * What the card shows for this viewer. Not released wins; then what stops them (a guest needs an account for any
 * paid app, an account needs a high enough plan); otherwise beta or available. Free apps stay open to guests.
 */
export function accessOf(app: AppEntry, viewer: Viewer): Access {
  if (app.stage === 'soon') return 'soon';
  if (viewer.guest && app.tier !== 'free') return 'account';
  if (tierRank(viewer.tier) < tierRank(app.tier)) return 'premium';
  return app.stage === 'beta' ? 'beta' : 'available';
}

/** Apps of a category, in catalogue order. */
export const appsIn = (category: Category): AppEntry[] => APPS.filter((app) => app.category === category);

export const CATEGORY_NAMES: Readonly<Record<Category, Localised>> = {
  'mental-health': { es: 'Salud Mental', en: 'Mental health' },
  communication: { es: 'Comunicación', en: 'Communication' },
  inclusion: { es: 'Inclusión', en: 'Inclusion' },
  professional: { es: 'Servicios Profesionales', en: 'Professional services' },
};

export const ACCESS_NAMES: Readonly<Record<Access, Localised>> = {
  available: { es: 'Disponible', en: 'Available' },
  beta: { es: 'Beta', en: 'Beta' },
  premium: { es: 'Premium', en: 'Premium' },
  account: { es: 'Requiere cuenta', en: 'Account needed' },
  soon: { es: 'Próximamente', en: 'Coming soon' },
};

export const TIER_NAMES: Readonly<Record<Tier, Localised>> = {
  free: { es: 'Gratuito', en: 'Free' },
  premium: { es: 'Premium', en: 'Premium' },
  professional: { es: 'Profesional', en: 'Professional' },
  enterprise: { es: 'Empresa', en: 'Enterprise' },
};
