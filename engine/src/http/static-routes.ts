/**
 * @module http/static-routes
 * Serves the built web clients (Solid + Vite apps under `clients/<name>/dist`) from the engine itself.
 *
 * - Each client is mounted at a URL prefix (today the hub at `/`). Its files are read ONCE at start into memory
 *   (they are small) and every file becomes its own exact uWS route: a URL that names no built file never reaches
 *   the disk, so path traversal (`/../`, `%2e%2e`, `..%2f`, symlinks out of `dist`) is impossible by construction,
 *   and unknown paths fall through to the JSON 404 registered by `registerNotFound` (uWS matches static routes
 *   before wildcards, whatever the registration order).
 * - Headers: the file's content type; `cache-control` immutable for Vite's hashed `assets/*`, `no-cache` (with an
 *   ETag, so revalidation is a 304) for `index.html` and other unhashed files; a Content-Security-Policy that allows
 *   only the same origin (scripts, styles, images, fonts) plus the WebSocket to the same host; `nosniff`,
 *   `Referrer-Policy: no-referrer`, no framing. Compressible files are gzipped once at load and served gzipped
 *   to clients that accept it.
 * - The widget (mount `framing: 'partner-sites'`): its pages may be framed by the allowed origins of the site named
 *   in `?site=` (CSP `frame-ancestors`, no X-Frame-Options; unknown site → 'none'), and its loader is also served at
 *   `/widget.js` with `Cross-Origin-Resource-Policy: cross-origin`, so partner pages can load it.
 * - A client whose `dist` is missing is logged at start, and its prefix answers a clear 503 page
 *   ("run npm run build:clients") instead of a confusing 404.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Logger } from '../log.ts';
import type { HttpRequest, HttpResponse, TemplatedApp } from '../transport/uws.ts';

/** A web client and where it is served. `prefix` starts and ends with `/`. */
export interface ClientMount {
  /** Folder under the clients directory: `<dir>/<name>/dist`. */
  name: string;
  prefix: string;
  /**
   * `partner-sites`: its pages may be framed by the allowed origins of the site named in `?site=` (CSP
   * `frame-ancestors`, no X-Frame-Options); every other client keeps `frame-ancestors 'none'`.
   */
  framing?: 'partner-sites';
  /** Files also served at a root URL for any origin to load (CORP cross-origin), e.g. the widget loader. */
  aliases?: readonly { url: string; file: string }[];
}

/** The clients the engine serves. The hub owns `/`; later surfaces get their own prefixes (e.g. `/admin/`). */
export const CLIENT_MOUNTS: readonly ClientMount[] = [
  { name: 'hub', prefix: '/' },
  // The public showcase for partners and investors (prerendered; live figures over the socket).
  { name: 'hiperfoco', prefix: '/hiperfoco/' },
  // The embeddable widget: its panel at /widget/ (framed by partner sites), its loader at /widget.js.
  { name: 'widget', prefix: '/widget/', framing: 'partner-sites', aliases: [{ url: '/widget.js', file: 'widget.js' }] },
  // The admin surface (admin role only: every /api/admin/* call is authorised by the engine, see engine/src/admin).
  { name: 'admin', prefix: '/admin/' },
];

export interface StaticRouteOptions {
  /** The clients directory (config `CLIENTS_DIR`, default `clients`). */
  dir: string;
  log: Logger;
  mounts?: readonly ClientMount[];
  /** Refuse to load a client bigger than this (files are held in memory). Default 32 MiB. */
  maxBytes?: number;
  /** For `framing: 'partner-sites'` mounts: the origins that may frame pages of this site id (none when unknown). */
  frameAncestors?: (siteId: string) => Promise<string[]>;
}

export interface StaticFile {
  /** URL path, e.g. `/assets/index-3f2a1b.js`. */
  url: string;
  body: Buffer;
  gzip?: Buffer;
  contentType: string;
  cacheControl: string;
  etag: string;
  html: boolean;
}

export interface MountReport {
  name: string;
  prefix: string;
  /** False when `dist` was missing (the prefix answers 503). */
  built: boolean;
  files: number;
  bytes: number;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|wasm)|image\/svg\+xml)/;
const GZIP_MIN_BYTES = 1024;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** Vite puts content-hashed bundles under `assets/` (`name-<hash>.ext`). */
const HASHED_ASSET = /^assets\/.+-[A-Za-z0-9_-]{6,}\.[a-z0-9]+$/;
/** Only plain names become routes: uWS gives `:` and `*` segment meanings, and nothing else is ever built. */
const SAFE_PATH = /^[A-Za-z0-9._@~-]+(\/[A-Za-z0-9._@~-]+)*$/;
/** Host header values we are willing to echo into the CSP (hostname or [IPv6], optional port). */
const SAFE_HOST = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

