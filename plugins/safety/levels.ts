/**
 * @module safety/levels
 * Risk levels, ordered. `crisis` (the card, the veto) means `medium` or above. See bots/safety/data/README.md for
 * what each level means.
 */
import type { RiskLevel } from '../../schema/protocol.ts';

export type { RiskLevel };
export const RISK_LEVELS: readonly RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];

export function rank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function maxLevel(...levels: RiskLevel[]): RiskLevel {
  let best: RiskLevel = 'none';
  for (const level of levels) if (rank(level) > rank(best)) best = level;
  return best;
}

export function atLeast(level: RiskLevel, floor: RiskLevel): boolean {
  return rank(level) >= rank(floor);
}

/** The binary decision the evaluation and the CLI report: medium, high or critical. */
export function isCrisis(level: RiskLevel): boolean {
  return atLeast(level, 'medium');
}
