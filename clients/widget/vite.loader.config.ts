/**
 * Builds the loader (`src/loader.ts`) into `dist/widget.js`: one small classic script (IIFE, no imports), served
 * by the engine at `/widget.js`. Run after the panel build (which empties `dist/`).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./src/loader.ts', import.meta.url)),
      formats: ['iife'],
      name: 'MentaliaWidgetLoader',
      fileName: () => 'widget.js',
    },
  },
});
