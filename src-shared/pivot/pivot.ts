import { categoryKey, categoryLabel, compareCategories, grainOrderSql, grainSql, type ChartValue, type TimeGrain } from '../charts/time-grain';
import { compileExpression, type ExpressionField } from '../expressions/compile';
import type { ExportTable } from '../export/data-table';
import type { JsonValue } from '../format/plain-json';
import { SUPPRESSED } from '../export/disclosure';
import { quoteIdent } from '../sql/identifiers';

/**
 * A pivot table: row fields, at most one column field (each at a time grain),
 * and values written as measures in the calculated-field language
 * (`sum(activity)`, `1000 * sum(admissions) / sum(population)`). One query
 * with GROUPING SETS gives every cell, every subtotal (per leading row
 * fields), the column totals and the grand total, each computed from the rows
 * themselves — so a total of an average or a ratio is right, not a sum of
 * cells.
 */

export interface PivotField {
  field: string;
  grain: TimeGrain;
  /** How values read, by value (the chart builder's value labels). */
  valueLabels?: Readonly<Record<string, string>> | undefined;
}

export interface PivotValue {
  expr: string;
  label?: string;
}

/** What shaping a pivot's rows needs: its fields and its values' names. */
export interface PivotShape {
  rows: readonly PivotField[];
  column?: PivotField | undefined;
  values: readonly { label?: string | undefined; expr?: string; key?: string }[];
}

export interface PivotSpec {
  table: string;
  rows: PivotField[];
  column?: PivotField;
  values: PivotValue[];
}

export interface PivotRow {
  keys: (string | null)[];
  /** One per column key; with several values, one array per column key. */
  cells: (PivotNumber | PivotNumber[])[];
  total: PivotNumber | PivotNumber[];
  /** A subtotal over the row fields after the first `keys` that are not null. */
  subtotal?: true;
}

export interface PivotResult {
  rowFields: string[];
  columnKeys: string[];
  values: string[];
  rows: PivotRow[];
  columnTotals: (PivotNumber | PivotNumber[])[];
  grandTotal: PivotNumber | PivotNumber[];
}

const dimName = (kind: 'r' | 'c', i: number) => `__pivot_${kind}${i}`;
const valueName = (i: number) => `__pivot_v${i}`;

/** A pivot number; `*` where disclosure control suppressed it. */
export type PivotNumber = number | null | typeof SUPPRESSED;

/** `month:financial_year` → { field: 'month', grain: 'financial_year' }; a field name may itself hold colons only if no grain follows. */
export function parsePivotField(text: string): PivotField {
  const m = /^(.*):(none|month|quarter|financial_year|fy|year|financial_month)$/.exec(text.trim());
  if (!m) return { field: text.trim(), grain: 'none' };
  const grain = m[2] === 'fy' ? 'financial_year' : (m[2] as TimeGrain);
  return { field: m[1]!.trim(), grain };
}

/** Split `sum(a), round(sum(b) / sum(c), 1)` at the commas outside brackets and quotes. */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== '');
}

/** A pivot query with its values already compiled to SQL (the chart builder's measures, or `compilePivotSql`'s expressions). */
export interface PivotQuery {
  /** The table or subquery to read, already quoted. */
  from: string;
  /** Row conditions (SQL), joined with AND. */
  where?: readonly string[];
  rows: readonly PivotField[];
  column?: PivotField;
  valueSql: readonly string[];
  /** Result column names of the values (default `__pivot_v0`, …): the chart builder names them by measure key, so disclosure control finds its counts. */
  valueKeys?: readonly string[];
  /** Subtotals over the leading row fields (default true); the grand total and column totals are always computed. */
  subtotals?: boolean;
}

