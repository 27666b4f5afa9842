import { quoteLiteral } from '../sql/identifiers';
import type { ColumnType, DateOrder } from './types';

/**
 * NHS-aware value rules, written once as SQL so that inference, validation and
 * conversion of a column all use exactly the same definition. Every function
 * takes `v`, an SQL expression for a trimmed VARCHAR cell, and returns SQL.
 */

export interface ValueRuleOptions {
  decimal: '.' | ',';
  thousands: ',' | '.' | ' ' | '';
  dateOrder: DateOrder;
  suppressionMarkers: string[];
}

/** Trim spaces, tabs and non-breaking spaces. */
export function trimmed(columnSql: string): string {
  return `trim(${columnSql}, ' \t\u00a0')`;
}

export function isSuppressed(v: string, o: ValueRuleOptions): string {
  if (o.suppressionMarkers.length === 0) return 'FALSE';
  const markers = [...new Set(o.suppressionMarkers.map((m) => m.toLowerCase()))].map(quoteLiteral).join(', ');
  return `(lower(${v}) IN (${markers}))`;
}

function digitsPattern(o: ValueRuleOptions, allowFraction: boolean): string {
  const dec = o.decimal === ',' ? ',' : '\\.';
  const sep = o.thousands === '' ? null : o.thousands === '.' ? '\\.' : o.thousands === ' ' ? ' ' : ',';
  const whole = sep ? `(?:\\d{1,3}(?:${sep}\\d{3})+|\\d+)` : '\\d+';
  return allowFraction ? `(?:${whole}(?:${dec}\\d*)?|${dec}\\d+)(?:[eE][-+]?\\d+)?` : whole;
}

function numericPattern(o: ValueRuleOptions, allowFraction: boolean): string {
  const body = `[-+]?\\s*[£$€]?\\s*[-+]?\\s*${digitsPattern(o, allowFraction)}${allowFraction ? '\\s*%?' : ''}`;
  return `^(?:\\(\\s*${body}\\s*\\)|${body})$`;
}

/** Matches `1234`, `1,234`, `£1,234`, `(9)`, `-12`. */
export function isInteger(v: string, o: ValueRuleOptions): string {
  return `regexp_full_match(${v}, ${quoteLiteral(numericPattern(o, false))})`;
}

/** Matches `1,234.50`, `£1,234.50`, `(9.8)`, `12%`, `-0.5`, `1.5e3`. */
export function isNumber(v: string, o: ValueRuleOptions): string {
  return `regexp_full_match(${v}, ${quoteLiteral(numericPattern(o, true))})`;
}

/** Integer-looking values with a leading zero (`007`, `01234`) are codes, not numbers. */
export function hasLeadingZero(v: string): string {
  return `regexp_full_match(${v}, '[-+]?0\\d+')`;
}

function plainDigits(v: string, o: ValueRuleOptions): string {
  let s = v;
  if (o.thousands === ',' || o.thousands === '.') s = `replace(${s}, ${quoteLiteral(o.thousands)}, '')`;
  if (o.decimal === ',') s = `replace(${s}, ',', '.')`;
  return `regexp_replace(${s}, '[£$€%()\\s]', '', 'g')`;
}

function sign(v: string): string {
  return `(CASE WHEN starts_with(${v}, '(') THEN -1 ELSE 1 END)`;
}

export function numberValue(v: string, o: ValueRuleOptions): string {
  return `(CASE WHEN ${isNumber(v, o)} THEN ${sign(v)} * TRY_CAST(${plainDigits(v, o)} AS DOUBLE) / (CASE WHEN contains(${v}, '%') THEN 100 ELSE 1 END) END)`;
}

export function integerValue(v: string, o: ValueRuleOptions): string {
  return `(CASE WHEN ${isInteger(v, o)} THEN ${sign(v)} * TRY_CAST(${plainDigits(v, o)} AS BIGINT) END)`;
}