const STATUS = { 200: '200 OK', 304: '304 Not Modified', 503: '503 Service Unavailable' } as const;

/**
 * The policy for pages: nothing but this origin, and the WebSocket back to it. `frameAncestors`: the origins that may
 * frame the page (validated origins of a partner site); none by default.
 */
export function contentSecurityPolicy(host?: string, frameAncestors: readonly string[] = []): string {
  // CSP3 lets 'self' match ws:/wss: on the same host; naming it explicitly also covers older engines.
  const ws = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${ws}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

function securityHeaders(res: HttpResponse, csp: string, options: { framed?: boolean; crossOrigin?: boolean } = {}): HttpResponse {
  res
    .writeHeader('content-security-policy', csp)
    .writeHeader('x-content-type-options', 'nosniff')
    .writeHeader('referrer-policy', 'no-referrer');
  // A framed page relies on CSP frame-ancestors alone (X-Frame-Options cannot name origins).
  if (!options.framed) res.writeHeader('x-frame-options', 'DENY');
  return res
    .writeHeader('cross-origin-opener-policy', 'same-origin')
    .writeHeader('cross-origin-resource-policy', options.crossOrigin ? 'cross-origin' : 'same-origin');
}

/**
 * Reads a built client: every regular file under `distDir` (symlinks and dotfiles are skipped), as routes under
 * `prefix`. Returns undefined when there is no `index.html` (not built).
 */
export function loadClientFiles(distDir: string, prefix: string, log: Logger, maxBytes = 32 * 1024 * 1024): StaticFile[] | undefined {
  const root = path.resolve(distDir);
  try {
    if (!lstatSync(path.join(root, 'index.html')).isFile()) return undefined;
  } catch {
    return undefined;
  }
  const files: StaticFile[] = [];
  let total = 0;
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full, relPath);
        continue;
      }
      if (!entry.isFile()) {
        log.warn({ file: full }, 'static: skipping a non-regular file (symlink, device…)');
        continue;
      }
      if (!SAFE_PATH.test(relPath)) {
        log.warn({ file: full }, 'static: skipping a file whose name cannot be a route');
        continue;
      }
      const body = readFileSync(full);
      total += body.byteLength;
      if (total > maxBytes) throw new Error(`static: ${root} is larger than ${maxBytes} bytes; refusing to hold it in memory`);
      const ext = path.extname(entry.name).toLowerCase();
      const contentType = CONTENT_TYPES[ext] ?? 'application/octet-stream';
      let gzip: Buffer | undefined;
      if (COMPRESSIBLE.test(contentType) && body.byteLength >= GZIP_MIN_BYTES) {
        const packed = gzipSync(body, { level: 9 });
        if (packed.byteLength < body.byteLength * 0.9) gzip = packed;
      }
      files.push({
        url: prefix + relPath,
        body,
        gzip,
        contentType,
        cacheControl: HASHED_ASSET.test(relPath) ? IMMUTABLE : REVALIDATE,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
        html: ext === '.html',
      });
    }
  };
  walk(root, '');
  return files;
}

