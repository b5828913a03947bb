/**
 * Entry point of hiperfoco. The page arrives prerendered (Spanish); this code only binds the live parts with
 * Solid's reactivity: language and theme switches, the live impact figures, the contact form. Nothing here
 * re-renders the static sections, so the page is usable before this file even loads.
 */
import { createEffect, createRoot } from 'solid-js';
import { bindContactForm } from './contact-form.ts';
import { DICTIONARY, text, type Lang } from './content.ts';
import type { LiveImpact } from './live-impact.ts';
import { lang, setLang, theme, toggleTheme } from './preferences.ts';
import './styles.css';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function applyLang(current: Lang): void {
  document.documentElement.lang = current;
  const dict = DICTIONARY[current];
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = dict[el.dataset.i18n!];
    if (value !== undefined) el.textContent = value;
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    const value = dict[el.dataset.i18nAria!];
    if (value !== undefined) el.setAttribute('aria-label', value);
  }
  document.title = dict['meta.title']!;
  document.querySelector('meta[name="description"]')?.setAttribute('content', dict['meta.description']!);
  $('lang-switch').lang = current === 'es' ? 'en' : 'es';
}

createRoot(() => {
  createEffect(() => applyLang(lang()));
  $('lang-switch').addEventListener('click', () => setLang(lang() === 'es' ? 'en' : 'es'));

  createEffect(() => {
    const current = theme();
    document.documentElement.dataset.theme = current;
    $('theme-switch').setAttribute('aria-pressed', String(current === 'dark'));
    document.querySelector('meta[name="theme-color"]')?.setAttribute('content', current === 'dark' ? '#0f172a' : '#4f46e5');
  });
  $('theme-switch').addEventListener('click', toggleTheme);

  const form = $<HTMLFormElement>('contact-form');
  const formStatus = bindContactForm(form, lang);
  createEffect(() => {
    const status = formStatus();
    const line = $('contact-status');
    const submit = $<HTMLButtonElement>('contact-submit');
    submit.disabled = status.kind === 'sending';
    submit.textContent = text(lang(), status.kind === 'sending' ? 'contact.sending' : 'contact.send');
    line.dataset.kind = status.kind;
    if (status.kind === 'idle') line.textContent = '';
    else if (status.kind === 'sending') line.textContent = text(lang(), 'contact.sending');
    else if (status.kind === 'sent') line.textContent = text(lang(), 'contact.sent');
    else {
      const known = ['BAD_ARGS', 'RATE_LIMITED', 'TOO_LARGE', 'NETWORK'].includes(status.code) ? status.code : 'OTHER';
      const label = status.field ? DICTIONARY[lang()][`contact.${status.field}`] ?? status.field : '';
      line.textContent = text(lang(), `contact.error.${known}`, { detail: label });
    }
  });
});

// Marks the moment the page is interactive (every control works), for the time-to-interactive measurement.
document.documentElement.dataset.ready = 'true';
performance.mark('hiperfoco-interactive');

/** Shows the live figures and the connection state in the prerendered metric cards. */
function bindLiveImpact(live: LiveImpact): void {
  createRoot(() => {
    createEffect(() => {
      const stats = live.stats();
      const format = new Intl.NumberFormat(lang() === 'es' ? 'es-ES' : 'en-GB');
      for (const key of ['connections', 'messagesToday', 'botsAvailable'] as const) {
        $(`metric-${key}`).textContent = stats ? format.format(stats[key]) : '—';
      }
    });
    createEffect(() => {
      const status = $('impact-status');
      const state = live.state();
      const at = live.updatedAt();
      status.dataset.state = state;
      // Quiet on purpose: the figures change every second, so only the state is announced, not each update.
      status.textContent = state === 'live' && at
        ? `${text(lang(), 'impact.live')} · ${text(lang(), 'impact.updated', { time: new Date(at).toLocaleTimeString(lang() === 'es' ? 'es-ES' : 'en-GB') })}`
        : text(lang(), state === 'offline' ? 'impact.offline' : 'impact.connecting');
    });
  });
}

// The SDK (socket, codecs) is a separate chunk, loaded after the page is interactive: the figures are a live
// enhancement of a page that already works.
import('./live-impact.ts').then(({ startLiveImpact }) => bindLiveImpact(startLiveImpact()), (err: unknown) => {
  $('impact-status').dataset.state = 'offline';
  $('impact-status').textContent = text(lang(), 'impact.offline');
  console.warn('hiperfoco: live figures unavailable', err);
});
