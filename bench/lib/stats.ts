import { NATIVE_COUNTERPART, STEPS, type StepName, type StepRecord } from './protocol';

/** One line of bench/results.json. */
export interface ResultRow {
  /** The app's engine behind project_ms: native DuckDB (desktop app, CLI) or duckdb-wasm (browser). */
  engine: 'native' | 'wasm';
  step: StepName;
  size: number;
  /** Repetitions behind project_ms (native runs the same number unless it failed). */
  runs: number;
  project_ms: number | null;
  native_ms: number | null;
  /** project_ms ÷ native_ms; null when the step has no native equivalent. */
  ratio: number | null;
  /** Peak RSS of the project runner process during the step (max over runs), MB. */
  peak_mb: number | null;
  /** The same for the native runner process. */
  native_peak_mb: number | null;
  /** Why the step has no (or fewer) measurements. */
  note?: string;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ratio(project: number | null, native: number | null): number | null {
  if (project === null || native === null || native <= 0) return null;
  return project / native;
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function peak(record: StepRecord | undefined): number | null {
  if (!record || record.samples.length === 0) return null;
  return Math.round(Math.max(...record.samples.map((s) => s.peakMb)));
}

/**
 * Rows for one size: every step the project measured (in report order), with
 * its native counterpart's median where there is one.
 */
export function summarise(size: number, project: readonly StepRecord[], native: readonly StepRecord[], engine: 'native' | 'wasm' = 'wasm'): ResultRow[] {
  const byStep = (records: readonly StepRecord[], step: StepName | null) => (step === null ? undefined : records.find((r) => r.step === step));
  const rows: ResultRow[] = [];
  for (const step of STEPS) {
    const p = byStep(project, step);
    const counterpart = NATIVE_COUNTERPART[step];
    const n = byStep(native, counterpart);
    if (!p && !n) continue;
    const projectMs = median(p?.samples.map((s) => s.ms) ?? []);
    const nativeMs = median(n?.samples.map((s) => s.ms) ?? []);
    const row: ResultRow = {
      engine,
      step,
      size,
      runs: p?.samples.length ?? 0,
      project_ms: round(projectMs, 1),
      native_ms: round(nativeMs, 1),
      ratio: round(ratio(projectMs, nativeMs), 2),
      peak_mb: peak(p),
      native_peak_mb: peak(n),
    };
    const notes: string[] = [];
    if (!p) notes.push('project: not measured');
    for (const [who, r] of [
      ['project', p],
      ['native', n],
    ] as const) {
      if (r?.error) notes.push(`${who} failed: ${r.error}`);
      if (r?.note) notes.push(`${who}: ${r.note}`);
    }
    if (notes.length) row.note = notes.join('; ');
    rows.push(row);
  }
  return rows;
}
