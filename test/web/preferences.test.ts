/**
 * The hub's "Preferencias" dialog (clients/hub/src/components/PreferencesDialog.tsx) in a real browser against the
 * real engine serving the hub built from the current sources, backed by GET/PATCH /api/me/profile:
 *
 * register → open Preferencias with the keyboard → short sentences + one question at a time + México → save (only
 * the changed fields are sent) → the API has them → Esc closes, focus returns → reload: the values are back → the
 * network drops while saving: a readable error, the changes kept; saving again works → the server refuses (the
 * account was erased meanwhile): a readable message. A guest may set preferences too (the API allows it) and is told
 * they last for the session; an "other" country code is checked before sending. axe-core (light and dark, no
 * serious/critical violations); screenshots test-results/screenshots/preferences-{light,dark}.png.
 *
 * The hub is built into a temporary CLIENTS_DIR for this file (other tests and people may be rebuilding
 * clients/hub/dist at the same time). Needs /usr/bin/chromium (CHROMIUM_PATH overrides) and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE_PATH, AXE_WCAG_TAGS, AxeLog, ensureClientBuilt, haveChromium, launchBrowser, newPage, screenshotPath, screenshots } from '../support/browser.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';
import { startNetSwitch, type NetSwitch } from './net-switch.ts';

let t: TestEngine;
let relay: NetSwitch;
let browser: Browser;
let base: string;
let clientsDir: string;
const problems: string[] = [];
const axe = new AxeLog(AXE_WCAG_TAGS);

beforeAll(async () => {
  if (!haveChromium) return;
  clientsDir = mkdtempSync(path.join(tmpdir(), 'mentalia-prefs-clients-'));
  await ensureClientBuilt('hub', { outDir: path.join(clientsDir, 'hub', 'dist'), always: true });
  t = await startTestEngine({ clientsDir });
  // The browser reaches the engine through a relay whose network the test can cut (a real dropped connection).
  relay = await startNetSwitch(Number(new URL(t.httpUrl).port));
  base = `http://127.0.0.1:${relay.port}`;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await t?.close();
  if (clientsDir) rmSync(clientsDir, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  // A dropped network is part of the test: the browser logs the refused requests itself.
  const page = await newPage(browser, {
    viewport: { width: 1280, height: 900 },
    problems,
    ignoreConsole: /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_SOCKET_NOT_CONNECTED|WebSocket connection|status of 401/,
  });
  await page.goto(`${base}/`);
  return page;
}

/** The engine's answer to GET /api/me/profile for the page's own session token. */
async function storedProfile(page: Page): Promise<{ status: number; body: any }> {
  const token = await page.evaluate(() => (JSON.parse((globalThis as any).sessionStorage.getItem('mentalia.session') ?? '{}') as { token?: string }).token);
  const res = await fetch(`${t.httpUrl}/api/me/profile`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

/** Tab (never the mouse) until the top bar's Preferencias button has the focus, then Enter. */
async function openByKeyboard(page: Page): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('aria-label') === 'Preferencias')) {
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'Preferencias' }).getByRole('checkbox', { name: 'Frases cortas' }).waitFor();
      return;
    }
  }
  throw new Error('the Preferencias button was not reachable with Tab');
}

/** Light and dark screenshots (test-results/screenshots/preferences-*.png), each checked with axe-core. */
const shots = (page: Page) => screenshots(page, 'preferences', { after: (scheme) => axe.check(page, `preferences (${scheme})`) });

