import { discloseCount, SUPPRESSED, type DisclosureRule } from '../export/disclosure';
import type { ChartRow } from './chart-data';
import { measureKey } from './chart-fields';
import type { ChartSpec, Measure } from './chart-spec';

/**
 * Disclosure control for the chart builder's charts: which measures are
 * counts, and the query rows with those measures disclosed — before the CSV,
 * XLSX, PPTX data and the drawn chart are made, so labels, tooltips and 100%
 * shares all come from the published figures.
 */

/** A column of the chart's source table, as far as this needs to know it. */
export interface SourceColumn {
  name: string;
  sqlType: string;
}

const WHOLE_NUMBER = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT[1248]|LONG|SHORT)$/i;

/** Whether a measure is a count: its own `count` setting, else `count`/`count_distinct`, or `sum` of a whole-number column. */
export function isCountMeasure(measure: Measure, columns: readonly SourceColumn[]): boolean {
  if (measure.count !== undefined) return measure.count;
  if (measure.aggregate === 'count' || measure.aggregate === 'count_distinct') return true;
  if (measure.aggregate !== 'sum' || measure.field === undefined) return false;
  const column = columns.find((c) => c.name === measure.field);
  return column !== undefined && WHOLE_NUMBER.test(column.sqlType.trim());
}

/** Result keys of the spec's count measures. */
export function countMeasureKeys(spec: ChartSpec, columns: readonly SourceColumn[]): Set<string> {
  return new Set(spec.y.filter((m) => isCountMeasure(m, columns)).map((m) => measureKey(m)));
}

function numeric(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

/** The rows with every count measure disclosed (`*` where suppressed); a copy. */
export function discloseChartRows<R extends ChartRow>(rows: readonly R[], countKeys: ReadonlySet<string>, rule: DisclosureRule): R[] {
  if (rule.kind === 'none' || countKeys.size === 0) return [...rows];
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const key of countKeys) {
      const v = numeric(row[key]);
      if (v !== null) out[key] = discloseCount(v, rule);
    }
    return out as R;
  });
}

/** Rows to draw: a suppressed count is a gap in the chart (its table cell still reads `*`). */
export function plottableRows(rows: readonly ChartRow[], countKeys: ReadonlySet<string>): ChartRow[] {
  return rows.map((row) => {
    const suppressed = [...countKeys].filter((k) => row[k] === SUPPRESSED);
    if (suppressed.length === 0) return row;
    const out: Record<string, unknown> = { ...row };
    for (const k of suppressed) out[k] = null;
    return out;
  });
}
