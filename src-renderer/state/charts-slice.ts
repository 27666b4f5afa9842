import type { StateCreator } from 'zustand';
import type { TableColumn } from '../../src-shared/analysis/view-types';
import { validateChartSpec, type ChartSpec, type ChartSpecInput, type SpecIssue } from '../../src-shared/charts/chart-spec';
import { compileChartSql } from '../../src-shared/charts/compile-chart-sql';
import { defaultChartSpec } from '../../src-shared/charts/default-spec';
import { chartSpecFieldProblems } from '../../src-shared/charts/spec-fields';
import { isAbortError } from '../../src-shared/engine/engine';
import { tableToJsonRows, type JsonValue } from '../../src-shared/format/plain-json';
import { kindOfColumnType } from '../../src-shared/import/types';
import { quoteIdent } from '../../src-shared/sql/identifiers';
import { runQuery } from '../engine/engine-service';
import type { WorkbenchState } from './store';

/** A chart in the workbook: its spec as edited (possibly not yet valid). */
export interface ChartDoc {
  id: string;
  spec: ChartSpecInput;
}

export type ReadyChartResult = { status: 'ready'; spec: ChartSpec; sql: string; rows: Record<string, JsonValue>[] };

export type ChartResult =
  /** `previous`: the last drawn result, kept on screen while the new query runs. */
  | { status: 'running'; previous?: ReadyChartResult }
  | { status: 'invalid'; issues: string[] }
  | { status: 'error'; message: string }
  | ReadyChartResult;

/** What to draw: the ready result, or while re-querying the one before it. */
export function shownChartResult(result: ChartResult | undefined): ReadyChartResult | null {
  if (result?.status === 'ready') return result;
  if (result?.status === 'running') return result.previous ?? null;
  return null;
}

interface History {
  past: ChartSpecInput[];
  future: ChartSpecInput[];
}

export interface ChartsSlice {
  charts: ChartDoc[];
  chartHistory: Record<string, History>;
  chartResults: Record<string, ChartResult>;
  /** Start a chart of a loaded table with a sensible first spec; returns its id. */
  createChart(table: string): string;
  /** Add a chart with a given spec (examples, workbooks); returns its id. */
  addChart(spec: ChartSpecInput, id?: string): string;
  /** Change a chart's spec; each change is one undo step. */
  updateChart(id: string, change: (spec: ChartSpecInput) => ChartSpecInput): void;
  undoChart(id: string): void;
  redoChart(id: string): void;
  deleteChart(id: string): void;
  /** Validate, compile and query the chart (cancelling its previous query). */
  runChart(id: string): Promise<void>;
  /** Columns of a loaded table with their kinds. */
  columnsOf(table: string): TableColumn[];
  /** The most common values of a column (for include/exclude filters), cached per table and column. */
  distinctValues(table: string, field: string): Promise<{ value: JsonValue; count: number }[]>;
}

const distinctCache = new Map<string, Promise<{ value: JsonValue; count: number }[]>>();

const HISTORY_LIMIT = 100;
const running = new Map<string, AbortController>();
let counter = 0;

