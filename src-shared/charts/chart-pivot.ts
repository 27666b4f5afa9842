import type { ExpressionField } from '../expressions/compile';
import type { ExportTable } from '../export/data-table';
import { formatNumber, type NumberFormat } from '../format/number-format';
import { buildPivot, pivotExportTable, pivotQuerySql, type PivotNumber, type PivotResult, type PivotRow, type PivotShape } from '../pivot/pivot';
import { quoteIdent } from '../sql/identifiers';
import { measureSql } from './aggregate-sql';
import type { ChartRow } from './chart-data';
import { dimensionLabel, measureFormat, measureKey, measureLabel } from './chart-fields';
import type { ChartSpec, Dimension, PivotSettings, RowFilter } from './chart-spec';
import { rowFilterSql } from './filter-sql';
import { NHS_COLOURS } from './palette';

/**
 * The chart builder's pivot table (`type: "pivot"`): x and `pivot.rows` are the
 * row fields, the colour split the column field, the measures the values. One
 * GROUPING SETS query (src-shared/pivot) gives cells, subtotals and totals
 * computed from the rows; this module turns its result into what the app,
 * the SVG renderer, exports and board packs show.
 */

export const PIVOT_DEFAULTS: PivotSettings = { rows: [], subtotals: true, totals: true, colour: 'none' };

const settingsOf = (spec: ChartSpec): PivotSettings => spec.pivot ?? PIVOT_DEFAULTS;

function rowDimensions(spec: ChartSpec): Dimension[] {
  return [...(spec.x ? [spec.x] : []), ...settingsOf(spec).rows];
}

/** The pivot's fields and value names. */
export function chartPivotShape(spec: ChartSpec): PivotShape {
  return {
    rows: rowDimensions(spec).map((d) => ({ field: d.field, grain: d.grain, valueLabels: d.valueLabels })),
    column: spec.series ? { field: spec.series.field, grain: spec.series.grain, valueLabels: spec.series.valueLabels } : undefined,
    values: spec.y.map((m) => ({ label: measureLabel({ ...m, id: measureKey(m) }), key: measureKey(m) })),
  };
}

/** The pivot's one query: the spec's row filters, its measures (aggregates or calculated) as values. */
export function compileChartPivotSql(spec: ChartSpec, opts: { table?: string; columns?: readonly ExpressionField[] } = {}): string {
  const shape = chartPivotShape(spec);
  const where = spec.filters
    .filter((f): f is RowFilter => f.kind !== 'top')
    .map(rowFilterSql)
    .filter((c): c is string => c !== null);
  return pivotQuerySql({
    from: quoteIdent(opts.table ?? spec.source.table),
    where,
    rows: shape.rows,
    ...(shape.column ? { column: shape.column } : {}),
    valueSql: spec.y.map((m) => measureSql(spec, m, opts.columns)),
    valueKeys: spec.y.map(measureKey),
    subtotals: settingsOf(spec).subtotals,
  });
}

const valueOf = (cell: PivotRow['total'], vi: number): PivotNumber => (Array.isArray(cell) ? (cell[vi] ?? null) : cell);
const numberOf = (v: PivotNumber): number | null => (typeof v === 'number' ? v : null);

/**
 * Sibling groups by the chosen measure's total (largest or smallest first), each
 * group's rows and subtotal kept together; without subtotals the leading levels
 * keep their key order.
 */