/** The one query behind a pivot: every cell, subtotal and total by GROUPING SETS, in row then column order. */
export function pivotQuerySql(q: PivotQuery): string {
  if (q.rows.length === 0 && !q.column) throw new Error('A pivot needs at least one row or column field.');
  if (q.valueSql.length === 0) throw new Error('A pivot needs at least one value, e.g. sum(activity).');
  const dims = [...q.rows.map((d, i) => ({ d, name: dimName('r', i) })), ...(q.column ? [{ d: q.column, name: dimName('c', 0) }] : [])];
  const projected = dims.map(({ d, name }) => `${grainSql(quoteIdent(d.field), d.grain)} AS ${quoteIdent(name)}`);
  const values = q.valueSql.map((sql, i) => `${sql} AS ${quoteIdent(q.valueKeys?.[i] ?? valueName(i))}`);
  const rowNames = q.rows.map((_, i) => quoteIdent(dimName('r', i)));
  const col = q.column ? [quoteIdent(dimName('c', 0))] : [];
  const sets: string[] = [];
  for (let k = q.rows.length; k >= 0; k--) {
    if (q.subtotals === false && k > 0 && k < q.rows.length) continue;
    const prefix = rowNames.slice(0, k);
    if (col.length) sets.push(`(${[...prefix, ...col].join(', ')})`);
    sets.push(`(${prefix.join(', ')})`);
  }
  const groupings = dims.map(({ name }) => `grouping(${quoteIdent(name)}) AS ${quoteIdent(`${name}_g`)}`);
  const order = dims.map(({ d, name }) => `${grainOrderSql(quoteIdent(name), d.grain)} NULLS LAST`);
  const where = q.where && q.where.length > 0 ? ` WHERE ${q.where.join(' AND ')}` : '';
  return [
    `SELECT ${[...dims.map(({ name }) => quoteIdent(name)), ...values, ...groupings].join(', ')}`,
    `FROM (SELECT *, ${projected.join(', ')} FROM ${q.from}${where})`,
    `GROUP BY GROUPING SETS (${[...new Set(sets)].join(', ')})`,
    `ORDER BY ${order.join(', ')}`,
  ].join('\n');
}

/** The one query behind a pivot written with expressions (the CLI's `--values "sum(activity)"`). */
export function compilePivotSql(spec: PivotSpec, fields?: readonly ExpressionField[]): string {
  if (spec.values.length === 0) throw new Error('A pivot needs at least one value, e.g. sum(activity).');
  return pivotQuerySql({
    from: quoteIdent(spec.table),
    rows: spec.rows,
    ...(spec.column ? { column: spec.column } : {}),
    valueSql: spec.values.map((v) => compileExpression(v.expr, { mode: 'aggregate', fields })),
  });
}

