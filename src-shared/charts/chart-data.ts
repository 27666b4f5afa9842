import { dimensionKey, measureKey, measureLabel } from './chart-fields';
import type { ChartSpec, Dimension, Measure, TopFilter } from './chart-spec';
import { categoryKey, categoryLabel, compareCategories, type ChartValue } from './time-grain';

/** A query result row: engine rows (Dates) or JSON rows (`YYYY-MM-DD` strings) both work. */
export type ChartRow = Readonly<Record<string, unknown>>;

export interface Category {
  /** Stable identity (`2016-04-01` for a month, whether the row held a Date or a string). */
  key: string;
  value: ChartValue;
  /** How it reads on an axis or in a legend (`Apr 2016`). */
  label: string;
}

export interface PivotSeries {
  /** `sum_activity`, or `sum_activity|AE` with a colour split. */
  id: string;
  name: string;
  measure: Measure;
  measureIndex: number;
  measureKey: string;
  /** The colour-split value, when there is a split. */
  group: Category | undefined;
  /** One value per category, null where the result has no row or a blank. */
  values: (number | null)[];
}

export interface ChartPivot {
  /** x categories in the order of the result rows (the query's ORDER BY). */
  categories: Category[];
  /** Colour-split values, ascending (time order for time grains), blanks and "Other" last. */
  groups: Category[];
  /** One per measure × group, measure by measure. */
  series: PivotSeries[];
}

/** A plain value from whatever a result row holds. */
export function toChartValue(value: unknown): ChartValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/** A measure value as a finite number, else null. */
export function toMeasureValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function topFor(spec: ChartSpec, role: 'x' | 'series'): TopFilter | undefined {
  return spec.filters.find((f): f is TopFilter => f.kind === 'top' && f.dimension === role);
}

/** How a dimension's value reads: its value label when it has one, else `Apr 2016`, `2016/17`, `(blank)`. */
export function dimensionValueLabel(dim: Pick<Dimension, 'grain' | 'valueLabels'> | undefined, value: ChartValue): string {
  const own = dim?.valueLabels?.[categoryKey(value)];
  return own ?? categoryLabel(value, dim?.grain ?? 'none');
}

function collect(rows: readonly ChartRow[], key: string | undefined, dim: Dimension | undefined): Category[] {
  if (key === undefined) return [{ key: '', value: null, label: '' }];
  const seen = new Map<string, Category>();
  for (const row of rows) {
    const value = toChartValue(row[key]);
    const k = categoryKey(value);
    if (!seen.has(k)) seen.set(k, { key: k, value, label: dimensionValueLabel(dim, value) });
  }
  return [...seen.values()];
}

/**
 * Reshape result rows into categories × series, the shape every chart type
 * draws from. Categories keep the rows' order (the SQL sorted them); groups
 * are sorted here so a group missing from the first categories still lands in
 * its place.
 */
export function pivotChartRows(spec: ChartSpec, rows: readonly ChartRow[]): ChartPivot {
  const xKey = spec.x ? dimensionKey(spec.x) : undefined;
  const sKey = spec.series ? dimensionKey(spec.series) : undefined;
  const categories = collect(rows, xKey, spec.x);
  let groups: Category[] = [];
  if (spec.series && sKey !== undefined) {
    const grain = spec.series.grain;
    const other = topFor(spec, 'series');
    const otherLabel = other?.other ? other.otherLabel : undefined;
    groups = collect(rows, sKey, spec.series).sort((a, b) => {
      if (otherLabel !== undefined && (a.key === otherLabel) !== (b.key === otherLabel)) return a.key === otherLabel ? 1 : -1;
      return compareCategories(a.value, b.value, grain);
    });
  }
  const categoryIndex = new Map(categories.map((c, i) => [c.key, i]));
  const series: PivotSeries[] = [];
  const byId = new Map<string, PivotSeries>();
  spec.y.forEach((measure, measureIndex) => {
    const mKey = measureKey(measure);
    const label = measureLabel(measure);
    const several = spec.y.length > 1;
    for (const group of sKey === undefined ? [undefined] : groups) {
      const id = group ? `${mKey}|${group.key}` : mKey;
      const name = group ? (several ? `${group.label} – ${label}` : group.label) : label;
      const s: PivotSeries = { id, name, measure, measureIndex, measureKey: mKey, group, values: categories.map(() => null) };
      series.push(s);
      byId.set(id, s);
    }
  });
  for (const row of rows) {
    const ci = xKey === undefined ? 0 : categoryIndex.get(categoryKey(toChartValue(row[xKey])));
    if (ci === undefined) continue;
    const groupKey = sKey === undefined ? undefined : categoryKey(toChartValue(row[sKey]));
    for (const measure of spec.y) {
      const mKey = measureKey(measure);
      const s = byId.get(groupKey === undefined ? mKey : `${mKey}|${groupKey}`);
      if (s) s.values[ci] = toMeasureValue(row[mKey]);
    }
  }
  return { categories, groups, series };
}

/**
 * 100% stacking: each value as a share (0–1) of its category's total within
 * its stack. A category whose total is zero or blank gets nulls.
 */
export function percentShares(series: readonly { values: readonly (number | null)[]; stack: string }[]): (number | null)[][] {
  const totals = new Map<string, number[]>();
  for (const s of series) {
    const t = totals.get(s.stack) ?? s.values.map(() => 0);
    s.values.forEach((v, i) => {
      if (v !== null) t[i] = (t[i] ?? 0) + v;
    });
    totals.set(s.stack, t);
  }
  return series.map((s) => {
    const t = totals.get(s.stack)!;
    return s.values.map((v, i) => {
      const total = t[i] ?? 0;
      return v === null || total === 0 ? null : v / total;
    });
  });
}

/** Whether a category or group is one of the spec's highlighted values (matched on key or label). */
export function isHighlighted(c: Category, highlight: readonly (string | number)[]): boolean {
  return highlight.some((h) => String(h) === c.key || String(h) === c.label);
}
