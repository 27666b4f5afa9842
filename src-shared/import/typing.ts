import * as arrow from 'apache-arrow';
import { buildVector } from '../engine/arrow-build';
import { quoteIdent, quoteLiteral } from '../sql/identifiers';
import { isMissingSql, MISSING_KINDS, noMissing, type MissingCounts } from './missing-values';
import type { DateOrder } from './types';
import {
  IS_MIDNIGHT,
  MAY_BE_DATE,
  MAY_BE_MONTH,
  MAY_BE_TIMESTAMP,
  MONTH_FORMATS,
  dateFormats,
  financialYearStart,
  hasLeadingZero,
  isBoolean,
  isInteger,
  isMonthName,
  isNumber,
  parseWithFormat,
  PLAIN_INTEGER_PATTERN,
  PLAIN_NUMBER_PATTERN,
  timestampFormats,
  trimmed,
  type ColumnTyping,
  type ValueRuleOptions,
} from './value-rules';

/**
 * Inferring column types from a sample, cheaply: the sample's cells are
 * reduced (in JavaScript) to distinct (column, value, count) rows, and the
 * NHS value rules (value-rules.ts, SQL) run once per distinct value in one
 * small GROUP BY query — not once per row and per column. Date formats are
 * counted by a second query, only for columns whose values look like dates.
 */

export const INFERENCE_SAMPLE_ROWS = 10_000;

export interface TypeCounts {
  nonEmpty: number;
  /** Missing-value markers by kind (suppressed, not available, not applicable). */
  missing: MissingCounts;
  integer: number;
  number: number;
  /** Numbers DuckDB's reader takes as they are: `-12`, `3.5`, `1e3` (no `£`, `,`, `%`, brackets). */
  plainInteger: number;
  plainNumber: number;
  leadingZero: number;
  percent: number;
  boolean: number;
  midnight: number;
  financialYear: number;
  monthName: number;
  /** Values with spaces (or tabs, non-breaking spaces) around them. */
  padded: number;
  /** Whole numbers from 1800 to 2200 (with a year-like column name, a `year` column). */
  yearLike: number;
  mayBeDate: number;
  mayBeTimestamp: number;
  mayBeMonth: number;
  /** Values each candidate format parses, by format (from formatInferenceSql). */
  dateFormats: Record<string, number>;
  timestampFormats: Record<string, number>;
  monthFormats: Record<string, number>;
  /** Financial-year labels in the sample with their start year (financialYearLabelsSql), looked up by the typed read before it works one out. */
  financialYearLabels: Record<string, number>;
  /** A value that is not a number, for the warning about mostly-numeric text columns. */
  notNumber: string | null;
}

const SCALARS = [
  'nonEmpty',
  'integer',
  'number',
  'plainInteger',
  'plainNumber',
  'leadingZero',
  'percent',
  'boolean',
  'midnight',
  'financialYear',
  'monthName',
  'padded',
  'yearLike',
  'mayBeDate',
  'mayBeTimestamp',
  'mayBeMonth',
] as const;

/** The number of cells that hold a value, not a missing-value marker. */
export function valueCount(c: TypeCounts): number {
  return c.nonEmpty - c.missing.suppressed - c.missing.notAvailable - c.missing.notApplicable;
}

/** A sample's cells as distinct (column, value, count) rows, as an Arrow table for the engine. */
export function distinctSample(rows: readonly (readonly (string | null)[])[], width: number, limit = INFERENCE_SAMPLE_ROWS): arrow.Table {
  const cols: number[] = [];
  const values: string[] = [];
  const counts: number[] = [];
  for (let c = 0; c < width; c++) {
    const seen = new Map<string, number>();
    const n = Math.min(rows.length, limit);
    for (let r = 0; r < n; r++) {
      const v = rows[r]![c];
      if (v === null || v === undefined || v === '') continue;
      seen.set(v, (seen.get(v) ?? 0) + 1);
    }
    for (const [v, k] of seen) {
      cols.push(c);
      values.push(v);
      counts.push(k);
    }
  }
  return new arrow.Table({
    col: buildVector(cols, new arrow.Int32()),
    raw: buildVector(values, new arrow.Utf8()),
    n: buildVector(counts, new arrow.Int32()),
  });
}

/** Per distinct value: the trimmed text and the flags every count is built from. */
function flaggedSample(sample: string, o: ValueRuleOptions): string {
  const v = 'v';
  return `SELECT col, n, raw, v, (v <> '' AND NOT ${isMissingSql(v, o.suppressionMarkers)}) AS ok,
      ${isNumber(v, o)} AS num, ${MAY_BE_DATE(v)} AS may_date, ${MAY_BE_TIMESTAMP(v)} AS may_ts, ${MAY_BE_MONTH(v)} AS may_month
    FROM (SELECT col, n, raw, ${trimmed('raw')} AS v FROM ${quoteIdent(sample)}) s`;
}

