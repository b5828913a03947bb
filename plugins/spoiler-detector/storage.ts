/**
 * @module spoiler-detector/storage
 * The record an analysis will be stored as, once the SDK's `storage` capability exists (today `ctx.storage` rejects
 * with `CAPABILITY_NOT_AVAILABLE`, so the plugin does not declare it and stores nothing). It follows the seeds'
 * `relationship_analyses` table (user, red flags, results, recommendations, created_at) without the analysed text:
 * what a person pasted about their partner is the most sensitive data we hold, and the categories are enough to show
 * a history ("three analyses this month, surveillance each time").
 *
 * Nothing here writes anything; `analysisRecordOf` is a pure function the responder will call when storage lands.
 */
import type { Category } from './categories.ts';
import type { Detection, RiskLevel } from './detector.ts';

export interface RelationshipAnalysisRecord {
  /** Random id (uuid). */
  readonly id: string;
  readonly userId: string;
  readonly room: string;
  /** Flagged categories with their combined scores (the seeds' `red_flags`). */
  readonly categories: readonly Category[];
  readonly scores: Readonly<Partial<Record<Category, number>>>;
  readonly risk: RiskLevel;
  /** `model+cues`, or `cues` when the model was unavailable. */
  readonly source: Detection['source'];
  /** e.g. `spoiler@1.0.0`; absent for cue-only results. */
  readonly model?: string;
  /** Country codes of the help lines shown (the seeds' `recommendations`). */
  readonly resourcesShown: readonly string[];
  /** ISO 8601. */
  readonly createdAt: string;
}

/** Storage key of a person's analyses: one list per user, newest last, capped (`MAX_RECORDS`). */
export const storageKey = (userId: string) => `analyses:${userId}`;
export const MAX_RECORDS = 100;

export function analysisRecordOf(
  detection: Detection,
  at: { readonly id: string; readonly userId: string; readonly room: string; readonly now: Date; readonly model?: string; readonly resourcesShown: readonly string[] },
): RelationshipAnalysisRecord {
  return {
    id: at.id,
    userId: at.userId,
    room: at.room,
    categories: [...detection.categories],
    scores: Object.fromEntries(detection.categories.map((c) => [c, detection.scores[c].combined])),
    risk: detection.risk,
    source: detection.source,
    ...(at.model === undefined ? {} : { model: at.model }),
    resourcesShown: [...at.resourcesShown],
    createdAt: at.now.toISOString(),
  };
}