function sortByValue(result: PivotResult, vi: number, direction: 'asc' | 'desc'): PivotRow[] {
  const depthOf = (r: PivotRow) => r.keys.filter((k) => k !== null).length;
  const levels = result.rowFields.length;
  const totalOf = new Map<string, number | null>();
  for (const r of result.rows) totalOf.set(JSON.stringify(r.keys.slice(0, depthOf(r))), numberOf(valueOf(r.total, vi)));
  const groupTotal = (r: PivotRow, level: number): number | null => totalOf.get(JSON.stringify(r.keys.slice(0, level + 1))) ?? null;
  const sign = direction === 'desc' ? -1 : 1;
  const position = new Map(result.rows.map((r, i) => [r, i]));
  return [...result.rows].sort((a, b) => {
    for (let level = 0; level < levels; level++) {
      const ka = a.keys[level] ?? null;
      const kb = b.keys[level] ?? null;
      if (ka === kb) continue;
      if (ka === null) return 1;
      if (kb === null) return -1;
      const ta = groupTotal(a, level);
      const tb = groupTotal(b, level);
      if (ta !== tb && ta !== null && tb !== null) return sign * (ta - tb);
      if (ta === null && tb !== null) return 1;
      if (tb === null && ta !== null) return -1;
      return position.get(a)! - position.get(b)!;
    }
    return 0;
  });
}

/** The query's rows as a pivot, rows sorted as the spec says (key order, or by a measure's totals). */
export function chartPivotResult(spec: ChartSpec, rows: readonly ChartRow[]): PivotResult {
  const result = buildPivot(chartPivotShape(spec), rows);
  if (spec.sort.by === 'value') {
    const vi =
      spec.sort.measure === undefined
        ? 0
        : Math.max(
            0,
            spec.y.findIndex((m) => measureKey(m) === spec.sort.measure),
          );
    return { ...result, rows: sortByValue(result, vi, spec.sort.direction) };
  }
  if (spec.sort.direction === 'desc') return { ...result, rows: reverseGroups(result.rows) };
  return result;
}

/** Key order reversed at every level, each subtotal still after its rows. */
function reverseGroups(rows: readonly PivotRow[]): PivotRow[] {
  const position = new Map(rows.map((r, i) => [r, i]));
  return [...rows].sort((a, b) => {
    for (let level = 0; level < a.keys.length; level++) {
      const ka = a.keys[level] ?? null;
      const kb = b.keys[level] ?? null;
      if (ka === kb) continue;
      if (ka === null) return 1;
      if (kb === null) return -1;
      return position.get(b)! - position.get(a)!;
    }
    return 0;
  });
}

export interface PivotDisplayColumn {
  label: string;
  kind: 'row' | 'value';
  /** For value columns: whether it is a total column. */
  total?: boolean;
}

export interface PivotDisplayRow {
  kind: 'row' | 'subtotal' | 'total';
  cells: string[];
  /** Raw numbers of the value cells (null for the row-field cells and blanks; `*` where suppressed). */
  values: PivotNumber[];
  /** Background per cell (conditional colouring), or null. */
  fills: (string | null)[];
}

export interface PivotDisplay {
  columns: PivotDisplayColumn[];
  rows: PivotDisplayRow[];
}

