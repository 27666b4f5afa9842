/**
 * What the benchmark's parent process and its two runner processes (project
 * engine, native DuckDB) say to each other over the child-process IPC channel.
 * Runners report raw measurements; the parent computes medians and ratios.
 */

/** Every step, in report order. */
export const STEPS = [
  'open',
  'import',
  'raw_read',
  'import_quirky',
  'dtoc_table',
  'dtoc_sql',
  'dtoc_view',
  'growth_sql',
  'growth_view',
  'peers_table',
  'peers_sql',
  'peers_view',
  'chart_sql',
  'chart_option',
  'chart_svg',
] as const;
export type StepName = (typeof STEPS)[number];

/**
 * The native measurement each project step is compared with (null: no native
 * equivalent). The project's importer and its raw read are both compared with
 * native DuckDB's `CREATE TABLE … AS SELECT * FROM read_csv(…)`.
 */
export const NATIVE_COUNTERPART: Record<StepName, StepName | null> = {
  open: 'open',
  import: 'import',
  raw_read: 'import',
  import_quirky: 'import_quirky',
  dtoc_table: 'dtoc_table',
  dtoc_sql: 'dtoc_sql',
  dtoc_view: null,
  growth_sql: 'growth_sql',
  growth_view: null,
  peers_table: 'peers_table',
  peers_sql: 'peers_sql',
  peers_view: null,
  chart_sql: 'chart_sql',
  chart_option: null,
  chart_svg: null,
};

/** One repetition of a step. */
export interface Sample {
  ms: number;
  /** Peak resident set size of the runner process during the repetition, MB. */
  peakMb: number;
}

export interface StepRecord {
  step: StepName;
  samples: Sample[];
  /** Set when the step failed; samples hold the repetitions that finished. */
  error?: string;
  /** Set when fewer repetitions were made than asked for, and why. */
  note?: string;
}

/** One SQL statement a view ran, with the number of rows it returned (to check the engines agree; null: not known). */
export interface CapturedQuery {
  sql: string;
  rows: number | null;
}

/** The SQL the project ran, for the native runner to replay; null where the project's step failed. */
export interface CapturedWorkload {
  dtocTable: string;
  dtoc: CapturedQuery[] | null;
  growth: CapturedQuery[] | null;
  peersTable: string;
  peers: CapturedQuery[] | null;
  chart: CapturedQuery | null;
}

export interface RunnerRequest {
  /** Absolute path of the activity CSV. */
  file: string;
  /** The same extract as a quirky file (Windows-1252, title lines, UK dates, £, brackets, `*`): see data.ts. */
  quirkyFile?: string;
  size: number;
  runs: number;
  stepBudgetSeconds: number | null;
  stepTimeoutSeconds: number | null;
  /** Project runner only: which of the app's engines to run (default wasm). */
  engine?: 'native' | 'wasm';
  /** Project runner only: import once more, timing each statement (see import-breakdown.ts). */
  importBreakdown?: boolean;
  /** Steps not to start, with the reason (see forecast.ts). */
  skip: Partial<Record<StepName, string>>;
  /** Native runner only: the SQL to replay (null when the project runner captured none). */
  workload?: CapturedWorkload | null;
  nativeThreads?: number | null;
}

export type RunnerMessage =
  | { type: 'step'; record: StepRecord }
  | { type: 'workload'; workload: CapturedWorkload }
  | { type: 'info'; key: string; value: string }
  | { type: 'warning'; text: string }
  | { type: 'done' };
