import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // uWebSockets.js and onnxruntime are native addons: run each test file in its own process, not a worker thread.
    pool: 'forks',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'data/**', 'clients/**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
