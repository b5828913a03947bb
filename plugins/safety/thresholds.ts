/**
 * @module safety/thresholds
 * The combination thresholds in force: `thresholds.json` (written by bots/safety/train.ts next to the model it
 * trained), overridden per deployment by the plugin's config or, for the CLI, by the model sidecar's
 * `training.thresholds` (a production model brings its own).
 */
import { z } from 'zod';
import type { Thresholds } from './assess.ts';
import shipped from './thresholds.json' with { type: 'json' };

const probability = z.number().min(0).max(1);
export const thresholdsSchema = z.object({ crisis: probability, idiom: probability, elevated: probability, low: probability });

/** The thresholds trained with the shipped model (`models/crisis.*`). */
export const SHIPPED: { readonly model: string; readonly modelVersion: string; readonly thresholds: Thresholds } = {
  model: shipped.model,
  modelVersion: shipped.modelVersion,
  thresholds: thresholdsSchema.parse(shipped.thresholds),
};

/** `partial` over the shipped thresholds; invalid values throw (zod message names the field). */
export function thresholdsWith(partial: Partial<Thresholds> | undefined): Thresholds {
  return thresholdsSchema.parse({ ...SHIPPED.thresholds, ...(partial ?? {}) });
}

/** A sidecar's `training.thresholds`, when it has valid ones. */
export function thresholdsFromSidecar(training: Record<string, unknown> | undefined): Thresholds | undefined {
  const parsed = thresholdsSchema.safeParse(training?.thresholds);
  return parsed.success ? parsed.data : undefined;
}
