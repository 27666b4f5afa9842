import { quoteIdent, sqlValue } from '../sql/identifiers';
import type { RowFilter } from './chart-spec';
import { grainSql } from './time-grain';

type FilterValue = string | number | boolean | null;

function valueList(values: FilterValue[]): string {
  return values.map((v) => sqlValue(v)).join(', ');
}

function dateLiteral(isoDay: string): string {
  return sqlValue(new Date(`${isoDay}T00:00:00Z`));
}

/**
 * SQL condition for a row filter (applied before aggregation), or null for a
 * filter that is still being filled in (no values ticked, a range with no
 * bounds): it does not filter, so the chart stays drawn while it is edited.
 * Blank (NULL) values follow what a person means rather than SQL's
 * three-valued logic: `include` keeps blanks only when `null` is listed;
 * `exclude` keeps blanks unless `null` is listed.
 */
export function rowFilterSql(filter: RowFilter): string | null {
  const col = quoteIdent(filter.field);
  switch (filter.kind) {
    case 'include':
    case 'exclude': {
      if (filter.values.length === 0) return null;
      const expr = grainSql(col, filter.grain);
      const values = filter.values.filter((v): v is Exclude<FilterValue, null> => v !== null);
      const hasNull = values.length < filter.values.length;
      if (filter.kind === 'include') {
        if (values.length === 0) return `${expr} IS NULL`;
        const inList = `${expr} IN (${valueList(values)})`;
        return hasNull ? `(${inList} OR ${expr} IS NULL)` : inList;
      }
      if (values.length === 0) return `${expr} IS NOT NULL`;
      const notIn = `${expr} NOT IN (${valueList(values)})`;
      return hasNull ? notIn : `(${notIn} OR ${expr} IS NULL)`;
    }
    case 'range':
      return bounds(col, filter.min === undefined ? undefined : sqlValue(filter.min), filter.max === undefined ? undefined : sqlValue(filter.max));
    case 'date_range':
      return bounds(col, filter.from === undefined ? undefined : dateLiteral(filter.from), filter.to === undefined ? undefined : dateLiteral(filter.to));
  }
}

function bounds(col: string, low: string | undefined, high: string | undefined): string | null {
  if (low !== undefined && high !== undefined) return `(${col} >= ${low} AND ${col} <= ${high})`;
  if (low !== undefined) return `${col} >= ${low}`;
  if (high !== undefined) return `${col} <= ${high}`;
  return null;
}
