/**
 * The admin surface (`/admin/`) in a real browser (playwright-core driving Debian's chromium) against the real
 * engine serving the BUILT admin client, PostgreSQL and the bot runtime (the test-only `probe` plugin, whose config
 * carries a secret):
 *
 * a normal user is told "no access" → an admin signs in (Spanish first, English switch) → searches a user, changes
 * tier and role, exports (a real download) and erases (only after typing the e-mail) → sees those actions in the
 * audit log → sees the bots with turn counts, error rate and latency and no secret → switches a bot off in a room →
 * watches the live charts update → edits the crisis-helpline directory → keyboard only. Screenshots (light and dark)
 * go to test-results/screenshots/admin-*; axe-core checks each surface (serious or critical violations fail).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient } from '../../clients/sdk/src/index.ts';
import { runAdmin } from '../../engine/src/cli/admin.ts';
import { AXE_PATH, AxeLog, ensureClientBuilt, haveChromium, launchBrowser, newPage, ROOT, screenshots } from '../support/browser.ts';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type Registered, type TestEngine } from '../support/engine.ts';

const SECRET = 'sk-browser-admin-5555-super-secret';
const PASSWORD = 'correct horse battery';

let t: TestEngine;
let browser: Browser;
let page: Page;
let base: string;
const problems: string[] = [];
type Person = Registered & { email: string };
let boss: Person;
let plain: Person;
let target: Person;
let probeRoom = '';
let probeClient: TestClient;

async function registerPerson(name: string): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${randomUUID().slice(0, 8)}@example.org`;
  const res = await t.post('/api/auth/register', { email, password: PASSWORD, name });
  if (res.status !== 201) throw new Error(`register failed: ${res.status}`);
  return { ...(res.body as Registered), email };
}

const say = (c: TestClient, room: string, text: string) => c.ok({ type: 'send', room, msgId: randomUUID(), body: { text } });

async function probeTurn(text: string): Promise<string> {
  const seen = new Set(probeClient.pushes('turn').map((p) => p.turn));
  await say(probeClient, probeRoom, text);
  const start = await probeClient.waitForPush('turn', (p) => p.phase === 'start' && !seen.has(p.turn), 15_000);
  const end = await probeClient.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 15_000);
  return end.phase;
}

beforeAll(async () => {
  if (!haveChromium) return;
  // The admin bundles the hub's styles and session code too.
  await ensureClientBuilt('admin', { extraSourceDirs: ['clients/hub/src'] });
  t = await startTestEngine({}, {
    bots: {
      pluginsDirs: [path.join(ROOT, 'test', 'engine', 'fixtures', 'admin')],
      pluginConfig: { probe: { apiKey: SECRET, greeting: 'hola' } },
      coalesceMs: 10,
    },
  });
  base = t.httpUrl;
  boss = await registerPerson('Admin Navegador');
  const granted = await runAdmin(['grant-admin', boss.email], t.config, pino({ level: 'silent' }), { out: () => {}, err: () => {} });
  expect(granted).toBe(0);
  plain = await registerPerson('Persona Normal');
  target = await registerPerson(`Objetivo ${randomUUID().slice(0, 4)}`);
  const c = await t.client(target.token);
  const { room } = await c.ok({ type: 'create', title: 'diario' });
  await say(c, room, 'mensaje privado de la persona objetivo');
  await c.close();
  // Turn statistics for the bots page: one answered turn and one failed turn of the probe bot.
  probeClient = await t.client(plain.token);
  probeRoom = (await probeClient.ok({ type: 'create', bot: 'probe' })).room;
  await probeClient.ok({ type: 'join', room: probeRoom });
  expect(await probeTurn('hola')).toBe('end');
  expect(await probeTurn('esto falla')).toBe('error');

  browser = await launchBrowser();
  // 401/403 answers are expected while the access checks run; CSP violations and app errors are not.
  page = await newPage(browser, { viewport: { width: 1280, height: 900 }, context: { acceptDownloads: true }, problems, ignoreConsole: /status of 40[13]|Failed to load resource/ });
}, 180_000);

afterAll(async () => {
  axe.write('admin');
  await probeClient?.close();
  await browser?.close();
  await t?.close();
});

// ------------------------------------------------------------------ helpers

const axe = new AxeLog();

/** Light and dark full-page screenshots (test-results/screenshots/admin-<name>-*.png), each checked with axe-core. */
async function shot(name: string): Promise<void> {
  // Full-page shots from the top: the sticky top bar would otherwise be drawn where the page was scrolled to.
  await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await screenshots(page, `admin-${name}`, { fullPage: true, after: (scheme) => axe.check(page, `${name} (${scheme})`) });
}

