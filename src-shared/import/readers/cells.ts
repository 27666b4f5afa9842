import * as arrow from 'apache-arrow';
import { buildVector } from '../../engine/arrow-build';

/** A cell as spreadsheet and JSON readers produce it. */
export type Cell = string | number | boolean | Date | null | undefined;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Text for a cell, in the forms the value rules recognise (ISO dates, plain numbers). */
export function cellText(cell: Cell): string | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null;
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (Number.isNaN(cell.getTime())) return null;
  const date = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  const h = cell.getUTCHours();
  const m = cell.getUTCMinutes();
  const s = cell.getUTCSeconds();
  return h === 0 && m === 0 && s === 0 ? date : `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** Rows of cells as a table of VARCHAR columns `c0…cN`, ready for typing. */
export function cellsToStageTable(rows: readonly (readonly Cell[])[], width: number): arrow.Table {
  const columns: Record<string, arrow.Vector> = {};
  for (let c = 0; c < width; c++) {
    const values: (string | null)[] = new Array<string | null>(rows.length);
    for (let r = 0; r < rows.length; r++) values[r] = cellText(rows[r]![c]);
    columns[`c${c}`] = buildVector(values, new arrow.Utf8());
  }
  return new arrow.Table(columns);
}

/** Rows of cells as strings (empty for missing), for header and footer detection. */
export function rowsAsText(rows: readonly (readonly Cell[])[]): string[][] {
  return rows.map((row) => Array.from(row, (cell) => cellText(cell) ?? ''));
}
