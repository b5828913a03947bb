/**
 * @module spoiler-detector/resources
 * Gender-violence help lines (`resources.json`, with the date they were checked and where). Only official public
 * services whose numbers could be confirmed are listed; each names the country's emergency number too.
 */
import data from './resources.json' with { type: 'json' };
import type { Bilingual } from './categories.ts';
import type { Lang } from './lang.ts';

export interface HelpLine {
  readonly country: string;
  readonly name: Bilingual;
  readonly phone: string;
  readonly whatsapp?: string;
  readonly text?: string;
  readonly url?: string;
  readonly hours: Bilingual;
  readonly note?: Bilingual;
  readonly emergency: string;
  readonly sources: readonly string[];
}

export const RESOURCES = data as { readonly verifiedAt: string; readonly verification: string; readonly lines: readonly HelpLine[] };

export const COUNTRIES = RESOURCES.lines.map((line) => line.country);

/** The lines of `country` (ISO 3166 alpha-2), or all of them when it is unknown or not listed. */
export function linesFor(country: string | undefined): readonly HelpLine[] {
  const code = country?.trim().toUpperCase();
  const own = RESOURCES.lines.filter((line) => line.country === code);
  return own.length > 0 ? own : RESOURCES.lines;
}

/** One line of text: "ES · 016 — … · WhatsApp 600 000 016 · 24 horas… · emergencias 112". */
export function formatLine(line: HelpLine, lang: Lang): string {
  const parts = [`${line.country} · ${line.phone} — ${line.name[lang]}`];
  if (line.whatsapp) parts.push(`WhatsApp ${line.whatsapp}`);
  if (line.text) parts.push(lang === 'es' ? `SMS ${line.text}` : `text ${line.text}`);
  parts.push(line.hours[lang]);
  parts.push(lang === 'es' ? `emergencias ${line.emergency}` : `emergencies ${line.emergency}`);
  return parts.join(' · ');
}
