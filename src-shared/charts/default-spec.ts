import type { TableColumn } from '../analysis/view-types';
import { CHART_SPEC_VERSION, type ChartSpecInput } from './chart-spec';
import { measureFor } from './spec-edit';

const MEASURE_HINTS = ['activity', 'attendances', 'admissions', 'value', 'cost', 'spend', 'amount', 'count', 'days', 'wte'];

function firstByHint(columns: readonly TableColumn[], hints: readonly string[]): TableColumn | undefined {
  for (const hint of hints) {
    const hit = columns.find((c) => c.name.toLowerCase().includes(hint));
    if (hit) return hit;
  }
  return columns[0];
}

/**
 * A sensible first chart for a table, so a new chart shows something at once:
 * a monthly column chart of the most likely measure when the table has a date,
 * else that measure by the first text column; row counts when there is no number.
 * Derived import columns (`… start`) are skipped as the time axis when a real date exists.
 */
export function defaultChartSpec(table: string, columns: readonly TableColumn[]): ChartSpecInput {
  const numbers = columns.filter((c) => c.kind === 'number' && !/(^|_| )(code|id|year)$/i.test(c.name));
  const dates = columns.filter((c) => c.kind === 'date');
  const date = dates.find((c) => !/ start$/i.test(c.name)) ?? dates[0];
  const text = columns.filter((c) => c.kind === 'string');
  const measure = firstByHint(numbers, MEASURE_HINTS);
  const y = measure ? [measureFor(measure, 'sum')] : [{ aggregate: 'count' as const }];
  const x = date ? { field: date.name, grain: 'month' as const } : text[0] ? { field: text[0].name } : undefined;
  const title = measure ? `${measure.name} by ${x ? (date ? 'month' : x.field) : 'total'}` : `Rows by ${x?.field ?? 'total'}`;
  return {
    version: CHART_SPEC_VERSION,
    source: { table },
    type: x ? 'column' : 'table',
    ...(x ? { x } : {}),
    y,
    ...(x && !date ? { sort: { by: 'value', direction: 'desc' } } : {}),
    ...(x && !date ? { filters: [{ kind: 'top', dimension: 'x', n: 20 }] } : {}),
    format: { title },
  };
}
