import type { TableColumn } from '../analysis/view-types';
import { expressionNames } from '../expressions/compile';
import { measureKey } from './chart-fields';
import type { ChartSpec } from './chart-spec';
import type { TimeGrain } from './time-grain';

const NUMERIC_AGGREGATES = new Set(['sum', 'mean', 'min', 'max', 'median']);

interface FieldUse {
  path: string;
  field: string;
  /** What the use needs of the column's kind, if anything. */
  needs?: 'date' | 'number';
  why?: string;
  /** Matched ignoring case (names in expressions are). */
  anyCase?: boolean;
}

function uses(spec: ChartSpec): FieldUse[] {
  const out: FieldUse[] = [];
  const dim = (path: string, field: string, grain: TimeGrain) =>
    out.push(grain === 'none' ? { path, field } : { path, field, needs: 'date', why: `the ${grain} grain` });
  if (spec.x) dim('x.field', spec.x.field, spec.x.grain);
  if (spec.series) dim('series.field', spec.series.field, spec.series.grain);
  const measureIds = new Set(spec.y.map((m) => measureKey(m)));
  spec.y.forEach((m, i) => {
    if (m.expr !== undefined) {
      // A calculated measure's fields (its other names are measures of the spec).
      for (const name of expressionNames(m.expr)) if (!measureIds.has(name)) out.push({ path: `y[${i}].expr`, field: name, anyCase: true });
      return;
    }
    if (m.field === undefined) return;
    out.push(
      m.aggregate !== undefined && NUMERIC_AGGREGATES.has(m.aggregate)
        ? { path: `y[${i}].field`, field: m.field, needs: 'number', why: m.aggregate }
        : { path: `y[${i}].field`, field: m.field },
    );
  });
  spec.filters.forEach((f, i) => {
    if (f.kind === 'top') return;
    const path = `filters[${i}].field`;
    if (f.kind === 'range') out.push({ path, field: f.field, needs: 'number', why: 'a range filter' });
    else if (f.kind === 'date_range') out.push({ path, field: f.field, needs: 'date', why: 'a date range filter' });
    else dim(path, f.field, f.grain);
  });
  return out;
}

/**
 * Problems with a spec against a loaded table's columns: columns that do not
 * exist (with a suggestion when only the case differs), time grains on
 * non-date columns, sums and means of non-numbers. Empty when the spec fits.
 */
export function chartSpecFieldProblems(spec: ChartSpec, table: string, columns: readonly Pick<TableColumn, 'name' | 'kind'>[]): string[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const problems: string[] = [];
  for (const use of uses(spec)) {
    const column = byName.get(use.field) ?? (use.anyCase ? columns.find((c) => c.name.toLowerCase() === use.field.toLowerCase()) : undefined);
    if (!column) {
      const near = columns.find((c) => c.name.toLowerCase() === use.field.toLowerCase());
      problems.push(`${use.path}: no column "${use.field}" in table ${table}${near ? ` (did you mean "${near.name}"?)` : ''}`);
      continue;
    }
    if (use.needs === 'date' && column.kind !== 'date') problems.push(`${use.path}: ${use.why} needs a date column, but "${use.field}" is ${column.kind}`);
    if (use.needs === 'number' && column.kind !== 'number')
      problems.push(`${use.path}: ${use.why} needs a number column, but "${use.field}" is ${column.kind}`);
  }
  return problems;
}
