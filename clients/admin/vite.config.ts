/**
 * Vite config of the admin surface (served by the engine at `/admin/`). `npm run build:clients` builds it into
 * `dist/`, which the engine serves (engine/src/http/static-routes.ts). `npx vite clients/admin` runs a dev server
 * that proxies `/api` and `/ws` to an engine at ENGINE_URL (default http://127.0.0.1:8080). Shared settings:
 * ../vite.base.ts.
 */
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { clientConfig } from '../vite.base.ts';

export default defineConfig(clientConfig({ root: new URL('.', import.meta.url), base: '/admin/', plugins: [solid()] }));
