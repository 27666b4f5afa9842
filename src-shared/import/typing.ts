import { quoteIdent } from '../sql/identifiers';
import type { DateOrder } from './types';
import {
  IS_MIDNIGHT,
  MAY_BE_DATE,
  MAY_BE_MONTH,
  MAY_BE_TIMESTAMP,
  MONTH_FORMATS,
  SQL_TYPE,
  convertValue,
  dateFormats,
  failsConversion,
  financialYearStart,
  hasLeadingZero,
  isBoolean,
  isInteger,
  isMonthName,
  isNumber,
  isSuppressed,
  monthInFinancialYear,
  parseWithFormat,
  timestampFormats,
  trimmed,
  type ColumnTyping,
  type ValueRuleOptions,
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
  midnight: number;
  financialYear: number;
  monthName: number;
  /** Values that pass the cheap shape tests for dates, timestamps and months. */
  mayBeDate: number;
  mayBeTimestamp: number;
  mayBeMonth: number;
  /** Values each candidate format parses, by format (filled in by the second inference query). */
  dateFormats: Record<string, number>;
  timestampFormats: Record<string, number>;
  monthFormats: Record<string, number>;
}

const SCALAR_KEYS = [
  'nonEmpty',
  'suppressed',
  'integer',
  'number',
  'leadingZero',
  'percent',
  'boolean',
  'midnight',
  'financialYear',
  'monthName',
  'mayBeDate',
  'mayBeTimestamp',
  'mayBeMonth',
] as const;
type ScalarKey = (typeof SCALAR_KEYS)[number];

export const INFERENCE_SAMPLE_ROWS = 10_000;

function trimmedProjection(stage: string, columns: StageColumn[], limit?: number): string {
  const cols = columns.map((c) => `${trimmed(quoteIdent(c.stage))} AS ${quoteIdent(c.stage)}`).join(', ');
  return `SELECT ${cols} FROM ${quoteIdent(stage)}${limit ? ` LIMIT ${limit}` : ''}`;
}

/**
 * Per-column flags computed once per row in an inner query, so the many
 * FILTER clauses of the inference query test booleans rather than repeating
 * the same string work.
 */
function flagProjection(stage: string, columns: StageColumn[], o: ValueRuleOptions, limit: number): string {
  const cols = columns.flatMap((c, i) => {
    const v = trimmed(quoteIdent(c.stage));
    return [`${v} AS ${quoteIdent(`v${i}`)}`, `(${v} <> '' AND NOT ${isSuppressed(v, o)}) AS ${quoteIdent(`ok${i}`)}`];
  });
  return `SELECT ${cols.join(', ')} FROM ${quoteIdent(stage)} LIMIT ${limit}`;
}

function flagged(stage: string, columns: StageColumn[], o: ValueRuleOptions, limit: number): string {
  const cols = columns.flatMap((_, i) => {
    const v = quoteIdent(`v${i}`);
    const ok = quoteIdent(`ok${i}`);
    return [
      `${v}`,
      `${ok}`,
      `(${ok} AND ${MAY_BE_DATE(v)}) AS ${quoteIdent(`d${i}`)}`,
      `(${ok} AND ${MAY_BE_TIMESTAMP(v)}) AS ${quoteIdent(`t${i}`)}`,
      `(${ok} AND ${MAY_BE_MONTH(v)}) AS ${quoteIdent(`m${i}`)}`,
      `(${ok} AND ${isNumber(v, o)}) AS ${quoteIdent(`n${i}`)}`,
    ];
  });
  return `SELECT ${cols.join(', ')} FROM (${flagProjection(stage, columns, o, limit)}) f`;
}

function scalarConditions(i: number, o: ValueRuleOptions): Record<ScalarKey, string> {
  const v = quoteIdent(`v${i}`);
  const ok = quoteIdent(`ok${i}`);
  const num = quoteIdent(`n${i}`);
  return {
    nonEmpty: `${v} <> ''`,
    suppressed: `${v} <> '' AND NOT ${ok}`,
    integer: `${num} AND ${isInteger(v, o)}`,
    number: `${num}`,
    leadingZero: `${num} AND ${hasLeadingZero(v)}`,
    percent: `${num} AND contains(${v}, '%')`,
    boolean: `${ok} AND ${isBoolean(v)}`,
    midnight: `${quoteIdent(`t${i}`)} AND ${IS_MIDNIGHT(v)}`,
    financialYear: `${ok} AND length(${v}) <= 12 AND ${financialYearStart(v)} IS NOT NULL`,
    monthName: `${ok} AND length(${v}) <= 9 AND ${isMonthName(v)}`,
    mayBeDate: quoteIdent(`d${i}`),
    mayBeTimestamp: quoteIdent(`t${i}`),
    mayBeMonth: quoteIdent(`m${i}`),
  };
}

