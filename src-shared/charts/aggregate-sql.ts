import { quoteIdent } from '../sql/identifiers';
import { compileExpression, type CompileContext, type ExpressionField } from '../expressions/compile';
import { ExpressionError } from '../expressions/parse';
import type { ChartSpec, Measure } from './chart-spec';
import { measureKey } from './chart-fields';

/**
 * SQL for a measure: the aggregate cast to DOUBLE, so every measure column is a
 * plain float whatever the source type (counts, sums of integers, decimals).
 * `median` is DuckDB's continuous median (the mean of the two middle values
 * for an even count); `mean` ignores blanks; `count` with a field counts
 * non-blank values, without one counts rows.
 */
export function aggregateSql(m: Pick<Measure, 'aggregate' | 'field'>): string {
  if (m.aggregate === undefined) throw new Error(`A measure of ${m.field ?? 'rows'} needs an aggregate or an expression`);
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

/**
 * SQL for any measure of a spec: its aggregate, or its expression compiled
 * with the spec's other measures available by id. `fields` (the table's
 * columns) lets the compiler check names and suggest the closest; without it
 * names go to the engine as written.
 */
export function measureSql(spec: Pick<ChartSpec, 'y'>, m: Measure, fields?: readonly ExpressionField[], window?: CompileContext['window']): string {
  if (m.expr === undefined) return aggregateSql(m);
  const measures = new Map<string, { sql: string } | { expr: string }>();
  for (const other of spec.y) {
    if (other === m) continue;
    measures.set(measureKey(other), other.expr !== undefined ? { expr: other.expr } : { sql: aggregateSql(other) });
  }
  try {
    return compileExpression(m.expr, { mode: 'aggregate', fields, measures, ...(window ? { window } : {}) });
  } catch (e) {
    if (e instanceof ExpressionError) throw new ExpressionError(`Measure "${measureKey(m)}": ${e.message}`, e.start, e.end);
    throw e;
  }
}
