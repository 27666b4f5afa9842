import { chartPivotDisplay } from '../../charts/chart-pivot';
import { monthText } from '../../charts/time-grain';
import type { ResultColumn } from '../../analysis/view-types';
import type { ChartOption, JsonObject } from '../../charts/option-json';
import { staticChartOption } from '../../charts/static-option';
import { formatNumber, NUMBER_FORMATS, type NumberFormat } from '../../format/number-format';
import type { JsonValue } from '../../format/plain-json';
import type { ItemRun, WorkbookRun } from '../../workbook/report-run';
import type { Workbook } from '../../workbook/workbook-schema';
import type { ExportTable } from '../data-table';
import { nativeChartOf, type NativeChart } from './native-chart';

/**
 * A board pack: a computed workbook's report laid out page by page, the one
 * model every pack format (PowerPoint, PDF, single-file HTML) writes, so they
 * show the same pages in the same order with the same furniture. Pure: the
 * run has already had disclosure control applied (discloseRun) when the
 * person asked for it; this only arranges it.
 */

export interface PackOptions {
  generated: Date;
  /** File the pack was made from, for the footer. */
  sourceName?: string;
  /** The disclosure rule's note, when one was applied (a line on every page). */
  disclosureNote?: string | null;
}

export interface PackChart {
  /** The option to draw, made safe for static output (plain, wrapped legends). */
  option: ChartOption;
  size: { width: number; height: number };
  /** The chart as an editable office chart, or null when it goes in as a picture. */
  native: NativeChart | null;
  /** The title the chart draws itself (so a page does not repeat it as a heading). */
  ownTitle: string | null;
}

export interface PackTableColumn {
  label: string;
  numeric: boolean;
}

interface PageBase {
  /** Report item id. */
  id: string;
  title: string;
  commentary: string | null;
}

export type PackPage =
  | (PageBase & { kind: 'chart'; chart: PackChart; subtitle: string | null; sourceNote: string | null; footnote: string | null; data: ExportTable | null })
  | (PageBase & { kind: 'table'; columns: PackTableColumn[]; rows: string[][] })
  | (PageBase & { kind: 'text'; text: string })
  | (PageBase & { kind: 'error'; message: string });

export interface BoardPack {
  title: string;
  organisation: string | null;
  description: string | null;
  /** `1 December 2026`. */
  dateText: string;
  marking: string | null;
  /** Lines for every page's foot: the disclosure note when applied. */
  notes: string[];
  /** `<title> · <date> · <marking>`, the footer of every page and slide. */
  footer: string;
  pages: PackPage[];
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function longDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The text of the chart's own first title, if it draws one. */
export function ownTitle(option: ChartOption): string | null {
  const titles = Array.isArray(option.title) ? option.title : [option.title];
  const first = titles.find((t) => isObject(t) && (t.id === undefined || t.id === 'title'));
  return isObject(first) && typeof first.text === 'string' && first.text.trim() !== '' ? first.text : null;
}

function isNumberFormat(format: string | undefined): format is NumberFormat {
  return format !== undefined && (NUMBER_FORMATS as readonly string[]).includes(format);
}

/** A table cell as the page shows it: numbers in the column's format, `*` as it is. */
export function cellText(value: unknown, format: ResultColumn['format']): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, isNumberFormat(format) ? format : 'number');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return format === 'month' ? monthText(String(value)) : String(value);
}

function chartOf(option: ChartOption, size: { width: number; height: number }): PackChart {
  return { option: staticChartOption(option, size.width), size, native: nativeChartOf(option), ownTitle: ownTitle(option) };
}

function page(item: ItemRun): PackPage {
  const base = { id: item.id, title: item.title, commentary: item.commentary };
  switch (item.kind) {
    case 'chart': {
      const f = item.chart.spec.format;
      // A pivot table goes in as a table (native in PowerPoint, split across slides when long), not a picture of one.
      if (item.chart.spec.type === 'pivot') {
        const pivot = chartPivotDisplay(item.chart.spec, item.chart.rows);
        return {
          ...base,
          kind: 'table',
          columns: pivot.columns.map((c) => ({ label: c.label, numeric: c.kind === 'value' })),
          rows: pivot.rows.map((r) => r.cells),
        };
      }
      return {
        ...base,
        kind: 'chart',
        chart: chartOf(item.chart.option, item.chart.size),
        subtitle: f.subtitle ?? null,
        sourceNote: f.sourceNote ?? null,
        footnote: f.footnote ?? null,
        data: item.chart.data,
      };
    }
    case 'view-chart':
      return { ...base, kind: 'chart', chart: chartOf(item.option, item.size), subtitle: null, sourceNote: null, footnote: null, data: item.data };
    case 'view-table':
      return {
        ...base,
        kind: 'table',
        columns: item.table.columns.map((c) => ({ label: c.label, numeric: isNumberFormat(c.format) })),
        rows: item.table.rows.map((r) => item.table.columns.map((c) => cellText(r[c.key], c.format))),
      };
    case 'text':
      return { ...base, kind: 'text', text: item.text };
    case 'error':
      return { ...base, kind: 'error', message: item.message };
  }
}

export function buildBoardPack(workbook: Pick<Workbook, 'title' | 'description' | 'report'>, run: WorkbookRun, opts: PackOptions): BoardPack {
  const dateText = longDate(opts.generated);
  const marking = workbook.report.marking?.trim() || null;
  const organisation = workbook.report.organisation?.trim() || null;
  const footer = [workbook.title, dateText, marking].filter((t): t is string => t !== null && t !== '').join(' · ');
  return {
    title: workbook.title,
    organisation,
    description: workbook.description?.trim() || null,
    dateText,
    marking,
    notes: opts.disclosureNote ? [opts.disclosureNote] : [],
    footer,
    pages: run.items.map(page),
  };
}

/** Rows of a long table split into pages of at most `perPage` rows. */
export function tableChunks<T>(rows: readonly T[], perPage: number): T[][] {
  if (rows.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += perPage) out.push(rows.slice(i, i + perPage));
  return out;
}
