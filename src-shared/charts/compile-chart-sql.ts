import { quoteIdent, quoteLiteral } from '../sql/identifiers';
import type { ExpressionField } from '../expressions/compile';
import { measureSql } from './aggregate-sql';
import { compileChartPivotSql } from './chart-pivot';
import { dimensionKey, findMeasure, measureKey } from './chart-fields';
import type { ChartSpec, Dimension, RowFilter, TopFilter } from './chart-spec';
import { rowFilterSql } from './filter-sql';
import { grainOrderSql, grainSql } from './time-grain';

export interface CompileChartSqlOptions {
  /** The loaded table to read, when it differs from `spec.source.table` (e.g. the CLI imported the file under another name). */
  table?: string;
  /** The table's columns: calculated measures' field names are checked against them (case-insensitive, with a suggestion). */
  columns?: readonly ExpressionField[];
}

interface SpecDimension {
  role: 'x' | 'series';
  dim: Dimension;
  key: string;
  /** The column at its grain, before any top-N bucketing. */
  expr: string;
  top: TopFilter | undefined;
}

function dimensionsOf(spec: ChartSpec): SpecDimension[] {
  const out: SpecDimension[] = [];
  for (const role of ['x', 'series'] as const) {
    const dim = spec[role];
    if (!dim) continue;
    const top = spec.filters.find((f): f is TopFilter => f.kind === 'top' && f.dimension === role);
    out.push({ role, dim, key: dimensionKey(dim), expr: grainSql(quoteIdent(dim.field), dim.grain), top });
  }
  return out;
}

function indent(lines: string[]): string {
  return lines.map((l) => `  ${l}`).join('\n');
}

/** The CTE choosing a dimension's top N categories by a measure (blank categories never qualify). */
function topCte(
  name: string,
  d: SpecDimension,
  top: TopFilter,
  table: string,
  rowConditions: string[],
  spec: ChartSpec,
  columns: readonly ExpressionField[] | undefined,
): string {
  const by = measureSql(spec, findMeasure(spec, top.by), columns);
  const where = [...rowConditions, `${d.expr} IS NOT NULL`];
  return `${quoteIdent(name)} AS (\n${indent([
    `SELECT ${d.expr} AS "key"`,
    `FROM ${table}`,
    `WHERE ${where.join(' AND ')}`,
    'GROUP BY 1',
    `ORDER BY ${by} ${top.order === 'largest' ? 'DESC' : 'ASC'} NULLS LAST, 1 ASC`,
    `LIMIT ${top.n}`,
  ])}\n)`;
}

/** Whether x is a time axis: a date at a grain, or a date column (by the table's columns, when known). */
function isTimeAxis(dim: Dimension, columns: readonly ExpressionField[] | undefined): boolean {
  return dim.grain !== 'none' || columns?.find((c) => c.name === dim.field)?.kind === 'date';
}

function orderTerms(spec: ChartSpec, dims: SpecDimension[], columns: readonly ExpressionField[] | undefined): string[] {
  const terms: string[] = [];
  const x = dims.find((d) => d.role === 'x');
  const series = dims.find((d) => d.role === 'series');
  const otherLast = (d: SpecDimension) => {
    if (d.top?.other) terms.push(`(${quoteIdent(d.key)} = ${quoteLiteral(d.top.otherLabel)}) ASC`);
  };
  if (x) {
    const xCol = grainOrderSql(quoteIdent(x.key), x.dim.grain);
    // Time runs in time order: an SPC chart always, and any time axis whatever value sort the spec carries
    // from an earlier x ("Largest first" on a category axis that became financial years).
    const sort =
      spec.type === 'spc'
        ? { by: 'category', direction: 'asc' }
        : spec.sort.by === 'value' && isTimeAxis(x.dim, columns)
          ? { by: 'category', direction: 'asc' }
          : spec.sort;
    const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
    otherLast(x);
    if (sort.by === 'value') {
      const m = quoteIdent(measureKey(findMeasure(spec, spec.sort.measure)));
      terms.push(series ? `sum(${m}) OVER (PARTITION BY ${quoteIdent(x.key)}) ${direction} NULLS LAST` : `${m} ${direction} NULLS LAST`);
      terms.push(`${xCol} ASC NULLS LAST`);
    } else {
      terms.push(`${xCol} ${direction} NULLS LAST`);
    }
  }
  if (series) {
    otherLast(series);
    terms.push(`${grainOrderSql(quoteIdent(series.key), series.dim.grain)} ASC NULLS LAST`);
  }
  return terms;
}

