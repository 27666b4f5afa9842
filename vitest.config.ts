import { defineConfig } from 'vitest/config';

// Unit and node-integration tests. The Chromium end-to-end suite has its own
// config (vitest.e2e.config.ts) because it needs the built renderer.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
