import Papa from 'papaparse';
import { countFooterRows, detectHeader, makeColumnNames } from './table-shape';

export const DELIMITER_CANDIDATES = [',', '\t', ';', '|'] as const;

export interface ParsedSample {
  rows: string[][];
  /** Character offset in the sample text where each row starts. */
  starts: number[];
}

/** Parse sample text into rows, remembering where each row starts. */
export function parseSample(text: string, delimiter: string, quote: string, maxRows = 1000): ParsedSample {
  const rows: string[][] = [];
  const starts: number[] = [];
  let lastCursor = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: quote || '\u0000',
    escapeChar: quote || '\u0000',
    skipEmptyLines: false,
    step: (result, parser) => {
      starts.push(lastCursor);
      rows.push(result.data);
      lastCursor = result.meta.cursor;
      if (rows.length >= maxRows) parser.abort();
    },
  });
  return { rows, starts };
}

/** Cut a sample at its last line break so no row is half-read. */
export function completeLines(text: string, isWholeFile: boolean): string {
  if (isWholeFile) return text;
  const cut = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return cut >= 0 ? text.slice(0, cut + 1) : text;
}

/** Drop the first (probably partial) line of a sample taken from inside a file. */
export function dropFirstLine(text: string): string {
  const i = text.search(/\r\n|\n|\r/);
  return i < 0 ? '' : text.slice(text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1);
}

function scoreDelimiter(text: string, delimiter: string, quote: string): { score: number; width: number } {
  const { rows } = parseSample(text, delimiter, quote, 300);
  const guess = detectHeader(rows, 'fields');
  if (guess.width < 2) return { score: 0, width: 1 };
  const fields = rows[guess.headerRow]?.length ?? 0;
  const consistent = rows.slice(guess.headerRow).filter((r) => r.length === fields).length;
  return { score: consistent * Math.log2(guess.width + 1), width: guess.width };
}

/** The delimiter that gives the most rows of one consistent width. */
export function sniffDelimiter(text: string, quote = '"'): string {
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITER_CANDIDATES) {
    const { score } = scoreDelimiter(text, d, quote);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export interface DelimitedLayout {
  delimiter: string;
  quote: string;
  /** 0-based physical line index of the header (or first data line when there is none). */
  headerLine: number;
  /** 0-based index of the header among the parsed rows of the head (differs from headerLine when quoted values span lines). */
  headerIndex: number;
  hasHeader: boolean;
  width: number;
  names: string[];
  nameRepairs: string[];
  /** Footnote rows at the end, with the text of their first cell. */
  footerRows: string[][];
  /** Numbers are written `1.234,5` (decimal comma), as in many European exports. */
  decimalComma: boolean;
}

// Only unambiguous forms count: `1,500` could be fifteen hundred either way.
const COMMA_DECIMAL = /^[-+(]?[£$€]?(\d{1,3}(\.\d{3})+,\d+|\d+,(\d{1,2}|\d{4,}))%?\)?$/;
const POINT_DECIMAL = /^[-+(]?[£$€]?(\d{1,3}(,\d{3})+\.\d+|\d+\.(\d{1,2}|\d{4,}))%?\)?$/;

/**
 * Whether a sample's numbers use a decimal comma. Only considered for
 * semicolon-delimited files (the European convention that goes with it), and
 * only when unambiguous decimal-comma numbers outnumber decimal-point ones.
 */
export function detectDecimalComma(rows: readonly (readonly string[])[], delimiter: string): boolean {
  if (delimiter !== ';') return false;
  let comma = 0;
  let point = 0;
  for (const row of rows) {
    for (const cell of row) {
      const v = cell.trim();
      if (COMMA_DECIMAL.test(v)) comma++;
      else if (POINT_DECIMAL.test(v)) point++;
    }
  }
  return comma > point;
}

function countLineBreaks(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * Work out a delimited file's layout from a sample of its start (`head`) and of
 * its end (`tail`, which may overlap the head for small files).
 */
export function sniffDelimitedLayout(
  head: string,
  tail: string,
  opts: { delimiter?: string; quote?: string; headerRow?: number; footerLines?: number; isWholeFile: boolean },
): DelimitedLayout {
  const quote = opts.quote ?? '"';
  const sample = completeLines(head, opts.isWholeFile);
  const delimiter = opts.delimiter ?? sniffDelimiter(sample, quote);
  const parsed = parseSample(sample, delimiter, quote);
  const guess = detectHeader(parsed.rows, 'fields');
  const headerIndex = opts.headerRow ?? guess.headerRow;
  const headerCells = parsed.rows[headerIndex] ?? [];
  const hasHeader = opts.headerRow !== undefined ? true : guess.hasHeader;
  const width = Math.max(guess.width, hasHeader ? headerCells.length : 0);
  const { names, repaired } = hasHeader ? makeColumnNames(headerCells, width) : makeColumnNames([], width);
  const headerLine = countLineBreaks(sample, parsed.starts[headerIndex] ?? 0);

  const tailRows = parseSample(opts.isWholeFile ? sample : tail, delimiter, quote, 100_000).rows;
  // A trailing newline yields a final empty row that is not a footnote.
  while (tailRows.length > 0 && tailRows[tailRows.length - 1]!.length === 1 && tailRows[tailRows.length - 1]![0] === '') tailRows.pop();
  const footerCount = opts.footerLines ?? countFooterRows(tailRows.slice(opts.isWholeFile ? headerIndex + 1 : 0), width, 'fields');
  const footerRows = footerCount > 0 ? tailRows.slice(tailRows.length - footerCount) : [];
  const decimalComma = detectDecimalComma(parsed.rows.slice(headerIndex + 1), delimiter);
  return { delimiter, quote, headerLine, headerIndex, hasHeader, width, names, nameRepairs: repaired, footerRows, decimalComma };
}
