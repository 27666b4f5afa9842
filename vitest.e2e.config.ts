import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer in Debian's Chromium, driven by
// playwright-core, in browser mode. Run after `electron-vite build`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
