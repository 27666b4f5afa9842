import { financialYearStart, monthInFinancialYear, monthValue } from '../../import/value-rules';
import { quoteLiteral } from '../../sql/identifiers';
import type { TableColumn } from '../view-types';

/**
 * SQL for the time dimension of a mapped column, whatever its type: a DATE
 * (any day → its month), month text (`Apr-16`, `2016-04`, `2016-04-01`), a
 * month name with a financial-year column beside it (`JANUARY` in `2016-17` →
 * 2017-01), a `YYYYMM` number, or a financial-year label (`2016/17`).
 */

export type ColumnKind = TableColumn['kind'];

/** Day-level dates kept as text, read in UK order (NHS extracts): 30/06/2016, 30-06-2016, 30 June 2016, 30-Jun-16. */
const UK_DATE_FORMATS = ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%y', '%d %B %Y', '%d %b %Y', '%d-%b-%Y', '%d-%b-%y'];

/** A UK day-level date from text, tried only on values that start like one (strptime with many formats is slow). */
function ukDateSql(v: string): string {
  const tries = UK_DATE_FORMATS.map((f) => `try_strptime(${v}, ${quoteLiteral(f)})`).join(', ');
  return `(CASE WHEN regexp_matches(${v}, '^\\d{1,2}[-/. ]') THEN CAST(date_trunc('month', COALESCE(${tries})) AS DATE) END)`;
}

function text(sql: string): string {
  return `trim(CAST(${sql} AS VARCHAR))`;
}

/** SQL DATE (first of the month) for a column, or NULL where the value is not a month. */
export function monthDateSql(columnSql: string, kind: ColumnKind, financialYear?: { sql: string } | null): string {
  if (kind === 'date') return `CAST(date_trunc('month', ${columnSql}) AS DATE)`;
  if (kind === 'number') {
    const n = `TRY_CAST(${columnSql} AS BIGINT)`;
    return `(CASE WHEN ${n} BETWEEN 190001 AND 299912 AND ${n} % 100 BETWEEN 1 AND 12 THEN make_date(CAST(${n} // 100 AS INTEGER), CAST(${n} % 100 AS INTEGER), 1) END)`;
  }
  const v = text(columnSql);
  const isoDate = `(CASE WHEN regexp_matches(${v}, '^\\d{4}-') THEN CAST(date_trunc('month', TRY_CAST(${v} AS DATE)) AS DATE) END)`;
  const parts = [monthValue(v), isoDate, ukDateSql(v)];
  if (financialYear) parts.push(monthInFinancialYear(v, text(financialYear.sql)));
  return `COALESCE(${parts.join(', ')})`;
}

/** SQL INTEGER: the start year of the financial year of a DATE expression. */
export function financialYearOfDateSql(dateSql: string): string {
  return `(CASE WHEN month(${dateSql}) >= 4 THEN year(${dateSql}) ELSE year(${dateSql}) - 1 END)`;
}

/** SQL INTEGER: the start year of a financial-year label (`2016/17`, `2016-17`, `16/17`), else NULL. */
export function financialYearStartSql(columnSql: string): string {
  return financialYearStart(text(columnSql));
}

/** SQL VARCHAR `YYYY-MM` of a DATE expression. */
export function monthKeySql(dateSql: string): string {
  return `strftime(${dateSql}, '%Y-%m')`;
}
