/**
 * @module spoiler-detector/lang
 * Spanish or English, by counting very common words of each (accents stripped). Short or mixed texts fall back to
 * Spanish, the product's first language; a profile's `language` wins when the user has one.
 */
export type Lang = 'es' | 'en';

const ES = new Set(
  'que de la el en y a los se no te me por con las lo un una es mi tu para si ya pero mas como esta estas eso esto yo ella el muy todo nada porque cuando donde quien vas voy hoy tienes eres sos estoy hace dijo dice novio novia pareja amigas amigos ahora aqui nunca siempre contigo conmigo tambien'.split(' '),
);
const EN = new Set(
  'the and to a of in is you i it that for on with my me your be are was this he she not but at have do if so no just what all can will im dont get go out about when they him her up like know why how now then there from or an we were would could should never always u ur boyfriend girlfriend partner friends'.split(' '),
);

export function detectLanguage(text: string, fallback: Lang = 'es'): Lang {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .match(/\p{L}+/gu) ?? [];
  let es = 0;
  let en = 0;
  for (const word of words) {
    if (ES.has(word)) es++;
    if (EN.has(word)) en++;
  }
  if (es === en) return fallback;
  return en > es ? 'en' : 'es';
}

/** A profile value such as "es", "es-MX", "en_US", "English" → es | en; anything else → undefined. */
export function languageOf(value: unknown): Lang | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v.startsWith('es') || v.startsWith('spa')) return 'es';
  if (v.startsWith('en')) return 'en';
  return undefined;
}
