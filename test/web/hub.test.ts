/**
 * The universe hub in a real browser (playwright-core driving Debian's chromium) against the real engine serving
 * the BUILT hub, with the echo bot streaming word by word:
 *
 * register → log out → log in → new conversation with echo → a streamed reply grows, then becomes the stored
 * message → a long answer stopped mid-stream (no stored reply) → reload: history is back → the network drops,
 * another device of the same person writes meanwhile (and the page writes offline), the network returns: every
 * message appears exactly once, in order → history paging on scroll-up → crisis/card/sign bodies and a spoiler
 * annotation → keyboard only → the app catalogue. Screenshots (light and dark) go to test-results/screenshots/;
 * axe-core checks each surface when the package is installed.
 *
 * Needs /usr/bin/chromium (CHROMIUM_PATH overrides) and PostgreSQL like the other engine tests.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient, type ChatClient, type RoomHandle, type StoredMessage } from '../../clients/sdk/src/index.ts';
import { AXE_PATH, AxeLog, ensureClientBuilt, haveChromium, launchBrowser, newPage, ROOT, screenshots, STEP_MS } from '../support/browser.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';
import { startNetSwitch, type NetSwitch } from './net-switch.ts';

let t: TestEngine;
let relay: NetSwitch;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
const problems: string[] = [];
const email = `hub-${randomUUID()}@example.org`;
const password = 'correct horse battery';
let roomId = '';
let other: ChatClient | undefined;

beforeAll(async () => {
  if (!haveChromium) return;
  await ensureClientBuilt('hub');
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: [path.join(ROOT, 'plugins'), path.join(ROOT, 'test', 'web', 'fixtures')],
      pluginConfig: { echo: { wordDelayMs: 40, useLlm: false } },
    },
  });
  // The engine serves the built hub itself (engine.ts → registerStaticRoutes, CLIENTS_DIR = ./clients).
  relay = await startNetSwitch(Number(new URL(t.httpUrl).port));
  base = `http://127.0.0.1:${relay.port}`;
  browser = await launchBrowser(['--disable-quic']);
  // A dropped network is expected to log failed socket attempts; CSP violations and app errors are not.
  page = await newPage(browser, { problems, ignoreConsole: /WebSocket|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|Failed to load resource/ });
  context = page.context();
}, 180_000);

afterAll(async () => {
  // Every violation, whatever its impact, for people to review: test-results/axe-hub.json.
  axe.write('hub');
  other?.close();
  await browser?.close();
  await relay?.close();
  await t?.close();
});

// ------------------------------------------------------------------ helpers

const doc = () => (globalThis as any).document;

const axe = new AxeLog();

/** Light and dark screenshots (test-results/screenshots/hub-<name>-*.png), each checked with axe-core. */
const shot = (name: string) => screenshots(page, `hub-${name}`, { after: (scheme) => axe.check(page, `${name} (${scheme})`) });

/** Stored messages shown, in DOM order. */
async function shownMessages(): Promise<{ offset: number; text: string }[]> {
  return page.evaluate(() => [...(globalThis as any).document.querySelectorAll('li.msg[data-offset]')].map((li: any) => ({
    offset: Number(li.dataset.offset),
    text: li.querySelector('.bubble > .text')?.textContent ?? '',
  })));
}

function scroller() {
  return page.locator('.messages-scroller');
}

async function waitUntil(check: () => boolean, subscribe: (notify: () => void) => () => void, timeoutMs = STEP_MS): Promise<void> {
  if (check()) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error('timed out')); }, timeoutMs);
    const off = subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/** Resolves when the room (SDK, in Node) shows messages matching `check`. */
function roomShows(room: RoomHandle, check: (messages: readonly StoredMessage[]) => boolean): Promise<void> {
  return waitUntil(() => check(room.messages), (notify) => {
    const offs = [room.on('message', notify), room.on('reset', notify)];
    return () => offs.forEach((off) => off());
  });
}

async function openOther(): Promise<ChatClient> {
  const res = await t.post('/api/auth/login', { email, password });
  expect(res.status).toBe(200);
  const client = createClient({ url: t.wsUrl, token: res.body.token, WebSocket, codec: 'msgpack' });
  await client.connect();
  return client;
}

const composer = () => page.getByRole('textbox', { name: 'Mensaje' });

// ------------------------------------------------------------------ the journey

