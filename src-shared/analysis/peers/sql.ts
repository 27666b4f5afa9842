import { quoteIdent, quoteLiteral } from '../../sql/identifiers';
import type { IndicatorColumns } from './roles';

/**
 * SQL the peers view runs. Pure string builders (tested as strings); every
 * identifier and literal is quoted, numbers are cast to DOUBLE with TRY_CAST
 * (text that is not a number, such as a suppression marker left as text,
 * becomes NULL) and codes to trimmed VARCHAR.
 */

function code(column: string): string {
  return `trim(CAST(${quoteIdent(column)} AS VARCHAR))`;
}

function num(column: string): string {
  return `TRY_CAST(${quoteIdent(column)} AS DOUBLE)`;
}

/** Distinct periods (as text), for choosing the latest. */
export function periodsSql(table: string, periodColumn: string): string {
  return `SELECT DISTINCT CAST(${quoteIdent(periodColumn)} AS VARCHAR) AS period FROM ${quoteIdent(table)} WHERE ${quoteIdent(periodColumn)} IS NOT NULL ORDER BY 1`;
}

/**
 * One row per organisation × indicator in `period` (all rows when null).
 * Several rows for the same pair are combined: values averaged, numerators and
 * denominators summed; `n_rows` lets the caller warn about it.
 */
export function indicatorRowsSql(c: IndicatorColumns, period: string | null): string {
  const text = (column: string | null, alias: string): string =>
    `${column ? `min(CAST(${quoteIdent(column)} AS VARCHAR))` : 'CAST(NULL AS VARCHAR)'} AS ${alias}`;
  const agg = (fn: string, column: string | null, alias: string): string => `${column ? `${fn}(${num(column)})` : 'CAST(NULL AS DOUBLE)'} AS ${alias}`;
  const where = [`${quoteIdent(c.org)} IS NOT NULL`, `${quoteIdent(c.indicator)} IS NOT NULL`];
  if (c.period && period !== null) where.push(`CAST(${quoteIdent(c.period)} AS VARCHAR) = ${quoteLiteral(period)}`);
  return [
    'SELECT',
    `  ${code(c.org)} AS org,`,
    `  ${code(c.indicator)} AS indicator,`,
    `  ${text(c.indicatorName, 'indicator_name')},`,
    `  ${text(c.unit, 'unit')},`,
    `  ${text(c.direction, 'direction')},`,
    `  ${agg('avg', c.value, 'value')},`,
    `  ${agg('sum', c.numerator, 'numerator')},`,
    `  ${agg('sum', c.denominator, 'denominator')},`,
    `  ${agg('avg', c.unitCost, 'unit_cost')},`,
    '  CAST(count(*) AS DOUBLE) AS n_rows',
    `FROM ${quoteIdent(c.table)}`,
    `WHERE ${where.join(' AND ')}`,
    'GROUP BY 1, 2',
    'ORDER BY 2, 1',
  ].join('\n');
}

/**
 * Organisation-level columns: one row per code, numbers averaged (`n0`, `n1`,
 * …) and text taken as the first in sort order (`t0`, …), with `n_rows`.
 * `period` filters the indicator table to the analysed period.
 */
export function orgColumnsSql(
  table: string,
  key: string,
  numeric: readonly string[],
  text: readonly string[],
  period: { column: string; value: string } | null = null,
): string {
  const cols = [
    `${code(key)} AS org`,
    ...numeric.map((c, i) => `avg(${num(c)}) AS n${i}`),
    ...text.map((c, i) => `min(CAST(${quoteIdent(c)} AS VARCHAR)) AS t${i}`),
    'CAST(count(*) AS DOUBLE) AS n_rows',
  ];
  const where = [`${quoteIdent(key)} IS NOT NULL`];
  if (period) where.push(`CAST(${quoteIdent(period.column)} AS VARCHAR) = ${quoteLiteral(period.value)}`);
  return `SELECT ${cols.join(', ')} FROM ${quoteIdent(table)} WHERE ${where.join(' AND ')} GROUP BY 1 ORDER BY 1`;
}
