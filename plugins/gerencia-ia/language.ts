/**
 * @module gerencia-ia/language
 * Spanish first; English when the person writes English. A cheap word count, not a language model: short or mixed
 * messages fall back to the profile's locale, then Spanish.
 */
export type Lang = 'es' | 'en';
export type Bilingual = { readonly es: string; readonly en: string };

const EN = new Set(['the', 'a', 'an', 'and', 'to', 'of', 'for', 'my', 'our', 'is', 'are', 'what', 'how', 'show', 'list', 'create', 'add', 'new', 'task', 'tasks', 'please', 'with', 'summary', 'progress', 'meeting', 'objective', 'due', 'by', 'i', 'we', 'can', 'you', 'me', 'us', 'complete', 'mark', 'done', 'team', 'help', 'yes', 'confirm', 'cancel']);
const ES = new Set(['el', 'la', 'los', 'las', 'un', 'una', 'y', 'de', 'del', 'para', 'mi', 'mis', 'nuestro', 'nuestra', 'es', 'son', 'qué', 'que', 'cómo', 'como', 'muestra', 'lista', 'crea', 'crear', 'añade', 'nueva', 'tarea', 'tareas', 'por', 'favor', 'con', 'resumen', 'progreso', 'reunión', 'objetivo', 'objetivos', 'vence', 'yo', 'puedes', 'me', 'nos', 'completa', 'completar', 'marca', 'hecha', 'equipo', 'ayuda', 'sí', 'confirmo', 'cancelo', 'hola']);

export function detectLanguage(text: string, fallback: unknown = 'es'): Lang {
  let en = 0;
  let es = 0;
  for (const word of text.toLowerCase().match(/[\p{L}]+/gu) ?? []) {
    if (EN.has(word)) en++;
    if (ES.has(word)) es++;
  }
  if (en > es) return 'en';
  if (es > en) return 'es';
  return typeof fallback === 'string' && fallback.toLowerCase().startsWith('en') ? 'en' : 'es';
}

export function say(text: Bilingual, lang: Lang): string {
  return text[lang];
}
