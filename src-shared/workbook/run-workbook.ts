import { describeTables, mappingProblems } from '../analysis/mapping';
import { VIEW_TEMPLATES } from '../analysis/registry';
import type { ResultChart, ResultTable, SqlRunner, TableColumn, ViewResult, ViewTemplate } from '../analysis/view-types';
import { buildChartOption } from '../charts/build-chart-option';
import { chartExportTable } from '../charts/chart-export';
import type { ChartSpec } from '../charts/chart-spec';
import { compileChartSql } from '../charts/compile-chart-sql';
import type { ChartOption } from '../charts/option-json';
import { chartSpecFieldProblems } from '../charts/spec-fields';
import { isAbortError, throwIfAborted, type QueryOptions } from '../engine/engine';
import { createTableFromUserSql } from '../engine/sql-gate';
import type { ExportTable } from '../export/data-table';
import { tableToJsonRows, type JsonValue } from '../format/plain-json';
import { quoteIdent } from '../sql/identifiers';
import { itemWidth, type ReportItem, type Workbook, type WorkbookChart, type WorkbookView } from './workbook-schema';

/**
 * Compute a workbook over an engine in which its sources are already loaded
 * as tables (workbook-files.ts loads them in node; the app loads them in the
 * renderer): create the derived tables in order, compute every chart (spec →
 * SQL → rows → ECharts option, plus its data as an export table) and every
 * view (template.run), and lay the results out in report order. The CLI's
 * `render` and the app's refresh both run this.
 *
 * Failures are kept per item (a chart that no longer fits its table does not
 * stop the others); `errors` lists them one line each. Cancelling the signal
 * rejects with an AbortError.
 */

/** What runWorkbook needs of an engine: queries, and statements that create tables. */
export interface WorkbookRunner extends SqlRunner {
  exec(sql: string, opts?: QueryOptions): Promise<void>;
}

export type JsonRow = Record<string, JsonValue>;

/** Size view charts are drawn at (a 16:9 slide). */
export const VIEW_CHART_SIZE = { width: 960, height: 540 } as const;

export interface RunWorkbookOptions {
  signal?: AbortSignal;
  /** View templates by id (default: every registered template). */
  templates?: readonly ViewTemplate[];
  onProgress?: (progress: { done: number; total: number; message: string }) => void;
}

export type DerivedRun = { table: string; status: 'ok'; rows: number } | { table: string; status: 'error'; message: string };

export type ChartRun =
  | {
      id: string;
      title: string;
      status: 'ok';
      spec: ChartSpec;
      sql: string;
      /** The query result as JSON rows (dates `YYYY-MM-DD`). */
      rows: JsonRow[];
      /** Plain-JSON ECharts option (format markers: hydrate before rendering). */
      option: ChartOption;
      /** The chart's data for CSV/XLSX export. */
      data: ExportTable;
      /** Rendered size in pixels (the spec's format.width × format.height). */
      size: { width: number; height: number };
    }
  | { id: string; title: string; status: 'error'; message: string };

export type ViewRun = { id: string; title: string; status: 'ok'; result: ViewResult } | { id: string; title: string; status: 'error'; message: string };

interface ItemBase {
  /** The report item's id. */
  id: string;
  title: string;
  commentary: string | null;
  /** Grid columns spanned. */
  width: number;
}

export type ItemRun =
  | (ItemBase & { kind: 'chart'; chartId: string; chart: Extract<ChartRun, { status: 'ok' }> })
  | (ItemBase & { kind: 'view-chart'; viewId: string; chartId: string; option: ChartOption; data: ExportTable | null; tableId: string | null; size: { width: number; height: number } })
  | (ItemBase & { kind: 'view-table'; viewId: string; tableId: string; table: ResultTable; data: ExportTable })
  | (ItemBase & { kind: 'text'; text: string })
  | (ItemBase & { kind: 'error'; ref: { chart: string } | { view: string }; message: string });

export interface WorkbookRun {
  derived: DerivedRun[];
  charts: ChartRun[];
  views: ViewRun[];
  /** The report, in order. */
  items: ItemRun[];
  /** Every failure, one line each (derived tables, charts, views, report items). */
  errors: string[];
}

function errorMessage(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0]!;
}

/** A view's result table as an export table (CSV/XLSX). */
export function resultTableExport(table: ResultTable): ExportTable {
  return { columns: table.columns.map((c) => ({ key: c.key, label: c.label })), rows: table.rows };
}

