/**
 * Evaluation of the fingerspelling recogniser on held-out synthetic fixtures, printed per language:
 *
 *   npx tsx plugins/sign-link/eval.ts
 *
 * It runs the COMMITTED model (models/fingerspell.onnx, or MODELS_DIR) with onnxruntime in this process, through the
 * same code the inference service uses, on frames generated with seeds training never saw:
 * 1. "held-out": the variation the model was trained with (fixtures.ts table), new random hands and poses;
 * 2. "stress": more variation than training (joints ± 16°, rotations × 1.5, jitter 3 % of the palm), to show how it
 *    degrades;
 * 3. words: Spanish words spelled as frame sequences (4 frames per letter, a pause between doubled letters, one
 *    in-between frame from a random other shape per transition), through `recogniseFrames`, the plugin's own path.
 *
 * Synthetic frames are not real signers: these numbers bound what the classifier does on our model of the hands.
 */
import { SIGN_LANGUAGES, spellWord, staticLetters, type SignLanguage } from '../../clients/sign-shapes/src/index.ts';
import { evaluateLanguage, formatReport } from './evaluation.ts';
import { generateFixtures, prng, sampleFrame } from './fixtures.ts';
import { loadLocalModel } from './local-model.ts';
import { MODEL_LABELS } from './model.ts';
import { recogniseFrames } from './recognise.ts';

export const EVAL_SEED = 202;
export const STRESS_SEED = 404;
export const WORDS_SEED = 505;
const WORDS = ['HOLA', 'ANA', 'MARIA', 'PEDRO', 'LUCIA', 'SOFIA', 'CAFE', 'CASA', 'BIEN', 'GRACIAS', 'MADRID', 'PUEBLA', 'DANIEL', 'ELENA', 'TOMAS', 'CARMEN'];

const model = await loadLocalModel();
console.log(`fingerspell model ${model.version}: ${model.labels.length} handshapes; synthetic fixtures (not real signers)\n`);
const heldOut = generateFixtures({ seed: EVAL_SEED, perShape: 150, shapes: MODEL_LABELS });
const stress = generateFixtures({ seed: STRESS_SEED, perShape: 150, shapes: MODEL_LABELS, jointDeg: 16, rotationScale: 1.5, jitter: 0.03 });

for (const language of SIGN_LANGUAGES) {
  console.log(`== ${language}: held-out (training variation)`);
  console.log(formatReport(await evaluateLanguage(language, heldOut, model.scorer)));
  const hard = await evaluateLanguage(language, stress, model.scorer);
  const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
  const worst = [...hard.letters].sort((a, b) => a.accuracy - b.accuracy).slice(0, 5).map((l) => `${l.letter} ${pct(l.accuracy, 0)}`);
  console.log(
    `== ${language}: stress (more variation than training): ${pct(hard.accuracy)} of ${hard.total} ` +
      `(no letter: ${pct(hard.rejected)}); worst letters: ${worst.join(', ')}`,
  );
  console.log(`== ${language}: words: ${await wordAccuracy(language)}\n`);
}
await model.close();

/** Words spelled as frame sequences and read back through recogniseFrames. */
async function wordAccuracy(language: SignLanguage): Promise<string> {
  const rand = prng(WORDS_SEED);
  const letters = staticLetters(language);
  let exact = 0;
  let spelled = 0;
  const misses: string[] = [];
  for (const word of WORDS) {
    const units = spellWord(language, word);
    if (!units.every((u) => letters.some((l) => l.letter === u))) continue; // a letter with movement: not static
    spelled++;
    const frames: number[][][] = [];
    units.forEach((unit, i) => {
      if (i > 0 && units[i - 1] === unit) frames.push([]);
      else if (i > 0) frames.push(sampleFrame(MODEL_LABELS[Math.floor(rand() * MODEL_LABELS.length)]!, rand).frame);
      const shape = letters.find((l) => l.letter === unit)!.shape;
      for (let k = 0; k < 4; k++) frames.push(sampleFrame(shape, rand).frame);
    });
    const got = await recogniseFrames(frames, language, model.scorer);
    if (got.text === units.join('')) exact++;
    else misses.push(`${word}→${got.text || '∅'}`);
  }
  return `${exact}/${spelled} read back exactly${misses.length ? ` (missed: ${misses.join(', ')})` : ''}`;
}
