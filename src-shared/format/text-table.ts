import type * as arrow from 'apache-arrow';
import { columnsOf } from '../engine/arrow-values';
import { tableToJsonRows } from './plain-json';

/** An aligned plain-text table for terminals: numbers right-aligned, NULL shown as empty. */
export function formatTextTable(table: arrow.Table, maxRows = 1000): string {
  const cols = columnsOf(table);
  const rows = tableToJsonRows(table).slice(0, maxRows);
  const cells = rows.map((r) =>
    cols.map((c) => {
      const v = r[c.name];
      return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }),
  );
  const widths = cols.map((c, i) => Math.max(c.name.length, ...cells.map((row) => row[i]!.length)));
  const align = (text: string, i: number) => (cols[i]!.kind === 'number' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const lines = [
    cols
      .map((c, i) => align(c.name, i))
      .join('  ')
      .trimEnd(),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((row) => row.map(align).join('  ').trimEnd()),
  ];
  if (table.numRows > maxRows) lines.push(`… ${table.numRows - maxRows} more rows`);
  lines.push(`(${table.numRows} row${table.numRows === 1 ? '' : 's'})`);
  return lines.join('\n');
}