/** Mix white with NHS light blue: `share` 0 → white, 1 → 60% light blue (dark text stays readable on every shade). */
export function scaleFill(share: number): string {
  const t = Math.min(1, Math.max(0, share)) * 0.6;
  const [r, g, b] = [0x41, 0xb6, 0xe6];
  const mix = (c: number) => Math.round(255 + (c - 255) * t);
  return `#${[mix(r), mix(g), mix(b)].map((c) => c.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/**
 * What a pivot reads as: headings (row fields, then column key × value, then
 * Total), body rows with subtotals and the grand total row, numbers in each
 * measure's format, and cell shading when `colour` is `scale` (each value's
 * body cells from its own smallest to largest; totals unshaded).
 */
export function chartPivotDisplay(spec: ChartSpec, rows: readonly ChartRow[]): PivotDisplay {
  const settings = settingsOf(spec);
  const p = chartPivotResult(spec, rows);
  const several = spec.y.length > 1;
  const numbersOf = (vi: number): number[] =>
    [...p.rows.flatMap((r) => [...r.cells, r.total]), ...p.columnTotals, p.grandTotal]
      .map((cell) => valueOf(cell, vi))
      .filter((v): v is number => typeof v === 'number');
  // A measure with no format of its own reads as whole numbers when every figure is one (sums of counts), else as the measure says.
  const formats: { format: NumberFormat; decimals?: number }[] = spec.y.map((m, vi) => ({
    format: m.format === undefined && m.decimals === undefined && numbersOf(vi).every(Number.isInteger) ? 'integer' : measureFormat(m),
    ...(m.decimals === undefined ? {} : { decimals: m.decimals }),
  }));
  const keyColumns = [
    ...p.columnKeys.map((k) => ({ key: k, total: false })),
    ...(settings.totals || p.columnKeys.length === 0 ? [{ key: 'Total', total: true }] : []),
  ];
  const valueColumns = keyColumns.flatMap((c, ci) =>
    p.values.map((v, vi) => ({
      label: several ? (p.columnKeys.length === 0 ? v : `${c.key} · ${v}`) : p.columnKeys.length === 0 ? v : c.key,
      total: c.total,
      ci,
      vi,
    })),
  );
  const dims = rowDimensions(spec);
  const columns: PivotDisplayColumn[] = [
    ...dims.map((d) => ({ label: dimensionLabel(d), kind: 'row' as const })),
    ...valueColumns.map((c) => ({ label: c.label, kind: 'value' as const, ...(c.total ? { total: true } : {}) })),
  ];
  const pick = (r: { cells: PivotRow['cells']; total: PivotRow['total'] }, c: (typeof valueColumns)[number]) =>
    valueOf(c.ci < p.columnKeys.length ? r.cells[c.ci]! : r.total, c.vi);

  const bodyRows = p.rows.filter((r) => settings.subtotals || !r.subtotal);
  const ranges = spec.y.map((_, vi) => {
    const vs = bodyRows
      .filter((r) => !r.subtotal)
      .flatMap((r) => valueColumns.filter((c) => c.vi === vi && !c.total).map((c) => pick(r, c)))
      .filter((v): v is number => typeof v === 'number');
    return { min: Math.min(...vs), max: Math.max(...vs) };
  });
  const fill = (v: PivotNumber, c: (typeof valueColumns)[number], kind: PivotDisplayRow['kind']): string | null => {
    if (settings.colour !== 'scale' || kind !== 'row' || c.total || typeof v !== 'number') return null;
    const { min, max } = ranges[c.vi]!;
    return scaleFill(max > min ? (v - min) / (max - min) : 0);
  };
  const line = (keys: (string | null)[], r: { cells: PivotRow['cells']; total: PivotRow['total'] }, kind: PivotDisplayRow['kind']): PivotDisplayRow => {
    const depth = keys.filter((k) => k !== null).length;
    const keyCells = dims.map((_, i) => {
      if (kind === 'total') return i === 0 ? 'Total' : '';
      if (kind === 'subtotal' && i === depth - 1) return `${keys[i]} total`;
      return keys[i] ?? '';
    });
    const values = valueColumns.map((c) => pick(r, c));
    return {
      kind,
      cells: [
        ...keyCells,
        ...values.map((v, i) =>
          typeof v === 'number' || v === null ? formatNumber(v, formats[valueColumns[i]!.vi]!.format, formats[valueColumns[i]!.vi]) : v,
        ),
      ],
      values: [...dims.map(() => null), ...values],
      fills: [...dims.map(() => null), ...values.map((v, i) => fill(v, valueColumns[i]!, kind))],
    };
  };
  const out = bodyRows.map((r) => line(r.keys, r, r.subtotal ? 'subtotal' : 'row'));
  if (settings.totals && dims.length > 0) out.push(line([], { cells: p.columnTotals, total: p.grandTotal }, 'total'));
  return { columns, rows: out };
}

/** The pivot as a flat table for CSV, Excel and pasting (real numbers; subtotal and total rows named). */
export function chartPivotExportTable(spec: ChartSpec, rows: readonly ChartRow[]): ExportTable {
  const table = pivotExportTable(chartPivotResult(spec, rows));
  const labels = rowDimensions(spec).map(dimensionLabel);
  return { ...table, columns: table.columns.map((c, i) => (i < labels.length ? { ...c, label: labels[i]! } : c)) };
}

export const PIVOT_TOTAL_FILL = NHS_COLOURS.paleGrey;
