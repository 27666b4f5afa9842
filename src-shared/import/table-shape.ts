/**
 * Finding the table inside a grid of cells: where the header row is (below any
 * title or preamble lines), how wide the table is, which trailing rows are
 * footnotes, and what the columns are called. Shared by delimited text and
 * spreadsheets, which both arrive here as rows of strings.
 */

const NUMERIC = /^[(]?[-+]?[£$€]?[-+]?(\d[\d,. ]*)?\d(\.\d+)?%?[)]?$/;

function nonEmptyCount(row: readonly string[]): number {
  let n = 0;
  for (const c of row) if (c.trim() !== '') n++;
  return n;
}

function lastNonEmptyIndex(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i]!.trim() !== '') return i;
  return -1;
}

/**
 * How wide a row is: for delimited text, its number of fields (data rows all
 * have the header's count, even with empty cells); for spreadsheets, up to its
 * last filled cell (sheet rows are padded to the used range).
 */
export type WidthMode = 'fields' | 'filled';

function rowWidth(row: readonly string[], mode: WidthMode): number {
  return mode === 'fields' ? row.length : lastNonEmptyIndex(row) + 1;
}

/** The most common row width among rows at least two wide. */
export function modalWidth(rows: readonly (readonly string[])[], mode: WidthMode = 'filled'): number {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const w = rowWidth(row, mode);
    if (w >= 2) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let best = 1;
  let bestCount = 0;
  for (const [w, c] of counts) {
    if (c > bestCount || (c === bestCount && w > best)) {
      best = w;
      bestCount = c;
    }
  }
  return best;
}

/** Whether a cell's text is a number as tables write them (`1,234.5`, `(9.8)`, `£10`, `12%`). */
export function isNumericCell(cell: string): boolean {
  return NUMERIC.test(cell.trim());
}

function looksLikeHeader(row: readonly string[]): boolean {
  const cells = row.map((c) => c.trim()).filter((c) => c !== '');
  if (cells.length === 0) return false;
  const numeric = cells.filter(isNumericCell).length;
  return numeric / cells.length < 0.5;
}

export interface HeaderGuess {
  /** Index of the header row, or of the first data row when there is no header. */
  headerRow: number;
  hasHeader: boolean;
  /** Table width in columns. */
  width: number;
}

/**
 * The header is the first row that fills at least half the table's width and is
 * mostly text, followed by a row of similar width. Title lines (`Title:,…`),
 * blank lines and notes above it are preamble.
 */
export function detectHeader(rows: readonly (readonly string[])[], mode: WidthMode = 'filled'): HeaderGuess {
  // The header is judged on filled cells: Excel pads every row of a CSV it saves
  // with delimiters, title lines included, so field counts alone cannot tell.
  const filled = modalWidth(rows, 'filled');
  const width = mode === 'fields' ? modalWidth(rows, 'fields') : filled;
  const minCells = filled <= 2 ? filled : Math.max(2, Math.ceil(filled * 0.6));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (nonEmptyCount(row) < minCells || lastNonEmptyIndex(row) + 1 < filled) continue;
    if (looksLikeHeader(row)) {
      const headerWidth = Math.max(width, lastNonEmptyIndex(row) + 1);
      return { headerRow: i, hasHeader: true, width: headerWidth };
    }
    return { headerRow: i, hasHeader: false, width };
  }
  return { headerRow: 0, hasHeader: rows.length > 0 && looksLikeHeader(rows[0]!), width: Math.max(width, 1) };
}

/**
 * How many rows at the end are footnotes rather than data: blank rows; rows
 * whose only filled cell is the first (e.g. `Source: NHS England`) when the
 * table is at least three columns wide; and, in delimited text, text rows with
 * a different number of fields from the header (a note containing commas).
 */
export function countFooterRows(rows: readonly (readonly string[])[], width: number, mode: WidthMode = 'filled'): number {
  let count = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    const filled = nonEmptyCount(row);
    const first = (row[0] ?? '').trim();
    const textFirst = first !== '' && !isNumericCell(first);
    // A footnote is one physical line; a "row" spanning line breaks is an unclosed quote, not a note.
    if (row.some((c) => /[\r\n]/.test(c))) break;
    const blank = filled === 0;
    const noteOnly = width >= 3 && filled === 1 && textFirst;
    const otherShape = mode === 'fields' && width > 1 && row.length !== width && textFirst;
    if (blank || noteOnly || otherShape) count++;
    else break;
  }
  return count;
}

/** Tidy a header cell: trim, collapse internal whitespace and line breaks. */
export function tidyHeaderCell(cell: string): string {
  return cell.replace(/\s+/g, ' ').trim();
}

/**
 * Unique, non-empty column names: blanks become `column_3`, repeats get `_2`,
 * `_3` suffixes (compared case-insensitively, as DuckDB does).
 */
export function makeColumnNames(headerCells: readonly string[], width: number): { names: string[]; repaired: string[] } {
  const names: string[] = [];
  const repaired: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < width; i++) {
    const raw = tidyHeaderCell(headerCells[i] ?? '');
    let name = raw === '' ? `column_${i + 1}` : raw;
    if (raw === '') repaired.push(`column ${i + 1} had no name and is called "${name}"`);
    if (seen.has(name.toLowerCase())) {
      let k = 2;
      while (seen.has(`${name}_${k}`.toLowerCase())) k++;
      repaired.push(`the name "${name}" appeared more than once; column ${i + 1} is called "${name}_${k}"`);
      name = `${name}_${k}`;
    }
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return { names, repaired };
}
