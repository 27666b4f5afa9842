import type { ResultTable, ViewResult } from '../analysis/view-types';
import { buildChartOption } from '../charts/build-chart-option';
import { chartExportTable } from '../charts/chart-export';
import { discloseChartRows, plottableRows } from '../charts/chart-disclosure';
import type { ChartOption, JsonObject } from '../charts/option-json';
import { discloseCount, discloseTable, disclosureNote, SUPPRESSED, type DisclosureRule } from '../export/disclosure';
import type { JsonValue } from '../format/plain-json';
import { reportItems, runErrors, type ChartRun, type ViewRun, type WorkbookRun } from './report-run';
import type { Workbook } from './workbook-schema';

/**
 * A computed workbook with disclosure control applied, for export: every
 * chart's count measures and every view's count columns and count charts are
 * replaced by their published figures, the drawn charts rebuilt from them
 * (so labels, tooltips and 100% shares come from rounded figures) with the
 * rule's note under each, and the report items re-made from the result. The
 * run the app shows is not changed: this returns a new one. With the rule
 * `none` the run is returned as it is.
 */
export function discloseRun(workbook: Pick<Workbook, 'report'>, run: WorkbookRun, rule: DisclosureRule): WorkbookRun {
  const note = disclosureNote(rule);
  if (note === null) return run;
  const charts = run.charts.map((c) => discloseChart(c, rule, note));
  const views = run.views.map((v): ViewRun => (v.status === 'ok' ? { ...v, result: discloseView(v.result, rule, note) } : v));
  const items = reportItems(workbook, charts, views);
  return { derived: run.derived, charts, views, items, errors: runErrors(run.derived, charts, views, items) };
}

function discloseChart(run: ChartRun, rule: DisclosureRule, note: string): ChartRun {
  if (run.status !== 'ok') return run;
  const keys = new Set(run.countKeys);
  const rows = discloseChartRows(run.rows, keys, rule);
  const footnote = [run.spec.format.footnote, note].filter((t) => t !== undefined && t !== '').join('\n');
  const drawn = { ...run.spec, format: { ...run.spec.format, footnote } };
  return {
    ...run,
    rows,
    option: buildChartOption(drawn, plottableRows(rows, keys)),
    data: { ...chartExportTable(run.spec, rows), notes: [note] },
  };
}

function discloseView(result: ViewResult, rule: DisclosureRule, note: string): ViewResult {
  const tables = result.tables.map((t) => discloseResultTable(t, rule, note));
  const charts = result.charts.map((c) =>
    c.countSeries?.length ? { ...c, option: discloseOptionValues(c.option as ChartOption, new Set(c.countSeries), rule, note) } : c,
  );
  // The note goes only where something was controlled: a view with no counts (an SPC chart of rates) says nothing.
  const controlled = result.tables.some((t) => t.columns.some((c) => c.count)) || result.charts.some((c) => c.countSeries?.length);
  return { ...result, tables, charts, warnings: controlled ? [...result.warnings, note] : result.warnings };
}

function discloseResultTable(table: ResultTable, rule: DisclosureRule, note: string): ResultTable {
  if (!table.columns.some((c) => c.count)) return table;
  const counts = new Set(table.columns.filter((c) => c.count && !c.differenceOf).map((c) => c.key));
  const derivedFrom = new Map(table.columns.flatMap((c) => (c.derivedFrom ? [[c.key, c.derivedFrom] as const] : [])));
  const differenceOf = new Map(table.columns.flatMap((c) => (c.differenceOf ? [[c.key, c.differenceOf] as const] : [])));
  const disclosed = discloseTable({ columns: table.columns, rows: table.rows }, counts, rule, { derivedFrom, differenceOf });
  return { ...table, rows: disclosed.rows as Record<string, JsonValue>[], notes: [...(table.notes ?? []), note] };
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A plotted count disclosed; a suppressed one becomes a gap. */
function plotted(value: JsonValue, rule: DisclosureRule): JsonValue {
  if (typeof value === 'number') {
    const d = discloseCount(value, rule);
    return d === SUPPRESSED ? null : d;
  }
  if (isObject(value) && typeof value.value === 'number') return { ...value, value: plotted(value.value, rule) };
  return value;
}

/**
 * A view chart with the values of its count series (by name) disclosed and
 * the rule's note written under it.
 */
export function discloseOptionValues(option: ChartOption, countSeries: ReadonlySet<string>, rule: DisclosureRule, note: string): ChartOption {
  const series = Array.isArray(option.series) ? option.series : [];
  const out: ChartOption = {
    ...option,
    series: series.map((s) =>
      isObject(s) && typeof s.name === 'string' && countSeries.has(s.name) && Array.isArray(s.data) ? { ...s, data: s.data.map((v) => plotted(v, rule)) } : s,
    ),
  };
  const graphic = Array.isArray(option.graphic) ? option.graphic : isObject(option.graphic) ? [option.graphic] : [];
  // Top right, wrapped, clear of the title (top left) and the legend (bottom).
  out.graphic = [
    ...graphic,
    {
      type: 'text',
      id: 'disclosure-note',
      right: 8,
      top: 4,
      style: { text: note, fontSize: 9, fill: '#425563', width: 380, overflow: 'break', align: 'right' },
    },
  ];
  return out;
}
