import { countFooterRows, isNumericCell } from '../table-shape';
import type { Cell } from './cells';
import { hasValue } from './sheet-grid';

/**
 * Tidying a table read from a sheet as published: notes blocks below the
 * data, empty spacer columns, and label columns given only on each group's
 * first row. Plain functions over rows of cells or text.
 */

function filledCount(row: readonly string[]): number {
  let n = 0;
  for (const c of row) if (c.trim() !== '') n++;
  return n;
}

function isBlankRow(row: readonly string[]): boolean {
  return filledCount(row) === 0;
}

const NOTE_STARTS: readonly RegExp[] = [
  // Notes:, Note 1, Footnotes, Source: NHS England, Sources, N.B.
  /^(notes?|footnotes?|sources?|n\.\s?b\.?)(?![a-z])/i,
  // Key:, Definitions:, Caveats:, Data quality:, Please note: (words that also begin names, so only as headings)
  /^(key|definitions?|caveats?|data quality|please note)\s*(:|$)/i,
  // 1. Prior to August…, 1) …, (1) …, 12.
  /^\(?\d{1,2}[.)](\s|$)/,
  /^\(\d{1,2}\)/,
  // a) …, (a) …, a. …
  /^\(?[a-z]\)(\s|$)/i,
  /^[a-z]\.\s/i,
  // * Rates per 100,000…, † …, ‡ …
  /^[*†‡§¶]/,
];

/** Whether text opens a note: `Notes:`, `Source: …`, `1. …`, `(1)`, `a) …`, `* …`. */
export function isNoteStart(text: string): boolean {
  const t = text.trim();
  if (t === '' || isNumericCell(t)) return false;
  return NOTE_STARTS.some((re) => re.test(t));
}

/** A row that reads like data rather than a note: at least three cells, filling more than half the table. */
function looksLikeData(row: readonly string[], width: number): boolean {
  const filled = filledCount(row);
  return filled >= 3 && filled * 2 > width;
}

/** A note number in a cell of its own: `1`, `1.`, `(1)`, `1)`. */
const NOTE_NUMBER = /^(\d{1,2}[.)]?|\(\d{1,2}\))$/;

/** Whether a row opens a note: its first cell does (`Notes:`, `1. Prior…`), or is a note number with text in the next cell (`(1)` | `Snapshot…`). */
function opensNote(row: readonly string[]): boolean {
  const [first, second] = row.map((c) => c.trim()).filter((c) => c !== '');
  if (first === undefined) return false;
  if (isNoteStart(first)) return true;
  return NOTE_NUMBER.test(first) && second !== undefined && !isNumericCell(second);
}

/** A block of rows (between blank rows) is notes when it opens with a note and none of it reads like data. */
function isNotesBlock(block: readonly (readonly string[])[], width: number): boolean {
  return block.length > 0 && opensNote(block[0]!) && !block.some((row) => looksLikeData(row, width));
}

/**
 * How many rows at the end of a table's body are notes rather than data:
 * blank rows; rows whose only cell is text (`Source: NHS England`); and, after
 * a blank row, every block of rows that opens with a note (`Notes:`, `Source:`,
 * `1. Prior to August…`, `(1)`, `a)`, `* …`) and holds nothing that reads like
 * data (a block's rows may have a note number in one cell and its text in the next).
 */
export function countNoteRows(rows: readonly (readonly string[])[], width: number): number {
  let cut = rows.length;
  for (;;) {
    cut -= countFooterRows(rows.slice(0, cut), width);
    let start = cut;
    while (start > 0 && !isBlankRow(rows[start - 1]!)) start--;
    // A notes block follows a blank row; without one it is part of the table.
    if (start === 0 || start === cut || !isNotesBlock(rows.slice(start, cut), width)) break;
    cut = start;
  }
  return rows.length - cut;
}

/** Text of the notes rows, one line per row (its filled cells joined by spaces), for the footnote warning. */
export function noteLines(rows: readonly (readonly string[])[]): string[] {
  return rows.map((r) => r.filter((c) => c.trim() !== '').join(' ')).filter((t) => t !== '');
}

