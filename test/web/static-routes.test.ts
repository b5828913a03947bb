/**
 * The engine's static file routes (engine/src/http/static-routes.ts) on a bare uWS app with the JSON 404 catch-all:
 * content types, caching, security headers, gzip, ETag revalidation, the 503 page when a client is not built, and
 * path traversal attempts sent as raw HTTP (fetch would normalise `..` away before sending).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerNotFound } from '../../engine/src/http/ops-routes.ts';
import { contentSecurityPolicy, registerStaticRoutes, type MountReport } from '../../engine/src/http/static-routes.ts';
import { createLogger } from '../../engine/src/log.ts';
import { closeListenSocket, createApp, listen, type us_listen_socket } from '../../engine/src/transport/uws.ts';

const SECRET = 'TOP-SECRET-OUTSIDE-DIST';
const BIG_JS = `export const words = ${JSON.stringify('palabra '.repeat(2000))};\n`;

let root: string;
let base: string;
let socket: us_listen_socket;
let reports: MountReport[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'mentalia-static-'));
  const dist = path.join(root, 'clients', 'hub', 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="es"><title>hub</title><script type="module" src="/assets/index-AbC123xy.js"></script></html>');
  writeFileSync(path.join(dist, 'assets', 'index-AbC123xy.js'), BIG_JS);
  writeFileSync(path.join(dist, 'assets', 'index-Zz9_8-yQ.css'), 'body{color:#111}');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(dist, '.env'), SECRET);
  writeFileSync(path.join(root, 'clients', 'secret.txt'), SECRET);
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  symlinkSync(path.join(root, 'secret.txt'), path.join(dist, 'assets', 'link-AbC123xy.txt'));
  // `admin` is declared but not built: its prefix answers 503.
  const log = createLogger('silent');
  const app = createApp();
  registerNotFound(app); // first, as in the engine: exact routes still win
  reports = registerStaticRoutes(app, {
    dir: path.join(root, 'clients'),
    log,
    mounts: [{ name: 'hub', prefix: '/' }, { name: 'admin', prefix: '/admin/' }],
  });
  const bound = await listen(app, '127.0.0.1', 0);
  socket = bound.socket;
  base = `http://127.0.0.1:${bound.port}`;
});

afterAll(() => {
  if (socket) closeListenSocket(socket);
  rmSync(root, { recursive: true, force: true });
});

/** Sends the request line exactly as written (no URL normalisation) and returns status and body. */
function rawGet(target: string): Promise<{ status: number; text: string }> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const conn = net.connect(Number(port), '127.0.0.1', () => {
      conn.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    conn.on('data', (c) => chunks.push(c));
    conn.on('error', reject);
    conn.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(text.slice(9, 12)), text });
    });
  });
}

describe('static client routes', () => {
  it('reports what it mounted', () => {
    expect(reports).toEqual([
      { name: 'hub', prefix: '/', built: true, files: 4, bytes: expect.any(Number) },
      { name: 'admin', prefix: '/admin/', built: false, files: 0, bytes: 0 },
    ]);
  });

  it('serves index.html at / with no-cache, the CSP and the security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://${new URL(base).host} wss://${new URL(base).host}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(await res.text()).toContain('<title>hub</title>');
    expect((await fetch(`${base}/index.html`)).status).toBe(200);
  });

  it('does not echo a hostile Host header into the CSP', () => {
    expect(contentSecurityPolicy("evil.example; script-src 'unsafe-inline'")).toBe(contentSecurityPolicy());
    expect(contentSecurityPolicy('[::1]:8080')).toContain('ws://[::1]:8080');
  });

  it('serves hashed assets immutable with their content types, gzipped when accepted', async () => {
    const js = await fetch(`${base}/assets/index-AbC123xy.js`); // fetch accepts gzip and decodes it
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('gzip');
    expect(js.headers.get('vary')).toBe('accept-encoding');
    expect(await js.text()).toBe(BIG_JS);
    const plain = await fetch(`${base}/assets/index-AbC123xy.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG_JS);
    const refused = await rawGet('/assets/index-AbC123xy.js');
    expect(refused.text).not.toMatch(/content-encoding/i);
    const css = await fetch(`${base}/assets/index-Zz9_8-yQ.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${base}/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache'); // not hashed
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${base}/`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${base}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('lets unknown paths, POSTs and API routes fall through to the JSON 404', async () => {
    for (const p of ['/assets/missing-AbC123xy.js', '/nope', '/api/nope', '/assets/']) {
      const res = await fetch(base + p);
      expect(res.status, p).toBe(404);
      expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no such route' } });
    }
    expect((await fetch(`${base}/`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('never serves dotfiles, symlinks or anything outside dist (path traversal)', async () => {
    const attempts = [
      '/.env',
      '/assets/link-AbC123xy.txt',
      '/../secret.txt',
      '/../../secret.txt',
      '/assets/../../secret.txt',
      '/assets/../../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2f..%2fsecret.txt',
      '/assets/..%2f..%2f..%2fsecret.txt',
      '/assets/%2E%2E%5C%2E%2E%5Csecret.txt',
      '/assets\\..\\..\\secret.txt',
      '//secret.txt',
      '/index.html/../../secret.txt',
      `/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
      `/${path.join(root, 'secret.txt')}`,
    ];
    for (const target of attempts) {
      const res = await rawGet(target);
      expect(res.text, target).not.toContain(SECRET);
      expect([400, 404], target).toContain(res.status);
    }
  });

  it('answers a clear 503 page for a client that is not built', async () => {
    const res = await fetch(`${base}/admin/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('npm run build:clients');
  });
});
