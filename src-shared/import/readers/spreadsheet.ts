import type * as XLSX from '@e965/xlsx';
import { ImportError } from '../types';
import { detectHeader, makeColumnNames, tidyHeaderCell } from '../table-shape';
import { cellText, rowsAsText, type Cell } from './cells';
import { cellAt, checkSheetSize, hasValue, readWorkbook, rowHoldsValue, sheetExtent, sheetGrid, type SheetGrid } from './sheet-grid';
import { countNoteRows, droppedColumnsNote, emptyColumns, fillDownLabels, fillDownNote, noteLines, withoutColumns } from './sheet-layout';

/**
 * Reading .xlsx/.xls sheets as published: a listing of every sheet (for the
 * sheet picker, before and apart from any preview), and one sheet read as a
 * table — the used range trimmed to the cells holding values, the header
 * found below any title block (merged group headings over up to two rows
 * folded into the column names), notes below the data dropped, empty
 * columns dropped and group labels filled down.
 */

export interface SheetTable {
  sheet: string;
  sheets: string[];
  /** The sheet row (0-based) of the column titles; rows above it (titles, group headings) are not data. */
  headerRow: number;
  hasHeader: boolean;
  footerRows: number;
  /** Text of the footnote rows that were dropped. */
  footnotes: string[];
  names: string[];
  nameRepairs: string[];
  /** Other repairs, worded as warnings: empty columns dropped, labels filled down. */
  repairs: string[];
  /** Data rows only (below the header, above any notes), one cell per name. */
  rows: Cell[][];
  width: number;
}

/** One sheet of a workbook as the sheet picker shows it. */
export interface SheetSummary {
  name: string;
  /** Rows from the first to the last holding a value (counted within the first LISTED_ROWS rows). */
  rows: number;
  /** Columns from the first to the last holding a value. */
  columns: number;
  /** The sheet goes on below the rows that were read: `rows` is a lower bound. */
  moreRows: boolean;
  /** Its first rows holding values, as text (titles, usually), at most FIRST_ROWS rows of FIRST_COLUMNS cells. */
  firstRows: string[][];
  /** The sheet an import reads when none is chosen. */
  isDefault: boolean;
}

/**
 * Rows of each sheet a listing reads. The default sheet is chosen on the same
 * rows, so the listing, a preview and the import pick the same one.
 */
export const LISTED_ROWS = 1000;
const FIRST_ROWS = 5;
const FIRST_COLUMNS = 12;
/** Rows at the top of a sheet searched for its header, as delimited text is sniffed from its head. */
const HEAD_ROWS = 1000;
/** Rows at the end of a table searched for notes. */
const TAIL_ROWS = 1000;
/** Rows a preview reads beyond its limit, for a title block above the header. */
const PREVIEW_HEADROOM = 200;
/** Rows of merged group headings folded into column names, above the column titles. */
const MAX_GROUP_ROWS = 2;