/** Columns of a table that are empty: no heading and no value in any row. */
export function emptyColumns(headings: readonly string[], rows: readonly (readonly Cell[])[], width: number): number[] {
  const used = new Array<boolean>(width).fill(false);
  for (let c = 0; c < width; c++) if ((headings[c] ?? '').trim() !== '') used[c] = true;
  for (const row of rows) for (let c = 0; c < width; c++) if (!used[c] && hasValue(row[c])) used[c] = true;
  return used.flatMap((u, c) => (u ? [] : [c]));
}

/** Rows without the given columns. */
export function withoutColumns<T>(rows: readonly (readonly T[])[], drop: readonly number[]): T[][] {
  if (drop.length === 0) return rows.map((r) => r.slice());
  const dropped = new Set(drop);
  return rows.map((r) => r.filter((_, c) => !dropped.has(c)));
}

const YEAR = /^(19|20)\d\d$/;

/** A value that labels a row rather than measures it: text that is not a number, a date, or a year (`2016`). */
function isLabel(cell: Cell): boolean {
  if (cell instanceof Date) return !Number.isNaN(cell.getTime());
  if (typeof cell === 'number') return Number.isInteger(cell) && YEAR.test(String(cell));
  if (typeof cell !== 'string') return false;
  const t = cell.trim();
  return t !== '' && (!isNumericCell(t) || YEAR.test(t));
}

/** The leading columns whose values are all labels (`Year`, `Month`, `Region`, `Org`), up to the first column of measures. */
function labelColumns(rows: readonly (readonly Cell[])[], width: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < width; c++) {
    let any = false;
    let labels = true;
    for (const row of rows) {
      const v = row[c];
      if (!hasValue(v)) continue;
      any = true;
      if (!isLabel(v)) {
        labels = false;
        break;
      }
    }
    if (!any || !labels) break;
    out.push(c);
  }
  return out;
}

/**
 * Whether a column is given only on each group's first row: its first row is
 * given, at most half its rows are, and its groups are regular (every group
 * but the first and last the same length, those two no longer).
 */
function givenOnGroupStarts(rows: readonly (readonly Cell[])[], c: number): boolean {
  if (rows.length < 3 || !hasValue(rows[0]![c])) return false;
  const starts: number[] = [];
  rows.forEach((row, r) => {
    if (hasValue(row[c])) starts.push(r);
  });
  if (starts.length * 2 > rows.length) return false;
  const lengths = starts.map((s, i) => (starts[i + 1] ?? rows.length) - s);
  if (lengths.length < 3) return true;
  const inner = lengths.slice(1, -1);
  const size = inner[0]!;
  return inner.every((n) => n === size) && lengths[0]! <= size && lengths[lengths.length - 1]! <= size;
}

/**
 * Fill down label columns that a publication gives only on each group's
 * first row (`Year` 2016-17 on April's row, blank for May to March). Only a
 * leading column of labels is filled, only when a label column to its right
 * is given on every row (so each blank row still says what it is), and only
 * when its groups are regular; measure columns never are. Returns the rows
 * (filled columns copied, the rest shared) and the names of filled columns.
 */
export function fillDownLabels(rows: readonly (readonly Cell[])[], names: readonly string[]): { rows: Cell[][]; filled: string[] } {
  const labels = labelColumns(rows, names.length);
  const complete = labels.filter((c) => rows.every((row) => hasValue(row[c])));
  const fill = labels.filter((c) => complete.some((k) => k > c) && givenOnGroupStarts(rows, c));
  if (fill.length === 0) return { rows: rows as Cell[][], filled: [] };
  const out = rows.map((r) => r.slice());
  for (const c of fill) {
    let current: Cell = null;
    for (const row of out) {
      if (hasValue(row[c])) current = row[c];
      else row[c] = current;
    }
  }
  return { rows: out, filled: fill.map((c) => names[c]!) };
}

/** The repair warning for a filled-down column, as the import preview shows it. */
export function fillDownNote(name: string): string {
  return `Column "${name}" was filled down: it was given only on each group's first row.`;
}

/** The repair warning for empty columns dropped from between a table's columns. */
export function droppedColumnsNote(count: number): string {
  return `Dropped ${count} empty column${count === 1 ? '' : 's'}.`;
}
