import { dateText, exportValue, type ExportTable, type ExportValue } from './data-table';
import { neutraliseFormulaText } from './spreadsheet-safety';

/**
 * CSV (RFC 4180) and TSV text of a table. Cells: numbers plain (`1234.5`,
 * never grouped) to Excel's 15 significant digits, so float noise from sums
 * (`10623711.659999998`) reads `10623711.66`; non-finite numbers empty; dates
 * `YYYY-MM-DD`, booleans `TRUE`/`FALSE`, blanks empty, text neutralised
 * against formula injection. Records end with CRLF.
 */

export const UTF8_BOM = '\uFEFF';

function cellText(value: ExportValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  return neutraliseFormulaText(value);
}

function quoteIfNeeded(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function delimited(table: ExportTable, delimiter: string): string {
  const line = (cells: string[]) => `${cells.map((c) => quoteIfNeeded(c, delimiter)).join(delimiter)}\r\n`;
  let out = line(table.columns.map((c) => neutraliseFormulaText(c.label)));
  for (const row of table.rows) out += line(table.columns.map((c) => cellText(exportValue(row[c.key]))));
  if (table.notes?.length) out += `\r\n${table.notes.map((n) => line([neutraliseFormulaText(n)])).join('')}`;
  return out;
}

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads `£` correctly (default true). */
  bom?: boolean;
}

/** RFC 4180 CSV: comma-separated, fields with commas, quotes or line breaks quoted, CRLF. */
export function toCsv(table: ExportTable, opts: CsvOptions = {}): string {
  return `${opts.bom === false ? '' : UTF8_BOM}${delimited(table, ',')}`;
}

/** Tab-separated text for the clipboard (pastes into Excel as cells); no byte-order mark. */
export function toTsv(table: ExportTable): string {
  return delimited(table, '\t');
}

/** UTF-8 bytes of export text (the BOM, if present, becomes EF BB BF). */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