/**
 * Compile a validated spec to one DuckDB query. Its result has one row per x
 * category (× colour-split value) with columns named as `chartColumns` says:
 * x, series, then each measure cast to DOUBLE. The aggregate sits in a
 * `chart_data` CTE so the final ORDER BY sees only result columns (a measure
 * key may equal a source column name); the order is always total:
 *
 * - `sort.by: category` — x in time/text order (financial months Apr → Mar);
 * - `sort.by: value` — by the measure (with a colour split, by each x
 *   category's total across the split), ties broken by x;
 * - then the colour split ascending; blanks last; an "Other" bucket last.
 *
 * Top-N filters rank categories in their own CTE (`top_x`, `top_series`)
 * over the same row filters. 100% stacking is not done here: the result keeps
 * the absolute values (what an analyst exports) and `buildChartOption` turns
 * them into shares.
 */
export function compileChartSql(spec: ChartSpec, opts: CompileChartSqlOptions = {}): string {
  if (spec.type === 'pivot') return compileChartPivotSql(spec, opts);
  const table = quoteIdent(opts.table ?? spec.source.table);
  const rowConditions = spec.filters
    .filter((f): f is RowFilter => f.kind !== 'top')
    .map(rowFilterSql)
    .filter((c): c is string => c !== null);
  const dims = dimensionsOf(spec);
  const ctes: string[] = [];
  const where = [...rowConditions];
  const selects: string[] = [];
  /** Each dimension's grouped expression (what GROUP BY groups), for windows over the groups. */
  const grouped = new Map<'x' | 'series', string>();

  for (const d of dims) {
    let select = d.expr;
    if (d.top) {
      const cte = `top_${d.role}`;
      ctes.push(topCte(cte, d, d.top, table, rowConditions, spec, opts.columns));
      const member = `${d.expr} IN (SELECT "key" FROM ${quoteIdent(cte)})`;
      if (d.top.other) select = `CASE WHEN ${member} THEN CAST(${d.expr} AS VARCHAR) ELSE ${quoteLiteral(d.top.otherLabel)} END`;
      else where.push(member);
    }
    selects.push(select === quoteIdent(d.key) ? select : `${select} AS ${quoteIdent(d.key)}`);
    grouped.set(d.role, select);
  }
  // previous() and total() look along x, each colour-split series on its own (the grouped expressions, as selected).
  const x = dims.find((d) => d.role === 'x');
  const window = x
    ? {
        partition: grouped.has('series') ? [grouped.get('series')!] : [],
        order: [`${grainOrderSql(grouped.get('x')!, x.dim.grain)} ASC NULLS LAST`],
      }
    : undefined;
  for (const m of spec.y) selects.push(`${measureSql(spec, m, opts.columns, window)} AS ${quoteIdent(measureKey(m))}`);

  const body = [`SELECT ${selects.join(', ')}`, `FROM ${table}`];
  if (where.length > 0) body.push(`WHERE ${where.join(' AND ')}`);
  if (dims.length > 0) body.push(`GROUP BY ${dims.map((_, i) => i + 1).join(', ')}`);
  ctes.push(`"chart_data" AS (\n${indent(body)}\n)`);

  const order = orderTerms(spec, dims, opts.columns);
  const lines = [`WITH ${ctes.join(',\n')}`, 'SELECT * FROM "chart_data"'];
  if (order.length > 0) lines.push(`ORDER BY ${order.join(', ')}`);
  return lines.join('\n');
}