function formatGroups(order: DateOrder) {
  return [
    { key: 'dateFormats' as const, tag: 'd', formats: dateFormats(order), as: 'DATE' as const },
    { key: 'timestampFormats' as const, tag: 't', formats: timestampFormats(order), as: 'TIMESTAMP' as const },
    { key: 'monthFormats' as const, tag: 'm', formats: MONTH_FORMATS, as: 'TIMESTAMP' as const },
  ];
}

/**
 * One-row query counting, per column, how many sample values fit each type,
 * plus an example value that is not a number. Date formats are counted by a
 * second query, only for the columns that could hold dates: strptime with a
 * list of formats is an order of magnitude slower than with one, and every
 * FILTER clause costs a pass over the sample.
 */
export function inferenceSql(stage: string, columns: StageColumn[], o: ValueRuleOptions, sampleRows = INFERENCE_SAMPLE_ROWS): string {
  const parts: string[] = [];
  columns.forEach((_, i) => {
    const v = quoteIdent(`v${i}`);
    const conds = scalarConditions(i, o);
    for (const key of SCALAR_KEYS) parts.push(`count(*) FILTER (WHERE ${conds[key]}) AS ${quoteIdent(`${i}:${key}`)}`);
    parts.push(`min(${v}) FILTER (WHERE ${quoteIdent(`ok${i}`)} AND NOT ${quoteIdent(`n${i}`)}) AS ${quoteIdent(`${i}:notNumber`)}`);
  });
  return `SELECT ${parts.join(',\n  ')}\nFROM (${flagged(stage, columns, o, sampleRows)}) s`;
}

/** Columns worth testing against each date/time format: not typed otherwise, and shaped like dates. */
export function dateCandidates(counts: TypeCounts[]): number[] {
  return counts.flatMap((c, i) => {
    const n = c.nonEmpty - c.suppressed;
    if (n === 0 || chooseType(c).type !== 'text') return [];
    return c.mayBeDate === n || c.mayBeTimestamp === n || c.mayBeMonth === n ? [i] : [];
  });
}

/** Counts per date, timestamp and month format for the given columns. */
export function formatInferenceSql(stage: string, columns: StageColumn[], indexes: number[], o: ValueRuleOptions, sampleRows = INFERENCE_SAMPLE_ROWS): string {
  const parts: string[] = [];
  for (const i of indexes) {
    const v = quoteIdent(`v${i}`);
    for (const group of formatGroups(o.dateOrder)) {
      const may = quoteIdent(`${group.tag}${i}`);
      group.formats.forEach((f, k) => {
        parts.push(`count(*) FILTER (WHERE ${may} AND ${parseWithFormat(v, f, group.as)} IS NOT NULL) AS ${quoteIdent(`${i}:${group.tag}${k}`)}`);
      });
    }
  }
  return `SELECT ${parts.join(',\n  ')}\nFROM (${flagged(stage, columns, o, sampleRows)}) s`;
}

/** Add the per-format counts of a formatInferenceSql row to the counts. */
export function addFormatCounts(counts: TypeCounts[], row: Record<string, unknown>, indexes: number[], order: DateOrder): void {
  for (const i of indexes) {
    const c = counts[i]!;
    for (const group of formatGroups(order)) {
      group.formats.forEach((f, k) => {
        const n = Number(row[`${i}:${group.tag}${k}`] ?? 0);
        if (n > 0) c[group.key][f] = n;
      });
    }
  }
}

