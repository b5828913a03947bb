/**
 * Vite config of the widget panel (served by the engine at `/widget/`, framed by partner sites). `npm run
 * build:clients` builds it into `dist/`, then the loader (vite.loader.config.ts) into `dist/widget.js`. The dev
 * server also proxies `/sio` (socket.io, the panel's fallback transport). Shared settings: ../vite.base.ts.
 */
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { clientConfig } from '../vite.base.ts';

export default defineConfig(clientConfig({ root: new URL('.', import.meta.url), base: '/widget/', plugins: [solid()], proxy: ['/sio'] }));
