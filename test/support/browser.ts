/**
 * Shared setup of the browser tests (test/web/*, test/bots/gerencia-hub.test.ts): Debian's chromium driven by
 * playwright-core, web clients built with vite when their dist is older than their sources, console/CSP problems
 * collected per page, axe-core checks and light/dark screenshots to test-results/screenshots/.
 *
 * A browser test skips itself when chromium is missing (`describe.skipIf(!haveChromium)`), and its axe assertions
 * when axe-core is not installed (`AXE_PATH` undefined). CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Frame, type Page } from 'playwright-core';
import { build } from 'vite';

export const ROOT = process.cwd();
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
/** Default timeout of each page step. */
export const STEP_MS = 20_000;

/** axe-core's browser bundle, or undefined when the package is not installed (the axe checks are then skipped). */
export const AXE_PATH = (() => {
  try {
    return createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  } catch {
    return undefined;
  }
})();

// ------------------------------------------------------------------ building clients

/** Newest modification time of any file under `dir`, skipping build outputs and dependencies. */
export function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' || entry.name === 'node_modules' ? max : Math.max(max, newestMtime(full));
    return Math.max(max, statSync(full).mtimeMs);
  }, 0);
}

export interface ClientBuildOptions {
  /** Source folders (relative to the repository root) bundled from outside clients/<name>, clients/sdk/src and schema. */
  extraSourceDirs?: string[];
  /** Files in dist that must all be newer than the sources (default index.html). */
  outputs?: string[];
  /** Further vite configs of the client (relative to clients/<name>) built after the main one, e.g. the widget loader. */
  extraConfigs?: string[];
  /** Build into this folder (emptied first) instead of clients/<name>/dist: a private copy no concurrent rebuild touches. */
  outDir?: string;
  /** Build even when dist looks fresh (the test is about what a fresh build ships). */
  always?: boolean;
}

/** Builds clients/<name> with its vite config unless its dist is newer than every source it uses. */
export async function ensureClientBuilt(name: string, options: ClientBuildOptions = {}): Promise<void> {
  const root = path.join(ROOT, 'clients', name);
  const outDir = options.outDir ?? path.join(root, 'dist');
  if (!options.always) {
    const outputs = (options.outputs ?? ['index.html']).map((file) => path.join(outDir, file));
    const builtAt = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
    const sources = [root, path.join(ROOT, 'clients', 'sdk', 'src'), path.join(ROOT, 'schema'), ...(options.extraSourceDirs ?? []).map((dir) => path.join(ROOT, dir))];
    if (builtAt > Math.max(...sources.map(newestMtime))) return;
  }
  await build({ root, logLevel: 'silent', ...(options.outDir ? { build: { outDir: options.outDir, emptyOutDir: true } } : {}) });
  for (const config of options.extraConfigs ?? []) await build({ configFile: path.join(root, config), logLevel: 'silent' });
}

// ------------------------------------------------------------------ browser and pages

/** Chromium flags every browser test uses: headless, no sandbox or GPU, no background traffic. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Debian's chromium with the common flags plus `extraArgs` (e.g. --disable-quic for network-cut tests). */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * Records page errors, CSP violations and console errors of `page` into `problems`. Console errors matching
 * `ignore` (what the test provokes on purpose, e.g. refused connections while the network is cut) are left out;
 * CSP violations never are.
 */
export function watchProblems(page: Page, problems: string[], ignore?: RegExp): void {
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to/.test(text) || (msg.type() === 'error' && !ignore?.test(text))) problems.push(`console ${msg.type()}: ${text}`);
  });
}

export interface PageOptions {
  /** Default 1280×800. */
  viewport?: { width: number; height: number };
  /** Where page errors and console errors go (see watchProblems). */
  problems?: string[];
  ignoreConsole?: RegExp;
  /** Further context options (e.g. acceptDownloads). */
  context?: BrowserContextOptions;
}

/** A page in a new context: Spanish locale, reduced motion, STEP_MS step timeout, problems watched when asked. */
export async function newPage(browser: Browser, options: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'es-ES', reducedMotion: 'reduce', ...options.context });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_MS);
  if (options.problems) watchProblems(page, options.problems, options.ignoreConsole);
  return page;
}

// ------------------------------------------------------------------ screenshots

/** Path of screenshot `file` in test-results/screenshots/ (the folder is created when missing). */
export function screenshotPath(file: string): string {
  mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, file);
}

export interface ScreenshotOptions {
  fullPage?: boolean;
  /** Where `html[data-theme]` shows the scheme was applied (default the page; the widget's panel frame). */
  themeIn?: Page | Frame;
  /** Runs after each screenshot, e.g. an axe check of that scheme. */
  after?: (scheme: 'light' | 'dark') => Promise<unknown>;
}

/** Screenshots `page` in the light and dark system schemes to `<name>-light.png` / `<name>-dark.png`, then back to light. */
export async function screenshots(page: Page, name: string, options: ScreenshotOptions = {}): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await (options.themeIn ?? page).locator(`html[data-theme="${scheme}"]`).waitFor({ state: 'attached' });
    await page.screenshot({ path: screenshotPath(`${name}-${scheme}.png`), fullPage: options.fullPage });
    await options.after?.(scheme);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
}

// ------------------------------------------------------------------ axe-core

export type AxeViolation = { id: string; impact: string; help: string; nodes: number; targets: string[] };
export type AxeResult = { surface: string; violations: AxeViolation[] };

/** WCAG 2.0/2.1 A and AA rules; `AXE_ALL_TAGS` adds axe's best practices. */
export const AXE_WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const AXE_ALL_TAGS = [...AXE_WCAG_TAGS, 'best-practice'];

/** The axe-core results of one test file: every violation for people to review, the serious and critical ones to fail on. */
export class AxeLog {
  /** Every violation, whatever its impact, per checked surface. */
  readonly all: AxeResult[] = [];
  /** Serious and critical violations per checked surface (an empty list for a clean surface). */
  readonly serious: AxeResult[] = [];

  constructor(private readonly tags: string[] = AXE_ALL_TAGS) {}

  /**
   * Runs axe-core (injected once per document) on `target`'s document, or only on the elements matching `include`
   * (a CSS selector), records the results and returns the serious and critical violations. No-op without axe-core.
   */
  async check(target: Page | Frame, surface: string, include?: string): Promise<AxeViolation[]> {
    if (!AXE_PATH) return [];
    if (!(await target.evaluate(() => Boolean((globalThis as any).axe)))) await target.evaluate(readFileSync(AXE_PATH, 'utf8'));
    const violations = await target.evaluate(async ([selector, tags]) => {
      const run = await (globalThis as any).axe.run(selector ? { include: [selector] } : (globalThis as any).document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return run.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
    }, [include, this.tags] as const) as AxeViolation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    this.all.push({ surface, violations });
    this.serious.push({ surface, violations: serious });
    return serious;
  }

  /** The surfaces with serious or critical violations (expect it to equal []). */
  failures(): AxeResult[] {
    return this.serious.filter((r) => r.violations.length > 0);
  }

  /** Writes every violation to test-results/axe-<name>.json, when anything was checked. */
  write(name: string): void {
    if (this.all.length === 0) return;
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'test-results', `axe-${name}.json`), `${JSON.stringify(this.all, null, 2)}\n`);
  }
}