function dateFormats(order: DateOrder): string[] {
  const dmy = ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%y'];
  const mdy = ['%m/%d/%Y', '%m-%d-%Y', '%m.%d.%Y', '%m/%d/%y'];
  const named = ['%d %B %Y', '%d %b %Y', '%d-%b-%Y', '%d-%b-%y', '%d %b %y', '%d-%B-%Y'];
  const iso = ['%Y-%m-%d', '%Y/%m/%d'];
  return order === 'MDY' ? [...iso, ...mdy, ...named] : order === 'YMD' ? [...iso, ...named] : [...iso, ...dmy, ...named];
}

function timestampFormats(order: DateOrder): string[] {
  const times = ['%H:%M:%S.%f', '%H:%M:%S', '%H:%M'];
  const days = order === 'MDY' ? ['%Y-%m-%d', '%m/%d/%Y'] : order === 'YMD' ? ['%Y-%m-%d'] : ['%Y-%m-%d', '%d/%m/%Y'];
  const out: string[] = [];
  for (const d of days) for (const t of times) out.push(`${d} ${t}`, `${d}T${t}`);
  return out;
}

const MONTH_FORMATS = ['%b-%y', '%b-%Y', '%b %y', '%b %Y', '%B %Y', '%B-%Y', '%B-%y', '%B %y', '%Y-%m', '%Y/%m', '%m/%Y', '%m-%Y'];

function formatList(formats: string[]): string {
  return `[${formats.map(quoteLiteral).join(', ')}]`;
}

/** A DATE from `01/04/2016` (UK order by default), `2016-04-01`, `1 April 2016`, or an Excel serial (`42461`). */
export function dateValue(v: string, o: ValueRuleOptions): string {
  return `(CASE WHEN regexp_full_match(${v}, '\\d{5}(\\.\\d+)?') THEN DATE '1899-12-30' + CAST(floor(CAST(${v} AS DOUBLE)) AS INTEGER)
    ELSE CAST(COALESCE(try_strptime(${v}, ${formatList(dateFormats(o.dateOrder))}), try_strptime(${v}, ${formatList(timestampFormats(o.dateOrder))})) AS DATE) END)`;
}

/** Strict date test used in inference: day-level formats only, no serials. */
export function isPlainDate(v: string, o: ValueRuleOptions): string {
  return `(try_strptime(${v}, ${formatList(dateFormats(o.dateOrder))}) IS NOT NULL)`;
}

export function timestampValue(v: string, o: ValueRuleOptions): string {
  return `COALESCE(try_strptime(${v}, ${formatList(timestampFormats(o.dateOrder))}), CAST(try_strptime(${v}, ${formatList(dateFormats(o.dateOrder))}) AS TIMESTAMP))`;
}

export function isTimestamp(v: string, o: ValueRuleOptions): string {
  return `(try_strptime(${v}, ${formatList(timestampFormats(o.dateOrder))}) IS NOT NULL)`;
}

export function isMidnightTimestamp(v: string, o: ValueRuleOptions): string {
  const ts = `try_strptime(${v}, ${formatList(timestampFormats(o.dateOrder))})`;
  return `(${ts} IS NOT NULL AND ${ts} = date_trunc('day', ${ts}))`;
}

/** First day of the month from `Apr-16`, `April 2016`, `2016-04`, `04/2016`. */
export function monthValue(v: string): string {
  return `CAST(try_strptime(${v}, ${formatList(MONTH_FORMATS)}) AS DATE)`;
}

const FY_LONG = '(?i)(?:FY\\s*)?(\\d{4})\\s*[/-]\\s*(\\d{2}|\\d{4})';
const FY_SHORT = '(?i)(?:FY\\s*)?(\\d{2})\\s*[/-]\\s*(\\d{2})';

