import { formatNumber, type NumberFormat } from '../format/number-format';
import { dimensionKey, dimensionLabel, measureFormat } from './chart-fields';
import { pivotChartRows, type ChartRow } from './chart-data';
import type { ChartSpec } from './chart-spec';
import type { ChartValue } from './time-grain';

export interface ChartTableColumn {
  key: string;
  label: string;
  kind: 'category' | 'measure';
  format?: NumberFormat;
  decimals?: number;
}

export interface ChartTable {
  columns: ChartTableColumn[];
  /** Category keys, one per row (to match highlights and selections). */
  rowKeys: string[];
  /** Raw values: the category value, then one number (or null) per measure column. */
  rows: ChartValue[][];
  /** The same cells as they read: category labels (`Apr 2016`) and formatted numbers (`£1.2m`). */
  text: string[][];
}

/**
 * A chart's data as a table the way people read it: one row per x category
 * and one column per series (measure, or measure × colour-split value), in the
 * chart's order. The `table` chart type draws this; the UI can show it under
 * any chart.
 */
export function buildChartTable(spec: ChartSpec, rows: readonly ChartRow[]): ChartTable {
  const pivot = pivotChartRows(spec, rows);
  const columns: ChartTableColumn[] = [];
  if (spec.x) columns.push({ key: dimensionKey(spec.x), label: dimensionLabel(spec.x), kind: 'category' });
  for (const s of pivot.series) {
    const col: ChartTableColumn = { key: s.id, label: s.name, kind: 'measure', format: measureFormat(s.measure) };
    if (s.measure.decimals !== undefined) col.decimals = s.measure.decimals;
    columns.push(col);
  }
  const rowsOut: ChartValue[][] = [];
  const text: string[][] = [];
  pivot.categories.forEach((c, i) => {
    const raw: ChartValue[] = spec.x ? [c.value] : [];
    const shown: string[] = spec.x ? [c.label] : [];
    for (const s of pivot.series) {
      const v = s.values[i] ?? null;
      raw.push(v);
      shown.push(formatNumber(v, measureFormat(s.measure), s.measure.decimals === undefined ? {} : { decimals: s.measure.decimals }));
    }
    rowsOut.push(raw);
    text.push(shown);
  });
  return { columns, rowKeys: pivot.categories.map((c) => c.key), rows: rowsOut, text };
}
