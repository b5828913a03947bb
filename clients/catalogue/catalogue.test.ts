/** The shared catalogue: the seeds' categories and access rules by plan, and what guests see. */
import { describe, expect, it } from 'vitest';
import { ACCESS_NAMES, APPS, CATEGORIES, CATEGORY_NAMES, TIERS, accessOf, appsIn, type AppEntry } from './catalogue.ts';

const app = (id: string): AppEntry => APPS.find((a) => a.id === id)!;

describe('catalogue', () => {
  it('groups every app under one of the four seed categories, each with at least one app', () => {
    expect(CATEGORIES.map((c) => CATEGORY_NAMES[c].es)).toEqual(['Salud Mental', 'Comunicación', 'Inclusión', 'Servicios Profesionales']);
    for (const category of CATEGORIES) expect(appsIn(category).length).toBeGreaterThan(0);
    expect(CATEGORIES.flatMap(appsIn)).toHaveLength(APPS.length);
    expect(new Set(APPS.map((a) => a.id)).size).toBe(APPS.length);
    for (const a of APPS) expect(a.description.es && a.description.en).toBeTruthy();
  });

  it('opens more apps as the plan rises, and never for an unknown plan', () => {
    const open = (tier: string) => APPS.filter((a) => ['available', 'beta'].includes(accessOf(a, { tier }))).map((a) => a.id);
    const counts = TIERS.map((tier) => open(tier).length);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    expect(counts[0]).toBeLessThan(counts.at(-1)!);
    expect(open('platinum')).toEqual(open('free'));
  });

  it.each([
    ['blu', 'free', 'premium'], ['blu', 'premium', 'available'], ['sign-link', 'free', 'premium'], ['sign-link', 'premium', 'beta'],
    ['agenda', 'premium', 'premium'], ['agenda', 'professional', 'available'], ['gerencia', 'professional', 'premium'],
    ['gerencia', 'enterprise', 'beta'], ['echo', 'free', 'available'], ['perfil-nd', 'enterprise', 'soon'], ['legal', 'enterprise', 'soon'],
  ] as const)('%s on %s shows %s', (id, tier, access) => {
    expect(accessOf(app(id), { tier })).toBe(access);
  });

  it('tells guests which apps need an account; free apps stay open to them', () => {
    expect(accessOf(app('blu'), { tier: 'free', guest: true })).toBe('account');
    expect(accessOf(app('agenda'), { tier: 'free', guest: true })).toBe('account');
    expect(accessOf(app('echo'), { tier: 'free', guest: true })).toBe('available');
    expect(accessOf(app('spoiler-alert'), { tier: 'free', guest: true })).toBe('beta');
    expect(accessOf(app('perfil-nd'), { tier: 'free', guest: true })).toBe('soon');
    for (const access of Object.keys(ACCESS_NAMES)) expect(ACCESS_NAMES[access as keyof typeof ACCESS_NAMES].en).toBeTruthy();
  });
});
