/** The safety layer's rules that need no engine: settings, the always-on default, reading verdicts, the card. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { globalLabellers } from '../../../bots/runtime/index.ts';
import type { DiscoveredPlugin } from '../../../bots/host/types.ts';
import { crisisCard, type CrisisCardData } from './card.ts';
import { loadSafetyConfig } from './config.ts';
import { countryInputSchema, linesFor } from './directory.ts';
import { STARTING_DIRECTORY } from './starting-directory.ts';
import { readSafetyVerdict } from './verdicts.ts';

const entry = (country: string) => STARTING_DIRECTORY.find((e) => e.country === country)!;

function capture(): { log: pino.Logger; lines: () => any[] } {
  const out: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { out.push(String(chunk)); done(); } });
  return { log: pino({ level: 'info' }, stream), lines: () => out.map((l) => JSON.parse(l)) };
}

describe('settings', () => {
  it('is on by default, with Spain as the default country and no human contact', () => {
    expect(loadSafetyConfig({})).toEqual({ enabled: true, defaultCountry: 'ES', humanContact: false, cardLevel: 'medium' });
    expect(loadSafetyConfig({ SAFETY_LAYER: 'off', SAFETY_DEFAULT_COUNTRY: 'mx', SAFETY_HUMAN_CONTACT: 'true', SAFETY_CARD_LEVEL: 'high' }))
      .toEqual({ enabled: false, defaultCountry: 'MX', humanContact: true, cardLevel: 'high' });
  });

  it('refuses settings that would weaken the layer by accident', () => {
    expect(() => loadSafetyConfig({ SAFETY_LAYER: 'no' })).toThrow(/SAFETY_LAYER/);
    expect(() => loadSafetyConfig({ SAFETY_DEFAULT_COUNTRY: 'Spain' })).toThrow(/SAFETY_DEFAULT_COUNTRY/);
    expect(() => loadSafetyConfig({ SAFETY_CARD_LEVEL: 'low' })).toThrow(/SAFETY_CARD_LEVEL/);
  });
});

describe('the global labellers', () => {
  const plugins = [{ name: 'safety' }, { name: 'guard' }] as DiscoveredPlugin[];

  it('always include the installed safety plugin, whatever BOT_GLOBAL_LABELLERS says', () => {
    const { log } = capture();
    expect(globalLabellers(plugins, { globalLabellers: [], safetyLayer: true }, log)).toEqual(['safety']);
    expect(globalLabellers(plugins, { globalLabellers: ['guard'], safetyLayer: true }, log)).toEqual(['safety', 'guard']);
    expect(globalLabellers(plugins, { globalLabellers: ['guard', 'safety'], safetyLayer: true }, log)).toEqual(['guard', 'safety']);
  });

  it('drop it only with SAFETY_LAYER=off, logged as an error', () => {
    const { log, lines } = capture();
    expect(globalLabellers(plugins, { globalLabellers: ['safety', 'guard'], safetyLayer: false }, log)).toEqual(['guard']);
    expect(lines()).toEqual([expect.objectContaining({ level: 50, event: 'safety.disabled', msg: expect.stringMatching(/DISABLED/) })]);
  });
});

describe('reading a safety labeller', () => {
  it('takes a crisis veto at its level, and a crisis card without a level as high', () => {
    expect(readSafetyVerdict({ veto: true, reason: 'r', risk: 'critical', labels: ['category:others', 'es.kill-other'] }, true, 'medium'))
      .toEqual({ kind: 'crisis', level: 'critical', category: 'others', labels: ['es.kill-other'] });
    expect(readSafetyVerdict({ veto: true, reason: 'r', replacement: { text: 'x', kind: 'crisis' } }, true, 'medium'))
      .toEqual({ kind: 'crisis', level: 'high', category: 'self', labels: [] });
  });

  it('leaves other vetoes (a content filter) alone, and reads annotations of people\'s messages only', () => {
    expect(readSafetyVerdict({ veto: true, reason: 'word', replacement: { text: 'Retirada', kind: 'text' } }, true, 'medium')).toBeNull();
    expect(readSafetyVerdict({ labels: [{ label: 'crisis-risk' }], risk: 'high' }, true, 'medium')).toMatchObject({ kind: 'crisis', level: 'high' });
    expect(readSafetyVerdict({ labels: [{ label: 'crisis-risk' }], risk: 'high' }, false, 'medium')).toBeNull();
    expect(readSafetyVerdict({ labels: [{ label: 'crisis-risk' }], risk: 'low' }, true, 'medium')).toMatchObject({ kind: 'signal', level: 'low' });
    expect(readSafetyVerdict({ labels: [{ label: 'crisis-risk' }], risk: 'medium' }, true, 'high')).toBeNull();
    expect(readSafetyVerdict({ labels: [], risk: 'none' }, true, 'medium')).toBeNull();
  });
});

describe('the crisis card', () => {
  it('lists crisis lines first for self-harm and violence lines first for danger from others', () => {
    expect(linesFor(entry('ES'), 'self').map((l) => l.phone)).toEqual(['024', '717 003 717']);
    expect(linesFor(entry('ES'), 'others').map((l) => l.phone)).toEqual(['016', '024', '717 003 717']);
    // Only a children's line: better than nothing.
    expect(linesFor({ lines: [{ name: 'ANAR', phone: '900 20 20 10', hours: '24 h', kind: 'children' }] }, 'self').map((l) => l.phone)).toEqual(['900 20 20 10']);
    // The emergency number is on the card as a line: last for self-harm, first for danger from others or when critical.
    const card = (category: 'self' | 'others', level: 'high' | 'critical') =>
      (crisisCard({ country: 'ES', entry: entry('ES'), category, level, locale: 'es', repeat: false, humanContact: { available: false } }).data as CrisisCardData).lines.map((l) => l.phone);
    expect(card('self', 'high')).toEqual(['024', '717 003 717', '112']);
    expect(card('self', 'critical')).toEqual(['112', '024', '717 003 717']);
    expect(card('others', 'high')).toEqual(['112', '016', '024', '717 003 717']);
  });

  it('speaks the user\'s language first and keeps both', () => {
    const body = crisisCard({ country: 'US', entry: entry('US'), category: 'self', level: 'critical', locale: 'en', repeat: false, humanContact: { available: true } });
    const data = body.data as CrisisCardData;
    expect(data).toMatchObject({ country: 'US', emergency: '911', level: 'critical', humanContact: { available: true } });
    expect(data.text.startsWith(data.i18n.en)).toBe(true);
    expect(data.text.endsWith(data.i18n.es)).toBe(true);
    expect(data.i18n.en).toContain('a person from our team can write to you');
    expect(body.text).toMatch(/^What you're going through matters/);
    expect(body.text).toContain('988');
  });

  it('ships a starting directory that passes the admin API\'s own validation', () => {
    for (const { country: _c, ...rest } of STARTING_DIRECTORY) expect(countryInputSchema.safeParse(rest).success).toBe(true);
    expect(STARTING_DIRECTORY.map((e) => e.country)).toEqual(['ES', 'MX', 'AR', 'CO', 'CL', 'US', '_default']);
  });
});