function scalarCondition(key: (typeof SCALARS)[number], o: ValueRuleOptions): string {
  switch (key) {
    case 'nonEmpty':
      return `v <> ''`;
    case 'integer':
      return `ok AND num AND ${isInteger('v', o)}`;
    case 'number':
      return 'ok AND num';
    case 'plainInteger':
      return `ok AND regexp_full_match(v, ${quoteLiteral(PLAIN_INTEGER_PATTERN)})`;
    case 'plainNumber':
      return `ok AND regexp_full_match(v, ${quoteLiteral(PLAIN_NUMBER_PATTERN)})`;
    case 'leadingZero':
      return `ok AND num AND ${hasLeadingZero('v')}`;
    case 'percent':
      return `ok AND num AND contains(v, '%')`;
    case 'boolean':
      return `ok AND ${isBoolean('v')}`;
    case 'midnight':
      return `ok AND may_ts AND ${IS_MIDNIGHT('v')}`;
    case 'financialYear':
      return `ok AND length(v) <= 12 AND ${financialYearStart('v')} IS NOT NULL`;
    case 'monthName':
      return `ok AND length(v) <= 9 AND ${isMonthName('v')}`;
    case 'padded':
      return `raw <> v`;
    case 'yearLike':
      return `ok AND regexp_full_match(v, '\\d{4}') AND TRY_CAST(v AS INTEGER) BETWEEN 1800 AND 2200`;
    case 'mayBeDate':
      return 'ok AND may_date';
    case 'mayBeTimestamp':
      return 'ok AND may_ts';
    case 'mayBeMonth':
      return 'ok AND may_month';
  }
}

/** One row per column: how many sampled values fit each type, by kind of missing marker, and an example non-number. */
export function inferenceSql(sample: string, o: ValueRuleOptions): string {
  const parts = SCALARS.map((key) => `sum(n) FILTER (WHERE ${scalarCondition(key, o)}) AS ${quoteIdent(key)}`);
  for (const kind of MISSING_KINDS) parts.push(`sum(n) FILTER (WHERE ${isMissingSql('v', o.suppressionMarkers, kind)}) AS ${quoteIdent(kind)}`);
  parts.push(`min(v) FILTER (WHERE ok AND NOT num) AS "notNumber"`);
  return `SELECT col, ${parts.join(',\n  ')}\nFROM (${flaggedSample(sample, o)}) f\nGROUP BY col`;
}

/** The counts per column from inferenceSql's rows (columns with no values get zero counts). */
export function readCounts(rows: readonly Record<string, unknown>[], width: number): TypeCounts[] {
  const out: TypeCounts[] = [];
  for (let i = 0; i < width; i++) {
    const counts = {
      dateFormats: {},
      timestampFormats: {},
      monthFormats: {},
      financialYearLabels: {},
      missing: noMissing(),
      notNumber: null,
    } as unknown as TypeCounts;
    for (const key of SCALARS) counts[key] = 0;
    out.push(counts);
  }
  for (const row of rows) {
    const c = out[Number(row.col)];
    if (!c) continue;
    for (const key of SCALARS) c[key] = Number(row[key] ?? 0);
    for (const kind of MISSING_KINDS) c.missing[kind] = Number(row[kind] ?? 0);
    c.notNumber = typeof row.notNumber === 'string' ? row.notNumber : null;
  }
  return out;
}

function formatGroups(order: DateOrder) {
  return [
    { key: 'dateFormats' as const, tag: 'd', may: 'may_date', formats: dateFormats(order), as: 'DATE' as const },
    { key: 'timestampFormats' as const, tag: 't', may: 'may_ts', formats: timestampFormats(order), as: 'TIMESTAMP' as const },
    { key: 'monthFormats' as const, tag: 'm', may: 'may_month', formats: MONTH_FORMATS, as: 'TIMESTAMP' as const },
  ];
}

/** Columns worth testing against each date/time format: not typed otherwise, and shaped like dates. */
export function dateCandidates(counts: TypeCounts[]): number[] {
  return counts.flatMap((c, i) => {
    const n = valueCount(c);
    if (n === 0 || chooseType(c).type !== 'text') return [];
    return c.mayBeDate === n || c.mayBeTimestamp === n || c.mayBeMonth === n ? [i] : [];
  });
}

