import { quoteIdent } from '../../sql/identifiers';
import { financialYearLabel } from '../financial-year';
import type { TableInfo } from '../view-types';
import { monthFromIndex } from './months';
import { num } from './numbers';
import { financialYearStartSql, monthDateSql, monthKeySql } from './period-sql';
import { columnOf } from './sources';

/**
 * Reading a period column whose contents are not known in advance. Each table
 * projects three readings of it — a month (dates, month text, YYYYMM), a
 * financial year (labels such as 2016/17) and a plain year number — and a
 * profile query picks the reading every value fits:
 * - `fy` when every value is a financial-year label (checked first, so that
 *   `2011-12` in a column of years is a year, not December 2011);
 * - `month` when every value is a month or a date;
 * - `number` when every value is a whole number (a calendar or plan year).
 */

export type PeriodMode = 'month' | 'fy' | 'number';

/** Projection columns p_null, p_month, p_fy, p_number for one table's period column. */
export function periodColumnsSql(table: TableInfo, column: string): string[] {
  const kind = columnOf(table, column)?.kind ?? 'string';
  const p = quoteIdent(column);
  const fy = kind === 'string' ? financialYearStartSql(p) : 'CAST(NULL AS INTEGER)';
  const number = kind === 'number' ? `TRY_CAST(${p} AS INTEGER)` : 'CAST(NULL AS INTEGER)';
  return [`${p} IS NULL AS p_null`, `${monthDateSql(p, kind)} AS p_month`, `${fy} AS p_fy`, `${number} AS p_number`];
}

/** Aggregates (over the stacked projection) that decide the mode. */
export const PERIOD_PROFILE_SQL = `count(*) FILTER (WHERE NOT p_null)::DOUBLE AS p_n,
  count(*) FILTER (WHERE p_month IS NOT NULL)::DOUBLE AS p_months,
  count(*) FILTER (WHERE p_fy IS NOT NULL)::DOUBLE AS p_fys,
  count(*) FILTER (WHERE p_number IS NOT NULL)::DOUBLE AS p_numbers,
  count(*) FILTER (WHERE p_null)::DOUBLE AS p_missing`;

export function decidePeriodMode(profile: Record<string, unknown>, column: string): PeriodMode {
  const n = num(profile.p_n) ?? 0;
  if (n === 0) throw new Error('No rows with a period (check the filters).');
  if (num(profile.p_fys) === n) return 'fy';
  if (num(profile.p_months) === n) return 'month';
  if (num(profile.p_numbers) === n) return 'number';
  throw new Error(`The period column "${column}" holds values that are not all months, dates or financial years.`);
}

/** SQL: the period of a row as text — `YYYY-MM`, or the (start) year. */
export function periodKeySql(mode: PeriodMode): string {
  return mode === 'month' ? monthKeySql('p_month') : mode === 'fy' ? 'CAST(p_fy AS VARCHAR)' : 'CAST(p_number AS VARCHAR)';
}

export function periodNotNullSql(mode: PeriodMode): string {
  return mode === 'month' ? 'p_month IS NOT NULL' : mode === 'fy' ? 'p_fy IS NOT NULL' : 'p_number IS NOT NULL';
}

/** A readable label for a numeric period key: month index → `YYYY-MM`; FY start → `2016/17`; number → itself. */
export function labelForKey(mode: PeriodMode, grain: 'period' | 'year', key: number): string {
  if (mode === 'month' && grain === 'period') return monthFromIndex(key);
  return mode === 'number' ? String(key) : financialYearLabel(key);
}
