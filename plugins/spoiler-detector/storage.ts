/**
 * @module spoiler-detector/storage
 * The record each analysis the responder makes is stored as, in the person's own storage scope
 * (`ctx.storage.user`, collection `relationship_analyses`: sealed at rest, erased and exported with the person).
 * It follows the seeds' `relationship_analyses` table (user, red flags, results, recommendations, created_at)
 * without the analysed text: what a person pasted about their partner is the most sensitive data we hold, and the
 * categories are enough to show a history ("three analyses this month, surveillance each time").
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

/** The person-scoped collection the analyses live in. */
export const ANALYSES_COLLECTION = 'relationship_analyses';

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
