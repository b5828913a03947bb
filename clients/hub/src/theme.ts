/**
 * @module theme
 * Light and dark themes. Until the person chooses, the hub follows the system (`prefers-color-scheme`, live);
 * a choice made with the toggle is kept in localStorage. The theme is applied as `data-theme` on <html>.
 */
import { createEffect, createRoot, createSignal } from 'solid-js';
import { readStored, writeStored } from './storage.ts';

export type Theme = 'light' | 'dark';
const THEME_KEY = 'mentalia.theme';

const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
const [system, setSystem] = createSignal<Theme>(media?.matches ? 'dark' : 'light');
media?.addEventListener('change', (event) => setSystem(event.matches ? 'dark' : 'light'));

const storedChoice = readStored(THEME_KEY);
const [choice, setChoice] = createSignal<Theme | undefined>(storedChoice === 'light' || storedChoice === 'dark' ? storedChoice : undefined);

export const theme = (): Theme => choice() ?? system();

export function toggleTheme(): void {
  const next: Theme = theme() === 'dark' ? 'light' : 'dark';
  setChoice(next);
  writeStored(THEME_KEY, next);
}

/** Keeps <html data-theme> and the browser UI colour in step with the theme. */
export function applyTheme(): void {
  createRoot(() => {
    createEffect(() => {
      const current = theme();
      document.documentElement.dataset.theme = current;
      document.querySelector('meta[name="theme-color"]')?.setAttribute('content', current === 'dark' ? '#111827' : '#4F46E5');
    });
  });
}
