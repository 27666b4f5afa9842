import { quoteIdent } from '../sql/identifiers';
import type { ColumnType } from './types';
import {
  SQL_TYPE, convertValue, failsConversion, financialYearStart, hasLeadingZero, isBoolean, isInteger,
  isMidnightTimestamp, isMonthName, isNumber, isPlainDate, isSuppressed, isTimestamp, monthInFinancialYear,
  monthValue, trimmed, type ValueRuleOptions,
} from './value-rules';

/**
 * Typing a staged, all-text table: infer each column's type from a sample, check
 * the choice against every row, and build the typed table. Pure SQL builders;
 * the importer runs them.
 */

export interface StageColumn {
  /** Column name in the staging table (`c0`, `c1`, …). */
  stage: string;
  /** Column name in the final table. */
  name: string;
}

export interface TypeCounts {
  nonEmpty: number;
  suppressed: number;
  integer: number;
  number: number;
  leadingZero: number;
  percent: number;
  boolean: number;
  plainDate: number;
  timestamp: number;
  midnight: number;
  month: number;
  financialYear: number;
  monthName: number;
}

const COUNT_KEYS: (keyof TypeCounts)[] = [
  'nonEmpty', 'suppressed', 'integer', 'number', 'leadingZero', 'percent', 'boolean', 'plainDate', 'timestamp',
  'midnight', 'month', 'financialYear', 'monthName',
];

function trimmedProjection(stage: string, columns: StageColumn[], limit?: number): string {
  const cols = columns.map((c) => `${trimmed(quoteIdent(c.stage))} AS ${quoteIdent(c.stage)}`).join(', ');
  return `SELECT ${cols} FROM ${quoteIdent(stage)}${limit ? ` LIMIT ${limit}` : ''}`;
}

function countConditions(v: string, o: ValueRuleOptions): Record<keyof TypeCounts, string> {
  const valid = `${v} <> '' AND NOT ${isSuppressed(v, o)}`;
  return {
    nonEmpty: `${v} <> ''`,
    suppressed: `${v} <> '' AND ${isSuppressed(v, o)}`,
    integer: `${valid} AND ${isInteger(v, o)}`,
    number: `${valid} AND ${isNumber(v, o)}`,
    leadingZero: `${valid} AND ${hasLeadingZero(v)}`,
    percent: `${valid} AND ${isNumber(v, o)} AND contains(${v}, '%')`,
    boolean: `${valid} AND ${isBoolean(v)}`,
    plainDate: `${valid} AND ${isPlainDate(v, o)}`,
    timestamp: `${valid} AND ${isTimestamp(v, o)}`,
    midnight: `${valid} AND ${isMidnightTimestamp(v, o)}`,
    month: `${valid} AND ${monthValue(v)} IS NOT NULL`,
    financialYear: `${valid} AND ${financialYearStart(v)} IS NOT NULL`,
    monthName: `${valid} AND ${isMonthName(v)}`,
  };
}

/** One-row query counting, per column, how many sample values fit each type. */
export function inferenceSql(stage: string, columns: StageColumn[], o: ValueRuleOptions, sampleRows = 20_000): string {
  const parts: string[] = [];
  columns.forEach((c, i) => {
    const conds = countConditions(quoteIdent(c.stage), o);
    for (const key of COUNT_KEYS) parts.push(`count(*) FILTER (WHERE ${conds[key]}) AS ${quoteIdent(`${i}:${key}`)}`);
    const v = quoteIdent(c.stage);
    parts.push(`min(${v}) FILTER (WHERE ${v} <> '' AND NOT ${isSuppressed(v, o)} AND NOT ${isNumber(v, o)}) AS ${quoteIdent(`${i}:notNumber`)}`);
  });
  return `SELECT ${parts.join(',\n  ')}\nFROM (${trimmedProjection(stage, columns, sampleRows)}) s`;
}

export function readCounts(row: Record<string, unknown>, columnCount: number): TypeCounts[] {
  const out: TypeCounts[] = [];
  for (let i = 0; i < columnCount; i++) {
    const counts = {} as TypeCounts;
    for (const key of COUNT_KEYS) counts[key] = Number(row[`${i}:${key}`] ?? 0);
    out.push(counts);
  }
  return out;
}

/**
 * A column typed as text although most of its values are numbers (one `not
 * known` among thousands of counts) deserves a warning naming an offending value.
 */
export function mostlyNumericExample(row: Record<string, unknown>, index: number, counts: TypeCounts): string | null {
  const n = counts.nonEmpty - counts.suppressed;
  if (n < 5 || counts.number === n || counts.number / n < 0.8 || counts.leadingZero > 0) return null;
  const example = row[`${index}:notNumber`];
  return typeof example === 'string' ? example : null;
}

