import { quoteIdent } from '../sql/identifiers';

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

/**
 * Rows [offset, offset + limit) of a table, in its stored order or sorted by
 * one column (blanks last either way; ties in stored order, so pages never
 * overlap or skip a row).
 */
export function pageSql(table: string, offset: number, limit: number, sort?: GridSort): string {
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit <= 0)
    throw new Error(`A page needs a whole offset ≥ 0 and limit > 0 (got ${offset}, ${limit})`);
  const order = sort ? ` ORDER BY ${quoteIdent(sort.column)} ${sort.direction === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, rowid` : '';
  return `SELECT * FROM ${quoteIdent(table)}${order} LIMIT ${limit} OFFSET ${offset}`;
}

/** The most common values of a column with their counts (most common first, then by value), at most `limit`. */
export function distinctValuesSql(table: string, field: string, limit = 500): string {
  if (!Number.isInteger(limit) || limit <= 0) throw new Error(`A value list needs a whole limit > 0 (got ${limit})`);
  return `SELECT ${quoteIdent(field)} AS value, count(*) AS n FROM ${quoteIdent(table)} GROUP BY 1 ORDER BY n DESC, 1 LIMIT ${limit}`;
}