/** The starting calendar year of a financial year label (`2016/17`, `2016-17`, `16/17`, `2016/2017`), else NULL. */
export function financialYearStart(v: string): string {
  const longFirst = `TRY_CAST(regexp_extract(${v}, ${quoteLiteral(FY_LONG)}, 1) AS INTEGER)`;
  const longSecond = `TRY_CAST(regexp_extract(${v}, ${quoteLiteral(FY_LONG)}, 2) AS INTEGER)`;
  const shortFirst = `TRY_CAST(regexp_extract(${v}, ${quoteLiteral(FY_SHORT)}, 1) AS INTEGER)`;
  const shortSecond = `TRY_CAST(regexp_extract(${v}, ${quoteLiteral(FY_SHORT)}, 2) AS INTEGER)`;
  return `(CASE
    WHEN regexp_full_match(${v}, ${quoteLiteral(FY_LONG)}) AND (${longSecond} = ${longFirst} + 1 OR ${longSecond} = (${longFirst} + 1) % 100) THEN ${longFirst}
    WHEN regexp_full_match(${v}, ${quoteLiteral(FY_SHORT)}) AND ${shortSecond} = (${shortFirst} + 1) % 100 THEN (CASE WHEN ${shortFirst} < 70 THEN 2000 ELSE 1900 END) + ${shortFirst}
  END)`;
}

const MONTH_NAME = '(?i)(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)';

export function isMonthName(v: string): string {
  return `regexp_full_match(${v}, ${quoteLiteral(MONTH_NAME)})`;
}

/** Calendar month number 1–12 of a month name (`OCTOBER` → 10). */
export function monthNumber(v: string): string {
  return `(CASE WHEN ${isMonthName(v)} THEN (position(lower(left(${v}, 3)) IN 'janfebmaraprmayjunjulaugsepoctnovdec') + 2) // 3 END)`;
}

/** First day of the month for a month name within a financial year: JANUARY in 2016-17 is 2017-01-01. */
export function monthInFinancialYear(monthNameSql: string, fyLabelSql: string): string {
  const m = monthNumber(monthNameSql);
  const fy = financialYearStart(fyLabelSql);
  return `(CASE WHEN ${m} IS NOT NULL AND ${fy} IS NOT NULL THEN make_date(${fy} + (CASE WHEN ${m} < 4 THEN 1 ELSE 0 END), ${m}, 1) END)`;
}

export function isBoolean(v: string): string {
  return `(lower(${v}) IN ('true', 'false', 'yes', 'no', 'y', 'n'))`;
}

export function booleanValue(v: string): string {
  return `(CASE WHEN ${isBoolean(v)} THEN lower(${v}) IN ('true', 'yes', 'y') END)`;
}

/** DuckDB type for each column type. */
export const SQL_TYPE: Record<ColumnType, string> = {
  text: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  month: 'DATE',
  financial_year: 'VARCHAR',
  month_name: 'VARCHAR',
};

/** SQL converting a trimmed cell `v` to the column type (NULL for empty and suppressed cells). */
export function convertValue(v: string, type: ColumnType, o: ValueRuleOptions): string {
  const empty = `${v} IS NULL OR ${v} = ''`;
  if (type === 'text' || type === 'financial_year' || type === 'month_name') return `(CASE WHEN ${empty} THEN NULL ELSE ${v} END)`;
  const body = (() => {
    switch (type) {
      case 'integer':
        return integerValue(v, o);
      case 'number':
        return numberValue(v, o);
      case 'boolean':
        return booleanValue(v);
      case 'date':
        return dateValue(v, o);
      case 'timestamp':
        return timestampValue(v, o);
      case 'month':
        return monthValue(v);
    }
  })();
  return `(CASE WHEN ${empty} OR ${isSuppressed(v, o)} THEN NULL ELSE ${body} END)`;
}

/** SQL true when a non-empty, non-suppressed cell fails to convert to `type`. */
export function failsConversion(v: string, type: ColumnType, o: ValueRuleOptions): string {
  if (type === 'text') return 'FALSE';
  if (type === 'financial_year') return `(${v} <> '' AND ${financialYearStart(v)} IS NULL)`;
  if (type === 'month_name') return `(${v} <> '' AND NOT ${isMonthName(v)})`;
  return `(${v} <> '' AND NOT ${isSuppressed(v, o)} AND ${convertValue(v, type, o)} IS NULL)`;
}