function chartTitle(chart: WorkbookChart): string {
  return chart.title ?? chart.spec.format.title ?? chart.id;
}

class Run {
  private readonly columns = new Map<string, TableColumn[] | null>();
  private readonly failedDerived = new Map<string, string>();
  private done = 0;

  constructor(
    private readonly db: WorkbookRunner,
    private readonly wb: Workbook,
    private readonly opts: RunWorkbookOptions & { signal: AbortSignal },
    private readonly total: number,
  ) {}

  progress(message: string): void {
    this.done++;
    this.opts.onProgress?.({ done: this.done, total: this.total, message });
  }

  /** A table's columns, or an error message saying why it cannot be read. */
  async columnsOf(table: string): Promise<TableColumn[] | string> {
    const failed = this.failedDerived.get(table.toLowerCase());
    if (failed !== undefined) return `it reads derived table "${table}", which failed: ${failed}`;
    if (!this.columns.has(table)) {
      try {
        const [info] = await describeTables(this.db, [table]);
        this.columns.set(table, info?.columns ?? null);
      } catch (error) {
        if (isAbortError(error)) throw error;
        this.columns.set(table, null);
      }
    }
    return this.columns.get(table) ?? `table "${table}" is not loaded`;
  }

  async derived(): Promise<DerivedRun[]> {
    const out: DerivedRun[] = [];
    for (const d of this.wb.derived) {
      throwIfAborted(this.opts.signal);
      try {
        await createTableFromUserSql(this.db, d.table, d.sql, { signal: this.opts.signal });
        const count = tableToJsonRows(await this.db.query(`SELECT count(*) AS n FROM ${quoteIdent(d.table)}`, { signal: this.opts.signal }))[0]?.n;
        this.columns.delete(d.table);
        out.push({ table: d.table, status: 'ok', rows: Number(count ?? 0) });
      } catch (error) {
        if (isAbortError(error)) throw error;
        const message = errorMessage(error);
        this.failedDerived.set(d.table.toLowerCase(), message);
        out.push({ table: d.table, status: 'error', message: `Derived table "${d.table}" failed: ${message}` });
      }
      this.progress(`Created ${d.table}`);
    }
    return out;
  }

  async chart(chart: WorkbookChart): Promise<ChartRun> {
    const title = chartTitle(chart);
    const fail = (message: string): ChartRun => ({ id: chart.id, title, status: 'error', message: `Chart "${title}" (${chart.id}): ${message}` });
    const spec = chart.spec;
    const table = spec.source.table;
    try {
      const columns = await this.columnsOf(table);
      if (typeof columns === 'string') return fail(columns);
      const problems = chartSpecFieldProblems(spec, table, columns);
      if (problems.length > 0) return fail(problems.join('; '));
      const sql = compileChartSql(spec);
      const rows = tableToJsonRows(await this.db.query(sql, { signal: this.opts.signal }));
      const option = buildChartOption(spec, rows);
      return { id: chart.id, title, status: 'ok', spec, sql, rows, option, data: chartExportTable(spec, rows), size: { width: spec.format.width, height: spec.format.height } };
    } catch (error) {
      if (isAbortError(error)) throw error;
      return fail(errorMessage(error));
    } finally {
      this.progress(`Computed ${title}`);
    }
  }

  async view(view: WorkbookView): Promise<ViewRun> {
    let title = view.title ?? view.id;
    const fail = (message: string): ViewRun => ({ id: view.id, title, status: 'error', message: `View "${title}" (${view.id}): ${message}` });
    try {
      const template = (this.opts.templates ?? VIEW_TEMPLATES).find((t) => t.id === view.spec.template);
      if (!template) return fail(`there is no view template "${view.spec.template}" (templates: ${(this.opts.templates ?? VIEW_TEMPLATES).map((t) => t.id).join(', ')})`);
      title = view.title ?? template.title;
      const info = [];
      for (const table of view.spec.tables) {
        const columns = await this.columnsOf(table);
        if (typeof columns === 'string') return fail(columns);
        info.push({ table, columns });
      }
      const problems = mappingProblems(template.roles, info, view.spec.mapping);
      if (problems.length > 0) return fail(problems.join(' '));
      const result = await template.run(this.db, { template: view.spec.template, tables: view.spec.tables, mapping: view.spec.mapping, params: view.spec.params }, { signal: this.opts.signal });
      if (view.title === undefined) title = result.title;
      return { id: view.id, title, status: 'ok', result };
    } catch (error) {
      if (isAbortError(error)) throw error;
      return fail(errorMessage(error));
    } finally {
      this.progress(`Computed ${title}`);
    }
  }

