/**
 * @module sdk/text
 * Texts shown to people come in Spanish first and English (`{es, en}`); a plain string means "the same in both".
 */
import type { UserText } from '../llm/index.ts';

export type LocalizedText = UserText;
export type Language = keyof LocalizedText;

/** The text in `language`; a plain string is returned as is. */
export function localize(text: string | LocalizedText, language: Language = 'es'): string {
  return typeof text === 'string' ? text : text[language];
}

/** Both languages in one string, Spanish first, for places that cannot choose (a message stored for everyone). */
export function bilingual(text: LocalizedText): string {
  return text.es === text.en ? text.es : `${text.es}\n\n${text.en}`;
}
