/**
 * @module catalogue
 * The hub's view of the shared app catalogue (clients/catalogue: apps, categories, access rules by plan and for
 * guests): the same data as hiperfoco, plus the hub's i18n keys for its labels. An app backed by an installed bot
 * opens a conversation with it.
 */
import type { Access, Category, Tier } from '../../catalogue/catalogue.ts';
import type { MessageKey } from './i18n.ts';

export { ACCESS_STATES, APPS, CATEGORIES, TIERS, accessOf, appsIn, tierRank } from '../../catalogue/catalogue.ts';
export type { Access, AppEntry, Category, Stage, Viewer } from '../../catalogue/catalogue.ts';

export const ACCESS_LABEL: Readonly<Record<Access, MessageKey>> = {
  available: 'apps.state.available',
  premium: 'apps.state.premium',
  account: 'apps.state.account',
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