  item(item: ReportItem, charts: Map<string, ChartRun>, views: Map<string, ViewRun>): ItemRun {
    const base = { id: item.id, width: itemWidth(item, this.wb.report), commentary: item.kind === 'text' ? null : (item.commentary ?? null) };
    switch (item.kind) {
      case 'text':
        return { ...base, kind: 'text', title: item.title ?? '', text: item.text };
      case 'chart': {
        const run = charts.get(item.chart);
        const title = item.title ?? run?.title ?? item.chart;
        if (!run) return { ...base, kind: 'error', title, ref: { chart: item.chart }, message: `Report item ${item.id}: no chart "${item.chart}"` };
        if (run.status === 'error') return { ...base, kind: 'error', title, ref: { chart: item.chart }, message: run.message };
        return { ...base, kind: 'chart', title, chartId: item.chart, chart: run };
      }
      case 'view': {
        const run = views.get(item.view);
        const ref = { view: item.view };
        const fallbackTitle = item.title ?? run?.title ?? item.view;
        if (!run) return { ...base, kind: 'error', title: fallbackTitle, ref, message: `Report item ${item.id}: no view "${item.view}"` };
        if (run.status === 'error') return { ...base, kind: 'error', title: fallbackTitle, ref, message: run.message };
        const result = run.result;
        if (item.table !== undefined) {
          const table = result.tables.find((t) => t.id === item.table);
          if (!table) return { ...base, kind: 'error', title: fallbackTitle, ref, message: `Report item ${item.id}: view "${run.title}" has no table "${item.table}" (tables: ${result.tables.map((t) => t.id).join(', ')})` };
          return { ...base, kind: 'view-table', title: item.title ?? table.title, viewId: item.view, tableId: table.id, table, data: resultTableExport(table) };
        }
        const chart: ResultChart | undefined = item.chart === undefined ? result.charts[0] : result.charts.find((c) => c.id === item.chart);
        if (!chart) {
          const which = item.chart === undefined ? 'no charts' : `no chart "${item.chart}" (charts: ${result.charts.map((c) => c.id).join(', ') || 'none'})`;
          return { ...base, kind: 'error', title: fallbackTitle, ref, message: `Report item ${item.id}: view "${run.title}" has ${which}` };
        }
        const table = result.tables.find((t) => t.id === chart.tableId) ?? null;
        return {
          ...base,
          kind: 'view-chart',
          title: item.title ?? chart.title,
          viewId: item.view,
          chartId: chart.id,
          option: chart.option as ChartOption,
          data: table ? resultTableExport(table) : null,
          tableId: table?.id ?? null,
          size: { ...VIEW_CHART_SIZE },
        };
      }
    }
  }
}

/** Compute every derived table, chart and view of a workbook, and its report in order. */
export async function runWorkbook(db: WorkbookRunner, workbook: Workbook, opts: RunWorkbookOptions = {}): Promise<WorkbookRun> {
  const signal = opts.signal ?? new AbortController().signal;
  throwIfAborted(signal);
  const run = new Run(db, workbook, { ...opts, signal }, workbook.derived.length + workbook.charts.length + workbook.views.length);
  const derived = await run.derived();
  const charts: ChartRun[] = [];
  for (const chart of workbook.charts) {
    throwIfAborted(signal);
    charts.push(await run.chart(chart));
  }
  const views: ViewRun[] = [];
  for (const view of workbook.views) {
    throwIfAborted(signal);
    views.push(await run.view(view));
  }
  const chartMap = new Map(charts.map((c) => [c.id, c]));
  const viewMap = new Map(views.map((v) => [v.id, v]));
  const items = workbook.report.items.map((item) => run.item(item, chartMap, viewMap));
  const errors = [
    ...derived.flatMap((d) => (d.status === 'error' ? [d.message] : [])),
    ...charts.flatMap((c) => (c.status === 'error' ? [c.message] : [])),
    ...views.flatMap((v) => (v.status === 'error' ? [v.message] : [])),
    ...items.flatMap((i) => (i.kind === 'error' && !errorsFromRuns(i.message, charts, views) ? [i.message] : [])),
  ];
  return { derived, charts, views, items, errors };
}

function errorsFromRuns(message: string, charts: ChartRun[], views: ViewRun[]): boolean {
  return charts.some((c) => c.status === 'error' && c.message === message) || views.some((v) => v.status === 'error' && v.message === message);
}
