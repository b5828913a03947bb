/**
 * Hiperfoco (the public showcase) in a real browser (playwright-core driving Debian's chromium) against the real
 * engine serving the BUILT page at /hiperfoco/, with the real bot catalogue:
 *
 * the prerendered HTML carries the page and its SEO meta without JavaScript → a cold load becomes interactive (the
 * page marks it; how fast is measured by `npm run bench:web`, not here) → the live figures are the engine's (they move when someone connects and when a message is
 * stored) → the contact form stores a sealed row (and marks a bad field) → English switch → theme switch →
 * keyboard. Screenshots light and dark to test-results/screenshots/, axe-core on each, no console errors or CSP
 * violations.
 *
 * Needs /usr/bin/chromium (CHROMIUM_PATH overrides) and PostgreSQL like the other engine tests.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE_PATH, AxeLog, ensureClientBuilt, haveChromium, launchBrowser, newPage, ROOT, screenshotPath, screenshots } from '../support/browser.ts';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
let browser: Browser;
let page: Page;
let url: string;
const problems: string[] = [];
const people: TestClient[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  // Always a fresh build: the test is about what `npm run build:clients` ships.
  await ensureClientBuilt('hiperfoco', { always: true });
  t = await startTestEngine({}, {
    bots: { pluginsDirs: [path.join(ROOT, 'plugins'), path.join(ROOT, 'test', 'web', 'fixtures')], pluginConfig: { echo: { useLlm: false } } },
  });
  url = `${t.httpUrl}/hiperfoco/`;
  browser = await launchBrowser();
  page = await newPage(browser, { problems });
}, 180_000);

afterAll(async () => {
  await Promise.all(people.map((p) => p.close()));
  await browser?.close();
  await t?.close();
});

// ------------------------------------------------------------------ helpers

const figure = async (id: string): Promise<number | undefined> => {
  const value = (await page.locator(`#metric-${id}`).textContent())?.replace(/\D/g, '');
  return value ? Number(value) : undefined;
};
/** Waits until the page shows figure `id` in [min, max] (the page updates it from the socket). */
const figureBetween = (id: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  page.waitForFunction(([elId, lo, hi]) => {
    const digits = (globalThis as any).document.getElementById(elId)?.textContent?.replace(/\D/g, '') ?? '';
    return digits !== '' && Number(digits) >= lo && Number(digits) <= hi;
  }, [`metric-${id}`, min, max] as const);

const axe = new AxeLog();

/** Full-page screenshots in the system's light and dark schemes, each checked with axe. */
const shots = (name: string) => screenshots(page, `hiperfoco-${name}`, { fullPage: true, after: (scheme) => axe.check(page, `${name} (${scheme})`) });

// ------------------------------------------------------------------ tests

describe.skipIf(!haveChromium)('hiperfoco', () => {
  it('serves the whole page prerendered, with its SEO meta, before any JavaScript', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toMatch(/<html lang="es">/);
    expect(html).toContain('<h1 id="hero-title" data-i18n="hero.title">MENTALIA Universe: el futuro de la IA especializada</h1>');
    expect(html).toMatch(/<meta name="description" content="[^"]{50,}"/);
    expect(html).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+\/hiperfoco\/"/);
    for (const og of ['og:title', 'og:description', 'og:url', 'og:type', 'og:locale']) expect(html).toContain(`property="${og}"`);
    const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)![1]!);
    expect(jsonLd).toMatchObject({ '@context': 'https://schema.org', '@type': 'Organization', name: 'MENTALIA Universe' });
    for (const text of ['Salud Mental', 'Comunicación', 'Inclusión', 'Servicios Profesionales', 'BLU Psicóloga', 'Sign-Link', 'Cifrado en reposo', 'Derechos RGPD']) {
      expect(html).toContain(text);
    }
    // No figure is baked into the page: they only come from the engine.
    expect(html.match(/class="metric-value"[^>]*>([^<]*)</g)!.every((m) => m.endsWith('>—<'))).toBe(true);
    expect(html).toMatch(/<link rel="alternate" hreflang="en" href="[^"]+\/hiperfoco\/en\.html"/);

    // The English page, prerendered too (same scripts), for crawlers and English links.
    const en = await (await fetch(`${url}en.html`)).text();
    expect(en).toMatch(/<html lang="en">/);
    expect(en).toContain('>MENTALIA Universe: the future of specialised AI</h1>');
    expect(en).toMatch(/<link rel="canonical" href="[^"]+\/hiperfoco\/en\.html"/);
    expect(en).toContain('Mental health');
    expect(en.match(/assets\/[^"]+/g)).toEqual(html.match(/assets\/[^"]+/g));

    const bare = await fetch(`${t.httpUrl}/hiperfoco`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/hiperfoco/');
  });

  it('becomes interactive from a cold load: handlers bound, then the live figures arrive', async () => {
    // A cold page (new context: no cache, no stored guest session). The time it takes is bench/web/page-load.ts's job.
    const context = await browser.newContext({ locale: 'es-ES' });
    const cold = await context.newPage();
    try {
      await cold.goto(url);
      await cold.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
      const marked = await cold.evaluate(() => performance.getEntriesByName('hiperfoco-interactive').length);
      expect(marked).toBe(1);
      await cold.waitForFunction(() => /\d/.test((globalThis as any).document.getElementById('metric-connections')?.textContent ?? ''));
    } finally {
      await context.close();
    }
  });

  it('shows the engine’s live figures, and they move when someone connects and sends', async () => {
    await page.goto(url);
    await figureBetween('connections', 1);
    await page.locator('#impact-status[data-state="live"]').waitFor();
    const bots = ((await (await fetch(`${t.httpUrl}/api/bots`)).json()) as unknown[]).length;
    expect(bots).toBeGreaterThan(0);
    await figureBetween('botsAvailable', bots, bots);
    const connections = (await figure('connections'))!;
    const messages = (await figure('messagesToday'))!;

    const ana = await t.client((await t.register('Ana')).token);
    people.push(ana);
    await figureBetween('connections', connections + 1, connections + 1);

    const { room } = await ana.ok({ type: 'create', title: 'cifras' });
    for (const text of ['uno', 'dos', 'tres']) await ana.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });
    await figureBetween('messagesToday', messages + 3, messages + 3);
    await shots('live');
  });

  it('stores a contact request from the form, sealed, and marks a bad field', async () => {
    await page.goto(`${url}#contact`);
    await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
    await page.getByLabel('Nombre').fill('Marta Ruiz');
    await page.getByLabel('Correo electrónico').fill('marta@@ejemplo');
    await page.getByLabel('Mensaje').fill('Queremos un piloto en nuestra red de centros.');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await expect.poll(() => page.getByLabel('Correo electrónico').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#contact-status').textContent()).toContain('Correo electrónico');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('contact-email');
    expect(await t.store.contacts().list(10)).toEqual([]);

    await page.getByLabel('Correo electrónico').fill('marta@ejemplo.org');
    await page.getByLabel('Organización (opcional)').fill('Red Ñ de Centros');
    await page.getByRole('button', { name: 'Enviar' }).click();
    await page.locator('#contact-status[data-kind="sent"]').waitFor();
    expect(await page.locator('#contact-status').textContent()).toContain('Gracias');
    const [stored] = await t.store.contacts().list(10);
    expect(stored).toMatchObject({ name: 'Marta Ruiz', email: 'marta@ejemplo.org', organisation: 'Red Ñ de Centros', locale: 'es', message: 'Queremos un piloto en nuestra red de centros.' });
    expect(await page.getByLabel('Nombre').inputValue()).toBe('');
    await shots('contact-sent');
  });

  it('switches to English and to the dark theme, and remembers both', async () => {
    await page.goto(url);
    await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await page.locator('h1').textContent()).toBe('MENTALIA Universe: the future of specialised AI');
    expect(await page.title()).toContain('AI specialised');
    await page.getByRole('heading', { name: 'Live impact' }).waitFor();
    await page.getByRole('heading', { name: 'Mental health' }).waitFor();
    await page.locator('#impact-status', { hasText: 'Live' }).waitFor();

    const toggle = page.getByRole('button', { name: 'Dark theme' });
    expect(await toggle.getAttribute('aria-pressed')).toBe(String((await page.locator('html').getAttribute('data-theme')) === 'dark'));
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
    await toggle.click();
    await page.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: screenshotPath('hiperfoco-en-dark.png'), fullPage: true });
    await axe.check(page, 'english (chosen dark)');

    await page.reload();
    await page.locator('html[lang="en"][data-theme="dark"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Español' }).click();
    await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Tema oscuro' }).click();
    await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
    await page.evaluate(() => (globalThis as any).localStorage.removeItem('mentalia.theme'));
  });

  it('works with the keyboard alone: skip link, visible focus, form by Tab', async () => {
    await page.goto(url);
    await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.className)).toBe('skip-link');
    const outline = await page.evaluate(() => (globalThis as any).getComputedStyle((globalThis as any).document.activeElement).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('main');
    await page.locator('#contact-name').focus();
    await page.keyboard.type('Teclado');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('contact-email');
  });

  it('logged no console errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });

  it.skipIf(!AXE_PATH)('has no serious or critical axe-core violations (light and dark, Spanish and English)', () => {
    axe.write('hiperfoco');
    expect(axe.serious.length).toBeGreaterThanOrEqual(5);
    expect(axe.failures()).toEqual([]);
  });
});
