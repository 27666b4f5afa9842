import { defineConfig } from 'vitest/config';

/**
 * The suites that run on a database engine, and so run twice: once on
 * duckdb-wasm and once on native DuckDB (test/engine-under-test.ts), to prove
 * one behaviour on both: the engine itself, its sandbox and the SQL gate, the
 * importer, chart SQL, the views, workbooks and the session.
 */
const ENGINE_SUITES = [
  'test/engine/node-engine.test.ts',
  'test/security/engine-sandbox.test.ts',
  'test/security/sql-gate.test.ts',
  'test/security/hostile-workbooks.test.ts',
  'test/import/corpus.test.ts',
  'test/import/file-formats.test.ts',
  'test/import/preview-reuse.test.ts',
  'test/import/sample-data-import.test.ts',
  'test/import/spreadsheets.test.ts',
  'test/import/warm-up.test.ts',
  'test/charts/compile-chart-sql.test.ts',
  'test/charts/cli-chart.test.ts',
  'test/charts/chart-pivot.test.ts',
  'test/analysis/*-view.test.ts',
  'test/analysis/peers-sample.test.ts',
  'test/analysis/peers-template.test.ts',
  'test/workbook/workbook-files.test.ts',
  'test/workbook/render-cli.test.ts',
  'test/session/*.test.ts',
];

// Unit and node-integration tests. The Chromium end-to-end suite has its own
// config (vitest.e2e.config.ts) because it needs the built renderer.
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'wasm', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'node_modules/**'], env: { WORKBENCH_TEST_ENGINE: 'wasm' } },
      },
      {
        extends: true,
        test: { name: 'native', include: ENGINE_SUITES, exclude: ['test/e2e/**', 'node_modules/**'], env: { WORKBENCH_TEST_ENGINE: 'native' } },
      },
    ],
  },
});
