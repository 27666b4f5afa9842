import type { NumberFormat } from '../format/number-format';
import { safeIdentifier } from '../sql/identifiers';
import type { ChartSpec, Dimension, Measure } from './chart-spec';
import { GRAIN_TITLES, type TimeGrain } from './time-grain';

/**
 * Names of a chart's result columns and how they read. The compiled query
 * returns x, then the colour split, then one column per measure, under these
 * keys; the option builder, tables and exports look values up by them.
 */

/** `activity` for a plain column or a month grain; `month_financial_year` for `month` at the financial-year grain. */
export function dimensionKey(dim: Pick<Dimension, 'field' | 'grain'>): string {
  return dim.grain === 'none' || dim.grain === 'month' ? dim.field : `${dim.field}_${dim.grain}`;
}

/** Heading for a dimension: its label, else the grain's name (`Financial year`), else the field. */
export function dimensionLabel(dim: Pick<Dimension, 'field' | 'grain' | 'label'>): string {
  return dim.label ?? (GRAIN_TITLES[dim.grain] || dim.field);
}

/** `sum_activity`, `count`, `mean_staff_in_post_wte`, or the measure's own id. */
export function measureKey(m: Pick<Measure, 'id' | 'field' | 'aggregate'>): string {
  const aggregate = m.aggregate ?? 'calculated';
  return m.id ?? safeIdentifier(m.field === undefined ? aggregate : `${aggregate}_${m.field}`);
}

const AGGREGATE_WORDS: Record<NonNullable<Measure['aggregate']>, string> = {
  sum: 'Total',
  mean: 'Mean',
  count: 'Count of',
  count_distinct: 'Distinct',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
};

/** The measure's label, else `Total activity`, `Mean cost_gbp`, `Count`, `Distinct provider_code`; a calculated measure's id. */
export function measureLabel(m: Pick<Measure, 'label' | 'field' | 'aggregate'> & { id?: string }): string {
  if (m.label !== undefined) return m.label;
  if (m.aggregate === undefined) return m.id ?? 'Calculated';
  if (m.field === undefined) return 'Count';
  return `${AGGREGATE_WORDS[m.aggregate]} ${m.field}`;
}

/** The measure's number format; counts default to whole numbers. */
export function measureFormat(m: Pick<Measure, 'format' | 'aggregate'>): NumberFormat {
  return m.format ?? (m.aggregate === 'count' || m.aggregate === 'count_distinct' ? 'integer' : 'number');
}

export interface ChartColumn {
  key: string;
  label: string;
  role: 'x' | 'series' | 'measure';
  /** For x and series. */
  grain?: TimeGrain;
  /** For measures. */
  format?: NumberFormat;
  decimals?: number;
}

/** The result columns of a spec's query, in order. */
export function chartColumns(spec: Pick<ChartSpec, 'x' | 'series' | 'y'>): ChartColumn[] {
  const cols: ChartColumn[] = [];
  if (spec.x) cols.push({ key: dimensionKey(spec.x), label: dimensionLabel(spec.x), role: 'x', grain: spec.x.grain });
  if (spec.series) cols.push({ key: dimensionKey(spec.series), label: dimensionLabel(spec.series), role: 'series', grain: spec.series.grain });
  for (const m of spec.y) {
    const col: ChartColumn = { key: measureKey(m), label: measureLabel(m), role: 'measure', format: measureFormat(m) };
    if (m.decimals !== undefined) col.decimals = m.decimals;
    cols.push(col);
  }
  return cols;
}

/** The measure a sort, top filter or reference line refers to (the first measure when unnamed). */
export function findMeasure(spec: Pick<ChartSpec, 'y'>, key: string | undefined): Measure {
  const found = key === undefined ? spec.y[0] : spec.y.find((m) => measureKey(m) === key);
  if (!found) throw new Error(key === undefined ? 'The chart has no measure' : `"${key}" is not a measure of this chart`);
  return found;
}
