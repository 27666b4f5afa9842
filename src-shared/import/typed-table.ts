import { quoteIdent, quoteLiteral } from '../sql/identifiers';
import { isMissingSql, MISSING_KINDS, type MissingCounts } from './missing-values';
import { chooseType, valueCount, type TypeCounts } from './typing';
import type { ColumnType } from './types';
import {
  convertValue,
  failsConversion,
  financialYearStart,
  monthInFinancialYear,
  SQL_TYPE,
  trimmed,
  type ColumnTyping,
  type ValueRuleOptions,
} from './value-rules';

/**
 * Building the typed table in one pass. Each column gets a plan from the
 * sample's counts: read natively by DuckDB's CSV reader when every sampled
 * value is plain (`12`, `3.5`, one date format), read as text and converted by
 * the value rules when it is not (`£1,234`, `(9.8)`, `12%`, `*`, `2016/17`),
 * or kept as text. Converted columns keep their text beside them (`__raw<i>`)
 * until one aggregate over the new table has counted missing markers by kind
 * and values that did not convert; then the text is dropped — or, when values
 * did not fit, kept in the column's place as text.
 */

export interface ColumnPlan {
  /** The column's name in the table. */
  name: string;
  /** Index of the column in the source (its field position, `c<i>` in the reader). */
  index: number;
  typing: ColumnTyping;
  /** `native`: the reader delivers the SQL type; `text`: the reader delivers VARCHAR. */
  read: 'native' | 'text';
  /** Converted (and checked) by the value rules; false for native columns and text kept as text. */
  convert: boolean;
  /** Trim spaces around values (the sample had some). */
  trim: boolean;
  /** The type was set by the person, so values that do not fit become empty rather than the column text. */
  overridden: boolean;
  /** A number column whose values were percentages (`12%` → 0.12). */
  percent: boolean;
  /** A financial-year column's labels seen in the sample with their start year: the typed read looks these up first. */
  labelStarts: Readonly<Record<string, number>>;
}

export interface PlanOptions {
  /** Whether the source can deliver native types (a CSV read), or only text (cells staged as text). */
  native: boolean;
  overrides: Readonly<Record<string, ColumnType>>;
  decimal: '.' | ',';
}

export interface TablePlan {
  columns: ColumnPlan[];
  /** The one date format native DATE columns are read with (DuckDB's reader takes one), if any. */
  dateFormat: string | null;
  timestampFormat: string | null;
}

/** Types the reader can deliver directly when every sampled value is plain. */
function nativeFit(c: TypeCounts, typing: ColumnTyping, o: PlanOptions): 'native' | 'format' | false {
  if (!o.native || c.padded > 0) return false;
  const n = valueCount(c);
  const missing = c.missing.suppressed + c.missing.notAvailable + c.missing.notApplicable;
  if (missing > 0 || n === 0) return false;
  switch (typing.type) {
    case 'integer':
    case 'year':
      return c.plainInteger === n ? 'native' : false;
    case 'number':
      return o.decimal === '.' && c.plainNumber === n ? 'native' : false;
    case 'date':
    case 'timestamp':
      return typing.formats?.length === 1 ? 'format' : false;
    default:
      return false;
  }
}