/** Per candidate column, how many sampled values each date, timestamp and month format parses. */
export function formatInferenceSql(sample: string, indexes: readonly number[], o: ValueRuleOptions): string {
  const parts: string[] = [];
  for (const group of formatGroups(o.dateOrder)) {
    group.formats.forEach((f, k) =>
      parts.push(`sum(n) FILTER (WHERE ok AND ${group.may} AND ${parseWithFormat('v', f, group.as)} IS NOT NULL) AS ${quoteIdent(`${group.tag}${k}`)}`),
    );
  }
  return `SELECT col, ${parts.join(',\n  ')}\nFROM (${flaggedSample(sample, o)}) f\nWHERE col IN (${indexes.join(', ')})\nGROUP BY col`;
}

/** Add formatInferenceSql's counts to the columns' counts. */
export function addFormatCounts(counts: TypeCounts[], rows: readonly Record<string, unknown>[], order: DateOrder): void {
  for (const row of rows) {
    const c = counts[Number(row.col)];
    if (!c) continue;
    for (const group of formatGroups(order)) {
      group.formats.forEach((f, k) => {
        const n = Number(row[`${group.tag}${k}`] ?? 0);
        if (n > 0) c[group.key][f] = n;
      });
    }
  }
}

/** Labels kept per column: a financial-year column has a handful; more are worked out row by row. */
const MAX_LABELS = 64;

/** Columns with financial-year labels in the sample. */
export function financialYearColumns(counts: readonly TypeCounts[]): number[] {
  return counts.flatMap((c, i) => (c.financialYear > 0 ? [i] : []));
}

/** The sample's financial-year labels of some columns with the start year the value rules give each. */
export function financialYearLabelsSql(sample: string, indexes: readonly number[]): string {
  return `SELECT col, v AS label, y AS start FROM (
    SELECT col, v, ${financialYearStart('v')} AS y FROM (SELECT col, ${trimmed('raw')} AS v FROM ${quoteIdent(sample)}) s
    WHERE col IN (${indexes.join(', ')}) AND length(v) <= 12) f
  WHERE y IS NOT NULL
  ORDER BY col, label`;
}

/** Add financialYearLabelsSql's rows to the columns' counts. */
export function addFinancialYearLabels(counts: TypeCounts[], rows: readonly Record<string, unknown>[]): void {
  for (const row of rows) {
    const labels = counts[Number(row.col)]?.financialYearLabels;
    if (labels && Object.keys(labels).length < MAX_LABELS) labels[String(row.label)] = Number(row.start);
  }
}

/**
 * The fewest formats (at most three, most common first) that between them
 * parse all `n` values, or null when they cannot.
 */
export function coveringFormats(counts: Record<string, number>, n: number): string[] | null {
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const chosen: string[] = [];
  let covered = 0;
  for (const [format, count] of ranked.slice(0, 3)) {
    chosen.push(format);
    covered += count;
    if (covered >= n) return chosen;
  }
  return null;
}

/**
 * A column typed as text although most of its values are numbers deserves a
 * warning naming an offending value.
 */
export function mostlyNumericExample(counts: TypeCounts): string | null {
  const n = valueCount(counts);
  if (n < 5 || counts.number === n || counts.number / n < 0.8 || counts.leadingZero > 0) return null;
  return counts.notNumber;
}

const YEAR_NAME = /(^|[^a-z])(year|yr)([^a-z]|$)/i;

/** The most specific type (and date formats) every sampled value fits. `name` lets whole-number years be told from counts. */
export function chooseType(c: TypeCounts, name = ''): ColumnTyping {
  if (c.nonEmpty === 0) return { type: 'text' };
  const n = valueCount(c);
  if (n === 0) return { type: 'number' };
  if (c.boolean === n) return { type: 'boolean' };
  if (c.leadingZero === 0 && c.integer === n) return c.yearLike === n && YEAR_NAME.test(name) ? { type: 'year' } : { type: 'integer' };
  if (c.leadingZero === 0 && c.number === n) return { type: 'number' };
  if (c.financialYear === n) return { type: 'financial_year' };
  const month = coveringFormats(c.monthFormats, n);
  if (month) return { type: 'month', formats: month };
  const date = coveringFormats(c.dateFormats, n);
  if (date) return { type: 'date', formats: date };
  const timestamp = coveringFormats(c.timestampFormats, n);
  if (timestamp) return c.midnight === n ? { type: 'date', formats: timestamp } : { type: 'timestamp', formats: timestamp };
  if (c.monthName === n) return { type: 'month_name' };
  return { type: 'text' };
}
