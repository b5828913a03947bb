/**
 * @module sign-link/evaluation-fixtures
 * The held-out fixtures the unit tests check the committed model on: a seed neither training (train.ts) nor the
 * evaluation script (eval.ts) uses, 40 frames per handshape.
 */
import { generateFixtures, type Fixture } from './fixtures.ts';
import { MODEL_LABELS } from './model.ts';

export const EVAL_SEED_FOR_TESTS = 909;

export function heldOutFixtures(): Fixture[] {
  return generateFixtures({ seed: EVAL_SEED_FOR_TESTS, perShape: 40, shapes: MODEL_LABELS });
}
