import * as XLSX from '@e965/xlsx';
import { ImportError } from '../types';
import { countFooterRows, detectHeader, makeColumnNames, tidyHeaderCell } from '../table-shape';
import { rowsAsText, type Cell } from './cells';

export interface SheetTable {
  sheet: string;
  sheets: string[];
  headerRow: number;
  hasHeader: boolean;
  footerRows: number;
  /** Text of the footnote rows that were dropped. */
  footnotes: string[];
  names: string[];
  nameRepairs: string[];
  /** Data rows only (below the header, above any footnotes). */
  rows: Cell[][];
  width: number;
}

function readWorkbook(bytes: Uint8Array, fileName: string, sheetRows?: number): XLSX.WorkBook {
  try {
    return XLSX.read(bytes, {
      type: 'array',
      cellDates: true,
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      ...(sheetRows ? { sheetRows } : {}),
    });
  } catch (error) {
    throw new ImportError(
      `The workbook could not be read: ${(error as Error).message}`,
      { file: fileName },
      'The file may be damaged or password-protected. Open it in Excel, save a fresh copy (or export the sheet as CSV) and import that.',
    );
  }
}

function sheetCells(ws: XLSX.WorkSheet): Cell[][] {
  return XLSX.utils.sheet_to_json<Cell[]>(ws, { header: 1, raw: true, defval: null, blankrows: true, UTC: true });
}

/** A header row's cells with each horizontally merged range filled with its first cell's text. */
function filledAcrossMerges(ws: XLSX.WorkSheet, row: number, cells: readonly string[]): string[] {
  const out = cells.slice();
  for (const m of ws['!merges'] ?? []) {
    if (m.s.r > row || m.e.r < row) continue;
    const value = m.s.r === row ? (cells[m.s.c] ?? '') : '';
    for (let c = m.s.c; c <= m.e.c; c++) if (out[c] === undefined || out[c] === '') out[c] = value;
  }
  return out;
}

function cellCount(ws: XLSX.WorkSheet): number {
  const ref = ws['!ref'];
  if (!ref) return 0;
  const range = XLSX.utils.decode_range(ref);
  return (range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1);
}

/** The sheet to import by default: the largest one (title and notes sheets are small). */
export function defaultSheet(wb: XLSX.WorkBook): string {
  let best = wb.SheetNames[0] ?? '';
  let bestCount = -1;
  for (const name of wb.SheetNames) {
    const count = cellCount(wb.Sheets[name]!);
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

function horizontalMergesIn(ws: XLSX.WorkSheet, row: number): XLSX.Range[] {
  return (ws['!merges'] ?? []).filter((m) => m.s.r === row && m.e.r === row && m.e.c > m.s.c);
}

function isLabelRow(row: readonly string[] | undefined): boolean {
  const cells = (row ?? []).map((c) => c.trim()).filter((c) => c !== '');
  return cells.length >= 2 && cells.every((c) => !/^[-+(£]?[\d,.]+%?\)?$/.test(c));
}

/**
 * Two-row headers: merged group titles (`NHS`, `Social Care`) over column
 * titles (`A SUM`, `B SUM`). Returns the rows holding the group titles and the
 * column titles.
 */
function headerRows(ws: XLSX.WorkSheet, text: string[][], detected: number): { groupRow: number | null; headerRow: number } {
  if (horizontalMergesIn(ws, detected).length > 0 && isLabelRow(text[detected + 1])) return { groupRow: detected, headerRow: detected + 1 };
  if (detected > 0 && horizontalMergesIn(ws, detected - 1).length > 0) return { groupRow: detected - 1, headerRow: detected };
  return { groupRow: null, headerRow: detected };
}

/**
 * Read one sheet of an .xlsx/.xls workbook as a table: the header row found
 * below any title rows, merged group headings folded into column names
 * (`NHS` over `A SUM` → `NHS A SUM`), footnote rows dropped.
 */
export function readSheetTable(
  bytes: Uint8Array,
  fileName: string,
  opts: { sheet?: string; headerRow?: number; footerLines?: number; limitRows?: number },
): SheetTable {
  // A preview reads the first rows only (plus room for title rows above the header).
  const wb = readWorkbook(bytes, fileName, opts.limitRows ? opts.limitRows + 200 : undefined);
  const sheets = wb.SheetNames.slice();
  if (sheets.length === 0) throw new ImportError('The workbook has no sheets', { file: fileName }, 'Check that this is the workbook you meant to open.');
  const sheet = opts.sheet ?? defaultSheet(wb);
  const ws = wb.Sheets[sheet];
  if (!ws) {
    throw new ImportError(`There is no sheet called "${sheet}"`, { file: fileName }, `Choose one of: ${sheets.map((s) => `"${s}"`).join(', ')}.`);
  }
  const cells = sheetCells(ws);
  const text = rowsAsText(cells);
  if (!text.some((row) => row.some((c) => c.trim() !== ''))) {
    throw new ImportError(
      'The sheet has no data',
      { file: fileName, sheet },
      `Choose another sheet${
        sheets.length > 1
          ? ` (${sheets
              .filter((s) => s !== sheet)
              .map((s) => `"${s}"`)
              .join(', ')})`
          : ''
      }.`,
    );
  }
  const guess = detectHeader(text);
  const hasHeader = opts.headerRow !== undefined ? true : guess.hasHeader;
  const { groupRow, headerRow } =
    opts.headerRow !== undefined || !hasHeader ? { groupRow: null, headerRow: opts.headerRow ?? guess.headerRow } : headerRows(ws, text, guess.headerRow);
  let headerCells = hasHeader ? filledAcrossMerges(ws, headerRow, text[headerRow] ?? []) : [];
  if (groupRow !== null) {
    const groups = filledAcrossMerges(ws, groupRow, text[groupRow] ?? []);
    const width = Math.max(groups.length, headerCells.length);
    headerCells = Array.from({ length: width }, (_, c) => {
      const group = tidyHeaderCell(groups[c] ?? '');
      const cell = tidyHeaderCell(headerCells[c] ?? '');
      if (!cell) return group;
      return group && group !== cell ? `${group} ${cell}` : cell;
    });
  }
  const width = Math.max(guess.width, headerCells.length);
  const { names, repaired } = makeColumnNames(headerCells, width);
  const bodyStart = hasHeader ? headerRow + 1 : headerRow;
  const bodyText = text.slice(bodyStart);
  // Blank rows at the very end are not data.
  let end = bodyText.length;
  while (end > 0 && bodyText[end - 1]!.every((c) => c.trim() === '')) end--;
  const footerRows = opts.footerLines ?? (opts.limitRows ? 0 : countFooterRows(bodyText.slice(0, end), width));
  const footnotes = bodyText
    .slice(end - footerRows, end)
    .map((r) => r.filter((c) => c.trim() !== '').join(' '))
    .filter((t) => t !== '');
  const rows = cells
    .slice(bodyStart, bodyStart + end - footerRows)
    .slice(0, opts.limitRows ?? Number.MAX_SAFE_INTEGER)
    .filter((row) => row.some((c) => c !== null && c !== undefined && c !== ''));
  return { sheet, sheets, headerRow, hasHeader, footerRows, footnotes, names, nameRepairs: repaired, rows, width };
}
