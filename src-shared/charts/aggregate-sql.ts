import { quoteIdent } from '../sql/identifiers';
import type { Measure } from './chart-spec';

/**
 * SQL for a measure: the aggregate cast to DOUBLE, so every measure column is a
 * plain float whatever the source type (counts, sums of integers, decimals).
 * `median` is DuckDB's continuous median (the mean of the two middle values
 * for an even count); `mean` ignores blanks; `count` with a field counts
 * non-blank values, without one counts rows.
 */
export function aggregateSql(m: Pick<Measure, 'aggregate' | 'field'>): string {
  const col = m.field === undefined ? undefined : quoteIdent(m.field);
  const need = (): string => {
    if (col === undefined) throw new Error(`${m.aggregate} needs a field`);
    return col;
  };
  switch (m.aggregate) {
    case 'sum':
      return `CAST(sum(${need()}) AS DOUBLE)`;
    case 'mean':
      return `CAST(avg(${need()}) AS DOUBLE)`;
    case 'count':
      return `CAST(count(${col ?? '*'}) AS DOUBLE)`;
    case 'count_distinct':
      return `CAST(count(DISTINCT ${need()}) AS DOUBLE)`;
    case 'min':
      return `CAST(min(${need()}) AS DOUBLE)`;
    case 'max':
      return `CAST(max(${need()}) AS DOUBLE)`;
    case 'median':
      return `CAST(median(${need()}) AS DOUBLE)`;
  }
}
