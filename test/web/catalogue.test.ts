/**
 * The hub's app catalogue (clients/catalogue, shared with hiperfoco) in a real browser against the real engine
 * serving the BUILT hub: what a guest sees (paid apps need an account; free ones open), and how the access states
 * change with the signed-in person's plan (premium, professional). Screenshots light and dark to
 * test-results/screenshots/, axe-core on each.
 *
 * Needs /usr/bin/chromium (CHROMIUM_PATH overrides) and PostgreSQL like the other engine tests.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../engine/src/auth/passwords.ts';
import type { Tier } from '../../engine/src/storage/store.ts';
import { AXE_PATH, AXE_WCAG_TAGS, AxeLog, ensureClientBuilt, haveChromium, launchBrowser, newPage, ROOT, screenshots } from '../support/browser.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
let browser: Browser;
const problems: string[] = [];
const axe = new AxeLog(AXE_WCAG_TAGS);

beforeAll(async () => {
  if (!haveChromium) return;
  await ensureClientBuilt('hub', { always: true });
  t = await startTestEngine({}, {
    bots: { pluginsDirs: [path.join(ROOT, 'plugins'), path.join(ROOT, 'test', 'web', 'fixtures')], pluginConfig: { echo: { useLlm: false } } },
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function openPage(): Promise<Page> {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 }, problems });
  await page.goto(t.httpUrl);
  return page;
}

async function openCatalogue(page: Page): Promise<(name: string) => ReturnType<Page['locator']>> {
  await page.getByRole('link', { name: 'Apps' }).click();
  await page.getByRole('heading', { name: 'Apps de MENTALIA Universe' }).waitFor();
  return (name: string) => page.locator('.app-card', { has: page.getByRole('heading', { name, level: 4 }) });
}

async function signInWithPlan(page: Page, tier: Tier): Promise<void> {
  const email = `${tier}-${randomUUID()}@example.org`;
  await t.store.createUser({ email, name: `Plan ${tier}`, passwordHash: await hashPassword('correct horse battery', t.config.scryptCost), tier });
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill('correct horse battery');
  await page.getByRole('button', { name: 'Entrar' }).click();
}

/** Light and dark full-page screenshots (test-results/screenshots/catalogue-<name>-*.png), each checked with axe-core. */
const shots = (page: Page, name: string) => screenshots(page, `catalogue-${name}`, { fullPage: true, after: (scheme) => axe.check(page, `${name} (${scheme})`) });

describe.skipIf(!haveChromium)('hub catalogue by plan', () => {
  it('shows a guest which apps need an account, and opens a free one', async () => {
    const page = await openPage();
    await page.getByRole('button', { name: 'Probar como invitado, sin cuenta' }).click();
    const card = await openCatalogue(page);
    await page.getByText('Estás como invitado: las apps gratuitas').waitFor();
    expect(await card('BLU Psicóloga').getAttribute('data-access')).toBe('account');
    expect(await card('BLU Psicóloga').textContent()).toContain('Crea una cuenta para usarla');
    expect(await card('Agenda Clínica').getAttribute('data-access')).toBe('account');
    expect(await card('Sign-Link').getAttribute('data-access')).toBe('account');
    expect(await card('Perfil ND').getAttribute('data-access')).toBe('soon');
    expect(await card('Eco').getAttribute('data-access')).toBe('available');
    expect(await card('BLU Psicóloga').getByRole('button').count()).toBe(0);
    await shots(page, 'guest');
    await card('Eco').getByRole('button', { name: 'Abrir Eco' }).click();
    await page.getByRole('heading', { name: 'Eco', level: 2 }).waitFor();
    await page.context().close();
  }, 90_000);

  it('opens premium apps on the premium plan and asks for a higher plan for professional ones', async () => {
    const page = await openPage();
    await signInWithPlan(page, 'premium');
    const card = await openCatalogue(page);
    expect(await card('BLU Psicóloga').getAttribute('data-access')).toBe('available');
    expect(await card('Sign-Link').getAttribute('data-access')).toBe('beta');
    expect(await card('Agenda Clínica').getAttribute('data-access')).toBe('premium');
    expect(await card('Agenda Clínica').textContent()).toContain('Requiere el plan Profesional');
    expect(await card('Gerencia IA').textContent()).toContain('Requiere el plan Empresa');
    await shots(page, 'premium');
    await page.context().close();
  }, 90_000);

  it('opens professional apps on the professional plan; unreleased stay coming soon', async () => {
    const page = await openPage();
    await signInWithPlan(page, 'professional');
    const card = await openCatalogue(page);
    expect(await card('Agenda Clínica').getAttribute('data-access')).toBe('available');
    expect(await card('Despacho Legal').getAttribute('data-access')).toBe('soon');
    expect(await card('Gerencia IA').getAttribute('data-access')).toBe('premium');
    await page.context().close();
  }, 90_000);

  it('had no console errors and no serious axe-core violations', () => {
    expect(problems).toEqual([]);
    if (AXE_PATH) expect(axe.failures()).toEqual([]);
  });
});
