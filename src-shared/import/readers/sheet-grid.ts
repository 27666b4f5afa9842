import * as XLSX from '@e965/xlsx';
import { ImportError } from '../types';
import type { Cell } from './cells';

/**
 * From a SheetJS worksheet to rows of cells, paying only for the cells that
 * hold values. A sheet's declared range (`!ref`) is not trusted: publications
 * are often formatted to the last column or row of the sheet (A1:IV65536 in an
 * .xls, A1:XFD1048576 in an .xlsx), which would otherwise be read as millions
 * of empty cells. Blank rows cost one shared empty array.
 */

/**
 * The most cells (rows that hold values × columns that hold values) a sheet
 * may have to be read: 10 million, for example 100,000 rows × 100 columns.
 * Each cell is held several times on its way into the engine (as SheetJS
 * parsed it, as a cell, as text, in an Arrow column, in DuckDB). Measured
 * with the node engine, importing a 200,000 × 20 sheet (4 million cells)
 * peaks at 1.7 GB (about half JavaScript heap, half DuckDB's wasm memory),
 * so 10 million stays near 2 GB of each, under the 4 GB a renderer's heap
 * and a wasm32 memory can reach; 20 million would not. Larger sheets are
 * refused with advice to export them as CSV, which DuckDB reads from the
 * file in pieces.
 */
export const MAX_SHEET_CELLS = 10_000_000;

/** Read a workbook with SheetJS as the importer needs it (dense sheets, dates as dates, no formulas or styles). */
export function readWorkbook(bytes: Uint8Array, fileName: string, opts: { sheetRows?: number; sheet?: string } = {}): XLSX.WorkBook {
  try {
    return XLSX.read(bytes, {
      type: 'array',
      cellDates: true,
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      ...(opts.sheetRows ? { sheetRows: opts.sheetRows } : {}),
      // Only that sheet's cells are parsed (.xlsx; an .xls is parsed whole).
      ...(opts.sheet !== undefined ? { sheets: opts.sheet } : {}),
    });
  } catch (error) {
    throw new ImportError(
      `The workbook could not be read: ${(error as Error).message}`,
      { file: fileName },
      'The file may be damaged or password-protected. Open it in Excel, save a fresh copy (or export the sheet as CSV) and import that.',
    );
  }
}

/** A SheetJS cell as the importer takes it: numbers, text, booleans and dates; empty cells, stubs and errors (`#N/A`) are null. */
export function cellValue(cell: XLSX.CellObject | undefined): Cell {
  if (!cell) return null;
  switch (cell.t) {
    case 'n':
    case 's':
    case 'b':
      return cell.v ?? null;
    case 'd':
      return cell.v instanceof Date ? cell.v : cell.v === undefined ? null : new Date(cell.v as string);
    default:
      return null;
  }
}

/** Whether a cell holds a value: not empty, not only spaces, not an invalid number or date. */
export function hasValue(cell: Cell): boolean {
  if (cell === null || cell === undefined) return false;
  if (typeof cell === 'string') return cell.trim() !== '';
  if (typeof cell === 'number') return Number.isFinite(cell);
  if (typeof cell === 'boolean') return true;
  return !Number.isNaN(cell.getTime());
}

/** Visit every cell that holds a value in rows above `rowLimit`, in row order (dense and sparse sheets alike). */
function forEachValue(ws: XLSX.WorkSheet, visit: (row: number, column: number, value: Cell) => void, rowLimit = Infinity): void {
  const dense = ws['!data'] as (XLSX.CellObject[] | undefined)[] | undefined;
  if (dense) {
    for (let r = 0; r < Math.min(dense.length, rowLimit); r++) {
      const row = dense[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const value = cellValue(row[c]);
        if (hasValue(value)) visit(r, c, value);
      }
    }
    return;
  }
  const cells = Object.keys(ws)
    .filter((k) => !k.startsWith('!'))
    .map((k) => ({ at: XLSX.utils.decode_cell(k), value: cellValue(ws[k] as XLSX.CellObject) }))
    .filter((x) => x.at.r < rowLimit && hasValue(x.value))
    .sort((a, b) => a.at.r - b.at.r || a.at.c - b.at.c);
  for (const { at, value } of cells) visit(at.r, at.c, value);
}

