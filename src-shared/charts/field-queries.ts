import { quoteIdent, quoteLiteral, sqlValue } from '../sql/identifiers';

/**
 * The queries the UI runs about a table's fields, beside the chart queries:
 * a page of rows for the data grid, and a column's most common values for a
 * filter's value list. Compiled here, as strings, so they are tested with the
 * chart SQL (test/charts/compile-chart-sql.test.ts) and no component writes SQL.
 */

export interface GridSort {
  column: string;
  direction: 'asc' | 'desc';
}

/** A data grid's filter on one column. */
export type GridFilter =
  /** Text contains (any case), on the value as text. */
  | { column: string; kind: 'contains'; text: string }
  /** Numbers from `min` to `max` (inclusive), `above`/`below` (exclusive); an open end is unbounded. */
  | { column: string; kind: 'range'; min?: number; max?: number; above?: number; below?: number }
  /** Exactly one of these values (as text). */
  | { column: string; kind: 'values'; values: string[] };

/** What the grid shows: sorted by one or more columns (the first leads), filtered by any. */
export interface GridQuery {
  sort?: readonly GridSort[];
  filters?: readonly GridFilter[];
}

/** The LIKE pattern for "contains": `%`, `_` and `\` in the text match themselves. */
function containsPattern(text: string): string {
  return quoteLiteral(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** One filter's condition, or null for one still empty (it does not filter). */
export function gridFilterSql(f: GridFilter): string | null {
  const col = quoteIdent(f.column);
  switch (f.kind) {
    case 'contains':
      return f.text === '' ? null : `CAST(${col} AS VARCHAR) ILIKE ${containsPattern(f.text)} ESCAPE '\\'`;
    case 'range': {
      const ends = [
        ...(f.min !== undefined ? [`${col} >= ${sqlValue(f.min)}`] : []),
        ...(f.above !== undefined ? [`${col} > ${sqlValue(f.above)}`] : []),
        ...(f.max !== undefined ? [`${col} <= ${sqlValue(f.max)}`] : []),
        ...(f.below !== undefined ? [`${col} < ${sqlValue(f.below)}`] : []),
      ];
      return ends.length ? `(${ends.join(' AND ')})` : null;
    }
    case 'values':
      return f.values.length === 0 ? null : `CAST(${col} AS VARCHAR) IN (${f.values.map(quoteLiteral).join(', ')})`;
  }
}

function whereOf(filters: readonly GridFilter[] | undefined): string {
  const conditions = (filters ?? []).map(gridFilterSql).filter((c): c is string => c !== null);
  return conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * Rows [offset, offset + limit) of a table, in its stored order or sorted by
 * columns (blanks last either way; ties in stored order, so pages never
 * overlap or skip a row), filtered by the grid's filters.
 */
export function pageSql(table: string, offset: number, limit: number, query: GridQuery | GridSort = {}): string {
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit <= 0)
    throw new Error(`A page needs a whole offset ≥ 0 and limit > 0 (got ${offset}, ${limit})`);
  const q: GridQuery = 'column' in query ? { sort: [query] } : query;
  const sorts = q.sort ?? [];
  const order = sorts.length
    ? ` ORDER BY ${sorts.map((s) => `${quoteIdent(s.column)} ${s.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}, rowid`
    : '';
  return `SELECT * FROM ${quoteIdent(table)}${whereOf(q.filters)}${order} LIMIT ${limit} OFFSET ${offset}`;
}

/** How many rows the grid's filters leave. */
export function gridCountSql(table: string, filters: readonly GridFilter[] = []): string {
  return `SELECT count(*) AS n FROM ${quoteIdent(table)}${whereOf(filters)}`;
}

/** The most common values of a column with their counts (most common first, then by value), at most `limit`. */
export function distinctValuesSql(table: string, field: string, limit = 500): string {
  if (!Number.isInteger(limit) || limit <= 0) throw new Error(`A value list needs a whole limit > 0 (got ${limit})`);
  return `SELECT ${quoteIdent(field)} AS value, count(*) AS n FROM ${quoteIdent(table)} GROUP BY 1 ORDER BY n DESC, 1 LIMIT ${limit}`;
}

/**
 * A filter as typed in a grid column's box: `=AE, NEL` keeps exactly those
 * values; for numbers `10..20`, `>= 5`, `< 3` or `7` (exactly) are ranges;
 * anything else is "contains". Empty: null (no filter). A number range that
 * does not read as numbers falls back to "contains".
 */
export function parseGridFilter(column: string, numeric: boolean, typed: string): GridFilter | null {
  const text = typed.trim();
  if (text === '') return null;
  if (text.startsWith('=')) {
    const values = text
      .slice(1)
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return values.length ? { column, kind: 'values', values } : null;
  }
  if (numeric) {
    const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(/,/g, '')));
    const between = /^(-?[\d.,]*)\s*\.\.\s*(-?[\d.,]*)$/.exec(text);
    const compare = /^(>=|<=|>|<)\s*(-?[\d.,]+)$/.exec(text);
    let range: { min?: number; max?: number; above?: number; below?: number } | null = null;
    if (between)
      range = { ...(num(between[1]!) !== undefined ? { min: num(between[1]!)! } : {}), ...(num(between[2]!) !== undefined ? { max: num(between[2]!)! } : {}) };
    else if (compare) {
      const v = num(compare[2]!)!;
      range = compare[1] === '>=' ? { min: v } : compare[1] === '<=' ? { max: v } : compare[1] === '>' ? { above: v } : { below: v };
    } else if (/^-?[\d.,]+$/.test(text)) range = { min: num(text)!, max: num(text)! };
    if (range && Object.values(range).every((v) => Number.isFinite(v))) return { column, kind: 'range', ...range };
  }
  return { column, kind: 'contains', text };
}