describe.skipIf(!haveChromium)('universe hub in chromium', () => {
  it('serves the built hub with its security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
    expect((await fetch(`${base}/api/nope`)).status).toBe(404);
  });

  it('registers, logs out and logs in again (Spanish first, English switch)', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    await shot('login');

    await page.getByRole('button', { name: '¿No tienes cuenta? Regístrate' }).click();
    await page.getByLabel('Nombre').fill('Ana Prueba');
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();
    await page.locator('.rooms-empty', { hasText: 'Aún no tienes conversaciones' }).waitFor();

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill('wrong password!');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('alert').filter({ hasText: 'no son correctos' }).waitFor();
    await page.getByLabel('Contraseña').fill(password);
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();
    await page.getByText('Ana Prueba', { exact: true }).waitFor();
  }, 60_000);

  it('starts a conversation with echo and shows the reply streaming, then stored', async () => {
    await page.locator('.sidebar').getByRole('button', { name: 'Nueva conversación' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.getByRole('radio', { name: 'Eco', exact: true }).check();
    await dialog.getByRole('button', { name: 'Empezar' }).click();
    await page.getByRole('heading', { name: 'Eco', level: 2 }).waitFor();
    roomId = /#\/chat\/(.+)$/.exec(page.url())![1]!;
    await page.locator('.member[data-online="yes"]', { hasText: 'Eco' }).waitFor();
    await page.getByRole('link', { name: /^Eco/ }).and(page.locator('[aria-current="page"]')).waitFor();

    const words = 'uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince';
    await composer().fill(words);
    await composer().press('Enter');
    const bubble = page.locator('li.turn[data-phase="delta"]');
    await bubble.waitFor();
    const early = (await bubble.locator('.turn-text').textContent()) ?? '';
    // It grows while streaming…
    await page.waitForFunction((len) => {
      const text = (globalThis as any).document.querySelector('li.turn .turn-text')?.textContent ?? '';
      return text.length > len;
    }, early.length);
    // …then the stored reply replaces it: one message, no bubble left.
    const reply = page.locator('li.msg.bot[data-offset]', { hasText: 'quince' });
    await reply.waitFor();
    await page.locator('li.turn').waitFor({ state: 'detached' });
    expect(await reply.locator('.text').textContent()).toContain(`🔁 ${words}`);
    await page.locator('li.msg.mine[data-offset][data-status="sent"]', { hasText: 'uno dos tres' }).waitFor();
    expect(await shownMessages()).toEqual([
      { offset: 1, text: words },
      { offset: 2, text: expect.stringContaining(words) },
    ]);
    await shot('chat');
  }, 60_000);

  it('stops a long answer: the bubble ends as stopped and no reply is stored', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `palabra${i}`).join(' ');
    await composer().fill(long);
    await composer().press('Enter');
    await page.locator('li.turn[data-phase="delta"]').waitFor();
    await page.getByRole('button', { name: /^Detener/ }).click();
    const stopped = page.locator('li.turn[data-phase="cancelled"]');
    await stopped.getByText('Respuesta detenida').waitFor();
    const partial = (await stopped.locator('.turn-text').textContent()) ?? '';
    expect(partial).toContain('palabra0');
    expect(partial).not.toContain('palabra79');
    // The engine ended the turn before pushing `cancelled`: nothing is or will be stored for it.
    other = await openOther();
    const history = await other.history(roomId);
    expect(history.map((m) => m.from.kind)).toEqual(['user', 'bot', 'user']);
    expect(await page.locator('li.msg.bot[data-offset]').count()).toBe(1);
  }, 60_000);

  it('shows the history again after a reload', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Eco', level: 2 }).waitFor();
    await page.locator('li.msg[data-offset="3"]').waitFor();
    const shown = await shownMessages();
    expect(shown.map((m) => m.offset)).toEqual([1, 2, 3]);
    expect(shown[2]!.text).toContain('palabra79');
    expect(await page.locator('li.turn').count()).toBe(0); // the stopped bubble was local, never stored
    await page.getByText('Inicio de la conversación').waitFor();
  }, 60_000);

  it('recovers from a lost connection without gaps or duplicates', async () => {
    const room = other!.join(roomId);
    await room.ready;
    const before = room.messages.length;

    relay.down();
    await context.setOffline(true);
    await page.locator('.conn-banner[data-state="reconnecting"]').waitFor();

    // Written offline in the page: it waits in the outbox, shown as pending.
    await composer().fill('escrito sin conexión');
    await composer().press('Enter');
    await page.locator('li.msg.mine[data-status="pending"]', { hasText: 'escrito sin conexión' }).waitFor();

    // Meanwhile another device of the same person writes, and echo answers each message.
    for (let i = 1; i <= 3; i++) room.send(`desde otro dispositivo ${i}`);
    await roomShows(room, (ms) => ms.length >= before + 6 && ms.slice(before).filter((m) => m.from.kind === 'bot').length === 3);

    relay.up();
    await context.setOffline(false);
    await page.locator('.conn-banner').waitFor({ state: 'detached' });

    // The page's offline message is sent once and answered; wait until the engine has it all.
    await roomShows(room, (ms) => {
      const mine = ms.findIndex((m) => m.body.text === 'escrito sin conexión');
      return mine >= 0 && ms.slice(mine + 1).some((m) => m.from.kind === 'bot');
    });
    const server = await other!.history(roomId, { limit: 200 });
    expect(server.filter((m) => m.body.text === 'escrito sin conexión')).toHaveLength(1);
    await page.waitForFunction((n) => {
      const d = (globalThis as any).document;
      return d.querySelectorAll('li.msg[data-offset]').length === n && !d.querySelector('li.msg[data-msgid]') && !d.querySelector('li.turn:not([data-phase="interrupted"])');
    }, server.length);
    const shown = await shownMessages();
    expect(shown.map((m) => m.offset)).toEqual(server.map((m) => m.offset));
    expect(shown.map((m) => m.offset)).toEqual(server.map((_, i) => i + 1));
    expect(shown.map((m) => m.text)).toEqual(server.map((m) => m.body.text));
    expect(await page.locator('li.turn').count()).toBe(0);
  }, 90_000);

  it('pages into history when scrolling up', async () => {
    const room = await other!.create({ title: 'Historial largo' });
    const sent = Array.from({ length: 70 }, (_, i) => other!.send(room, `historial ${i + 1}`));
    await Promise.all(sent.map((m) => m.delivered));
    await page.evaluate((id) => { (globalThis as any).location.hash = `#/chat/${id}`; }, room);
    await page.getByRole('heading', { name: 'Historial largo', level: 2 }).waitFor();
    await page.locator('li.msg', { hasText: 'historial 70' }).waitFor();
    expect(await page.locator('li.msg[data-offset]').count()).toBe(30);

    await scroller().evaluate((el: any) => { el.scrollTop = 0; });
    await page.locator('li.msg[data-offset="11"]').waitFor();
    // The view stayed where it was: the first page did not jump away.
    expect(await scroller().evaluate((el: any) => el.scrollTop)).toBeGreaterThan(200);
    await scroller().evaluate((el: any) => { el.scrollTop = 0; });
    await page.getByText('Inicio de la conversación').waitFor();
    const shown = await shownMessages();
    expect(shown.map((m) => m.text)).toEqual(Array.from({ length: 70 }, (_, i) => `historial ${i + 1}`));
  }, 60_000);

  it('shows another member typing and their presence', async () => {
    await page.evaluate((id) => { (globalThis as any).location.hash = `#/chat/${id}`; }, roomId);
    await page.getByRole('heading', { name: 'Eco', level: 2 }).waitFor();
    const beto = await t.register('Beto');
    await other!.invite(roomId, beto.user.id);
    const betoClient = createClient({ url: t.wsUrl, token: beto.token, WebSocket });
    try {
      await betoClient.connect();
      const room = betoClient.join(roomId);
      await room.ready;
      await page.locator('.member[data-online="yes"]', { hasText: 'Beto' }).waitFor();
      room.setTyping(true);
      await page.getByText('Beto está escribiendo…').waitFor();
      room.send('hola, soy Beto');
      await page.locator('li.msg[data-offset]:not(.mine)', { hasText: 'hola, soy Beto' }).waitFor();
      await page.getByText('Beto está escribiendo…').waitFor({ state: 'detached' });
      await page.locator('li.msg.bot[data-offset]', { hasText: 'hola, soy Beto' }).waitFor(); // echo answers Beto too
    } finally {
      betoClient.close();
    }
    await page.locator('.member[data-online="no"]', { hasText: 'Beto' }).waitFor();
  }, 60_000);

  it('exports the whole conversation as Markdown and JSON', async () => {
    const server = await other!.history(roomId, { limit: 200 });
    await page.locator('details.menu summary').click();
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar como Markdown' }).click()]);
    expect(md.suggestedFilename()).toMatch(/^mentalia-eco-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = readFileSync(await md.path(), 'utf8');
    expect(markdown).toMatch(/^# Eco\n/);
    expect(markdown).toContain('**Tú** · ');
    expect(markdown).toContain('> escrito sin conexión');
    expect(markdown).toContain('**Beto** · ');
    await page.locator('details.menu summary').click();
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportar como JSON' }).click()]);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(exported.messages.map((m: any) => m.offset)).toEqual(server.map((m) => m.offset));
  }, 60_000);

  it('renders crisis, card and sign bodies and a spoiler annotation', async () => {
    await page.locator('.sidebar').getByRole('button', { name: 'Nueva conversación' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.getByRole('radio', { name: 'Escaparate', exact: true }).check();
    await dialog.getByRole('button', { name: 'Empezar' }).click();
    await page.getByRole('heading', { name: 'Escaparate', level: 2 }).waitFor();
    for (const text of ['me controla el móvil', 'tarjeta', 'signos', 'crisis']) {
      await composer().fill(text);
      await composer().press('Enter');
    }
    const crisis = page.getByRole('region', { name: 'Ayuda ahora' });
    await crisis.waitFor();
    expect(await crisis.getByRole('link', { name: 'Llamar a Línea 024: 024' }).getAttribute('href')).toBe('tel:024');
    expect(await crisis.getByRole('link', { name: 'Web de Línea 024' }).getAttribute('href')).toBe('https://www.sanidad.gob.es/linea024/');
    await page.getByRole('heading', { name: 'Ideas para hoy' }).waitFor();
    expect(await page.locator('.card-items li').allTextContents()).toEqual(['Respira 4-7-8', 'Camina 10 minutos', 'Escribe: tres cosas buenas.']);
    await page.locator('.card-body').getByText('Nivel de riesgo: bajo').waitFor();
    expect(await page.locator('.card-body').getByRole('link', { name: 'Llamar a Teléfono de la Esperanza: 717 003 717' }).getAttribute('href')).toBe('tel:717003717');
    expect(await page.locator('.sign-body .chip').allTextContents()).toEqual(['HOLA', 'TÚ', 'BIEN', 'A', 'N', 'A']);
    const annotation = page.locator('.annotation', { hasText: 'Control · riesgo medio' });
    await annotation.waitFor();
    await annotation.getByText('Por qué').click();
    await annotation.getByText('Decide por ti qué haces o con quién hablas.').waitFor();
    await scroller().evaluate((el: any) => { el.scrollTop = el.scrollHeight; });
    await shot('bodies');
  }, 60_000);

  it('works with the keyboard only: Alt+N, /, Enter and Esc to stop', async () => {
    await page.keyboard.press('Alt+N');
    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.waitFor();
    // Focus starts inside the dialog; pick echo with the arrow keys, then Tab to Empezar.
    await dialog.getByRole('radio', { name: 'Eco', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Empezar');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Eco', level: 2 }).waitFor();
    await page.locator('main').focus();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('composer-input');
    await page.keyboard.type(Array.from({ length: 60 }, (_, i) => `tecla${i}`).join(' '));
    await page.keyboard.press('Enter');
    await page.locator('li.turn[data-phase="delta"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('li.turn[data-phase="cancelled"]').waitFor();
    await page.locator('main').focus();
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Atajos de teclado' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Atajos de teclado' }).waitFor({ state: 'hidden' });
  }, 60_000);

  it('shows the app catalogue by category with access states', async () => {
    await page.getByRole('link', { name: 'Apps' }).click();
    await page.getByRole('heading', { name: 'Apps de MENTALIA Universe' }).waitFor();
    for (const category of ['Salud Mental', 'Comunicación', 'Inclusión', 'Servicios Profesionales']) {
      await page.getByRole('heading', { name: category, level: 3 }).waitFor();
    }
    const card = (name: string) => page.locator('.app-card', { has: page.getByRole('heading', { name, level: 4 }) });
    expect(await card('BLU Psicóloga').getAttribute('data-access')).toBe('premium'); // free tier
    expect(await card('Perfil ND').getAttribute('data-access')).toBe('soon');
    expect(await card('Comunicación Social').getAttribute('data-access')).toBe('beta');
    expect(await card('Eco').getAttribute('data-access')).toBe('available');
    await shot('catalogue');
    await card('Eco').getByRole('button', { name: 'Abrir Eco' }).click();
    await page.getByRole('heading', { name: 'Eco', level: 2 }).waitFor();
  }, 60_000);

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.evaluate((id) => { (globalThis as any).location.hash = `#/chat/${id}`; }, roomId);
    await page.locator('li.msg[data-offset="1"]').waitFor();
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    await shot('mobile-chat');
    await page.getByRole('button', { name: 'Volver a las conversaciones' }).click();
    await page.locator('.sidebar').waitFor();
    await shot('mobile-list');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 60_000);

  it('raised no CSP violations or page errors', () => {
    expect(problems).toEqual([]);
  });

  it.skipIf(!AXE_PATH)('has no serious or critical axe-core violations on any surface (light and dark)', () => {
    expect(axe.serious.length).toBeGreaterThan(0);
    expect(axe.failures()).toEqual([]);
  });
});
