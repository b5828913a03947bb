/**
 * @module safety/config
 * Settings of the engine's safety layer, from environment variables (documented in README.md and
 * plugins/safety/README.md). The layer is ON by default; `SAFETY_LAYER=off` is for development only and is logged
 * as an error at every start.
 */
import type { RiskLevel } from '../../../schema/protocol.ts';
import { countryKey, isRiskLevel, levelRank } from './directory.ts';

export interface SafetyConfig {
  /** SAFETY_LAYER — `on` | `off` (development only: no crisis detection at all). @default on */
  enabled: boolean;
  /** SAFETY_DEFAULT_COUNTRY — ISO code for the card when the user's profile has no `country`. @default ES */
  defaultCountry: string;
  /** SAFETY_HUMAN_CONTACT — `true` when a person (moderator, on-call professional) can be reached through the platform. @default false */
  humanContact: boolean;
  /** SAFETY_CARD_LEVEL — a safety labeller's annotation at or above this level on a person's message also shows the card. @default medium */
  cardLevel: RiskLevel;
}

export function loadSafetyConfig(env: NodeJS.ProcessEnv = process.env): SafetyConfig {
  const layer = (env.SAFETY_LAYER ?? 'on').trim().toLowerCase();
  if (layer !== 'on' && layer !== 'off') throw new Error('config: SAFETY_LAYER must be "on" or "off"');
  const country = countryKey(env.SAFETY_DEFAULT_COUNTRY ?? 'ES');
  if (country === undefined || country === '_default') throw new Error('config: SAFETY_DEFAULT_COUNTRY must be a two-letter country code');
  const human = (env.SAFETY_HUMAN_CONTACT ?? 'false').trim().toLowerCase();
  if (human !== 'true' && human !== 'false') throw new Error('config: SAFETY_HUMAN_CONTACT must be "true" or "false"');
  const cardLevel = (env.SAFETY_CARD_LEVEL ?? 'medium').trim().toLowerCase();
  if (!isRiskLevel(cardLevel) || levelRank(cardLevel) < levelRank('medium')) throw new Error('config: SAFETY_CARD_LEVEL must be medium, high or critical');
  return { enabled: layer === 'on', defaultCountry: country, humanContact: human === 'true', cardLevel };
}
