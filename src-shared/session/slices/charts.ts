import { validateChartSpec, type ChartSpec, type ChartSpecInput } from '../../charts/chart-spec';
import { ExpressionError } from '../../expressions/parse';
import { compileChartSql } from '../../charts/compile-chart-sql';
import { defaultChartSpec } from '../../charts/default-spec';
import { chartSpecFieldProblems } from '../../charts/spec-fields';
import { tableToJsonRows, type JsonValue } from '../../format/plain-json';
import { labelChartSpec } from '../../fields/field-settings';
import type { SessionContext } from '../context';

/** A chart in the workbook: its spec as edited (possibly not yet valid). */
export interface ChartDoc {
  id: string;
  spec: ChartSpecInput;
  /** The workbook's title for the chart, when it differs from the spec's. */
  title?: string;
}

export type ReadyChartResult = { status: 'ready'; spec: ChartSpec; sql: string; rows: Record<string, JsonValue>[] };

export type ChartResult =
  /** `previous`: the last drawn result, kept on screen while the new query runs. */
  { status: 'running'; previous?: ReadyChartResult } | { status: 'invalid'; issues: string[] } | { status: 'error'; message: string } | ReadyChartResult;

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
  addChart(spec: ChartSpecInput, id?: string, title?: string): string;
  /** Change a chart's spec; each change is one undo step. */
  updateChart(id: string, change: (spec: ChartSpecInput) => ChartSpecInput): void;
  undoChart(id: string): void;
  redoChart(id: string): void;
  deleteChart(id: string): void;
  /** Validate, compile and query the chart (a newer run supersedes a running one). Resolves when settled. */
  runChart(id: string): Promise<void>;
}

const HISTORY_LIMIT = 100;

export function chartsSlice({ set, get, coordinator, newId }: SessionContext): ChartsSlice {
  const client = (id: string) => `chart:${id}`;
  const setResult = (id: string, result: ChartResult) => set((s) => ({ chartResults: { ...s.chartResults, [id]: result } }));

  function applySpec(id: string, spec: ChartSpecInput, history: History): void {
    set((s) => ({ charts: s.charts.map((c) => (c.id === id ? { ...c, spec } : c)), chartHistory: { ...s.chartHistory, [id]: history } }));
    void get().runChart(id);
  }

  return {
    charts: [],
    chartHistory: {},
    chartResults: {},

    createChart(table) {
      return get().addChart(defaultChartSpec(table, get().columnsOf(table)));
    },

    addChart(spec, id = newId('chart'), title) {
      set((s) => ({
        charts: [...s.charts, { id, spec, ...(title !== undefined ? { title } : {}) }],
        chartHistory: { ...s.chartHistory, [id]: { past: [], future: [] } },
        focus: { kind: 'chart', id },
      }));
      void get().runChart(id);
      return id;
    },

    updateChart(id, change) {
      const doc = get().charts.find((c) => c.id === id);
      if (!doc) return;
      const next = change(doc.spec);
      if (JSON.stringify(next) === JSON.stringify(doc.spec)) return;
      const history = get().chartHistory[id] ?? { past: [], future: [] };
      applySpec(id, next, { past: [...history.past, doc.spec].slice(-HISTORY_LIMIT), future: [] });
    },

    undoChart(id) {
      const doc = get().charts.find((c) => c.id === id);
      const history = get().chartHistory[id];
      const previous = history?.past[history.past.length - 1];
      if (!doc || !history || !previous) return;
      applySpec(id, previous, { past: history.past.slice(0, -1), future: [doc.spec, ...history.future] });
    },

    redoChart(id) {
      const doc = get().charts.find((c) => c.id === id);
      const history = get().chartHistory[id];
      const next = history?.future[0];
      if (!doc || !history || !next) return;
      applySpec(id, next, { past: [...history.past, doc.spec], future: history.future.slice(1) });
    },

    deleteChart(id) {
      coordinator.cancel(client(id));
      set((s) => {
        const { [id]: _h, ...chartHistory } = s.chartHistory;
        const { [id]: _r, ...chartResults } = s.chartResults;
        return {
          charts: s.charts.filter((c) => c.id !== id),
          chartHistory,
          chartResults,
          focus: s.focus?.kind === 'chart' && s.focus.id === id ? null : s.focus,
        };
      });
    },

    runChart(id) {
      const doc = get().charts.find((c) => c.id === id);
      if (!doc) return Promise.resolve();
      const validation = validateChartSpec(doc.spec);
      if (!validation.ok) {
        coordinator.cancel(client(id));
        setResult(id, { status: 'invalid', issues: validation.issues.map((i) => `${i.path}: ${i.message}`) });
        return Promise.resolve();
      }
      const spec = labelChartSpec(validation.spec, get().fieldSettings);
      const columns = get().columnsOf(spec.source.table);
      const failed = get().derivedFailures.find((f) => f.table.toLowerCase() === spec.source.table.toLowerCase());
      const missing = failed ? `it reads derived table "${failed.table}", which failed: ${failed.reason}` : `table "${spec.source.table}" is not loaded`;
      const problems = columns.length ? chartSpecFieldProblems(spec, spec.source.table, columns) : [missing];
      if (problems.length) {
        coordinator.cancel(client(id));
        setResult(id, { status: 'invalid', issues: problems });
        return Promise.resolve();
      }
      let sql: string;
      try {
        sql = compileChartSql(spec, { columns });
      } catch (e) {
        // A calculated measure that parses but does not fit the table (an unknown field, text in a sum).
        if (!(e instanceof ExpressionError)) throw e;
        coordinator.cancel(client(id));
        setResult(id, { status: 'invalid', issues: [e.message] });
        return Promise.resolve();
      }
      return coordinator.request(
        client(id),
        sql,
        (state) => {
          if (state.status === 'pending') {
            const previous = shownChartResult(get().chartResults[id]);
            setResult(id, previous ? { status: 'running', previous } : { status: 'running' });
          } else if (state.status === 'ready') setResult(id, { status: 'ready', spec, sql, rows: tableToJsonRows(state.value) });
          else setResult(id, { status: 'error', message: state.message });
        },
        { cache: true },
      );
    },
  };
}
