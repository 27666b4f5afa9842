import type { ResultChart, ResultTable, ViewResult } from '../analysis/view-types';
import { buildChartOption } from '../charts/build-chart-option';
import { chartExportTable } from '../charts/chart-export';
import type { ChartSpec } from '../charts/chart-spec';
import type { ChartOption } from '../charts/option-json';
import type { ExportTable } from '../export/data-table';
import type { JsonValue } from '../format/plain-json';
import { itemWidth, type ReportItem, type Workbook } from './workbook-schema';

/**
 * A computed workbook laid out as its report, for writing (the CLI's
 * `render`, the HTML report, exports). Pure assembly: the charts and views
 * were computed by the session (the same code the app shows them with); this
 * turns their results into export-ready items in report order, keeping every
 * failure to the item it affects.
 */

export type JsonRow = Record<string, JsonValue>;

/** Size view charts are drawn at (a 16:9 slide). */
export const VIEW_CHART_SIZE = { width: 960, height: 540 } as const;

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
      /** Result keys of the measures that are counts (disclosure control acts on these). */
      countKeys: string[];
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
  | (ItemBase & {
      kind: 'view-chart';
      viewId: string;
      chartId: string;
      option: ChartOption;
      data: ExportTable | null;
      tableId: string | null;
      size: { width: number; height: number };
    })
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

/** A view's result table as an export table (CSV/XLSX). */
export function resultTableExport(table: ResultTable): ExportTable {
  return { columns: table.columns.map((c) => ({ key: c.key, label: c.label })), rows: table.rows, ...(table.notes?.length ? { notes: table.notes } : {}) };
}

/** A chart computed from its spec and query rows: its option and export data, ready to write. */
export function chartRunOf(
  id: string,
  title: string,
  spec: ChartSpec,
  sql: string,
  rows: JsonRow[],
  countKeys: readonly string[] = [],
): Extract<ChartRun, { status: 'ok' }> {
  return {
    id,
    title,
    status: 'ok',
    spec,
    sql,
    rows,
    option: buildChartOption(spec, rows),
    data: chartExportTable(spec, rows),
    size: { width: spec.format.width, height: spec.format.height },
    countKeys: [...countKeys],
  };
}

/** A failed chart, its message naming it. */
export function chartFailure(id: string, title: string, message: string): ChartRun {
  return { id, title, status: 'error', message: `Chart "${title}" (${id}): ${message}` };
}

/** A failed view, its message naming it. */
export function viewFailure(id: string, title: string, message: string): ViewRun {
  return { id, title, status: 'error', message: `View "${title}" (${id}): ${message}` };
}

/** The report's items in order, each with what it shows, or why it cannot. */
export function reportItems(wb: Pick<Workbook, 'report'>, charts: readonly ChartRun[], views: readonly ViewRun[]): ItemRun[] {
  const chartMap = new Map(charts.map((c) => [c.id, c]));
  const viewMap = new Map(views.map((v) => [v.id, v]));
  return wb.report.items.map((item) => reportItem(item, wb.report, chartMap, viewMap));
}

function reportItem(item: ReportItem, report: Workbook['report'], charts: Map<string, ChartRun>, views: Map<string, ViewRun>): ItemRun {
  const base = { id: item.id, width: itemWidth(item, report), commentary: item.kind === 'text' ? null : (item.commentary ?? null) };
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
        if (!table)
          return {
            ...base,
            kind: 'error',
            title: fallbackTitle,
            ref,
            message: `Report item ${item.id}: view "${run.title}" has no table "${item.table}" (tables: ${result.tables.map((t) => t.id).join(', ')})`,
          };
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

/** Every failure, one line each: derived tables, charts, views, then report items not already listed. */
export function runErrors(derived: readonly DerivedRun[], charts: readonly ChartRun[], views: readonly ViewRun[], items: readonly ItemRun[]): string[] {
  const fromRuns = new Set([...charts, ...views].flatMap((r) => (r.status === 'error' ? [r.message] : [])));
  return [
    ...derived.flatMap((d) => (d.status === 'error' ? [d.message] : [])),
    ...fromRuns,
    ...items.flatMap((i) => (i.kind === 'error' && !fromRuns.has(i.message) ? [i.message] : [])),
  ];
}
