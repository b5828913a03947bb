/**
 * @module catalogue
 * The MENTALIA Universe app catalogue from the seeds (first version, static): apps grouped by category, each with
 * the plan it needs and its release stage. `accessOf` turns that and the person's tier into what the card shows:
 * available, premium (a higher plan is needed), beta, or coming soon. An app backed by an installed bot opens a
 * conversation with it.
 */
import type { MessageKey } from './i18n.ts';
import type { Tier } from './session.ts';

export type Category = 'mental-health' | 'communication' | 'inclusion' | 'professional';
export const CATEGORIES: readonly Category[] = ['mental-health', 'communication', 'inclusion', 'professional'];

export type Stage = 'stable' | 'beta' | 'soon';
export type Access = 'available' | 'premium' | 'beta' | 'soon';

export const TIERS: readonly Tier[] = ['free', 'premium', 'professional', 'enterprise'];

export interface AppEntry {
  id: string;
  name: string;
  /** Decorative monogram on the card (hidden from assistive technology; no emoji font needed). */
  icon: string;
  category: Category;
  description: { es: string; en: string };
  /** Lowest plan that includes it. */
  tier: Tier;
  stage: Stage;
  /** The bot a conversation is opened with, when one is installed. */
  bot?: string;
}

export const APPS: readonly AppEntry[] = [
  {
    id: 'blu', name: 'BLU Psicóloga', icon: 'BP', category: 'mental-health', tier: 'premium', stage: 'stable', bot: 'blu',
    description: { es: 'Acompañamiento emocional con enfoque terapéutico, disponible a cualquier hora.', en: 'Emotional support with a therapeutic approach, at any hour.' },
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
    id: 'gerencia', name: 'Gerencia IA', icon: 'GI', category: 'professional', tier: 'enterprise', stage: 'beta',
    description: { es: 'Asistente de gestión para equipos y organizaciones.', en: 'Management assistant for teams and organisations.' },
  },
];

export function tierRank(tier: string): number {
  const rank = TIERS.indexOf(tier as Tier);
  return rank < 0 ? 0 : rank;
}

/** What the card shows for this person. A plan too low wins over the stage (it is what stops them). */
export function accessOf(app: AppEntry, tier: string): Access {
  if (app.stage === 'soon') return 'soon';
  if (tierRank(tier) < tierRank(app.tier)) return 'premium';
  return app.stage === 'beta' ? 'beta' : 'available';
}

export const ACCESS_LABEL: Readonly<Record<Access, MessageKey>> = {
  available: 'apps.state.available',
  premium: 'apps.state.premium',
  beta: 'apps.state.beta',
  soon: 'apps.state.soon',
};

export const CATEGORY_LABEL: Readonly<Record<Category, MessageKey>> = {
  'mental-health': 'cat.mental-health',
  communication: 'cat.communication',
  inclusion: 'cat.inclusion',
  professional: 'cat.professional',
};

export const TIER_LABEL: Readonly<Record<Tier, MessageKey>> = {
  free: 'tier.free',
  premium: 'tier.premium',
  professional: 'tier.professional',
  enterprise: 'tier.enterprise',
};
