/**
 * The build and dev-server settings shared by the web clients the engine serves (hub, admin, hiperfoco, widget
 * panel). Each client's vite.config.ts passes its root, public base path and plugins. `npm run build:clients`
 * builds each into its own `dist/` (served by engine/src/http/static-routes.ts); `npx vite clients/<name>` runs a
 * dev server that proxies `/api` and `/ws` (plus any `proxy` entries) to an engine at ENGINE_URL
 * (default http://127.0.0.1:8080).
 */
import { fileURLToPath } from 'node:url';
import type { PluginOption, UserConfig } from 'vite';

export const engineUrl = process.env.ENGINE_URL ?? 'http://127.0.0.1:8080';

export interface ClientConfigOptions {
  /** The client's folder as a file URL: `new URL('.', import.meta.url)`. */
  root: URL;
  /** Path the engine serves the client under, e.g. '/admin/'. */
  base: string;
  plugins?: PluginOption[];
  /** Extra dev-server proxy paths to the engine (e.g. the widget's socket.io `/sio`). */
  proxy?: string[];
}

export function clientConfig({ root, base, plugins = [], proxy = [] }: ClientConfigOptions): UserConfig {
  return {
    root: fileURLToPath(root),
    base,
    plugins,
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // The engine's CSP allows scripts only from 'self': no inline module-preload polyfill, no inlined assets.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      sourcemap: false,
    },
    server: {
      proxy: {
        '/api': engineUrl,
        ...Object.fromEntries(proxy.map((prefix) => [prefix, engineUrl])),
        '/ws': { target: engineUrl.replace(/^http/, 'ws'), ws: true },
      },
    },
  };
}
