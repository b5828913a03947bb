/**
 * Page-load bench of the public showcase (hiperfoco): time to interactive of the BUILT page in Debian's chromium,
 * served by the real engine, side by side with the same files served by a bare static server (node:http, no engine)
 * in the same run. The static arm is the floor: what the browser needs for this HTML, CSS and JS on this machine.
 *
 *   npm run bench:web                 # 10 cold loads per arm
 *   npm run bench:web -- --runs 30
 *
 * Per cold load (a new browser context: no cache, no stored guest session): `domInteractive` of the navigation,
 * the page's own `hiperfoco-interactive` mark (handlers bound), and, on the engine only, when the first live figure
 * arrived over the socket. Writes bench/results/web-latest.{json,md}. Needs chromium (CHROMIUM_PATH) and PostgreSQL
 * (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) like the browser tests.
 */
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { ensureClientBuilt, haveChromium, launchBrowser, ROOT } from '../../test/support/browser.ts';
import { startTestEngine } from '../../test/support/engine.ts';

/** The target for the showcase: interactive in under a second on localhost. */
const TARGET_MS = 1000;
const DIST = path.join(ROOT, 'clients', 'hiperfoco', 'dist');
const RESULTS = path.join(ROOT, 'bench', 'results');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json' };

interface Load {
  domInteractiveMs: number;
  interactiveMs: number;
  firstLiveFigureMs?: number;
}

/** Serves clients/hiperfoco/dist at /hiperfoco/ and nothing else: the no-engine floor. */
function staticServer(): Promise<Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rel = url.pathname.replace(/^\/hiperfoco\//, '');
    const file = path.join(DIST, rel === '' ? 'index.html' : rel);
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function coldLoads(browser: Browser, url: string, runs: number, live: boolean): Promise<Load[]> {
  const loads: Load[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
    let firstLive: number | undefined;
    if (live) {
      await page.waitForFunction(() => /\d/.test((globalThis as any).document.getElementById('metric-connections')?.textContent ?? ''));
      firstLive = await page.evaluate(() => performance.now());
    }
    const timing = await page.evaluate(() => {
      const nav = (performance as any).getEntriesByType('navigation')[0] as { domInteractive: number };
      return { domInteractive: nav.domInteractive, interactive: performance.getEntriesByName('hiperfoco-interactive')[0]!.startTime };
    });
    loads.push({ domInteractiveMs: Math.round(timing.domInteractive), interactiveMs: Math.round(timing.interactive), ...(firstLive === undefined ? {} : { firstLiveFigureMs: Math.round(firstLive) }) });
    await context.close();
  }
  return loads;
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

function summary(loads: Load[]) {
  const interactive = loads.map((l) => l.interactiveMs);
  const live = loads.flatMap((l) => (l.firstLiveFigureMs === undefined ? [] : [l.firstLiveFigureMs]));
  return {
    runs: loads.length,
    interactiveMedianMs: quantile(interactive, 0.5),
    interactiveP90Ms: quantile(interactive, 0.9),
    domInteractiveMedianMs: quantile(loads.map((l) => l.domInteractiveMs), 0.5),
    ...(live.length > 0 ? { firstLiveFigureMedianMs: quantile(live, 0.5) } : {}),
    loads,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
  const runs = Math.max(1, Number(values.runs));
  if (!haveChromium) throw new Error('bench:web needs chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  await ensureClientBuilt('hiperfoco');
  const engine = await startTestEngine();
  const bare = await staticServer();
  const browser = await launchBrowser();
  try {
    // Alternate the arms' warm-up so neither gets the cold start of the browser.
    await coldLoads(browser, `${engine.httpUrl}/hiperfoco/`, 1, true);
    await coldLoads(browser, `http://127.0.0.1:${(bare.address() as AddressInfo).port}/hiperfoco/`, 1, false);
    const engineArm = summary(await coldLoads(browser, `${engine.httpUrl}/hiperfoco/`, runs, true));
    const staticArm = summary(await coldLoads(browser, `http://127.0.0.1:${(bare.address() as AddressInfo).port}/hiperfoco/`, runs, false));
    const ratio = Math.round((engineArm.interactiveMedianMs / Math.max(1, staticArm.interactiveMedianMs)) * 100) / 100;
    const result = { at: new Date().toISOString(), targetMs: TARGET_MS, engine: engineArm, static: staticArm, engineOverStatic: ratio };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, 'web-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    const md = [
      `# hiperfoco page load (${result.at}, ${runs} cold loads per arm, chromium headless, 127.0.0.1)`,
      '',
      '| arm | interactive p50 | interactive p90 | domInteractive p50 | first live figure p50 |',
      '|---|---:|---:|---:|---:|',
      `| engine | ${engineArm.interactiveMedianMs} ms | ${engineArm.interactiveP90Ms} ms | ${engineArm.domInteractiveMedianMs} ms | ${engineArm.firstLiveFigureMedianMs} ms |`,
      `| bare static server | ${staticArm.interactiveMedianMs} ms | ${staticArm.interactiveP90Ms} ms | ${staticArm.domInteractiveMedianMs} ms | — |`,
      '',
      `engine / static (interactive p50): ${ratio}×; target: interactive < ${TARGET_MS} ms → ${engineArm.interactiveMedianMs < TARGET_MS ? 'met' : 'NOT met'}`,
      '',
    ].join('\n');
    writeFileSync(path.join(RESULTS, 'web-latest.md'), md);
    console.log(md);
  } finally {
    await browser.close();
    await new Promise((resolve) => bare.close(resolve));
    await engine.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
