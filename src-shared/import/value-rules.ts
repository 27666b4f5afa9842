import { quoteLiteral } from '../sql/identifiers';
import { isMissingSql } from './missing-values';
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
  /** Missing-value markers (missing-values.ts): each becomes an empty cell, counted by its kind. */
  suppressionMarkers: readonly string[];
}

/**
 * Trim spaces, tabs and non-breaking spaces. Trimming a set of characters is
 * several times slower than testing whether a value needs it, so most values
 * (which do not) pass straight through.
 */
export function trimmed(columnSql: string): string {
  const c = columnSql;
  return `(CASE WHEN ${c} LIKE ' %' OR ${c} LIKE '% ' OR contains(${c}, chr(9)) OR contains(${c}, chr(160)) THEN trim(${c}, ' \t\u00a0') ELSE ${c} END)`;
}

/** SQL true when `v` is a missing-value marker of any kind (suppressed, not available, not applicable). */
export function isMissing(v: string, o: ValueRuleOptions): string {
  return isMissingSql(v, o.suppressionMarkers);
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

/** Numbers DuckDB's own cast reads as they are: `-12`, `3.5`, `1e3` (no `£`, `,`, `%`, brackets). */
export const PLAIN_INTEGER_PATTERN = '[-+]?\\d+';
export const PLAIN_NUMBER_PATTERN = '[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?';

/**
 * The number in a value the numeric pattern accepted, without currency,
 * brackets, percent and thousands separators. Every `replace` costs a pass
 * over the text, so the usual decorations (thousands separators and £) are
 * stripped first; a value with others left in does not cast and goes through
 * the full chain, and the rare value that leaves unreadable (a tab inside the
 * number) through the regular expression.
 */
function plainDigits(v: string, o: ValueRuleOptions, as: 'BIGINT' | 'DOUBLE'): string {
  let s = v;
  if (o.thousands !== '') s = `replace(${s}, ${quoteLiteral(o.thousands)}, '')`;
  if (o.decimal === ',') s = `replace(${s}, ',', '.')`;
  const usual = `replace(${s}, '£', '')`;
  for (const ch of ['£', '$', '€', '%', '(', ')', ' ']) s = `replace(${s}, ${quoteLiteral(ch)}, '')`;
  let general = o.thousands === ',' || o.thousands === '.' ? `replace(${v}, ${quoteLiteral(o.thousands)}, '')` : v;
  if (o.decimal === ',') general = `replace(${general}, ',', '.')`;
  return `COALESCE(TRY_CAST(${usual} AS ${as}), TRY_CAST(${s} AS ${as}), TRY_CAST(regexp_replace(${general}, '[£$€%()\\s]', '', 'g') AS ${as}))`;
}

function sign(v: string): string {
  return `(CASE WHEN starts_with(${v}, '(') THEN -1 ELSE 1 END)`;
}

/**
 * A number from `1,234.50`, `£1,234.50`, `(9.8)`, `12%`, `-0.5`, `1.5e3`.
 * Plain values (most, in most files) are cast directly; only the others are
 * matched against the full pattern and stripped.
 */
export function numberValue(v: string, o: ValueRuleOptions): string {
  const plain = o.decimal === '.' ? `WHEN regexp_full_match(${v}, ${quoteLiteral(PLAIN_NUMBER_PATTERN)}) THEN TRY_CAST(${v} AS DOUBLE)\n    ` : '';
  return `(CASE ${plain}WHEN ${isNumber(v, o)} THEN ${sign(v)} * ${plainDigits(v, o, 'DOUBLE')} / (CASE WHEN contains(${v}, '%') THEN 100 ELSE 1 END) END)`;
}

export function integerValue(v: string, o: ValueRuleOptions): string {
  return `(CASE WHEN regexp_full_match(${v}, ${quoteLiteral(PLAIN_INTEGER_PATTERN)}) THEN TRY_CAST(${v} AS BIGINT)
    WHEN ${isInteger(v, o)} THEN ${sign(v)} * ${plainDigits(v, o, 'BIGINT')} END)`;
}

export function dateFormats(order: DateOrder): string[] {
  const dmy = ['%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%d/%m/%y'];
  const mdy = ['%m/%d/%Y', '%m-%d-%Y', '%m.%d.%Y', '%m/%d/%y'];
  const named = ['%d %B %Y', '%d %b %Y', '%d-%b-%Y', '%d-%b-%y', '%d %b %y', '%d-%B-%Y'];
  const iso = ['%Y-%m-%d', '%Y/%m/%d'];
  return order === 'MDY' ? [...iso, ...mdy, ...named] : order === 'YMD' ? [...iso, ...named] : [...iso, ...dmy, ...named];
}

export function timestampFormats(order: DateOrder): string[] {
  const times = ['%H:%M:%S.%f', '%H:%M:%S', '%H:%M'];
  const days = order === 'MDY' ? ['%Y-%m-%d', '%m/%d/%Y'] : order === 'YMD' ? ['%Y-%m-%d'] : ['%Y-%m-%d', '%d/%m/%Y'];
  const out: string[] = [];
  for (const d of days) for (const t of times) out.push(`${d} ${t}`, `${d}T${t}`);
  return out;
}

export const MONTH_FORMATS = ['%b-%y', '%b-%Y', '%b %y', '%b %Y', '%B %Y', '%B-%Y', '%B-%y', '%B %y', '%Y-%m', '%Y/%m', '%m/%Y', '%m-%Y'];

/**
 * Cheap tests that must pass before a value is handed to strptime: strptime is
 * fast with one format but slow with many, so inference counts each candidate
 * format separately, and only for values that could be dates at all.
 */
export const MAY_BE_DATE = (v: string) => `(length(${v}) BETWEEN 6 AND 20 AND regexp_matches(${v}, '^\\d{1,4}[-/. ]'))`;
export const MAY_BE_TIMESTAMP = (v: string) => `(length(${v}) BETWEEN 14 AND 32 AND regexp_matches(${v}, '\\d:\\d\\d'))`;
export const MAY_BE_MONTH = (v: string) => `(length(${v}) BETWEEN 5 AND 14 AND regexp_matches(${v}, '\\d'))`;
export const IS_MIDNIGHT = (v: string) => `regexp_matches(${v}, '[ T]00:00(:00(\\.0+)?)?$')`;

/** Parse with one strptime format (ISO dates use the faster cast). */
export function parseWithFormat(v: string, format: string, as: 'DATE' | 'TIMESTAMP'): string {
  if (format === '%Y-%m-%d' && as === 'DATE') return `TRY_CAST(${v} AS DATE)`;
  return `CAST(try_strptime(${v}, ${quoteLiteral(format)}) AS ${as})`;
}

function parseWithFormats(v: string, formats: readonly string[], as: 'DATE' | 'TIMESTAMP'): string {
  const parts = formats.map((f) => parseWithFormat(v, f, as));
  return parts.length === 1 ? parts[0]! : `COALESCE(${parts.join(', ')})`;
}

const EXCEL_SERIAL = (v: string) => `regexp_full_match(${v}, '\\d{5}(\\.\\d+)?')`;

/**
 * A DATE from the given formats, or when none were inferred (a type chosen by
 * the user) from any known format, including Excel serial numbers (`42461`).
 */
export function dateValue(v: string, o: ValueRuleOptions, formats?: readonly string[]): string {
  if (formats && formats.length > 0) return `CAST(${parseWithFormats(v, formats, formats.some((f) => f.includes('%H')) ? 'TIMESTAMP' : 'DATE')} AS DATE)`;
  return `(CASE WHEN ${EXCEL_SERIAL(v)} THEN DATE '1899-12-30' + CAST(floor(CAST(${v} AS DOUBLE)) AS INTEGER)
    ELSE CAST(${parseWithFormats(v, [...dateFormats(o.dateOrder), ...timestampFormats(o.dateOrder)], 'TIMESTAMP')} AS DATE) END)`;
}

export function timestampValue(v: string, o: ValueRuleOptions, formats?: readonly string[]): string {
  return parseWithFormats(v, formats && formats.length > 0 ? formats : [...timestampFormats(o.dateOrder), ...dateFormats(o.dateOrder)], 'TIMESTAMP');
}

/** Named-month formats (`Apr-16`, `April 2016`), tried only on values that start with letters. */
const NAMED_MONTH_FORMATS = ['%b-%y', '%b-%Y', '%b %y', '%b %Y', '%B %Y', '%B-%Y', '%B-%y', '%B %y'];

function monthFromParts(year: string, month: string): string {
  return `(CASE WHEN TRY_CAST(${month} AS INTEGER) BETWEEN 1 AND 12 THEN make_date(TRY_CAST(${year} AS INTEGER), TRY_CAST(${month} AS INTEGER), 1) END)`;
}

/**
 * First day of the month from `Apr-16`, `April 2016`, `2016-04`, `04/2016`.
 * Given the formats inference found, only those are tried. Otherwise numeric
 * shapes are read arithmetically and only letter-first values go to strptime:
 * strptime is slow when it fails, and most values fail most formats.
 */
export function monthValue(v: string, formats?: readonly string[]): string {
  if (formats && formats.length > 0) return `CAST(${parseWithFormats(v, formats, 'TIMESTAMP')} AS DATE)`;
  const yearFirst = `regexp_extract(${v}, '^(\\d{4})[-/](\\d{1,2})$', ['y', 'm'])`;
  const monthFirst = `regexp_extract(${v}, '^(\\d{1,2})[-/](\\d{4})$', ['m', 'y'])`;
  return `(CASE
    WHEN regexp_full_match(${v}, '\\d{4}[-/]\\d{1,2}') THEN ${monthFromParts(`${yearFirst}.y`, `${yearFirst}.m`)}
    WHEN regexp_full_match(${v}, '\\d{1,2}[-/]\\d{4}') THEN ${monthFromParts(`${monthFirst}.y`, `${monthFirst}.m`)}
    WHEN regexp_full_match(${v}, '[A-Za-z]{3,9}[- ]\\d{2}(\\d{2})?') THEN CAST(${parseWithFormats(v, NAMED_MONTH_FORMATS, 'TIMESTAMP')} AS DATE)
  END)`;
}

/** `2016/17`, `2016-17`, `2016/2017`, `16/17`, optionally prefixed `FY`: two year parts in one pass of one regex. */
const FY_PATTERN = '^(?:[Ff][Yy]\\s*)?(\\d{2}|\\d{4})\\s*[/-]\\s*(\\d{2}|\\d{4})$';

function consecutive(first: string, second: string, shortSecond: boolean): string {
  return shortSecond ? `${second} = (${first} + 1) % 100` : `${second} = ${first} + 1`;
}

/** The slower, general reading: `FY` prefixes and spaces around the separator. */
function financialYearStartGeneral(v: string): string {
  const p = `regexp_extract(${v}, ${quoteLiteral(FY_PATTERN)}, ['a', 'b'])`;
  const a = `TRY_CAST(${p}.a AS INTEGER)`;
  const b = `TRY_CAST(${p}.b AS INTEGER)`;
  return `(CASE
      WHEN length(${p}.a) = 4 AND (${b} = ${a} + 1 OR (length(${p}.b) = 2 AND ${b} = (${a} + 1) % 100)) THEN ${a}
      WHEN length(${p}.a) = 2 AND length(${p}.b) = 2 AND ${b} = (${a} + 1) % 100 THEN (CASE WHEN ${a} < 70 THEN 2000 ELSE 1900 END) + ${a}
    END)`;
}

/**
 * The starting calendar year of a financial year label (`2016/17`, `2016-17`,
 * `16/17`, `2016/2017`, `FY 2016/17`), else NULL. The common shapes are read
 * with string positions (fast); anything else goes through one regex.
 */
export function financialYearStart(v: string): string {
  const sep = (at: number) => `substr(${v}, ${at}, 1) IN ('/', '-')`;
  const int = (from: number, len: number) => `TRY_CAST(substr(${v}, ${from}, ${len}) AS INTEGER)`;
  return `(CASE
      WHEN length(${v}) = 7 AND ${sep(5)} THEN (CASE WHEN ${consecutive(int(1, 4), int(6, 2), true)} THEN ${int(1, 4)} END)
      WHEN length(${v}) = 9 AND ${sep(5)} THEN (CASE WHEN ${consecutive(int(1, 4), int(6, 4), false)} THEN ${int(1, 4)} END)
      WHEN length(${v}) = 5 AND ${sep(3)} THEN (CASE WHEN ${consecutive(int(1, 2), int(4, 2), true)} THEN (CASE WHEN ${int(1, 2)} < 70 THEN 2000 ELSE 1900 END) + ${int(1, 2)} END)
      WHEN regexp_matches(${v}, '^[Ff][Yy]|\\s') THEN ${financialYearStartGeneral(v)}
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
  year: 'INTEGER',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  month: 'DATE',
  financial_year: 'VARCHAR',
  month_name: 'VARCHAR',
};

/** A column's type, with the date/time formats inference found for it. */
export interface ColumnTyping {
  type: ColumnType;
  formats?: string[];
}

/** SQL converting a trimmed cell `v` to the column type (NULL for empty cells and missing-value markers). */
export function convertValue(v: string, typing: ColumnTyping, o: ValueRuleOptions): string {
  const { type, formats } = typing;
  const empty = `${v} IS NULL OR ${v} = ''`;
  if (type === 'text' || type === 'financial_year' || type === 'month_name') return `(CASE WHEN ${empty} THEN NULL ELSE ${v} END)`;
  const body = (() => {
    switch (type) {
      case 'integer':
      case 'year':
        return integerValue(v, o);
      case 'number':
        return numberValue(v, o);
      case 'boolean':
        return booleanValue(v);
      case 'date':
        return dateValue(v, o, formats);
      case 'timestamp':
        return timestampValue(v, o, formats);
      case 'month':
        return monthValue(v, formats);
    }
  })();
  if (type === 'boolean') return `(CASE WHEN ${empty} OR ${isMissing(v, o)} THEN NULL ELSE ${body} END)`;
  // Numbers, dates and times need a digit: empty cells and digit-free markers (`*`, `..`, `[c]`) already give NULL,
  // so only markers with digits (a user's `-1`, `9999`) are tested first, and most columns skip the test on every row.
  const numeric = o.suppressionMarkers.filter((m) => /\d/.test(m));
  return numeric.length > 0 ? `(CASE WHEN ${isMissingSql(v, numeric)} THEN NULL ELSE ${body} END)` : body;
}

/** SQL true when a non-empty cell that is not a missing-value marker fails to convert to `type`. */
export function failsConversion(v: string, typing: ColumnTyping, o: ValueRuleOptions): string {
  const { type } = typing;
  if (type === 'text') return 'FALSE';
  if (type === 'financial_year') return `(${v} <> '' AND ${financialYearStart(v)} IS NULL)`;
  if (type === 'month_name') return `(${v} <> '' AND NOT ${isMonthName(v)})`;
  return `(${v} <> '' AND NOT ${isMissing(v, o)} AND ${convertValue(v, typing, o)} IS NULL)`;
}
