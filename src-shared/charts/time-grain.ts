import { financialQuarterLabelSql, financialYearLabelSql } from '../analysis/financial-year';
import { quoteLiteral } from '../sql/identifiers';

/**
 * Time grains for a date column on a chart axis, NHS-style: financial years
 * run April–March (`2016/17`), quarters are financial (`2016/17 Q1` = Apr–Jun),
 * and `financial_month` is the month of the year in financial order (`Apr` …
 * `Mar`), for this-year-against-last-year charts. `none` uses values as they are.
 */
export const TIME_GRAINS = ['none', 'month', 'quarter', 'financial_year', 'year', 'financial_month'] as const;
export type TimeGrain = (typeof TIME_GRAINS)[number];

/** Column-heading names for values at each grain. */
export const GRAIN_TITLES: Record<TimeGrain, string> = {
  none: '',
  month: 'Month',
  quarter: 'Quarter',
  financial_year: 'Financial year',
  year: 'Year',
  financial_month: 'Month of year',
};

export const FINANCIAL_MONTHS = ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'] as const;
const CALENDAR_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * SQL for a column at a grain. Months are DATEs (the first of the month),
 * years integers, financial years/quarters/months text labels.
 */
export function grainSql(columnSql: string, grain: TimeGrain): string {
  switch (grain) {
    case 'none':
      return columnSql;
    case 'month':
      return `CAST(date_trunc('month', ${columnSql}) AS DATE)`;
    case 'quarter':
      return financialQuarterLabelSql(columnSql);
    case 'financial_year':
      return financialYearLabelSql(columnSql);
    case 'year':
      return `year(${columnSql})`;
    case 'financial_month':
      return `strftime(${columnSql}, '%b')`;
  }
}

/**
 * SQL to sort a grain's values in time order. Every grain's values sort
 * correctly as they are (`2016/17 Q4` < `2017/18 Q1`) except month names.
 */
export function grainOrderSql(valueSql: string, grain: TimeGrain): string {
  if (grain !== 'financial_month') return valueSql;
  return `list_position([${FINANCIAL_MONTHS.map(quoteLiteral).join(', ')}], ${valueSql})`;
}

/** A value in a query result row: engine rows carry Dates, JSON rows `YYYY-MM-DD` strings. */
export type ChartValue = string | number | boolean | Date | null;

const BLANK_KEY = '\u0000blank';
export const BLANK_LABEL = '(blank)';

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A string key identifying a category value: the same for a Date and its `YYYY-MM-DD` string. */
export function categoryKey(value: ChartValue | undefined): string {
  if (value === null || value === undefined) return BLANK_KEY;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? BLANK_KEY : isoDay(value);
  return String(value);
}

/** How a category reads on an axis or in a legend: `Apr 2016` for months, `2016/17`, `(blank)`. */
export function categoryLabel(value: ChartValue | undefined, grain: TimeGrain): string {
  if (value === null || value === undefined) return BLANK_LABEL;
  if (grain === 'month') {
    const key = categoryKey(value);
    const m = /^(\d{4})-(\d{2})/.exec(key);
    const month = m ? CALENDAR_MONTHS[Number(m[2]) - 1] : undefined;
    if (m && month) return `${month} ${m[1]}`;
    return key;
  }
  if (value instanceof Date) return categoryKey(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** A month written `2014-04` (or `2014-04-01`) as every chart and table shows months: `Apr 2014`; anything else as it is. */
export function monthText(text: string): string {
  return /^\d{4}-\d{2}(-01)?$/.test(text) ? categoryLabel(text, 'month') : text;
}

function rank(value: ChartValue, grain: TimeGrain): number | string {
  if (grain === 'financial_month') {
    const i = (FINANCIAL_MONTHS as readonly string[]).indexOf(String(value));
    return i < 0 ? 99 : i;
  }
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as number | string;
}

/**
 * Ascending order of category values with blanks last, as DuckDB's
 * `ORDER BY … ASC NULLS LAST` orders them (text by code point).
 */
export function compareCategories(a: ChartValue, b: ChartValue, grain: TimeGrain): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const ra = rank(a, grain);
  const rb = rank(b, grain);
  if (typeof ra === 'number' && typeof rb === 'number') return ra - rb;
  const sa = String(ra);
  const sb = String(rb);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