/** The sheet to import by default: the one with most values in its first rows (cover, contents and notes sheets are small). */
function defaultSheet(wb: XLSX.WorkBook): string {
  let best = wb.SheetNames[0] ?? '';
  let bestCount = -1;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const count = ws ? sheetExtent(ws, LISTED_ROWS).values : 0;
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

function summarise(name: string, ws: XLSX.WorkSheet | undefined): Omit<SheetSummary, 'isDefault'> {
  const extent = ws ? sheetExtent(ws, LISTED_ROWS) : { rows: [], columns: [], values: 0 };
  if (!ws || extent.values === 0) return { name, rows: 0, columns: 0, moreRows: false, firstRows: [] };
  const firstColumn = extent.columns[0]!;
  const firstRows = extent.rows.slice(0, FIRST_ROWS).map((r) => {
    const text = Array.from({ length: FIRST_COLUMNS }, (_, k) => cellText(cellAt(ws, r, firstColumn + k)) ?? '');
    while (text.length > 0 && text[text.length - 1]!.trim() === '') text.pop();
    return text;
  });
  return {
    name,
    rows: extent.rows[extent.rows.length - 1]! - extent.rows[0]! + 1,
    columns: extent.columns[extent.columns.length - 1]! - firstColumn + 1,
    moreRows: rowHoldsValue(ws, LISTED_ROWS),
    firstRows,
  };
}

/**
 * Every sheet of an .xlsx/.xls workbook with its used size and first rows,
 * reading at most LISTED_ROWS + 1 rows of each: cheap enough to show a sheet
 * picker as soon as a workbook is chosen, and independent of whether any
 * sheet can be previewed or imported.
 */
export function listSheets(bytes: Uint8Array, fileName: string): SheetSummary[] {
  const wb = readWorkbook(bytes, fileName, { sheetRows: LISTED_ROWS + 1 });
  const chosen = defaultSheet(wb);
  return wb.SheetNames.map((name) => ({ ...summarise(name, wb.Sheets[name]), isDefault: name === chosen }));
}

function horizontalMergesIn(ws: XLSX.WorkSheet, row: number): XLSX.Range[] {
  return (ws['!merges'] ?? []).filter((m) => m.s.r === row && m.e.r === row && m.e.c > m.s.c);
}

function isLabelRow(row: readonly string[] | undefined): boolean {
  const cells = (row ?? []).map((c) => c.trim()).filter((c) => c !== '');
  return cells.length >= 2 && cells.every((c) => !/^[-+(£]?[\d,.]+%?\)?$/.test(c));
}

/** A title line rather than group headings: its only value is in the table's first column. */
function isTitleRow(row: readonly string[] | undefined): boolean {
  const filled = (row ?? []).flatMap((c, k) => (c.trim() !== '' ? [k] : []));
  return filled.length === 1 && filled[0] === 0;
}

/**
 * Multi-row headers: merged group headings (`NHS`, `Social Care`; or a year
 * band over points of delivery) in up to two rows over the column titles
 * (`A SUM`, `B SUM`). Returns the rows of group headings, top first, and the
 * row of column titles.
 */
function headerRows(ws: XLSX.WorkSheet, text: (row: number) => string[], detected: number): { groupRows: number[]; headerRow: number } {
  // The detected row may itself be the (top) group row when its titles fill the width.
  const below: number[] = [];
  let header = detected;
  while (below.length < MAX_GROUP_ROWS && horizontalMergesIn(ws, header).length > 0 && isLabelRow(text(header + 1))) below.push(header++);
  if (below.length > 0) return { groupRows: below, headerRow: header };
  const above: number[] = [];
  for (let r = detected - 1; r >= 0 && above.length < MAX_GROUP_ROWS; r--) {
    if (horizontalMergesIn(ws, r).length === 0 || isTitleRow(text(r))) break;
    above.unshift(r);
  }
  return { groupRows: above, headerRow: detected };
}

/** Positions in a grid row of the sheet columns `from`…`to`. */
function positionsBetween(columns: readonly number[], from: number, to: number): number[] {
  let lo = 0;
  let hi = columns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (columns[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let k = lo; k < columns.length && columns[k]! <= to; k++) out.push(k);
  return out;
}

/** A header row's cells, each horizontally merged range filled with its first cell's text. */
function headingCells(ws: XLSX.WorkSheet, grid: SheetGrid, row: number): string[] {
  const cells = grid.columns.map((_, k) => cellText(grid.rows[row]?.[k]) ?? '');
  for (const m of ws['!merges'] ?? []) {
    if (m.s.r > row || m.e.r < row) continue;
    const value = m.s.r === row ? (cellText(cellAt(ws, row, m.s.c)) ?? '') : '';
    for (const k of positionsBetween(grid.columns, m.s.c, m.e.c)) if (cells[k] === '') cells[k] = value;
  }
  return cells;
}

/** Column headings from group rows over a title row: each column's distinct parts joined (`NHS` over `A SUM` → `NHS A SUM`). */
function joinHeadings(rows: readonly (readonly string[])[], width: number): string[] {
  return Array.from({ length: width }, (_, k) => {
    const parts: string[] = [];
    for (const row of rows) {
      const part = tidyHeaderCell(row[k] ?? '');
      if (part !== '' && part !== parts[parts.length - 1]) parts.push(part);
    }
    return parts.join(' ');
  });
}

/** Cells merged down over data rows (a year merged over its months) take the merged value, as Excel shows them. */
function fillMergedDown(ws: XLSX.WorkSheet, grid: SheetGrid, rows: Cell[][], firstRow: number): void {
  for (const m of ws['!merges'] ?? []) {
    if (m.e.r === m.s.r || m.s.r < firstRow) continue;
    const k = positionsBetween(grid.columns, m.s.c, m.s.c)[0];
    const top = rows[m.s.r - firstRow];
    if (k === undefined || !top || top.length === 0 || !hasValue(top[k])) continue;
    for (let r = m.s.r + 1; r <= m.e.r && r - firstRow < rows.length; r++) {
      const row = rows[r - firstRow]!;
      if (row.length > 0 && !hasValue(row[k])) row[k] = top[k];
    }
  }
}

function noDataError(fileName: string, sheet: string, sheets: readonly string[]): ImportError {
  const others = sheets.filter((s) => s !== sheet).map((s) => `"${s}"`);
  return new ImportError('The sheet has no data', { file: fileName, sheet }, `Choose another sheet${others.length > 0 ? ` (${others.join(', ')})` : ''}.`);
}

/**
 * Read one sheet of an .xlsx/.xls workbook as a table: the used range trimmed
 * to the cells holding values (a sheet formatted to its last column costs
 * nothing), a sheet too large to read at once refused with advice, the header
 * found below any title rows, merged group headings folded into column names
 * (`NHS` over `A SUM` → `NHS A SUM`), notes below the data dropped (also in a
 * preview, when the rows read reach the end of the sheet), empty columns and
 * rows dropped, and leading label columns given only on each group's first
 * row filled down. `headerRow` is a sheet row (0-based).
 */
export function readSheetTable(
  bytes: Uint8Array,
  fileName: string,
  opts: { sheet?: string; headerRow?: number; footerLines?: number; limitRows?: number },
): SheetTable {
  // A preview reads the first rows only: room for a title block above the header, and enough to choose the default sheet as an import would.
  const sheetRows = opts.limitRows ? Math.max(opts.limitRows + PREVIEW_HEADROOM, LISTED_ROWS + 1) : undefined;
  const wb = readWorkbook(bytes, fileName, { ...(sheetRows ? { sheetRows } : {}), ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}) });
  const sheets = wb.SheetNames.slice();
  if (sheets.length === 0) throw new ImportError('The workbook has no sheets', { file: fileName }, 'Check that this is the workbook you meant to open.');
  const sheet = opts.sheet ?? defaultSheet(wb);
  const ws = wb.Sheets[sheet];
  if (!ws) {
    throw new ImportError(`There is no sheet called "${sheet}"`, { file: fileName }, `Choose one of: ${sheets.map((s) => `"${s}"`).join(', ')}.`);
  }
  const extent = sheetExtent(ws);
  if (extent.values === 0) throw noDataError(fileName, sheet, sheets);
  checkSheetSize(extent, sheet, fileName);
  const grid = sheetGrid(ws, extent);
  const width = grid.columns.length;
  // Whether the rows read reach the end of the sheet, so that notes below the data were read too.
  const complete = sheetRows === undefined || extent.rows[extent.rows.length - 1]! < sheetRows - 1;

  const head = rowsAsText(grid.rows.slice(0, HEAD_ROWS));
  const text = (row: number) => head[row] ?? rowsAsText([grid.rows[row] ?? []])[0]!;
  const guess = detectHeader(head);
  const hasHeader = opts.headerRow !== undefined ? true : guess.hasHeader;
  const { groupRows, headerRow } =
    opts.headerRow !== undefined || !hasHeader ? { groupRows: [], headerRow: opts.headerRow ?? guess.headerRow } : headerRows(ws, text, guess.headerRow);
  const headings = hasHeader
    ? joinHeadings(
        [...groupRows, headerRow].map((r) => headingCells(ws, grid, r)),
        width,
      )
    : new Array<string>(width).fill('');

  const bodyStart = hasHeader ? headerRow + 1 : headerRow;
  const body = grid.rows.slice(bodyStart);
  const footerRows = Math.min(body.length, opts.footerLines ?? (complete ? countNoteRows(rowsAsText(body.slice(-TAIL_ROWS)), width) : 0));
  const footnotes = noteLines(rowsAsText(body.slice(body.length - footerRows)));
  const kept = body.slice(0, body.length - footerRows);
  fillMergedDown(ws, grid, kept, bodyStart);
  let rows = kept.filter((row) => row.some(hasValue)).slice(0, opts.limitRows ?? Number.MAX_SAFE_INTEGER);

  const repairs: string[] = [];
  // A header row chosen below the data leaves every column empty: keep them all rather than none.
  const allEmpty = emptyColumns(headings, rows, width);
  const empty = allEmpty.length < width ? allEmpty : [];
  const isEmpty = new Set(empty);
  const keptColumns = grid.columns.filter((_, k) => !isEmpty.has(k));
  const dropped = keptColumns.length > 0 ? keptColumns[keptColumns.length - 1]! - keptColumns[0]! + 1 - keptColumns.length : 0;
  if (dropped > 0) repairs.push(droppedColumnsNote(dropped));
  if (empty.length > 0) rows = withoutColumns(rows, empty);
  const { names, repaired } = makeColumnNames(
    headings.filter((_, k) => !isEmpty.has(k)),
    keptColumns.length,
  );
  const filled = fillDownLabels(rows, names);
  repairs.push(...filled.filled.map(fillDownNote));
  return { sheet, sheets, headerRow, hasHeader, footerRows, footnotes, names, nameRepairs: repaired, repairs, rows: filled.rows, width: names.length };
}
