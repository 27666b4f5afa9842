import type { ViewSpec } from '../analysis/view-types';
import { measureKey } from '../charts/chart-fields';
import { parseChartSpec, type ChartSpec } from '../charts/chart-spec';
import { isSafeIdentifier, quoteIdent } from '../sql/identifiers';
import { validateWorkbook } from './parse-workbook';
import { mentionsIdentifier, sqlTokens, unquoteIdent } from './sql-tokens';
import type { Workbook } from './workbook-schema';

/**
 * Apply a column remapping the user chose (old name → new name, e.g. from
 * the renames schema-diff.ts found) to what reads a table: chart specs, view
 * mappings, derived tables' SQL, and the columns the workbook saved for it.
 */

export type ColumnRenames = Readonly<Record<string, string>>;

function rename(name: string, renames: ColumnRenames): string {
  return Object.hasOwn(renames, name) ? renames[name]! : name;
}

/**
 * A chart spec with its columns renamed. A measure whose column is renamed
 * keeps its result key (its `id` is set to the old key when it had none), so
 * sorts, top-N filters and reference lines that name it still work and
 * exported columns keep their names. Throws a ChartSpecError if the result is
 * not a valid spec.
 */
export function remapChartSpec(spec: ChartSpec, renames: ColumnRenames): ChartSpec {
  const dim = <D extends { field: string }>(d: D | undefined): D | undefined => (d ? { ...d, field: rename(d.field, renames) } : d);
  const y = spec.y.map((m) => {
    if (m.field === undefined || !Object.hasOwn(renames, m.field)) return m;
    return { ...m, id: m.id ?? measureKey(m), field: rename(m.field, renames) };
  });
  const filters = spec.filters.map((f) => (f.kind === 'top' ? f : { ...f, field: rename(f.field, renames) }));
  const x = dim(spec.x);
  const series = dim(spec.series);
  return parseChartSpec({ ...spec, ...(x ? { x } : {}), ...(series ? { series } : {}), y, filters });
}

/** A view spec whose role mapping follows the renames. */
export function remapViewSpec<V extends Pick<ViewSpec, 'mapping'>>(spec: V, renames: ColumnRenames): V {
  return { ...spec, mapping: Object.fromEntries(Object.entries(spec.mapping).map(([role, column]) => [role, rename(column, renames)])) };
}

/**
 * SQL with renamed columns: bare identifiers (matched ignoring case, unless
 * followed by `(` — a function call) and double-quoted identifiers (matched
 * exactly). String literals and comments are left alone. The SQL is not
 * parsed, so a renamed name is replaced wherever it appears as an identifier.
 */
export function remapSql(sql: string, renames: ColumnRenames): string {
  const lower = new Map(Object.entries(renames).map(([from, to]) => [from.toLowerCase(), to]));
  const tokens = sqlTokens(sql);
  const nextMeaningful = (i: number) => tokens.slice(i + 1).find((t) => t.type !== 'space' && t.type !== 'comment');
  return tokens
    .map((t, i) => {
      if (t.type === 'quoted') {
        const name = unquoteIdent(t.text);
        return Object.hasOwn(renames, name) ? quoteIdent(renames[name]!) : t.text;
      }
      if (t.type === 'word') {
        const to = lower.get(t.text.toLowerCase());
        if (to === undefined || nextMeaningful(i)?.text === '(') return t.text;
        return isSafeIdentifier(to) ? to : quoteIdent(to);
      }
      return t.text;
    })
    .join('');
}

export interface RemapResult {
  workbook: Workbook;
  /** What was changed: chart ids, view ids, derived tables. */
  charts: string[];
  views: string[];
  derived: string[];
}

/**
 * Apply renames of `table`'s columns across a workbook: charts reading the
 * table, views reading it, derived tables whose SQL mentions it, and the
 * columns saved for the source (so the renames no longer show as changes).
 * Throws (ChartSpecError, WorkbookError) when the result would be invalid.
 */
export function remapWorkbook(workbook: Workbook, table: string, renames: ColumnRenames): RemapResult {
  const same = (t: string) => t.toLowerCase() === table.toLowerCase();
  const changed: Omit<RemapResult, 'workbook'> = { charts: [], views: [], derived: [] };
  if (Object.keys(renames).length === 0) return { workbook, ...changed };
  const charts = workbook.charts.map((c) => {
    if (!same(c.spec.source.table)) return c;
    changed.charts.push(c.id);
    return { ...c, spec: remapChartSpec(c.spec, renames) };
  });
  const views = workbook.views.map((v) => {
    if (!v.spec.tables.some(same)) return v;
    changed.views.push(v.id);
    return { ...v, spec: remapViewSpec(v.spec, renames) };
  });
  const derived = workbook.derived.map((d) => {
    if (!mentionsIdentifier(sqlTokens(d.sql), table)) return d;
    const sql = remapSql(d.sql, renames);
    if (sql === d.sql) return d;
    changed.derived.push(d.table);
    return { ...d, sql };
  });
  const sources = workbook.sources.map((s) =>
    same(s.table) && s.columns ? { ...s, columns: s.columns.map((c) => ({ ...c, name: rename(c.name, renames) })) } : s,
  );
  return { workbook: validateWorkbook({ ...workbook, sources, charts, views, derived }), ...changed };
}
