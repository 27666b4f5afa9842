import { quoteLiteral } from '../../sql/identifiers';
import type { TableColumn, TableInfo } from '../view-types';

/**
 * Which loaded tables a view reads, and how several are stacked. A view's data
 * may come from one table or from many files imported separately (one DTOC
 * sitrep per month): every table holding all the mapped data columns is read,
 * each projected to the view's own column names, and the projections are
 * stacked with UNION ALL BY NAME.
 */

export function columnOf(table: TableInfo, name: string): TableColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

export function hasColumns(table: TableInfo, names: string[]): boolean {
  return names.every((n) => columnOf(table, n) !== undefined);
}

/** Tables holding every one of `columns`; tables holding only some are reported. */
export function tablesWithColumns(tables: TableInfo[], columns: string[]): { use: TableInfo[]; partial: { table: string; missing: string[] }[] } {
  const use: TableInfo[] = [];
  const partial: { table: string; missing: string[] }[] = [];
  for (const t of tables) {
    const missing = columns.filter((c) => columnOf(t, c) === undefined);
    if (missing.length === 0) use.push(t);
    else if (missing.length < columns.length) partial.push({ table: t.table, missing });
  }
  return { use, partial };
}

/** `SELECT … FROM a UNION ALL BY NAME SELECT … FROM b`, one projection per table. */
export function unionAllByName(selects: string[]): string {
  if (selects.length === 0) throw new Error('No table to read');
  return selects.map((s) => `(${s})`).join('\nUNION ALL BY NAME\n');
}

/** `lower(trim(x)) IN ('a', 'b')` for case-insensitive matching of text values. */
export function inListSql(exprs: string[], values: string[]): string {
  if (values.length === 0) return 'TRUE';
  const list = values.map((v) => quoteLiteral(v.trim().toLowerCase())).join(', ');
  return `(${exprs.map((e) => `lower(trim(CAST(${e} AS VARCHAR))) IN (${list})`).join(' OR ')})`;
}
