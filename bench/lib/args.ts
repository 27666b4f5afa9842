/** Command-line arguments of `npm run bench`. */

export interface BenchOptions {
  /** Row counts of the activity extracts, smallest first. */
  sizes: number[];
  /** Repetitions of every step (the median is reported). */
  runs: number;
  /** Where the extracts are kept (and reused). */
  dataDir: string;
  /** Where the results list is written. */
  out: string;
  /** Native DuckDB threads; null = DuckDB's default (the number of cores). */
  nativeThreads: number | null;
  /**
   * Stop repeating a step once its runs so far took this many seconds (at
   * least one run is always made); null = always make `runs` runs.
   */
  stepBudgetSeconds: number | null;
  /** Cancel a repetition of a step that runs longer than this; null = never. */
  stepTimeoutSeconds: number | null;
  /** Import once more per size, timing each statement the importer runs. */
  importBreakdown: boolean;
  /** The project's engines to measure, each in its own runner process (default both). */
  engines: ('native' | 'wasm')[];
  help: boolean;
}

export const DEFAULT_SIZES = [100_000, 1_000_000, 5_000_000];
export const DEFAULT_RUNS = 5;
export const DEFAULT_STEP_BUDGET_SECONDS = 180;
export const DEFAULT_STEP_TIMEOUT_SECONDS = 240;

export const USAGE = `Usage: npm run bench -- [options]

  --sizes N,N,...       activity extract sizes in rows (default ${DEFAULT_SIZES.join(',')});
                        1e6, 1m and 100k are accepted
  --runs N              repetitions of every step; medians are reported (default ${DEFAULT_RUNS})
  --data DIR            where extracts are made and reused (default bench/data)
  --out FILE            results list (default bench/results.json)
  --native-threads N    threads for native DuckDB (default: DuckDB's own, the number of cores)
  --step-budget S       stop repeating a step once its runs took S seconds, after at
                        least one run (default ${DEFAULT_STEP_BUDGET_SECONDS}; 0 = always make every run)
  --timeout S           cancel a run of a step that takes longer than S seconds
                        (default ${DEFAULT_STEP_TIMEOUT_SECONDS}; 0 = never)
  --engines LIST        the app's engines to measure: native,wasm (default both)
  --import-breakdown    import once more per size and list the importer's slowest
                        statements (diagnostics; adds one import per size)
  -h, --help            this text
`;

/** `100000`, `100_000`, `100k`, `1m`, `1e6` → a positive whole number. */
export function parseCount(text: string, flag: string): number {
  const t = text.trim().toLowerCase().replace(/_/g, '');
  const m = /^(\d+(?:\.\d+)?)(k|m|e\d+)?$/.exec(t);
  if (!m) throw new Error(`${flag}: "${text}" is not a whole number`);
  const base = Number(m[1]);
  const suffix = m[2];
  const n = suffix === 'k' ? base * 1_000 : suffix === 'm' ? base * 1_000_000 : suffix ? base * 10 ** Number(suffix.slice(1)) : base;
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag}: "${text}" must be a whole number of at least 1`);
  return n;
}

/** Seconds, where 0 means "no limit" (null). */
function seconds(text: string, flag: string): number | null {
  return text.trim() === '0' ? null : parseCount(text, flag);
}

/**
 * Walks `--flag value`, `--flag=value` and bare flags: `handle` gets each flag
 * and a function that takes its value (throwing when it is missing).
 */
export function eachFlag(argv: readonly string[], handle: (flag: string, value: () => string, arg: string) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    handle(
      flag,
      () => {
        if (inline !== undefined) return inline;
        const next = argv[++i];
        if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value`);
        return next;
      },
      arg,
    );
  }
}

/** The options both benchmarks share: --data, --out and --help; anything else is an error. */
export function commonFlag(options: { dataDir: string; out: string; help: boolean }, flag: string, value: () => string, arg: string): void {
  if (flag === '--data') options.dataDir = value();
  else if (flag === '--out') options.out = value();
  else if (flag === '-h' || flag === '--help') options.help = true;
  else throw new Error(`Unknown argument ${arg}`);
}

export function parseBenchArgs(argv: readonly string[], defaults: { dataDir: string; out: string }): BenchOptions {
  const options: BenchOptions = {
    sizes: DEFAULT_SIZES,
    runs: DEFAULT_RUNS,
    dataDir: defaults.dataDir,
    out: defaults.out,
    nativeThreads: null,
    stepBudgetSeconds: DEFAULT_STEP_BUDGET_SECONDS,
    stepTimeoutSeconds: DEFAULT_STEP_TIMEOUT_SECONDS,
    importBreakdown: false,
    engines: ['native', 'wasm'],
    help: false,
  };
  eachFlag(argv, (flag, value, arg) => {
    switch (flag) {
      case '--sizes': {
        const sizes = value()
          .split(',')
          .filter((s) => s.trim() !== '')
          .map((s) => parseCount(s, '--sizes'));
        if (sizes.length === 0) throw new Error('--sizes needs at least one size');
        options.sizes = [...new Set(sizes)].sort((a, b) => a - b);
        break;
      }
      case '--runs':
        options.runs = parseCount(value(), '--runs');
        break;
      case '--engines': {
        const engines = value()
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean);
        for (const e of engines) if (e !== 'native' && e !== 'wasm') throw new Error(`--engines: "${e}" is not native or wasm`);
        if (engines.length === 0) throw new Error('--engines needs native, wasm or both');
        options.engines = [...new Set(engines)] as ('native' | 'wasm')[];
        break;
      }
      case '--native-threads':
        options.nativeThreads = parseCount(value(), '--native-threads');
        break;
      case '--step-budget':
        options.stepBudgetSeconds = seconds(value(), '--step-budget');
        break;
      case '--timeout':
        options.stepTimeoutSeconds = seconds(value(), '--timeout');
        break;
      case '--import-breakdown':
        options.importBreakdown = true;
        break;
      default:
        commonFlag(options, flag, value, arg);
    }
  });
  return options;
}