/** The cell at a sheet position (0-based row and column). */
export function cellAt(ws: XLSX.WorkSheet, row: number, column: number): Cell {
  const dense = ws['!data'] as (XLSX.CellObject[] | undefined)[] | undefined;
  if (dense) return cellValue(dense[row]?.[column]);
  return cellValue(ws[XLSX.utils.encode_cell({ r: row, c: column })] as XLSX.CellObject | undefined);
}

/** Whether a sheet row (0-based) holds any value. */
export function rowHoldsValue(ws: XLSX.WorkSheet, row: number): boolean {
  const dense = ws['!data'] as (XLSX.CellObject[] | undefined)[] | undefined;
  if (dense) return (dense[row] ?? []).some((cell) => hasValue(cellValue(cell)));
  const range = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']) : null;
  if (!range) return false;
  for (let c = range.s.c; c <= range.e.c; c++) if (hasValue(cellAt(ws, row, c))) return true;
  return false;
}

/** Where a sheet's values are: what is left of its range after trimming every empty row and column. */
export interface SheetExtent {
  /** Sheet rows (0-based) holding at least one value, in order. */
  rows: number[];
  /** Sheet columns (0-based) holding at least one value, in order. */
  columns: number[];
  /** How many cells hold values. */
  values: number;
}

/** The rows and columns of a sheet that hold values (in its first `rowLimit` rows), found from its cells rather than its declared range. */
export function sheetExtent(ws: XLSX.WorkSheet, rowLimit = Infinity): SheetExtent {
  const rows: number[] = [];
  const usedColumns = new Set<number>();
  let values = 0;
  forEachValue(
    ws,
    (r, c) => {
      if (rows[rows.length - 1] !== r) rows.push(r);
      usedColumns.add(c);
      values++;
    },
    rowLimit,
  );
  return { rows, columns: [...usedColumns].sort((a, b) => a - b), values };
}

function formatCells(n: number): string {
  if (n < 1_000_000) return `${n.toLocaleString('en-GB')} cells`;
  return `${(n / 1_000_000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} million cells`;
}

/**
 * Refuse, with what to do instead, a sheet too large to read at once
 * (rows holding values × columns holding values over `limit`), before any of
 * it is turned into rows.
 */
export function checkSheetSize(extent: SheetExtent, sheet: string, fileName: string, limit = MAX_SHEET_CELLS): void {
  const cells = extent.rows.length * extent.columns.length;
  if (cells <= limit) return;
  throw new ImportError(
    `Sheet "${sheet}" has ${extent.rows.length.toLocaleString('en-GB')} rows × ${extent.columns.length.toLocaleString('en-GB')} columns (${formatCells(cells)}), more than the app can read from a workbook at once (${formatCells(limit)})`,
    { file: fileName, sheet },
    'Open the workbook in Excel and save that sheet as CSV (File › Save As › CSV UTF-8), then import the CSV, which is read in pieces; or choose another sheet.',
  );
}

/** A sheet as rows of cells, and which sheet column each position came from. */
export interface SheetGrid {
  /**
   * One entry per sheet row from row 0 to the last row holding a value. A row
   * without values is an empty array; any other row has one cell per column.
   */
  rows: Cell[][];
  /** The sheet column (0-based) of each position in a row. */
  columns: number[];
}

/** The cells of a sheet's rows that hold values, limited to the columns that hold values. */
export function sheetGrid(ws: XLSX.WorkSheet, extent: SheetExtent): SheetGrid {
  const width = extent.columns.length;
  const position = new Map<number, number>(extent.columns.map((c, k) => [c, k]));
  const lastRow = extent.rows.length > 0 ? extent.rows[extent.rows.length - 1]! : -1;
  const empty: Cell[] = [];
  const rows: Cell[][] = new Array<Cell[]>(lastRow + 1).fill(empty);
  forEachValue(ws, (r, c, value) => {
    let row = rows[r]!;
    if (row === empty) {
      row = new Array<Cell>(width).fill(null);
      rows[r] = row;
    }
    row[position.get(c)!] = value;
  });
  return { rows, columns: extent.columns };
}
