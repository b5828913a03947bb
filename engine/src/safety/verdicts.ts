/**
 * @module safety/verdicts
 * How the engine reads a safety labeller's result (a global labeller of category `safety`): a crisis — the engine
 * then shows its own card — a low signal, or nothing. Pure, so the bot runtime and tests share one rule:
 * - a veto whose replacement is a `crisis` body, or whose `risk` is at least the card level, is a crisis at its
 *   `risk` (`high` when it names none, `medium` at least);
 * - an annotation on a person's message at or above the card level is a crisis at its `risk`; at `low`, a signal.
 * The category comes from a `category:<self|others|third_party>` label; other labels are kept as ids for the audit.
 */
import type { MessageBody, RiskLevel } from '../../../schema/protocol.ts';
import { isRiskLevel, levelRank, type RiskCategory } from './directory.ts';

export interface SafetyVerdict {
  kind: 'crisis' | 'signal';
  level: RiskLevel;
  category: RiskCategory;
  labels: string[];
}

type Result =
  | { veto: true; reason: string; replacement?: MessageBody; risk?: RiskLevel; labels?: readonly string[] }
  | { labels: readonly { label: string }[]; risk: RiskLevel }
  | null;

const CATEGORY = /^category:(self|others|third_party)$/;

function split(labels: readonly string[]): { category: RiskCategory; labels: string[] } {
  const found = labels.map((l) => CATEGORY.exec(l)?.[1]).find((c) => c !== undefined) as RiskCategory | undefined;
  return { category: found ?? 'self', labels: labels.filter((l) => !CATEGORY.test(l)) };
}

export function readSafetyVerdict(result: Result, fromPerson: boolean, cardLevel: RiskLevel): SafetyVerdict | null {
  if (result === null) return null;
  if ('veto' in result) {
    const risk = isRiskLevel(result.risk) ? result.risk : undefined;
    const crisisCard = result.replacement?.kind === 'crisis';
    if (!crisisCard && (risk === undefined || levelRank(risk) < levelRank(cardLevel))) return null;
    const level: RiskLevel = risk === undefined ? 'high' : levelRank(risk) < levelRank('medium') ? 'medium' : risk;
    return { kind: 'crisis', level, ...split(result.labels ?? []) };
  }
  if (!fromPerson) return null;
  const names = result.labels.map((l) => l.label);
  if (levelRank(result.risk) >= levelRank(cardLevel)) return { kind: 'crisis', level: result.risk, ...split(names) };
  if (result.risk === 'low') return { kind: 'signal', level: 'low', ...split(names) };
  return null;
}