function num(value: unknown): PivotNumber {
  if (value === SUPPRESSED) return SUPPRESSED;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

/** Shape the query's rows (engine or JSON rows) into the pivot: keys as labels (`2016/17`, `Apr 2016`), cells by column key. */
export function buildPivot(spec: PivotShape, rows: readonly Record<string, unknown>[]): PivotResult {
  const several = spec.values.length > 1;
  const valuesOf = (r: Record<string, unknown>) => spec.values.map((v, i) => num(r[v.key ?? valueName(i)]));
  const pack = (vs: PivotNumber[]) => (several ? vs : vs[0]!);
  const empty = () => pack(spec.values.map(() => null));
  const rolled = (r: Record<string, unknown>, name: string) => Number(r[`${name}_g`]) === 1;
  const label = (value: unknown, d: PivotField) => d.valueLabels?.[categoryKey(value as ChartValue)] ?? categoryLabel(value as ChartValue, d.grain);

  // Column keys in time/value order.
  const columnValues = new Map<string, ChartValue>();
  if (spec.column) {
    for (const r of rows) if (!rolled(r, dimName('c', 0))) columnValues.set(categoryKey(r[dimName('c', 0)] as ChartValue), r[dimName('c', 0)] as ChartValue);
  }
  const columnKeyOrder = [...columnValues.entries()].sort((a, b) => compareCategories(a[1], b[1], spec.column!.grain));
  const columnIndex = new Map(columnKeyOrder.map(([k], i) => [k, i]));

  const out = new Map<string, PivotRow>();
  const rowOrder: string[] = [];
  /** Each row field's values by label, to sort labels in the field's own order (time order for grains). */
  const originals = spec.rows.map(() => new Map<string | null, ChartValue>());
  let columnTotals = columnKeyOrder.map(() => empty());
  let grandTotal = empty();
  for (const r of rows) {
    const depth = spec.rows.filter((_, i) => !rolled(r, dimName('r', i))).length;
    const keys = spec.rows.map((d, i) => (i < depth ? label(r[dimName('r', i)], d) : null));
    keys.forEach((k, i) => {
      if (k !== null) originals[i]!.set(k, r[dimName('r', i)] as ChartValue);
    });
    const colRolled = !spec.column || rolled(r, dimName('c', 0));
    const vs = pack(valuesOf(r));
    if (depth === 0) {
      if (colRolled) grandTotal = vs;
      else columnTotals[columnIndex.get(categoryKey(r[dimName('c', 0)] as ChartValue))!] = vs;
      continue;
    }
    const id = JSON.stringify(keys);
    let row = out.get(id);
    if (!row) {
      row = { keys, cells: columnKeyOrder.map(() => empty()), total: empty(), ...(depth < spec.rows.length ? { subtotal: true as const } : {}) };
      out.set(id, row);
      rowOrder.push(id);
    }
    if (colRolled) row.total = vs;
    else row.cells[columnIndex.get(categoryKey(r[dimName('c', 0)] as ChartValue))!] = vs;
  }
  if (!spec.column) columnTotals = [];
  // Rows in key order, each subtotal after the rows it sums.
  const sorted = rowOrder.map((id) => out.get(id)!);
  sorted.sort((a, b) => {
    for (let i = 0; i < spec.rows.length; i++) {
      const x = a.keys[i]!;
      const y = b.keys[i]!;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return compareCategories(originals[i]!.get(x) ?? null, originals[i]!.get(y) ?? null, spec.rows[i]!.grain);
    }
    return 0;
  });
  return {
    rowFields: spec.rows.map((d) => d.field),
    columnKeys: columnKeyOrder.map(([, v]) => label(v, spec.column!)),
    values: spec.values.map((v, i) => v.label ?? v.expr ?? `Value ${i + 1}`),
    rows: sorted,
    columnTotals,
    grandTotal,
  };
}

/** The pivot as a flat table for CSV, Excel and pasting: row keys, a column per column key (× value), then Total. */
export function pivotExportTable(p: PivotResult): ExportTable {
  const several = p.values.length > 1;
  const cellColumns = [...p.columnKeys, 'Total'].flatMap((k, ci) =>
    p.values.map((v, vi) => ({ key: `c${ci}_${vi}`, label: several ? `${k} · ${v}` : k, ci, vi })),
  );
  const pick = (cell: PivotNumber | PivotNumber[] | undefined, vi: number): JsonValue => (Array.isArray(cell) ? (cell[vi] ?? null) : (cell ?? null));
  const line = (keys: (string | null)[], cells: PivotRow['cells'], total: PivotRow['total']) => {
    const row: Record<string, JsonValue> = {};
    p.rowFields.forEach((_, i) => (row[`r${i}`] = keys[i] ?? (i === 0 ? 'Total' : keys.slice(0, i).some((k) => k !== null) ? 'Subtotal' : '')));
    for (const c of cellColumns) row[c.key] = pick(c.ci < p.columnKeys.length ? cells[c.ci] : total, c.vi);
    return row;
  };
  return {
    columns: [...p.rowFields.map((f, i) => ({ key: `r${i}`, label: f })), ...cellColumns.map((c) => ({ key: c.key, label: c.label }))],
    rows: [
      ...p.rows.map((r) => line(r.keys, r.cells, r.total)),
      line(
        p.rowFields.map(() => null),
        p.columnTotals,
        p.grandTotal,
      ),
    ],
  };
}
