/**
 * @module preferences
 * Language and theme, shared with the hub (same localStorage keys). Spanish unless `?lang=en` or a stored choice;
 * the theme follows the system until the person picks one.
 */
import { createSignal } from 'solid-js';
import type { Lang } from './content.ts';

const LANG_KEY = 'mentalia.lang';
const THEME_KEY = 'mentalia.theme';
export type Theme = 'light' | 'dark';

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

// `?lang=` wins, then the page asked for (en.html is the English page), then the stored choice, then Spanish.
const fromQuery = new URLSearchParams(location.search).get('lang');
const initialLang: Lang = fromQuery === 'en' || fromQuery === 'es'
  ? fromQuery
  : location.pathname.endsWith('/en.html') ? 'en' : read(LANG_KEY) === 'en' ? 'en' : 'es';
const [lang, setLangSignal] = createSignal<Lang>(initialLang);
export { lang };
export function setLang(next: Lang): void {
  setLangSignal(next);
  write(LANG_KEY, next);
}

const media = matchMedia('(prefers-color-scheme: dark)');
const [system, setSystem] = createSignal<Theme>(media.matches ? 'dark' : 'light');
media.addEventListener('change', (event) => setSystem(event.matches ? 'dark' : 'light'));
const stored = read(THEME_KEY);
const [choice, setChoice] = createSignal<Theme | undefined>(stored === 'light' || stored === 'dark' ? stored : undefined);
export const theme = (): Theme => choice() ?? system();
export function toggleTheme(): void {
  const next: Theme = theme() === 'dark' ? 'light' : 'dark';
  setChoice(next);
  write(THEME_KEY, next);
}
