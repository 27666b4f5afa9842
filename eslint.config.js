// ESLint flat config. `npm run lint` runs it over the whole repo with --max-warnings 0.
//
// Three parts:
//   1. Rules: ESLint recommended, typescript-eslint recommended-type-checked (a promise left to
//      run on purpose is written `void p`), react-hooks recommended for the renderer, eqeqeq.
//   2. Layer boundaries (README "Architecture", shared/ARCHITECTURE.md "Layers and folders"):
//      src-shared imports nothing environment-specific, renderer and main never import each
//      other, and React components never reach the engine or build SQL. Written as
//      no-restricted-imports regexes over the import specifier. Imports between the layers
//      are relative paths (there are no path aliases), so `^(../)+src-main/` from a file in
//      src-renderer can only mean src-main.
//   3. eslint-config-prettier last, so formatting is Prettier's alone.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const JS = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// ---------------------------------------------------------------------------
// Layer boundaries
// ---------------------------------------------------------------------------

/** A specifier that climbs out of the current folder to `path` (relative imports only). */
const up = (path) => `^(\\.\\./)+${path}`;
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nodeBuiltins = builtinModules
  .filter((m) => !m.startsWith('_'))
  .map(escape)
  .join('|');

const SHARED = [
  {
    regex: `^node:|^(${nodeBuiltins})(/|$)`,
    message: 'src-shared is environment-free: no node builtins. Put node-only code in src-main (or pass it in as a port).',
  },
  {
    regex: '^electron(/|$)',
    message:
      'src-shared is environment-free: no electron. Electron code lives in src-main; the renderer reaches it through the typed preload API (src-shared/ipc).',
  },
  {
    regex: '^(react|react-dom)(/|$)',
    message: 'src-shared is environment-free: no React. Components and the React binding of the store live in src-renderer.',
  },
  {
    regex: '^zustand$',
    message: 'src-shared holds the headless session: use zustand/vanilla (createStore). The React binding (useStore) lives in src-renderer/state.',
  },
  {
    regex: '^@duckdb/',
    message:
      'src-shared must not import DuckDB packages: duckdb-engine.ts works over a structural port, and only the hosts (src-renderer/engine, src-main/engine) import duckdb-wasm.',
  },
  {
    regex: up('src-(main|renderer)(/|$)'),
    message: 'Dependencies point inward: src-shared must not import src-main or src-renderer.',
  },
];

const RENDERER = [
  {
    regex: up('src-main(/|$)'),
    message:
      'The renderer must not import src-main: it runs sandboxed and reaches main only through the preload API. Shared types belong in src-shared (e.g. src-shared/ipc).',
  },
];

const MAIN = [
  {
    regex: up('src-renderer(/|$)'),
    message: 'src-main must not import src-renderer: move what both need into src-shared.',
  },
];

const COMPONENTS = [
  ...RENDERER,
  {
    regex: '^@duckdb/',
    message: 'Components render and dispatch: they never call the engine. Read the session store and dispatch its actions.',
  },
  {
    regex: up('engine(/|$)'),
    message: 'Components must not import src-renderer/engine: read the session store and dispatch its actions; the session talks to the engine.',
  },
  {
    regex: up('src-shared/engine/duckdb-engine(\\.[jt]s)?$'),
    message: 'Components must not use the DuckDB engine: read the session store and dispatch its actions.',
  },
  {
    regex: up('src-shared/sql/identifiers(\\.[jt]s)?$'),
    message: 'Components never build SQL (quoteIdent and friends): put the query in src-shared (a spec compiler or a store action) and dispatch it.',
  },
  {
    regex: up('src-shared/(engine/sql-gate|session/coordinator|session/slices/.*)(\\.[jt]s)?$'),
    message:
      "Components read the session through the store binding (src-renderer/state/store) and dispatch its actions; they do not reach into the session's internals.",
  },
];

const noDynamicImport = {
  selector: 'ImportExpression',
  message: 'Use a static import here, so the layer boundary rule can check it.',
};

// ---------------------------------------------------------------------------

export default defineConfig(
  {
    ignores: ['out/', 'dist/', 'release/', 'test-results/', 'bench/data/', 'coverage/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Off: every hit is a function-typed prop or a zustand action declared with method
      // syntax (`onClose(): void`, `useWorkbench((s) => s.setFocus)`), none uses `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Off: hits are async functions that satisfy a Promise-returning interface
      // (platform adapters, test doubles); making them non-async changes nothing.
      '@typescript-eslint/require-await': 'off',
      // Off: hits are `String(value)` on query cells typed `unknown`, which is the intent.
      '@typescript-eslint/no-base-to-string': 'off',
      // Passing on a caught `unknown` is fine, as only-throw-error already allows for `throw`.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  // Plain JS files (scripts/*.mjs, the worker bootstrap, this file) are outside tsconfig.json:
  // linted without type information.
  { files: JS, extends: [tseslint.configs.disableTypeChecked] },
  // Tests poke into ECharts options and mocks through a deliberate `any` (`Loose`).
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: JS,
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // `_`-prefixed names are deliberately unused (placeholders in destructuring and signatures).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },

  // React: hooks rules for the renderer.
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // Layer boundaries. Each block lists every restriction for its files: a later block's
  // no-restricted-imports replaces an earlier one's, it does not add to it.
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: SHARED }],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'localStorage', 'sessionStorage'].map((name) => ({
          name,
          message: `src-shared is environment-free: no DOM (${name}). Pass what you need in from src-renderer.`,
        })),
      ],
      'no-restricted-syntax': ['error', noDynamicImport],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: RENDERER }] },
  },
  {
    files: ['src-renderer/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: COMPONENTS }],
      'no-restricted-syntax': ['error', noDynamicImport],
    },
  },
  {
    files: ['src-main/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: MAIN }] },
  },

  // Console output: the app does not log (main may warn on stderr); command-line tools print.
  {
    files: ['src-shared/**', 'src-renderer/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src-main/**'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  {
    files: ['src-main/cli/**', 'scripts/**', 'bench/**', 'sample-data/generator/**'],
    rules: { 'no-console': 'off' },
  },

  prettier,
);