/** The most common of the single formats of columns of one type that could be read natively. */
function sharedFormat(candidates: readonly ColumnPlan[], type: 'date' | 'timestamp'): string | null {
  const votes = new Map<string, number>();
  for (const p of candidates)
    if (p.typing.type === type && p.typing.formats?.length === 1) votes.set(p.typing.formats[0]!, (votes.get(p.typing.formats[0]!) ?? 0) + 1);
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** A plan per column from the sample's counts and the person's type choices. */
export function planColumns(names: readonly string[], counts: readonly TypeCounts[], o: PlanOptions): TablePlan {
  const formatCandidates: ColumnPlan[] = [];
  const columns = names.map((name, index): ColumnPlan => {
    const c = counts[index]!;
    const chosen = chooseType(c, name);
    const override = o.overrides[name];
    // Keep inferred date formats when the person confirms a date type; otherwise every format is tried.
    const typing: ColumnTyping = override === undefined ? chosen : override === chosen.type ? chosen : { type: override };
    const fit = override === undefined ? nativeFit(c, typing, o) : false;
    const isText = typing.type === 'text';
    const plan: ColumnPlan = {
      name,
      index,
      typing,
      read: fit === 'native' ? 'native' : 'text',
      convert: !isText && fit !== 'native',
      trim: c.padded > 0 || !o.native,
      overridden: override !== undefined,
      percent: typing.type === 'number' && c.percent > 0,
      labelStarts: typing.type === 'financial_year' ? c.financialYearLabels : {},
    };
    if (fit === 'format') formatCandidates.push(plan);
    return plan;
  });
  const dateFormat = sharedFormat(formatCandidates, 'date');
  const timestampFormat = sharedFormat(formatCandidates, 'timestamp');
  for (const p of formatCandidates) {
    const shared = p.typing.type === 'date' ? dateFormat : timestampFormat;
    if (p.typing.formats?.[0] === shared) {
      p.read = 'native';
      p.convert = false;
    }
  }
  return { columns, dateFormat, timestampFormat };
}

/** The reader's type for each source column (`VARCHAR` for text reads). */
export function readerType(plan: ColumnPlan): string {
  return plan.read === 'native' ? SQL_TYPE[plan.typing.type] : 'VARCHAR';
}

/** A column read as text back to conversion (values the sample did not predict). */
export function readAsText(plan: ColumnPlan): ColumnPlan {
  return { ...plan, read: 'text', convert: plan.typing.type !== 'text', trim: true };
}

export interface DerivedColumn {
  name: string;
  /** SQL over the inner text columns. */
  sql: string;
  typing: ColumnTyping;
  /** Source columns it reads: when one of them ends up text, the derived column is dropped. */
  from: number[];
}

const inner = (i: number) => quoteIdent(`c${i}`);

/** Types whose values stay text (labels checked against a pattern): `2016/17`, `OCTOBER`. */
function isLabel(p: ColumnPlan): boolean {
  return p.typing.type === 'financial_year' || p.typing.type === 'month_name';
}

/** A converted column whose text is kept beside it (`__raw<i>`) until the checks have run. */
function keepsText(p: ColumnPlan): boolean {
  return p.convert && !isLabel(p);
}
const raw = (i: number) => quoteIdent(`__raw${i}`);

/**
 * Columns the importer adds: each financial-year label gets its start date
 * (`Year start`); a month-name column beside exactly one financial-year column
 * gets the real month (`Month`: OCTOBER in 2016-17 → 2016-10-01, JANUARY → 2017-01-01).
 */
export function derivedColumns(plans: readonly ColumnPlan[], extraNames: readonly string[] = []): DerivedColumn[] {
  const taken = new Set([...plans.map((p) => p.name.toLowerCase()), ...extraNames.map((n) => n.toLowerCase())]);
  const unique = (name: string): string => {
    let n = name;
    for (let k = 2; taken.has(n.toLowerCase()); k++) n = `${name}_${k}`;
    taken.add(n.toLowerCase());
    return n;
  };
  const out: DerivedColumn[] = [];
  const fy = plans.filter((p) => p.typing.type === 'financial_year');
  for (const p of fy) {
    const c = inner(p.index);
    const general = `make_date(${financialYearStart(c)}, 4, 1)`;
    // Labels seen in the sample are looked up (one comparison each) before the rules work one out (several casts).
    const known = Object.entries(p.labelStarts).map(([label, year]) => `WHEN ${quoteLiteral(label)} THEN make_date(${Math.trunc(year)}, 4, 1)`);
    out.push({
      name: unique(`${p.name} start`),
      sql: known.length > 0 ? `(CASE ${c} ${known.join(' ')} ELSE ${general} END)` : `(${general})`,
      typing: { type: 'date' },
      from: [p.index],
    });
  }
  const months = plans.filter((p) => p.typing.type === 'month_name');
  if (fy.length === 1 && months.length === 1) {
    out.push({
      name: unique('Month'),
      sql: monthInFinancialYear(inner(months[0]!.index), inner(fy[0]!.index)),
      typing: { type: 'month' },
      from: [months[0]!.index, fy[0]!.index],
    });
  }
  return out;
}

/**
 * The SELECT that makes the typed table from a source relation whose columns
 * are `c0…cN` (a CSV read, or cells staged as text), plus any `passThrough`
 * columns (e.g. the source file of combined files).
 */
export function typedSelectSql(
  source: string,
  plan: TablePlan,
  derived: readonly DerivedColumn[],
  o: ValueRuleOptions,
  passThrough: readonly string[] = [],
): string {
  const innerCols = plan.columns.map((p) => {
    const c = inner(p.index);
    // Untrimmed columns come from DuckDB's CSV reader, which already gives NULL for empty fields, quoted or not (readCsvSql).
    if (p.read === 'native' || !p.trim) return `${c}`;
    return `NULLIF(${trimmed(c)}, '') AS ${c}`;
  });
  const outer: string[] = [];
  for (const p of plan.columns) {
    const c = inner(p.index);
    if (!keepsText(p)) {
      outer.push(`${c} AS ${quoteIdent(p.name)}`);
      continue;
    }
    outer.push(`CAST(${convertValue(c, p.typing, o)} AS ${SQL_TYPE[p.typing.type]}) AS ${quoteIdent(p.name)}`, `${c} AS ${raw(p.index)}`);
  }
  for (const d of derived) outer.push(`${d.sql} AS ${quoteIdent(d.name)}`);
  const pass = passThrough.map((e) => quoteIdent(e));
  return `SELECT ${[...outer, ...pass].join(',\n  ')}\nFROM (SELECT ${[...innerCols, ...pass].join(', ')} FROM ${source}) s`;
}

export interface ColumnCheck {
  missing: MissingCounts;
  failed: number;
  example: string | null;
}

/** Columns checked per aggregate: hundreds of filtered aggregates in one query exhaust DuckDB's memory. */
const CHECKED_PER_QUERY = 16;

/**
 * Aggregates over the new table (one for most files; one per 16 converted
 * columns of a wide one): rows, and per converted column its missing markers
 * by kind, failures and an example failure. A financial-year label fails when
 * its start date (the derived column) could not be worked out.
 */
export function checkSql(table: string, plan: TablePlan, derived: readonly DerivedColumn[], o: ValueRuleOptions): string[] {
  const checked = plan.columns.filter((p) => p.convert);
  const queries: string[] = [];
  for (let at = 0; at === 0 || at < checked.length; at += CHECKED_PER_QUERY) {
    const batch = checked.slice(at, at + CHECKED_PER_QUERY).map((p) => columnChecks(p, derived, o));
    if (batch.length === 0) {
      queries.push(`SELECT count(*) AS "rows" FROM ${quoteIdent(table)}`);
      continue;
    }
    const parts = [`(SELECT count(*) FROM ${quoteIdent(table)}) AS "rows"`, ...batch.flatMap((c) => c.parts)];
    // Only rows that may hold a marker or a failure are aggregated: a cheap NULL test skips the rest.
    const worth = batch.map((c) => c.worth).join(' OR ');
    queries.push(`SELECT ${parts.join(',\n  ')}\nFROM (SELECT * FROM ${quoteIdent(table)} WHERE ${worth}) w`);
  }
  return queries;
}

/** A column's aggregates, and the condition for rows where it may hold a marker or a failure. */
function columnChecks(p: ColumnPlan, derived: readonly DerivedColumn[], o: ValueRuleOptions): { parts: string[]; worth: string } {
  const parts: string[] = [];
  const name = quoteIdent(p.name);
  let value: string;
  let fails: string;
  let worth: string;
  if (isLabel(p)) {
    const start = derived.find((d) => d.from.length === 1 && d.from[0] === p.index);
    value = name;
    fails = start ? `(${name} IS NOT NULL AND ${quoteIdent(start.name)} IS NULL)` : `(${name} IS NOT NULL AND ${failsConversion(name, p.typing, o)})`;
    worth = start ? `${quoteIdent(start.name)} IS NULL` : 'TRUE';
  } else {
    // Markers and values that do not fit all convert to NULL.
    value = raw(p.index);
    worth = `${name} IS NULL`;
    for (const kind of MISSING_KINDS)
      parts.push(`count(*) FILTER (WHERE ${isMissingSql(value, o.suppressionMarkers, kind)}) AS ${quoteIdent(`${p.index}:${kind}`)}`);
    fails = `(${name} IS NULL AND ${value} IS NOT NULL AND NOT ${isMissingSql(value, o.suppressionMarkers)})`;
  }
  parts.push(
    `count(*) FILTER (WHERE ${fails}) AS ${quoteIdent(`${p.index}:failed`)}`,
    `min(${value}) FILTER (WHERE ${fails}) AS ${quoteIdent(`${p.index}:example`)}`,
  );
  return { parts, worth };
}

/** The checks per converted column, by source index. */
export function readChecks(row: Record<string, unknown>, plan: TablePlan): Map<number, ColumnCheck> {
  const out = new Map<number, ColumnCheck>();
  for (const p of plan.columns) {
    if (!p.convert) continue;
    const missing = Object.fromEntries(MISSING_KINDS.map((k) => [k, Number(row[`${p.index}:${k}`] ?? 0)])) as MissingCounts;
    const example = row[`${p.index}:example`];
    out.set(p.index, { missing, failed: Number(row[`${p.index}:failed`] ?? 0), example: typeof example === 'string' ? example : null });
  }
  return out;
}

/**
 * Statements that finish the table: each converted column's text is dropped,
 * or, for a column whose values did not fit (and whose type the person did not
 * set), put in the column's place as text; derived columns that read such a
 * column are dropped too.
 */
export function finishSql(table: string, plan: TablePlan, derived: readonly DerivedColumn[], toText: ReadonlySet<number>): string[] {
  const t = quoteIdent(table);
  const out: string[] = [];
  for (const p of plan.columns) {
    if (!keepsText(p)) continue;
    if (toText.has(p.index)) {
      out.push(`ALTER TABLE ${t} DROP COLUMN ${quoteIdent(p.name)}`, `ALTER TABLE ${t} RENAME COLUMN ${raw(p.index)} TO ${quoteIdent(p.name)}`);
    } else out.push(`ALTER TABLE ${t} DROP COLUMN ${raw(p.index)}`);
  }
  for (const d of derived) if (d.from.some((i) => toText.has(i))) out.push(`ALTER TABLE ${t} DROP COLUMN ${quoteIdent(d.name)}`);
  return out;
}

/**
 * Delete footnote rows that were read as data (padded with delimiters to the
 * table's width): a row matches when every column holds the footnote's cell
 * (text compared as text; empty cells as NULL).
 */
export function deleteFooterRowsSql(table: string, plan: TablePlan, footerRows: readonly (readonly string[])[]): string | null {
  const conditions = footerRows
    .filter((row) => row.some((c) => c.trim() !== ''))
    .map((row) =>
      plan.columns
        .map((p) => {
          const cell = (row[p.index] ?? '').trim();
          const column = keepsText(p) ? raw(p.index) : quoteIdent(p.name);
          if (cell === '') return `${column} IS NULL`;
          return `trim(CAST(${column} AS VARCHAR)) = ${quoteLiteral(cell)}`;
        })
        .join(' AND '),
    );
  if (conditions.length === 0) return null;
  return `DELETE FROM ${quoteIdent(table)} WHERE ${conditions.map((c) => `(${c})`).join(' OR ')}`;
}
