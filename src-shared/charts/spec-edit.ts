import type { TableColumn } from '../analysis/view-types';
import type { Aggregation, ChartSpecInput, ChartType } from './chart-spec';

/**
 * The edits the chart builder makes, as pure functions from spec to spec, so
 * dragging a field onto a shelf, clicking its shelf button and pressing a key
 * all make exactly the same change (and each is one undo step).
 */

type Spec = ChartSpecInput;
type Measure = Spec['y'][number];
type Filter = NonNullable<Spec['filters']>[number];

/** `rows`: a pivot table's further row fields (after x). */
export type Shelf = 'x' | 'y' | 'series' | 'filter' | 'rows';

/** The natural aggregation for a column dropped on the value shelf. */
export function defaultAggregate(column: Pick<TableColumn, 'kind'>): Aggregation {
  return column.kind === 'number' ? 'sum' : 'count_distinct';
}

function dimensionFor(column: Pick<TableColumn, 'name' | 'kind'>) {
  return column.kind === 'date' ? { field: column.name, grain: 'month' as const } : { field: column.name };
}

/** A time axis runs in time order: a value sort ("Largest first") left from a category axis goes. */
function timeOrdered(spec: Spec): Spec {
  const grain = spec.x?.grain ?? 'none';
  if (grain === 'none' || spec.sort?.by !== 'value') return spec;
  return { ...spec, sort: { by: 'category', direction: 'asc' } };
}

export function setX(spec: Spec, column: Pick<TableColumn, 'name' | 'kind'>): Spec {
  const series = spec.series?.field === column.name ? undefined : spec.series;
  const { series: _old, ...rest } = spec;
  return timeOrdered({ ...rest, ...(series ? { series } : {}), x: dimensionFor(column) });
}

/** Change the x axis's time grain. */
export function setXGrain(spec: Spec, grain: NonNullable<NonNullable<Spec['x']>['grain']>): Spec {
  if (!spec.x) return spec;
  return timeOrdered({ ...spec, x: { ...spec.x, grain } });
}

export function setSeries(spec: Spec, column: Pick<TableColumn, 'name' | 'kind'>): Spec {
  if (spec.x?.field === column.name) return spec;
  return { ...spec, series: dimensionFor(column) };
}

export function clearSeries(spec: Spec): Spec {
  const { series: _s, ...rest } = spec;
  return rest;
}

export function clearX(spec: Spec): Spec {
  const { x: _x, series: _s, ...rest } = spec;
  return { ...rest, type: 'table' };
}

const WHOLE_NUMBER_SQL = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/i;

/** Sums, minima and maxima of whole-number columns read as whole numbers (`17,723`, not `17,723.0`). */
export function measureFor(column: Pick<TableColumn, 'name' | 'kind'> & { sqlType?: string }, aggregate: Aggregation = defaultAggregate(column)): Measure {
  const whole = column.sqlType !== undefined && WHOLE_NUMBER_SQL.test(column.sqlType) && (aggregate === 'sum' || aggregate === 'min' || aggregate === 'max');
  return whole ? { field: column.name, aggregate, format: 'integer' } : { field: column.name, aggregate };
}

/** Change a measure's aggregation; a whole-number format is dropped for averages and medians. */
export function setAggregate(spec: Spec, index: number, aggregate: Aggregation): Spec {
  return {
    ...spec,
    y: spec.y.map((m, i) => {
      if (i !== index) return m;
      const { format, ...rest } = m;
      const keepFormat = format !== undefined && !(format === 'integer' && (aggregate === 'mean' || aggregate === 'median'));
      return keepFormat ? { ...rest, format, aggregate } : { ...rest, aggregate };
    }),
  };
}

