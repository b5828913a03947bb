/**
 * Gerencia IA's proposals in the hub, in a real browser (playwright-core + Debian's chromium) against the real engine
 * serving the BUILT hub, with the real OpenAI SDK in the plugin process talking to the scripted SSE server: a tool
 * proposal shows accessible Confirmar / Cancelar buttons; Confirmar sends the signed `confirm` answer, the task is
 * stored, the result shows and the buttons give way to "Confirmado."; a read answers with a card. Screenshots to test-results/screenshots/, axe
 * check (serious/critical violations fail) when axe-core is installed.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseTestServer, TEST_API_KEY } from '../../bots/llm/testing/index.ts';
import { AXE_WCAG_TAGS, AxeLog, ensureClientBuilt, haveChromium, launchBrowser, newPage, ROOT, screenshotPath } from '../support/browser.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

let t: TestEngine;
let sse: SseTestServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!haveChromium) return;
  await ensureClientBuilt('hub');
  sse = await SseTestServer.start({ apiKey: TEST_API_KEY });
  Object.assign(process.env, { LLM_PROVIDER: 'openai', OPENAI_BASE_URL: sse.openAiBaseURL, OPENAI_API_KEY: TEST_API_KEY, OPENAI_MODEL: 'gpt-test' });
  t = await startTestEngine({}, { bots: { pluginsDirs: [path.join(ROOT, 'plugins')] } });
  browser = await launchBrowser();
  page = await newPage(browser, { problems, ignoreConsole: /WebSocket|Failed to load resource/ });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await sse?.close();
});

const axe = new AxeLog(AXE_WCAG_TAGS);

describe.skipIf(!haveChromium)('Gerencia IA in the hub', () => {
  it('shows a proposal with Confirmar / Cancelar; Confirmar stores the task and shows the result', async () => {
    await page.goto(`${t.httpUrl}/`);
    await page.getByRole('button', { name: '¿No tienes cuenta? Regístrate' }).click();
    await page.getByLabel('Nombre').fill('Marta');
    await page.getByLabel('Correo electrónico').fill(`gerencia-${randomUUID()}@example.org`);
    await page.getByLabel('Contraseña').fill('correct horse battery');
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByRole('heading', { name: 'Conversaciones' }).waitFor();
    await page.locator('.sidebar').getByRole('button', { name: 'Nueva conversación' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nueva conversación' });
    await dialog.getByRole('radio', { name: 'Gerencia IA', exact: true }).check();
    await dialog.getByRole('button', { name: 'Empezar' }).click();
    await page.getByRole('heading', { name: 'Gerencia IA', level: 2 }).waitFor();

    sse.enqueue(
      { toolCalls: [{ name: 'create_task', args: { title: 'Renovar la web', owner: 'Marta', due: '2026-12-20' } }] },
      { tokens: ['Te propongo la tarea; ', 'confírmala arriba.'] },
    );
    await page.getByRole('textbox', { name: 'Mensaje' }).fill('Crea una tarea para renovar la web, responsable Marta, para el 20 de diciembre');
    await page.keyboard.press('Enter');

    const proposal = page.getByRole('group', { name: /¿Creo la tarea «Renovar la web»/ });
    await proposal.waitFor();
    const confirm = proposal.getByRole('button', { name: 'Confirmar' });
    await expect(confirm.isEnabled()).resolves.toBe(true);
    await expect(proposal.getByRole('button', { name: 'Cancelar' }).isEnabled()).resolves.toBe(true);
    await page.locator('li.msg').getByText('Te propongo la tarea; confírmala arriba.', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('gerencia-proposal.png') });
    // axe-core on the message that holds the proposal (the rest of the hub is checked in test/web/hub.test.ts).
    expect(await axe.check(page, 'proposal', 'li:has(.tool-proposal)')).toEqual([]);

    // Keyboard works too: focus the button and press Enter.
    await confirm.focus();
    await page.keyboard.press('Enter');
    await page.locator('li.msg').getByText('Tarea creada: «Renovar la web».').waitFor();
    await proposal.getByText('Confirmado.').waitFor();
    await expect(proposal.getByRole('button').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('gerencia-confirmed.png') });

    // A read tool's answer is a card built from the stored task, with the model's words under it.
    sse.enqueue({ toolCalls: [{ name: 'list_tasks', args: {} }] }, { tokens: ['Tenéis una tarea pendiente.'] });
    await page.getByRole('textbox', { name: 'Mensaje' }).fill('¿Qué tareas tenemos?');
    await page.keyboard.press('Enter');
    const card = page.locator('li.msg .card-body').filter({ has: page.getByRole('heading', { name: 'Tareas del equipo' }) });
    await card.getByText('Renovar la web').waitFor();
    await card.getByText(/responsable: Marta · vence 2026-12-20/).waitFor();
    await card.getByText('Tenéis una tarea pendiente.').waitFor();
    await page.screenshot({ path: screenshotPath('gerencia-card.png') });

    const { rows } = await t.db.query(`select count(*)::int as n from plugin_records where plugin = 'gerencia-ia' and collection = 'tasks'`);
    expect(rows[0].n).toBe(1);
    expect(problems).toEqual([]);
  }, 120_000);
});