function acceptsGzip(header: string): boolean {
  for (const part of header.toLowerCase().split(',')) {
    const [coding, ...params] = part.trim().split(';');
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

interface ServeOptions {
  /** Pages of a partner-sites mount: `frame-ancestors` from the `?site=` query. */
  frameAncestors?: (siteId: string) => Promise<string[]>;
  /** Loadable from any origin (the widget loader): CORP cross-origin and `access-control-allow-origin: *`. */
  crossOrigin?: boolean;
}

function serveFile(file: StaticFile, options: ServeOptions = {}) {
  const staticCsp = contentSecurityPolicy();
  const { frameAncestors } = options;
  return (res: HttpResponse, req: HttpRequest) => {
    // uWS: read everything from `req` before answering (it is only valid during this call).
    const ifNoneMatch = req.getHeader('if-none-match');
    const gzip = file.gzip && acceptsGzip(req.getHeader('accept-encoding')) ? file.gzip : undefined;
    const host = req.getHeader('host');
    if (!file.html || !frameAncestors) {
      writeFile(res, file, { ifNoneMatch, gzip, csp: file.html ? contentSecurityPolicy(host) : staticCsp, crossOrigin: options.crossOrigin });
      return;
    }
    const site = req.getQuery('site') ?? '';
    let aborted = false;
    res.onAborted(() => { aborted = true; });
    frameAncestors(site).catch(() => [] as string[]).then((origins) => {
      if (!aborted) writeFile(res, file, { ifNoneMatch, gzip, csp: contentSecurityPolicy(host, origins), framed: true });
    });
  };
}

function writeFile(
  res: HttpResponse,
  file: StaticFile,
  { ifNoneMatch, gzip, csp, framed, crossOrigin }: { ifNoneMatch: string; gzip?: Buffer; csp: string; framed?: boolean; crossOrigin?: boolean },
): void {
  res.cork(() => {
    const notModified = ifNoneMatch !== '' && ifNoneMatch.split(',').some((tag) => tag.trim() === file.etag);
    res.writeStatus(notModified ? STATUS[304] : STATUS[200]);
    securityHeaders(res, csp, { framed, crossOrigin })
      .writeHeader('cache-control', file.cacheControl)
      .writeHeader('etag', file.etag);
    if (crossOrigin) res.writeHeader('access-control-allow-origin', '*');
    if (file.gzip) res.writeHeader('vary', 'accept-encoding');
    if (notModified) {
      res.endWithoutBody();
      return;
    }
    res.writeHeader('content-type', file.contentType);
    if (gzip) res.writeHeader('content-encoding', 'gzip');
    res.end(gzip ?? file.body);
  });
}

function notBuiltPage(name: string): string {
  return `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MENTALIA — interfaz no compilada / client not built</title></head>
<body><main>
<h1>La interfaz web «${name}» no está compilada</h1>
<p>Ejecuta <code>npm run build:clients</code> y reinicia el motor.</p>
<h2 lang="en">The “${name}” web client is not built</h2>
<p lang="en">Run <code>npm run build:clients</code> and restart the engine.</p>
</main></body></html>
`;
}

function serveNotBuilt(name: string) {
  const page = Buffer.from(notBuiltPage(name));
  const csp = contentSecurityPolicy();
  return (res: HttpResponse) => {
    res.cork(() => {
      res.writeStatus(STATUS[503]);
      securityHeaders(res, csp)
        .writeHeader('content-type', 'text/html; charset=utf-8')
        .writeHeader('cache-control', 'no-store')
        .writeHeader('retry-after', '60')
        .end(page);
    });
  };
}

function redirectTo(location: string) {
  const csp = contentSecurityPolicy();
  return (res: HttpResponse) => {
    res.cork(() => {
      securityHeaders(res.writeStatus('308 Permanent Redirect'), csp).writeHeader('location', location).writeHeader('cache-control', 'no-cache').end();
    });
  };
}

/**
 * Registers every built client's files as routes (call before or after `registerNotFound`: uWS prefers exact
 * routes to its `/*` catch-all either way). Returns what was mounted, for logs and tests.
 */
export function registerStaticRoutes(app: TemplatedApp, options: StaticRouteOptions): MountReport[] {
  const { dir, log } = options;
  const reports: MountReport[] = [];
  for (const mount of options.mounts ?? CLIENT_MOUNTS) {
    if (!mount.prefix.startsWith('/') || !mount.prefix.endsWith('/')) throw new Error(`static: mount prefix must start and end with "/": ${mount.prefix}`);
    // `/hiperfoco` → `/hiperfoco/`: the page's relative links resolve under the prefix only with the slash.
    if (mount.prefix !== '/') app.get(mount.prefix.slice(0, -1), redirectTo(mount.prefix));
    const distDir = path.resolve(dir, mount.name, 'dist');
    const files = loadClientFiles(distDir, mount.prefix, log, options.maxBytes);
    if (!files) {
      log.warn({ client: mount.name, dir: distDir }, `web client "${mount.name}" is not built (no ${distDir}/index.html): ${mount.prefix} answers 503; run npm run build:clients`);
      const handler = serveNotBuilt(mount.name);
      app.get(mount.prefix, handler);
      app.get(`${mount.prefix}index.html`, handler);
      reports.push({ name: mount.name, prefix: mount.prefix, built: false, files: 0, bytes: 0 });
      continue;
    }
    // GET only: HEAD falls through to the JSON 404 (this uWS build cannot end a response with a reported length).
    const serveOptions: ServeOptions = mount.framing === 'partner-sites' ? { frameAncestors: options.frameAncestors ?? (async () => []) } : {};
    for (const file of files) app.get(file.url, serveFile(file, serveOptions));
    app.get(mount.prefix, serveFile(files.find((f) => f.url === `${mount.prefix}index.html`)!, serveOptions));
    for (const alias of mount.aliases ?? []) {
      const file = files.find((f) => f.url === mount.prefix + alias.file);
      if (file) app.get(alias.url, serveFile(file, { crossOrigin: true }));
      else log.warn({ client: mount.name, file: alias.file }, `static: ${alias.url} has no built file`);
    }
    const bytes = files.reduce((sum, f) => sum + f.body.byteLength, 0);
    log.info({ client: mount.name, prefix: mount.prefix, files: files.length, bytes }, 'serving web client');
    reports.push({ name: mount.name, prefix: mount.prefix, built: true, files: files.length, bytes });
  }
  return reports;
}