/** Add a measure; a column already measured the same way is not added twice. */
export function addMeasure(spec: Spec, column: (Pick<TableColumn, 'name' | 'kind'> & { sqlType?: string }) | null, aggregate?: Aggregation): Spec {
  const measure: Measure = column ? measureFor(column, aggregate) : { aggregate: 'count' };
  if (spec.y.some((m) => m.field === measure.field && m.aggregate === measure.aggregate)) return spec;
  const y = [...spec.y, measure];
  // Two measures make a pie invalid and a scatter valid: switch to what fits.
  const type: ChartType = (spec.type === 'pie' || spec.type === 'donut') && y.length > 1 ? 'column' : spec.type;
  return { ...spec, type, y };
}

export function updateMeasure(spec: Spec, index: number, patch: Partial<Measure>): Spec {
  return { ...spec, y: spec.y.map((m, i) => (i === index ? { ...m, ...patch } : m)) };
}

export function removeMeasure(spec: Spec, index: number): Spec {
  if (spec.y.length <= 1) return spec;
  return { ...spec, y: spec.y.filter((_, i) => i !== index) };
}

/** A filter suited to the column: values for text, a range for numbers and dates. */
export function addFilter(spec: Spec, column: Pick<TableColumn, 'name' | 'kind'>, values: (string | number | boolean | null)[] = []): Spec {
  let filter: Filter;
  if (column.kind === 'number') filter = { kind: 'range', field: column.name };
  else if (column.kind === 'date') filter = { kind: 'date_range', field: column.name };
  else filter = { kind: 'include', field: column.name, values };
  return { ...spec, filters: [...(spec.filters ?? []), filter] };
}

export function updateFilter(spec: Spec, index: number, filter: Filter): Spec {
  return { ...spec, filters: (spec.filters ?? []).map((f, i) => (i === index ? filter : f)) };
}

export function removeFilter(spec: Spec, index: number): Spec {
  return { ...spec, filters: (spec.filters ?? []).filter((_, i) => i !== index) };
}

/** Keep only the top `n` x categories by the first measure (0 removes the limit). */
export function setTopN(spec: Spec, n: number): Spec {
  const others = (spec.filters ?? []).filter((f) => !(f.kind === 'top' && (f.dimension ?? 'x') === 'x'));
  return { ...spec, filters: n > 0 ? [...others, { kind: 'top', dimension: 'x', n }] : others };
}

type PivotInput = NonNullable<Spec['pivot']>;

/** Change a pivot table's settings (subtotals, totals, colour, row fields). */
export function setPivot(spec: Spec, patch: Partial<PivotInput>): Spec {
  return { ...spec, pivot: { ...(spec.pivot ?? {}), ...patch } };
}

/** Add a row field under the pivot's first (x); a field already a row or the column field is not added twice, and with no x it becomes x. */
export function addPivotRow(spec: Spec, column: Pick<TableColumn, 'name' | 'kind'>): Spec {
  if (!spec.x) return setX(spec, column);
  const rows = spec.pivot?.rows ?? [];
  if ([spec.x, spec.series, ...rows].some((d) => d?.field === column.name)) return spec;
  return setPivot(spec, { rows: [...rows, dimensionFor(column)] });
}

export function updatePivotRow(spec: Spec, index: number, patch: Partial<NonNullable<PivotInput['rows']>[number]>): Spec {
  return setPivot(spec, { rows: (spec.pivot?.rows ?? []).map((d, i) => (i === index ? { ...d, ...patch } : d)) });
}

export function removePivotRow(spec: Spec, index: number): Spec {
  return setPivot(spec, { rows: (spec.pivot?.rows ?? []).filter((_, i) => i !== index) });
}

/** Put a column on a shelf. */
export function dropOnShelf(spec: Spec, shelf: Shelf, column: Pick<TableColumn, 'name' | 'kind'> & { sqlType?: string }): Spec {
  switch (shelf) {
    case 'x':
      return setX(spec, column);
    case 'y':
      return addMeasure(spec, column);
    case 'series':
      return setSeries(spec, column);
    case 'filter':
      return addFilter(spec, column);
    case 'rows':
      return addPivotRow(spec, column);
  }
}