describe.skipIf(!haveChromium)('hub preferences dialog', () => {
  it('saves communication preferences and country, keeps them across a reload, and explains failures', async () => {
    const page = await openPage();
    await page.getByRole('button', { name: '¿No tienes cuenta? Regístrate' }).click();
    await page.getByLabel('Nombre').fill('Lucía Prueba');
    await page.getByLabel('Correo electrónico').fill(`prefs-${randomUUID()}@example.org`);
    await page.getByLabel('Contraseña').fill('correct horse battery');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();

    await openByKeyboard(page);
    const dialog = page.getByRole('dialog', { name: 'Preferencias' });
    // The focus went into the dialog, onto its first choice; nothing is set yet.
    expect(await page.evaluate(() => Boolean((globalThis as any).document.activeElement?.closest('dialog[open]')))).toBe(true);
    expect(await dialog.getByRole('radio', { name: 'Sin preferencia' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Frases cortas' }).isChecked()).toBe(false);
    expect(await dialog.getByLabel('País').inputValue()).toBe('');
    // Each flag is explained in plain words, tied to its checkbox.
    expect(await dialog.getByRole('checkbox', { name: 'Lenguaje literal' }).getAttribute('aria-describedby')).toBe('prefs-comm-literal');
    expect(await dialog.locator('#prefs-comm-literal').textContent()).toBe('Sin ironías, metáforas ni dobles sentidos.');

    await dialog.getByRole('checkbox', { name: 'Frases cortas' }).check();
    await dialog.getByRole('checkbox', { name: 'Una pregunta cada vez' }).check();
    await dialog.getByLabel('País').selectOption({ label: 'México' });
    const patchBody = page.waitForRequest((req) => req.url().endsWith('/api/me/profile') && req.method() === 'PATCH');
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    // Only the changed fields travel.
    expect((await patchBody).postDataJSON()).toEqual({ country: 'MX', communication: { shortSentences: true, oneQuestionAtATime: true } });
    await dialog.getByRole('status').filter({ hasText: 'Preferencias guardadas.' }).waitFor();
    expect(await storedProfile(page)).toEqual({ status: 200, body: { profile: { country: 'MX', communication: { shortSentences: true, oneQuestionAtATime: true } } } });

    await shots(page);

    // Saving again with nothing changed sends nothing and says so.
    let patches = 0;
    page.on('request', (req) => { if (req.method() === 'PATCH') patches++; });
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.getByRole('status').filter({ hasText: 'No había cambios que guardar.' }).waitFor();
    expect(patches).toBe(0);

    // Esc closes; the focus is back on the button that opened the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('aria-label'))).toBe('Preferencias');

    await page.reload();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();
    await openByKeyboard(page);
    expect(await dialog.getByRole('checkbox', { name: 'Frases cortas' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Una pregunta cada vez' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Lenguaje literal' }).isChecked()).toBe(false);
    expect(await dialog.getByLabel('País').inputValue()).toBe('MX');

    // The network drops while saving: a readable error; the choice is still on screen; saving again works.
    relay.down();
    await page.locator('.conn-banner').waitFor(); // the page noticed (its WebSocket dropped too)
    await dialog.getByRole('checkbox', { name: 'Sin emojis' }).check();
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    const alert = dialog.getByRole('alert');
    await alert.filter({ hasText: 'No hemos podido conectar con el servidor.' }).waitFor();
    expect(await alert.textContent()).toContain('Tus cambios siguen aquí, sin guardar.');
    expect(await dialog.getByRole('checkbox', { name: 'Sin emojis' }).isChecked()).toBe(true);
    relay.up();
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Preferencias guardadas.' }).waitFor();
    expect(await alert.count()).toBe(0);
    expect((await storedProfile(page)).body.profile.communication).toEqual({ shortSentences: true, oneQuestionAtATime: true, noEmoji: true });

    // The server refuses: the account was erased meanwhile (its token no longer names a user) → 401 UNAUTHORIZED.
    // First let the WebSocket reconnect, so that the hub's own sign-out on a refused reconnect cannot race the dialog.
    await page.locator('.conn-banner').waitFor({ state: 'detached' });
    const { id } = await page.evaluate(() => (JSON.parse((globalThis as any).sessionStorage.getItem('mentalia.session') ?? '{}') as { user: { id: string } }).user);
    await t.store.eraseUser(id, null);
    await dialog.getByRole('checkbox', { name: 'Listas' }).check();
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await alert.filter({ hasText: 'Tu sesión ya no es válida. Cierra la sesión y vuelve a entrar.' }).waitFor();
    expect((await storedProfile(page)).status).toBe(401);
    await page.context().close();
  }, 120_000);

  it('lets a guest set preferences for the session, and checks an "other" country code before sending', async () => {
    const page = await openPage();
    await page.getByRole('button', { name: 'Probar como invitado, sin cuenta' }).click();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();
    await openByKeyboard(page);
    const dialog = page.getByRole('dialog', { name: 'Preferencias' });
    await dialog.getByText('Estás como invitado: estas preferencias valen mientras dure esta sesión.').waitFor();

    await dialog.getByRole('checkbox', { name: 'Multitudes' }).check();
    await dialog.getByLabel('País').selectOption({ label: 'Otro país' });
    const code = dialog.getByLabel('Código de tu país (2 letras, por ejemplo PE)');
    await code.fill('1');
    let patches = 0;
    page.on('request', (req) => { if (req.method() === 'PATCH') patches++; });
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Escribe 2 letras' }).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('profile-other-country');
    expect(patches).toBe(0);

    await code.fill('pe');
    await dialog.getByRole('radio', { name: 'English' }).check();
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Preferencias guardadas.' }).waitFor();
    expect(await storedProfile(page)).toEqual({ status: 200, body: { profile: { language: 'en', country: 'PE', sensory: ['crowds'] } } });
    expect(await code.inputValue()).toBe('PE');

    // Unticking the only sense removes the field (null), the others stay.
    const patchBody = page.waitForRequest((req) => req.url().endsWith('/api/me/profile') && req.method() === 'PATCH');
    await dialog.getByRole('checkbox', { name: 'Multitudes' }).uncheck();
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    expect((await patchBody).postDataJSON()).toEqual({ sensory: null });
    await dialog.getByRole('status').filter({ hasText: 'Preferencias guardadas.' }).waitFor();
    expect((await storedProfile(page)).body.profile).toEqual({ language: 'en', country: 'PE' });

    // Phones: the dialog fits the screen; the Save button stays in view (sticky footer).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => dialog.getByRole('button', { name: 'Guardar' }).isVisible()).toBe(true);
    const box = await dialog.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('preferences-mobile-light.png') });

    // The dialog follows the hub's language switch.
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    // The extra top bar button keeps the phone layout at two rows: the buttons share the logo's row.
    const rowOf = (selector: string) => page.locator(selector).first().evaluate((el) => { const r = el.getBoundingClientRect(); return Math.round(r.top + r.height / 2); });
    expect(await rowOf('.topbar-end')).toBe(await rowOf('.brand-heading'));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Preferences' }).click();
    await page.getByRole('dialog', { name: 'Preferences' }).getByRole('checkbox', { name: 'Short sentences' }).waitFor();
    await page.context().close();
  }, 90_000);

  it('had no console errors and no serious axe-core violations (light and dark)', () => {
    expect(problems).toEqual([]);
    if (AXE_PATH) {
      expect(axe.serious.length).toBe(2);
      expect(axe.failures()).toEqual([]);
    }
  });
});
