/**
 * Vite config of hiperfoco (served by the engine at `/hiperfoco/`). `npm run build:clients` builds it into `dist/`
 * with the page prerendered (./prerender.ts). PUBLIC_ORIGIN (default https://hiperfoco.com) makes the canonical
 * and og:url absolute. `npx vite clients/hiperfoco` runs a dev server proxying `/api` and `/ws` to ENGINE_URL.
 * Shared settings: ../vite.base.ts.
 */
import { defineConfig } from 'vite';
import { clientConfig } from '../vite.base.ts';
import { prerender } from './prerender.ts';

const origin = (process.env.PUBLIC_ORIGIN ?? 'https://hiperfoco.com').replace(/\/$/, '');

export default defineConfig(clientConfig({
  root: new URL('.', import.meta.url),
  base: '/hiperfoco/',
  plugins: [prerender({ url: `${origin}/hiperfoco/`, hubPath: '/', base: '/hiperfoco/' })],
}));