export function readCounts(row: Record<string, unknown>, columnCount: number): TypeCounts[] {
  const out: TypeCounts[] = [];
  for (let i = 0; i < columnCount; i++) {
    const counts = { dateFormats: {}, timestampFormats: {}, monthFormats: {} } as TypeCounts;
    for (const key of SCALAR_KEYS) counts[key] = Number(row[`${i}:${key}`] ?? 0);
    out.push(counts);
  }
  return out;
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
 * A column typed as text although most of its values are numbers (one `not
 * known` among thousands of counts) deserves a warning naming an offending value.
 */
export function mostlyNumericExample(row: Record<string, unknown>, index: number, counts: TypeCounts): string | null {
  const n = counts.nonEmpty - counts.suppressed;
  if (n < 5 || counts.number === n || counts.number / n < 0.8 || counts.leadingZero > 0) return null;
  const example = row[`${index}:notNumber`];
  return typeof example === 'string' ? example : null;
}

/** The most specific type (and date formats) every sampled value fits. */
export function chooseType(c: TypeCounts): ColumnTyping {
  if (c.nonEmpty === 0) return { type: 'text' };
  const n = c.nonEmpty - c.suppressed;
  if (n === 0) return { type: 'number' };
  if (c.boolean === n) return { type: 'boolean' };
  if (c.leadingZero === 0 && c.integer === n) return { type: 'integer' };
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

/** Full-table check: per column, suppressed cells, cells failing the chosen type, and an example failure. */
export function validationSql(stage: string, columns: StageColumn[], typings: ColumnTyping[], o: ValueRuleOptions): string {
  const parts = ['count(*) AS "rows"'];
  columns.forEach((c, i) => {
    const v = quoteIdent(c.stage);
    const typing = typings[i]!;
    const numeric = typing.type !== 'text' && typing.type !== 'financial_year' && typing.type !== 'month_name';
    parts.push(`count(*) FILTER (WHERE ${numeric ? `${v} <> '' AND ${isSuppressed(v, o)}` : 'FALSE'}) AS ${quoteIdent(`${i}:suppressed`)}`);
    const fails = failsConversion(v, typing, o);
    parts.push(`count(*) FILTER (WHERE ${fails}) AS ${quoteIdent(`${i}:failed`)}`);
    parts.push(`min(${v}) FILTER (WHERE ${fails}) AS ${quoteIdent(`${i}:example`)}`);
  });
  return `SELECT ${parts.join(',\n  ')}\nFROM (${trimmedProjection(stage, columns)}) s`;
}

export interface DerivedColumn {
  name: string;
  sql: string;
  typing: ColumnTyping;
}

/**
 * Columns the importer adds: each financial-year label gets its start date
 * (`Year start`); a month-name column beside exactly one financial-year column
 * gets the real month (`Month`: OCTOBER in 2016-17 → 2016-10-01, JANUARY → 2017-01-01).
 */
export function derivedColumns(columns: StageColumn[], typings: ColumnTyping[]): DerivedColumn[] {
  const taken = new Set(columns.map((c) => c.name.toLowerCase()));
  const unique = (name: string): string => {
    let n = name;
    for (let k = 2; taken.has(n.toLowerCase()); k++) n = `${name}_${k}`;
    taken.add(n.toLowerCase());
    return n;
  };
  const out: DerivedColumn[] = [];
  const fyIdx = typings.flatMap((t, i) => (t.type === 'financial_year' ? [i] : []));
  for (const i of fyIdx) {
    const v = quoteIdent(columns[i]!.stage);
    out.push({
      name: unique(`${columns[i]!.name} start`),
      sql: `(CASE WHEN ${financialYearStart(v)} IS NOT NULL THEN make_date(${financialYearStart(v)}, 4, 1) END)`,
      typing: { type: 'date' },
    });
  }
  const monthIdx = typings.flatMap((t, i) => (t.type === 'month_name' ? [i] : []));
  if (fyIdx.length === 1 && monthIdx.length === 1) {
    const fy = quoteIdent(columns[fyIdx[0]!]!.stage);
    const m = quoteIdent(columns[monthIdx[0]!]!.stage);
    out.push({ name: unique('Month'), sql: monthInFinancialYear(m, fy), typing: { type: 'month' } });
  }
  return out;
}

/** SELECT producing the typed table from the stage. */
export function typedSelectSql(
  stage: string,
  columns: StageColumn[],
  typings: ColumnTyping[],
  derived: DerivedColumn[],
  o: ValueRuleOptions,
  extraColumns: string[] = [],
): string {
  const cols = columns.map((c, i) => {
    const typing = typings[i]!;
    return `CAST(${convertValue(quoteIdent(c.stage), typing, o)} AS ${SQL_TYPE[typing.type]}) AS ${quoteIdent(c.name)}`;
  });
  for (const d of derived) cols.push(`${d.sql} AS ${quoteIdent(d.name)}`);
  const passThrough = extraColumns.map((e) => quoteIdent(e));
  const inner = columns
    .map((c) => `${trimmed(quoteIdent(c.stage))} AS ${quoteIdent(c.stage)}`)
    .concat(passThrough)
    .join(', ');
  return `SELECT ${[...cols, ...passThrough].join(',\n  ')}\nFROM (SELECT ${inner} FROM ${quoteIdent(stage)}) s`;
}
