import { commonFlag, eachFlag, parseCount } from './args';

/** Command-line arguments of `npm run bench:browser`. */

export type BrowserBundle = 'eh' | 'coi';

export interface BrowserBenchOptions {
  /** Rows in the activity extract opened in the app. */
  rows: number;
  /** Filter changes timed after the first chart. */
  changes: number;
  /** Times the app is opened afresh and the extract chosen; medians are reported. */
  runs: number;
  /** duckdb-wasm bundles to compare: `eh` (one thread) and `coi` (threads, needs cross-origin isolation). */
  bundles: BrowserBundle[];
  dataDir: string;
  out: string;
  help: boolean;
}

export const BROWSER_USAGE = `Usage: npm run bench:browser -- [options]

  --rows N            rows in the activity extract opened in the app (default 1000000; 1m, 100k work)
  --runs N            times the app is opened afresh and the file chosen; medians (default 3)
  --changes N         filter changes timed after the last run's first chart (default 20)
  --bundles LIST      duckdb-wasm bundles: eh (the app's, one thread), coi (threads); default eh
  --data DIR          where the extract is made and reused (default bench/data)
  --out FILE          results (default bench/browser-results.json)
  -h, --help          this text
`;

export function parseBrowserBenchArgs(argv: readonly string[], defaults: { dataDir: string; out: string }): BrowserBenchOptions {
  const options: BrowserBenchOptions = { rows: 1_000_000, runs: 3, changes: 20, bundles: ['eh'], dataDir: defaults.dataDir, out: defaults.out, help: false };
  eachFlag(argv, (flag, value, arg) => {
    switch (flag) {
      case '--rows':
        options.rows = parseCount(value(), '--rows');
        break;
      case '--runs':
        options.runs = parseCount(value(), '--runs');
        break;
      case '--changes':
        options.changes = parseCount(value(), '--changes');
        break;
      case '--bundles': {
        const names = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const bad = names.filter((n) => n !== 'eh' && n !== 'coi');
        if (bad.length || names.length === 0) throw new Error(`--bundles: use eh, coi or eh,coi (got "${names.join(',')}")`);
        options.bundles = [...new Set(names as BrowserBundle[])];
        break;
      }
      default:
        commonFlag(options, flag, value, arg);
    }
  });
  return options;
}
