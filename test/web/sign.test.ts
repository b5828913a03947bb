/**
 * Sign-link in the hub, in a real browser (playwright-core driving Debian's chromium) against the real engine serving
 * the BUILT hub, with the sign-link plugin and the inference service:
 *
 * log in → new conversation with Sign-Link → "Me llamo Ana" → the `sign` body shows its glosses and the name drawn
 * with the LSM manual alphabet (SVGs with accessible titles) → the same person sends landmark frames from another
 * connection (the hub has no camera capture yet) → the hub shows the frames note and the recognised word, drawn.
 * Every SVG in the page is checked to be well-formed XML (DOMParser), screenshots (light and dark) go to
 * test-results/screenshots/sign-*.png, and axe-core checks the page.
 *
 * Needs /usr/bin/chromium (CHROMIUM_PATH overrides) and PostgreSQL like the other engine tests.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng, sampleFrame } from '../../plugins/sign-link/fixtures.ts';
import { AxeLog, ensureClientBuilt, haveChromium, launchBrowser, newPage, ROOT, screenshots } from '../support/browser.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const email = `sign-${randomUUID()}@example.org`;
const password = 'correct horse battery';
const saved = { MODELS_DIR: process.env.MODELS_DIR, INFERENCE_THREADS: process.env.INFERENCE_THREADS };

beforeAll(async () => {
  if (!haveChromium) return;
  await ensureClientBuilt('hub', { extraSourceDirs: ['clients/sign-shapes/src'] });
  process.env.MODELS_DIR = path.join(ROOT, 'models');
  process.env.INFERENCE_THREADS = '1';
  t = await startTestEngine({}, { bots: { pluginsDirs: [path.join(ROOT, 'plugins')] } });
  const res = await t.post('/api/auth/register', { email, password, name: 'Ana Señas' });
  expect(res.status).toBe(201);
  browser = await launchBrowser();
  page = await newPage(browser, { viewport: { width: 1280, height: 900 }, problems });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const composer = () => page.getByRole('textbox', { name: 'Mensaje' });
const axe = new AxeLog();

/** Light and dark screenshots (test-results/screenshots/sign-<name>-*.png), each checked with axe-core. */
const shot = (name: string) => screenshots(page, `sign-${name}`, { after: (scheme) => axe.check(page, `${name} (${scheme})`) });

/** Every hand SVG in the page, serialised and parsed back as XML: problems found, if any. */
async function svgProblems(): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const out: string[] = [];
    for (const svg of doc.querySelectorAll('.sign-body svg.hand')) {
      const xml = new (globalThis as any).XMLSerializer().serializeToString(svg);
      const parsed = new (globalThis as any).DOMParser().parseFromString(xml, 'image/svg+xml');
      if (parsed.querySelector('parsererror')) out.push(`not well-formed: ${xml.slice(0, 80)}`);
      const title = svg.querySelector('title')?.textContent ?? '';
      if (!title) out.push('an SVG without a title');
      if (svg.getAttribute('role') !== 'img') out.push(`${title}: role is not img`);
      if (svg.querySelectorAll('polyline').length !== 10 || svg.querySelectorAll('polygon').length !== 1) out.push(`${title}: not a palm and five fingers`);
    }
    return out;
  });
}

describe.skipIf(!haveChromium)('sign-link in the hub (chromium)', () => {
  let roomId = '';

  it('renders a `sign` body: glosses, fingerspelling, and the name drawn with the LSM manual alphabet', async () => {
    await page.goto(`${t.httpUrl}/`);
    await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();

    await page.locator('.sidebar').getByRole('button', { name: 'Nueva conversación' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.getByRole('radio', { name: 'Sign-Link: lengua de señas', exact: true }).check();
    await dialog.getByRole('button', { name: 'Empezar' }).click();
    await page.getByRole('heading', { name: 'Sign-Link: lengua de señas', level: 2 }).waitFor();
    roomId = /#\/chat\/(.+)$/.exec(page.url())![1]!;

    await composer().fill('Me llamo Ana');
    await composer().press('Enter');
    const body = page.locator('li.msg.bot .sign-body').first();
    await body.waitFor();
    await body.getByText('Lengua de señas mexicana (LSM)').waitFor();
    expect(await body.locator('.chip').allTextContents()).toEqual(['YO', 'NOMBRE', 'A-N-A', 'ANA']);
    const hands = body.getByRole('img');
    expect(await hands.count()).toBe(3);
    await body.getByRole('img', { name: 'Letra A (LSM, lengua de señas mexicana)' }).first().waitFor();
    const n = body.getByRole('img', { name: 'Letra N (LSM, lengua de señas mexicana)' });
    expect(await n.locator('desc').textContent()).toBe('Índice y medio doblados sobre el pulgar.');
    expect(await body.getByRole('list', { name: 'Alfabeto manual (dibujos aproximados)' }).count()).toBe(1);
    expect(await svgProblems()).toEqual([]);
    // The hands are drawn, not empty: their bounding boxes have size.
    const box = await n.boundingBox();
    expect(box!.width).toBeGreaterThan(40);
    expect(box!.height).toBeGreaterThan(50);
    await body.scrollIntoViewIfNeeded();
    await shot('gloss');
  }, 90_000);

  it('shows landmark frames sent by the person and the recognised word, drawn', async () => {
    const login = await t.post('/api/auth/login', { email, password });
    const other = await t.client(login.body.token);
    const rand = prng(31);
    const frames = ['O', 'L', 'A'].flatMap((shape) => Array.from({ length: 3 }, () => sampleFrame(shape, rand).frame));
    await other.ok({ type: 'send', room: roomId, msgId: randomUUID(), body: { kind: 'landmarks', text: '', data: { language: 'LSM', frames } } });
    await page.getByText(`✋ Deletreo enviado (${frames.length} fotogramas de la mano)`).waitFor();
    const recognised = page.locator('li.msg.bot .sign-body', { hasText: '«OLA»' });
    await recognised.waitFor();
    expect(await recognised.getByRole('img').count()).toBe(3);
    await recognised.getByRole('img', { name: 'Letra O (LSM, lengua de señas mexicana)' }).waitFor();
    expect(await svgProblems()).toEqual([]);
    await recognised.scrollIntoViewIfNeeded();
    await shot('recognised');
    await other.close();
  }, 60_000);

  it('raised no CSP violations or page errors, and no serious axe-core violations', () => {
    expect(problems).toEqual([]);
    expect(axe.failures()).toEqual([]);
  });
});