export function newId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export const createChartsSlice: StateCreator<WorkbenchState, [], [], ChartsSlice> = (set, get) => ({
  charts: [],
  chartHistory: {},
  chartResults: {},

  columnsOf(table) {
    const dataset = get().datasets.find((d) => d.table === table);
    if (!dataset) return [];
    return dataset.report.columns.map((c) => {
      const kind = kindOfColumnType(c.type);
      return { name: c.name, sqlType: c.sqlType, kind: kind === 'timestamp' ? 'date' : kind };
    });
  },

  distinctValues(table, field) {
    const rows = get().datasets.find((d) => d.table === table)?.rows ?? 0;
    const key = `${table}\u0000${field}\u0000${rows}`;
    let cached = distinctCache.get(key);
    if (!cached) {
      cached = runQuery(`SELECT ${quoteIdent(field)} AS value, count(*) AS n FROM ${quoteIdent(table)} GROUP BY 1 ORDER BY n DESC, 1 LIMIT 500`)
        .then((t) => tableToJsonRows(t).map((r) => ({ value: r.value ?? null, count: Number(r.n) })));
      cached.catch(() => distinctCache.delete(key));
      distinctCache.set(key, cached);
    }
    return cached;
  },

  createChart(table) {
    return get().addChart(defaultChartSpec(table, get().columnsOf(table)));
  },

  addChart(spec, id = newId('chart')) {
    set((s) => ({ charts: [...s.charts, { id, spec }], chartHistory: { ...s.chartHistory, [id]: { past: [], future: [] } }, focus: { kind: 'chart', id } }));
    void get().runChart(id);
    return id;
  },

  updateChart(id, change) {
    const doc = get().charts.find((c) => c.id === id);
    if (!doc) return;
    const next = change(doc.spec);
    if (JSON.stringify(next) === JSON.stringify(doc.spec)) return;
    const history = get().chartHistory[id] ?? { past: [], future: [] };
    set((s) => ({
      charts: s.charts.map((c) => (c.id === id ? { ...c, spec: next } : c)),
      chartHistory: { ...s.chartHistory, [id]: { past: [...history.past, doc.spec].slice(-HISTORY_LIMIT), future: [] } },
    }));
    void get().runChart(id);
  },

  undoChart(id) {
    const doc = get().charts.find((c) => c.id === id);
    const history = get().chartHistory[id];
    const previous = history?.past[history.past.length - 1];
    if (!doc || !history || !previous) return;
    set((s) => ({
      charts: s.charts.map((c) => (c.id === id ? { ...c, spec: previous } : c)),
      chartHistory: { ...s.chartHistory, [id]: { past: history.past.slice(0, -1), future: [doc.spec, ...history.future] } },
    }));
    void get().runChart(id);
  },

  redoChart(id) {
    const doc = get().charts.find((c) => c.id === id);
    const history = get().chartHistory[id];
    const next = history?.future[0];
    if (!doc || !history || !next) return;
    set((s) => ({
      charts: s.charts.map((c) => (c.id === id ? { ...c, spec: next } : c)),
      chartHistory: { ...s.chartHistory, [id]: { past: [...history.past, doc.spec], future: history.future.slice(1) } },
    }));
    void get().runChart(id);
  },

  deleteChart(id) {
    running.get(id)?.abort();
    set((s) => {
      const { [id]: _h, ...chartHistory } = s.chartHistory;
      const { [id]: _r, ...chartResults } = s.chartResults;
      return { charts: s.charts.filter((c) => c.id !== id), chartHistory, chartResults, focus: s.focus?.kind === 'chart' && s.focus.id === id ? null : s.focus };
    });
  },

  async runChart(id) {
    const doc = get().charts.find((c) => c.id === id);
    if (!doc) return;
    running.get(id)?.abort();
    const setResult = (result: ChartResult) => set((s) => ({ chartResults: { ...s.chartResults, [id]: result } }));
    const validation = validateChartSpec(doc.spec);
    if (!validation.ok) {
      setResult({ status: 'invalid', issues: validation.issues.map((i: SpecIssue) => `${i.path}: ${i.message}`) });
      return;
    }
    const spec = validation.spec;
    const columns = get().columnsOf(spec.source.table);
    const problems = columns.length ? chartSpecFieldProblems(spec, spec.source.table, columns) : [`Table "${spec.source.table}" is not loaded.`];
    if (problems.length) {
      setResult({ status: 'invalid', issues: problems });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const before = get().chartResults[id];
    const previous = shownChartResult(before);
    setResult(previous ? { status: 'running', previous } : { status: 'running' });
    try {
      const sql = compileChartSql(spec);
      const rows = tableToJsonRows(await runQuery(sql, { signal: controller.signal }));
      if (running.get(id) !== controller) return;
      setResult({ status: 'ready', spec, sql, rows });
    } catch (error) {
      if (isAbortError(error) || running.get(id) !== controller) return;
      setResult({ status: 'error', message: (error as Error).message });
    } finally {
      if (running.get(id) === controller) running.delete(id);
    }
  },
});
