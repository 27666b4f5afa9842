import * as XLSX from '@e965/xlsx';
import { exportValue, type ExportTable } from './data-table';
import { neutraliseFormulaText } from './spreadsheet-safety';

export interface XlsxOptions {
  /** Worksheet name (cut to Excel's 31 characters, with `[]:*?/\` replaced). Default `Data`. */
  sheetName?: string;
}

/** A worksheet name Excel accepts. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'Data' : cleaned;
}

type Cell = XLSX.CellObject;

function cell(value: unknown): Cell | null {
  const v = exportValue(value);
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { t: 'n', v } : null;
  if (typeof v === 'boolean') return { t: 'b', v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { t: 'd', v, z: 'yyyy-mm-dd' };
  return { t: 's', v: neutraliseFormulaText(v) };
}

/**
 * One-sheet XLSX of a table: a header row, then the rows. Numbers are numeric
 * cells, dates date cells (`yyyy-mm-dd`), booleans boolean cells, text is
 * neutralised against formula injection; no cell carries a formula.
 */
export function toXlsx(table: ExportTable, opts: XlsxOptions = {}): Uint8Array {
  const sheet: XLSX.WorkSheet = {};
  const width = table.columns.length;
  table.columns.forEach((c, ci) => {
    sheet[XLSX.utils.encode_cell({ r: 0, c: ci })] = { t: 's', v: neutraliseFormulaText(c.label) };
  });
  table.rows.forEach((row, ri) => {
    table.columns.forEach((c, ci) => {
      const value = cell(row[c.key]);
      if (value) sheet[XLSX.utils.encode_cell({ r: ri + 1, c: ci })] = value;
    });
  });
  const notes = table.notes ?? [];
  notes.forEach((note, i) => {
    sheet[XLSX.utils.encode_cell({ r: table.rows.length + 2 + i, c: 0 })] = { t: 's', v: neutraliseFormulaText(note) };
  });
  const lastRow = table.rows.length + (notes.length ? notes.length + 1 : 0);
  sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: Math.max(0, width - 1) } });
  sheet['!cols'] = table.columns.map((c) => ({ wch: Math.min(60, Math.max(10, c.label.length + 2)) }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, safeSheetName(opts.sheetName ?? 'Data'));
  const out = XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true, cellDates: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
