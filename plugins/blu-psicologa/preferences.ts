/**
 * @module blu-psicologa/preferences
 * The person's communication preferences, read from the profile fields the manifest declares (`language`,
 * `communication`, `sensory`; set with `PATCH /api/me/profile`, see schema/PROTOCOL.md) and turned into
 * style rules for the system prompt. Parsing is tolerant: a field with an unexpected shape is ignored, never fatal.
 */
import type { Language } from '../../bots/sdk/index.ts';

export const SENSORY_TOPICS = ['sound', 'light', 'touch', 'smell', 'taste', 'crowds', 'temperature'] as const;
export type SensoryTopic = (typeof SENSORY_TOPICS)[number];

export interface Preferences {
  readonly language?: Language;
  /** Plain, literal words: no metaphors, irony or idioms. */
  readonly literal: boolean;
  readonly shortSentences: boolean;
  /** At most one question per answer. */
  readonly oneQuestionAtATime: boolean;
  readonly noEmoji: boolean;
  /** Steps as a numbered list rather than paragraphs. */
  readonly lists: boolean;
  /** Senses the person finds hard (sound, light …): exercises avoid them. */
  readonly sensory: readonly SensoryTopic[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readPreferences(profile: Readonly<Record<string, unknown>>): Preferences {
  const communication = isRecord(profile.communication) ? profile.communication : {};
  const flag = (name: string) => communication[name] === true;
  const language = profile.language === 'es' || profile.language === 'en' ? profile.language : undefined;
  const sensory = Array.isArray(profile.sensory)
    ? SENSORY_TOPICS.filter((topic) => (profile.sensory as unknown[]).includes(topic))
    : [];
  return {
    ...(language === undefined ? {} : { language }),
    literal: flag('literal'),
    shortSentences: flag('shortSentences'),
    oneQuestionAtATime: flag('oneQuestionAtATime'),
    noEmoji: flag('noEmoji'),
    lists: flag('lists'),
    sensory,
  };
}

const SENSE_NAMES: Record<SensoryTopic, { es: string; en: string }> = {
  sound: { es: 'ruidos y sonidos', en: 'noise and sounds' },
  light: { es: 'luz intensa', en: 'bright light' },
  touch: { es: 'tacto y texturas', en: 'touch and textures' },
  smell: { es: 'olores', en: 'smells' },
  taste: { es: 'sabores', en: 'tastes' },
  crowds: { es: 'multitudes', en: 'crowds' },
  temperature: { es: 'cambios de temperatura', en: 'temperature changes' },
};

export function senseNames(topics: readonly SensoryTopic[], language: Language): string[] {
  return topics.map((topic) => SENSE_NAMES[topic][language]);
}

/** Style rules for the system prompt (in Spanish, the prompt's language), one per preference that is on. */
export function styleRules(preferences: Preferences): string[] {
  const rules: string[] = [];
  if (preferences.literal) {
    rules.push('Lenguaje literal: di exactamente lo que quieres decir. Nada de metáforas, ironía, sarcasmo, frases hechas ni dobles sentidos.');
  }
  if (preferences.shortSentences) {
    rules.push('Frases cortas: como máximo 12 palabras por frase. Una idea por frase. Respuesta total de 80 palabras como máximo.');
  }
  if (preferences.oneQuestionAtATime) {
    rules.push('Una sola pregunta por respuesta, como máximo, y siempre al final. Nunca encadenes varias preguntas.');
  }
  if (preferences.noEmoji) rules.push('No uses emojis ni emoticonos.');
  if (preferences.lists) rules.push('Cuando des pasos u opciones, escríbelos como lista numerada, un paso por línea.');
  if (preferences.sensory.length > 0) {
    rules.push(
      `Sensibilidad sensorial (${senseNames(preferences.sensory, 'es').join(', ')}): no propongas ejercicios ni situaciones que dependan de esos estímulos, y ofrece alternativas que los eviten.`,
    );
  }
  return rules;
}