async function signIn(email: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByRole('heading', { name: 'Administración', level: 1 }).waitFor();
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function auditVia(query: string): Promise<any[]> {
  const res = await fetch(`${base}/api/admin/audit?${query}`, { headers: { authorization: `Bearer ${boss.token}` } });
  return ((await res.json()) as { entries: any[] }).entries;
}

const nav = (name: string) => page.getByRole('navigation', { name: 'Secciones de administración' }).getByRole('link', { name });

// ------------------------------------------------------------------ the journey

describe.skipIf(!haveChromium)('admin surface in chromium', () => {
  it('serves the built admin client at /admin/ with the same-origin CSP', async () => {
    const res = await fetch(`${base}/admin/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toMatch(/<script type="module" crossorigin src="\/admin\/assets\/index-[\w-]+\.js">/);
  });

  it('tells a normal user plainly that they have no access', async () => {
    await signIn(plain.email);
    await page.getByRole('heading', { name: 'Sin acceso' }).waitFor();
    await page.getByRole('alert').filter({ hasText: plain.email }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Secciones de administración' }).count()).toBe(0);
    await shot('no-access');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByRole('heading', { name: 'Administración', level: 1 }).waitFor();
  }, 60_000);

  it('lets an admin in (Spanish first, English available)', async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: 'Español' }).click();
    await shot('login');
    await signIn(boss.email);
    await page.getByRole('heading', { name: 'Usuarios', level: 2 }).waitFor();
    await nav('Usuarios').and(page.locator('[aria-current="page"]')).waitFor();
  }, 60_000);

  it('searches a user and changes their tier and role (audited)', async () => {
    await page.getByLabel('Buscar por correo o nombre').fill(target.email.slice(0, 14));
    await page.getByRole('button', { name: 'Buscar' }).click();
    const row = page.locator(`tr[data-user="${target.user.id}"]`);
    // The unfiltered list holds the row too: wait for the search's own answer before counting.
    await page.getByRole('status').filter({ hasText: '1–1 de 1' }).waitFor();
    await row.waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await shot('users');
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: `Ficha de ${target.user.name}` }).waitFor();

    await page.getByRole('combobox', { name: 'Plan' }).selectOption('premium');
    await page.getByRole('button', { name: 'Guardar plan' }).click();
    await page.getByRole('status').filter({ hasText: 'Plan actualizado.' }).waitFor();
    await page.getByRole('combobox', { name: 'Rol' }).selectOption('admin');
    await page.getByRole('button', { name: 'Guardar rol' }).click();
    await page.getByRole('status').filter({ hasText: 'Rol actualizado.' }).waitFor();
    await page.locator('.facts').getByText('Usuario, Administración').waitFor();
    // The history on the page shows both changes, by this admin.
    await page.locator('tr[data-action="user.tier"]').waitFor();
    await page.locator('tr[data-action="user.role.grant-admin"]').waitFor();
    const login = await t.post('/api/auth/login', { email: target.email, password: PASSWORD });
    expect(login.body.user).toMatchObject({ tier: 'premium', roles: ['user', 'admin'] });
    await shot('user');
  }, 60_000);

  it('exports the user as a JSON download', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportar datos (RGPD)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`mentalia-export-${target.user.id}.json`);
    const file = path.join(ROOT, 'test-results', `admin-export-${target.user.id}.json`);
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.user.id).toBe(target.user.id);
    expect(exported.conversations[0].messages[0].body.text).toBe('mensaje privado de la persona objetivo');
    await page.getByRole('status').filter({ hasText: 'Exportación descargada (1 conversaciones, 1 mensajes).' }).waitFor();
  }, 60_000);

  it('erases the user only after their e-mail is typed', async () => {
    const erase = page.getByRole('button', { name: 'Borrar definitivamente' });
    expect(await erase.isDisabled()).toBe(true);
    const confirm = page.getByLabel(`Para confirmar, escribe su correo: ${target.email}`);
    await confirm.fill('otra@example.org');
    expect(await erase.isDisabled()).toBe(true);
    await confirm.fill(target.email);
    expect(await erase.isEnabled()).toBe(true);
    await shot('erase-confirm');
    await erase.click();
    await page.getByRole('status').filter({ hasText: 'Cuenta borrada. Conversaciones destruidas: 1.' }).waitFor();
    await page.locator('.facts').getByText('Borrada el').waitFor();
    expect((await t.post('/api/auth/login', { email: target.email, password: PASSWORD })).status).toBe(401);
  }, 60_000);

  it('shows those actions in the audit log, with this admin as the actor', async () => {
    await nav('Auditoría').click();
    await page.getByRole('heading', { name: 'Registro de auditoría', level: 2 }).waitFor();
    await page.getByLabel('Acción').fill('user.*');
    await page.getByLabel('Quién (id o «cli»)').fill(boss.user.id);
    await page.getByRole('button', { name: 'Filtrar' }).click();
    for (const action of ['user.erase', 'user.export', 'user.role.grant-admin', 'user.tier']) {
      await page.locator(`tr[data-action="${action}"]`, { hasText: target.user.id }).waitFor();
    }
    const shown = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as any).dataset.action));
    expect(shown.every((a: string) => a.startsWith('user.'))).toBe(true);
    expect(await page.locator('main').textContent()).not.toContain('mensaje privado');
    await shot('audit');
    // The engine recorded exactly these, by this admin.
    expect((await auditVia(`target=${target.user.id}`)).map((e) => [e.action, e.actorId])).toEqual([
      ['user.erase', boss.user.id], ['user.export', boss.user.id], ['user.role.grant-admin', boss.user.id], ['user.tier', boss.user.id],
    ]);
  }, 60_000);

  it('lists the bots with error rate and latency, config redacted, never the secret', async () => {
    await nav('Bots').click();
    await page.getByRole('heading', { name: 'Bots y plugins', level: 2 }).waitFor();
    const card = page.locator('article[data-bot="probe"]');
    await card.waitFor();
    // Turn records reach the database in batches (about once a second): reload until both turns are counted.
    for (let i = 0; i < 30 && (await card.locator('tbody tr').first().locator('[data-stat="turns"]').textContent()) !== '2'; i++) {
      await page.reload();
      await card.waitFor();
    }
    const hour = card.locator('tbody tr').first();
    expect(await hour.locator('[data-stat="turns"]').textContent()).toBe('2');
    expect(await hour.locator('[data-stat="errors"]').textContent()).toBe('1');
    expect(await hour.locator('[data-stat="errorRate"]').textContent()).toMatch(/^50\s?%$/);
    expect(await hour.locator('[data-stat="p50"]').textContent()).toMatch(/\d+ (ms|s)$/);
    expect(await hour.locator('[data-stat="p95"]').textContent()).toMatch(/\d+ (ms|s)$/);
    await card.getByText(/Procesos: 1 · en curso: 0/).waitFor();
    await card.getByText('Configuración (los secretos se ocultan)').click();
    const config = await card.locator('pre').textContent();
    expect(JSON.parse(config!)).toEqual({ apiKey: '[redacted]', greeting: 'hola' });
    expect(await page.content()).not.toContain(SECRET);
    await shot('bots');
  }, 90_000);

  it('switches a bot off in one conversation: the person there is told it is off', async () => {
    const card = page.locator('article[data-bot="probe"]');
    await card.getByLabel('Id de la conversación').fill(probeRoom);
    await card.getByRole('button', { name: 'Desactivar aquí' }).click();
    await card.getByRole('status').filter({ hasText: `Sonda desactivado en la conversación ${probeRoom}.` }).waitFor();
    await card.getByText('Desactivado en 1 conversaciones').waitFor();
    expect(await probeTurn('¿sigues ahí?')).toBe('error');
    expect(probeClient.pushes('turn').at(-1)).toMatchObject({ phase: 'error', error: { reason: 'BOT_DISABLED' } });
    await card.getByText('Desactivado en 1 conversaciones').click();
    await card.getByRole('button', { name: `Activar aquí ${probeRoom}` }).click();
    await card.getByRole('status').filter({ hasText: `Sonda activado en la conversación ${probeRoom}.` }).waitFor();
    expect(await probeTurn('¿y ahora?')).toBe('end');
  }, 60_000);

  it('draws live engine charts that update every second', async () => {
    await nav('Motor en vivo').click();
    await page.getByRole('heading', { name: 'Motor en vivo', level: 2 }).waitFor();
    await page.locator('.live-state[data-state="live"]').waitFor();
    const points = (id: string) => page.locator(`figure[data-chart="${id}"]`).getAttribute('data-points').then(Number);
    await page.waitForFunction(() => Number((globalThis as any).document.querySelector('figure[data-chart="connections"]')?.dataset.points) >= 2);
    const before = await points('messages');
    // Traffic while watching: the charts move with it.
    for (const text of ['uno', 'dos', 'tres']) await say(probeClient, probeRoom, text);
    await page.waitForFunction((n) => Number((globalThis as any).document.querySelector('figure[data-chart="messages"]')?.dataset.points) >= n + 2, before);
    // This page's own socket (and the probe client's) are connections.
    expect(Number(await page.locator('figure[data-chart="connections"]').getAttribute('data-last'))).toBeGreaterThanOrEqual(2);
    for (const id of ['connections', 'messages', 'queue', 'lag', 'bots', 'errors']) {
      const svg = page.locator(`figure[data-chart="${id}"] svg[role="img"]`);
      expect(await svg.getAttribute('aria-label')).toMatch(/ahora .+; mínimo .+, máximo .+ en los últimos \d+ s\./);
      expect((await svg.locator('polyline').getAttribute('points'))!.split(' ').length).toBeGreaterThanOrEqual(2);
    }
    // Pause freezes the charts (moving content can be stopped): samples keep coming (an admin watching from Node sees
    // two more), the page's charts stay as they were.
    await page.getByRole('button', { name: 'Pausar' }).click();
    await page.locator('.live-state[data-state="paused"]').waitFor();
    const frozen = await points('connections');
    const fresh = (await t.post('/api/auth/login', { email: boss.email, password: PASSWORD })).body.token as string;
    const watcher = createClient({ url: t.wsUrl, token: fresh, WebSocket });
    await watcher.connect();
    await new Promise<void>((resolve) => {
      let seen = 0;
      const handle = watcher.watch('engine', () => {
        if (++seen < 3) return;
        handle.stop();
        resolve();
      });
    });
    watcher.close();
    expect(await points('connections')).toBe(frozen);
    await page.getByRole('button', { name: 'Reanudar' }).click();
    await page.waitForFunction((n) => Number((globalThis as any).document.querySelector('figure[data-chart="connections"]')?.dataset.points) !== n || n >= 60, frozen);
    await shot('live');
  }, 60_000);

  it('edits a country of the crisis-helpline directory', async () => {
    await nav('Líneas de ayuda').click();
    await page.getByRole('heading', { name: 'Directorio de líneas de ayuda en crisis', level: 2 }).waitFor();
    await page.getByLabel('Código de país (ISO, dos letras)').fill('pt');
    await page.getByRole('button', { name: 'Añadir país' }).click();
    await page.getByRole('heading', { name: 'Editar PT' }).waitFor();
    await page.getByLabel('Nombre del país (español)').fill('Portugal');
    await page.getByLabel('Nombre del país (inglés)').fill('Portugal');
    await page.getByLabel('Número de emergencias').fill('112');
    const line = page.locator('fieldset[data-line="0"]');
    await line.getByLabel('Nombre').fill('SNS 24');
    await line.getByLabel('Teléfono').fill('abc');
    await line.getByLabel('Horario').fill('24 h');
    await page.getByRole('button', { name: 'Guardar país' }).click();
    // The engine's validation names the field.
    await page.getByRole('alert').filter({ hasText: 'lines.0.phone' }).waitFor();
    await line.getByLabel('Teléfono').fill('808 24 24 24');
    await line.getByLabel('Tipo').selectOption('emotional');
    await page.getByRole('button', { name: 'Añadir línea' }).click();
    const second = page.locator('fieldset[data-line="1"]');
    await second.getByLabel('Nombre').fill('Emergencias');
    await second.getByLabel('Teléfono').fill('112');
    await second.getByLabel('Horario').fill('24 h');
    await page.getByLabel('Verificado el').fill('2026-11-20');
    await page.getByRole('button', { name: 'Guardar país' }).click();
    await page.getByRole('status').filter({ hasText: 'Directorio de PT guardado.' }).waitFor();
    await page.getByRole('button', { name: /^PT · Portugal/ }).waitFor();
    await shot('helplines');

    const res = await fetch(`${base}/api/admin/helplines`, { headers: { authorization: `Bearer ${boss.token}` } });
    const pt = ((await res.json()) as { countries: any[] }).countries.find((c) => c.country === 'PT');
    expect(pt).toMatchObject({
      name: { es: 'Portugal', en: 'Portugal' }, emergency: '112', verifiedAt: '2026-11-20', updatedBy: boss.user.id,
      lines: [
        expect.objectContaining({ name: 'SNS 24', phone: '808 24 24 24', hours: '24 h', kind: 'emotional' }),
        expect.objectContaining({ name: 'Emergencias', phone: '112', kind: 'crisis' }),
      ],
    });
    expect(await auditVia(`action=helplines.put&actor=${boss.user.id}`)).toEqual([expect.objectContaining({ target: 'PT' })]);
  }, 60_000);

  it('works with the keyboard alone, with visible focus', async () => {
    await page.goto('about:blank');
    await page.goto(`${base}/admin/#/users`);
    await page.getByRole('heading', { name: 'Usuarios', level: 2 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    const focusOn = async (check: () => Promise<boolean>, max = 30) => {
      for (let i = 0; i < max; i++) {
        if (await check()) return;
        await page.keyboard.press('Tab');
      }
      throw new Error('focus never got there');
    };
    await focusOn(() => page.evaluate(() => (globalThis as any).document.activeElement?.id === 'users-q'));
    const ring = await page.evaluate(() => {
      const style = (globalThis as any).getComputedStyle((globalThis as any).document.activeElement);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px' });
    await page.keyboard.type(plain.email.slice(0, 12));
    await page.keyboard.press('Enter');
    await page.locator(`tr[data-user="${plain.user.id}"]`).waitFor();
    await focusOn(() => page.evaluate((name) => (globalThis as any).document.activeElement?.getAttribute('aria-label') === `Ver ${name}`, plain.user.name));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Ficha de ${plain.user.name}` }).waitFor();
  }, 60_000);

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/admin/#/bots`);
    await page.locator('article[data-bot="probe"]').waitFor();
    const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth > (globalThis as any).innerWidth);
    expect(overflow).toBe(false);
    await shot('mobile-bots');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('raised no CSP violations or page errors', () => {
    expect(problems).toEqual([]);
  });

  it.skipIf(!AXE_PATH)('has no serious or critical axe-core violations on any surface (light and dark)', () => {
    expect(axe.serious.length).toBeGreaterThan(0);
    expect(axe.failures()).toEqual([]);
  });
});
