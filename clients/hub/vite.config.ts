/**
 * Vite config of the universe hub (served by the engine at `/`). `npm run build:clients` builds it into `dist/`,
 * which the engine serves (engine/src/http/static-routes.ts). `npx vite clients/hub` runs a dev server that
 * proxies `/api` and `/ws` to an engine at ENGINE_URL (default http://127.0.0.1:8080).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const engine = process.env.ENGINE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [solid()],
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
      '/api': engine,
      '/ws': { target: engine.replace(/^http/, 'ws'), ws: true },
    },
  },
});
