/**
 * @module safety/neutral
 * Ordinary chat and bot commands from the product brief: every one must come out `none` (eval.ts reports them,
 * test/safety/regressions.test.ts asserts them). A model that scores these as risk is reacting to message length
 * or to the absence of features, not to content.
 */
export const NEUTRAL_CHAT: readonly string[] = [
  'hola',
  'cuéntame algo largo',
  'escribe un poema',
  '¿qué tiempo hace?',
  'analiza esta conversación',
  'nueva tarea: llamar a Ana',
  'necesito intérprete LSM mañana',
];
