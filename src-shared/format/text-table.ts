import type * as arrow from 'apache-arrow';
import { columnsOf } from '../engine/arrow-values';
import { tableToJsonRows } from './plain-json';

/** An aligned plain-text table for terminals: numbers right-aligned, NULL shown as empty. */
export function formatTextTable(table: arrow.Table, maxRows = 1000): string {
  return formatRows(
    columnsOf(table).map((c) => ({ name: c.name, numeric: c.kind === 'number' })),
    tableToJsonRows(table),
    maxRows,
  );
}

/** The same for plain rows: `columns` name the keys in order (numeric ones right-aligned). */
export function formatRows(
  cols: readonly { name: string; key?: string; numeric: boolean }[],
  allRows: readonly Record<string, unknown>[],
  maxRows = 1000,
): string {
  const rows = allRows.slice(0, maxRows);
  const cells = rows.map((r) =>
    cols.map((c) => {
      const v = r[c.key ?? c.name];
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }),
  );
  const widths = cols.map((c, i) => Math.max(c.name.length, ...cells.map((row) => row[i]!.length)));
  const align = (text: string, i: number) => (cols[i]!.numeric ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const lines = [
    cols
      .map((c, i) => align(c.name, i))
      .join('  ')
      .trimEnd(),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((row) => row.map(align).join('  ').trimEnd()),
  ];
  if (allRows.length > maxRows) lines.push(`… ${allRows.length - maxRows} more rows`);
  lines.push(`(${allRows.length} row${allRows.length === 1 ? '' : 's'})`);
  return lines.join('\n');
}