/** The most specific type every sampled value fits. */
export function chooseType(c: TypeCounts): ColumnType {
  if (c.nonEmpty === 0) return 'text';
  const n = c.nonEmpty - c.suppressed;
  if (n === 0) return 'number';
  if (c.boolean === n) return 'boolean';
  if (c.leadingZero === 0 && c.integer === n) return 'integer';
  if (c.leadingZero === 0 && c.number === n) return 'number';
  if (c.financialYear === n) return 'financial_year';
  if (c.month === n) return 'month';
  if (c.plainDate === n) return 'date';
  if (c.timestamp === n) return c.midnight === n ? 'date' : 'timestamp';
  if (c.monthName === n) return 'month_name';
  return 'text';
}

/** Full-table check: per column, suppressed cells, cells failing the chosen type, and an example failure. */
export function validationSql(stage: string, columns: StageColumn[], types: ColumnType[], o: ValueRuleOptions): string {
  const parts = ['count(*) AS "rows"'];
  columns.forEach((c, i) => {
    const v = quoteIdent(c.stage);
    const type = types[i]!;
    const numeric = type !== 'text' && type !== 'financial_year' && type !== 'month_name';
    parts.push(`count(*) FILTER (WHERE ${numeric ? `${v} <> '' AND ${isSuppressed(v, o)}` : 'FALSE'}) AS ${quoteIdent(`${i}:suppressed`)}`);
    const fails = failsConversion(v, type, o);
    parts.push(`count(*) FILTER (WHERE ${fails}) AS ${quoteIdent(`${i}:failed`)}`);
    parts.push(`min(${v}) FILTER (WHERE ${fails}) AS ${quoteIdent(`${i}:example`)}`);
  });
  return `SELECT ${parts.join(',\n  ')}\nFROM (${trimmedProjection(stage, columns)}) s`;
}

export interface DerivedColumn {
  name: string;
  sql: string;
  type: ColumnType;
}

/**
 * Columns the importer adds: each financial-year label gets its start date
 * (`Year start`); a month-name column beside exactly one financial-year column
 * gets the real month (`Month`: OCTOBER in 2016-17 → 2016-10-01, JANUARY → 2017-01-01).
 */
export function derivedColumns(columns: StageColumn[], types: ColumnType[]): DerivedColumn[] {
  const taken = new Set(columns.map((c) => c.name.toLowerCase()));
  const unique = (name: string): string => {
    let n = name;
    for (let k = 2; taken.has(n.toLowerCase()); k++) n = `${name}_${k}`;
    taken.add(n.toLowerCase());
    return n;
  };
  const out: DerivedColumn[] = [];
  const fyIdx = types.flatMap((t, i) => (t === 'financial_year' ? [i] : []));
  for (const i of fyIdx) {
    const v = quoteIdent(columns[i]!.stage);
    out.push({ name: unique(`${columns[i]!.name} start`), sql: `(CASE WHEN ${financialYearStart(v)} IS NOT NULL THEN make_date(${financialYearStart(v)}, 4, 1) END)`, type: 'date' });
  }
  const monthIdx = types.flatMap((t, i) => (t === 'month_name' ? [i] : []));
  if (fyIdx.length === 1 && monthIdx.length === 1) {
    const fy = quoteIdent(columns[fyIdx[0]!]!.stage);
    const m = quoteIdent(columns[monthIdx[0]!]!.stage);
    out.push({ name: unique('Month'), sql: monthInFinancialYear(m, fy), type: 'month' });
  }
  return out;
}

/** SELECT producing the typed table from the stage. */
export function typedSelectSql(stage: string, columns: StageColumn[], types: ColumnType[], derived: DerivedColumn[], o: ValueRuleOptions, extraColumns: string[] = []): string {
  const cols = columns.map((c, i) => {
    const type = types[i]!;
    return `CAST(${convertValue(quoteIdent(c.stage), type, o)} AS ${SQL_TYPE[type]}) AS ${quoteIdent(c.name)}`;
  });
  for (const d of derived) cols.push(`${d.sql} AS ${quoteIdent(d.name)}`);
  const passThrough = extraColumns.map((e) => quoteIdent(e));
  const inner = columns.map((c) => `${trimmed(quoteIdent(c.stage))} AS ${quoteIdent(c.stage)}`).concat(passThrough).join(', ');
  return `SELECT ${[...cols, ...passThrough].join(',\n  ')}\nFROM (SELECT ${inner} FROM ${quoteIdent(stage)}) s`;
}

