/**
 * @module blu-psicologa/language
 * Which language to answer in: BLU is Spanish first and mirrors the person. The message decides when it is clearly
 * English or Spanish (counting very common words); otherwise the profile's `language`, otherwise Spanish.
 */
import type { Language } from '../../bots/sdk/index.ts';
import { normalize } from './text-norm.ts';

const ENGLISH = new Set([
  'i', "i'm", 'im', 'you', 'are', 'is', 'the', 'and', 'my', 'me', 'what', 'how', 'feel', 'feeling', 'can', 'do', 'it',
  'to', 'a', 'of', 'not', "don't", 'dont', 'with', 'this', 'that', 'help', 'today', 'have', 'am', 'so', 'just', 'really',
  'hi', 'hello', 'hey', 'thanks', 'please', 'anxious', 'tired', 'why', 'who', 'your', 'human', 'ai',
]);
const SPANISH = new Set([
  'yo', 'tu', 'eres', 'es', 'el', 'la', 'los', 'las', 'y', 'mi', 'me', 'que', 'como', 'siento', 'estoy', 'puedes', 'de',
  'no', 'con', 'esto', 'eso', 'ayuda', 'hoy', 'tengo', 'muy', 'pero', 'hola', 'gracias', 'por', 'favor', 'un', 'una',
  'para', 'porque', 'quien', 'humana', 'humano', 'ansiedad', 'cansada', 'cansado', 'se', 'lo', 'te', 'en', 'algo', 'ia',
]);

/** The message's language when the common words leave no doubt, else undefined. */
export function detectLanguage(text: string): Language | undefined {
  const words = normalize(text).split(' ').filter((w) => w !== '');
  let en = 0;
  let es = 0;
  for (const word of words) {
    if (ENGLISH.has(word)) en++;
    if (SPANISH.has(word)) es++;
  }
  if (en === es) return undefined;
  return en > es ? 'en' : 'es';
}

export function replyLanguage(text: string, profileLanguage: Language | undefined): Language {
  return detectLanguage(text) ?? profileLanguage ?? 'es';
}
