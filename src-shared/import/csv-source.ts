import type { FileSource } from '../engine/engine';
import { quoteLiteral } from '../sql/identifiers';
import { completeLines, dropFirstLine, parseSample, sniffDelimitedLayout, type DelimitedLayout } from './delimited-sniff';
import { bomLengthFor, decodeText, detectEncoding, looksBinary, transcodeToUtf8 } from './encoding';
import type { DetectedFormat } from './format';
import { gunzipAll, gunzipHead } from './gzip';
import { INFERENCE_SAMPLE_ROWS } from './typing';
import { ImportError, type ImportRunOptions, type ImportSettings, type TextEncoding } from './types';

/**
 * A delimited text file, ready to be read by DuckDB's CSV reader in one pass:
 * its layout sniffed in JavaScript from the head and tail (encoding,
 * delimiter, header below any title lines, footnotes), a sample of its first
 * rows for typing, and the file registered with the engine — the original
 * bytes whenever DuckDB can read them (UTF-8, gzip, and Windows-1252 read as
 * Latin-1, which it is when no byte is in 0x80–0x9F), else a UTF-8 copy.
 */

const HEAD_BYTES = 1024 * 1024;
const TAIL_BYTES = 64 * 1024;
/**
 * DuckDB's reader buffers many times its longest allowed line, and a first
 * read with large buffers is slow (measured: a 1,000-row preview of a 1M-row
 * file 0.5 s at 16 MB, 0.07 s at 2 MB). Files are read with DuckDB's default
 * unless the head shows long lines; a line over the limit is read again with
 * the largest.
 */
export const DEFAULT_LINE_BYTES = 2 * 1024 * 1024;
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** The line limit a file starts with: the largest when its head holds a line a quarter of the default or longer. */
function lineLimitFor(headText: string): number {
  let start = 0;
  let longest = 0;
  for (let i = headText.indexOf('\n'); ; i = headText.indexOf('\n', start)) {
    const end = i < 0 ? headText.length : i;
    longest = Math.max(longest, end - start);
    if (i < 0) break;
    start = i + 1;
  }
  return longest * 4 >= DEFAULT_LINE_BYTES ? MAX_LINE_BYTES : DEFAULT_LINE_BYTES;
}

/** How the engine reaches the file's bytes, and what is needed to read them. */
export interface CsvInput {
  source: FileSource;
  layout: DelimitedLayout;
  /** The path SQL reads the file by (registered with the engine). */
  path: string;
  compression: 'none' | 'gzip';
  /**
   * Read as Latin-1: Windows-1252 bytes without any of 0x80–0x9F, where the two agree
   * (DuckDB's Latin-1 reader refuses those bytes; such a file is read from a UTF-8 copy).
   */
  latin1: boolean;
  /** Lines before the first data row. */
  skip: number;
  settings: ImportSettings;
  warnings: string[];
  /** Data rows from the head of the file (no header, no footnotes), for typing. */
  sample: string[][];
  /** The head held the whole file, so the sample is all of it. */
  complete: boolean;
  /** Pad short rows with empty fields (set after a first read found some). */
  nullPadding: boolean;
  /** The reader's longest allowed line (raised to MAX_LINE_BYTES when a line is over it). */
  maxLineBytes: number;
}

/** Cut or pad a row to the table's width. */
function fitRow(row: readonly string[], width: number): string[] {
  const out = row.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

/**
 * Whether bytes hold characters only Windows-1252 has (0x80–0x9F: € ‘ ’ – …),
 * which DuckDB's Latin-1 reader refuses: such a file is read from a UTF-8 copy.
 */
function hasWindows1252Only(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 && b <= 0x9f) return true;
  return false;
}

/** What the head and tail of a file say, before anything is handed to the engine. */
interface CsvSniff {
  encoding: { encoding: TextEncoding; bomLength: number };
  /** Whether the file has bytes only Windows-1252 has (so DuckDB's Latin-1 reader cannot take it). */
  windows1252Only: boolean;
  layout: DelimitedLayout;
  sample: string[][];
  isWholeFile: boolean;
  warnings: string[];
  decimalComma: boolean;
  maxLineBytes: number;
}

/**
 * Sniffs by file and settings. The import preview and the import that follows
 * it read the same file with the same settings; the second reuses the first's
 * sniff and sample (and their inferred types, in typing.ts) instead of reading
 * and parsing the head again. Held weakly: a file no longer referenced is dropped.
 */
const sniffs = new WeakMap<FileSource, Map<string, Promise<CsvSniff>>>();

/** The settings a sniff depends on, and the file's size and time (a file changed since is sniffed again). */
function sniffKey(source: FileSource, format: DetectedFormat, opts: ImportRunOptions): string {
  const { encoding, delimiter, quote, headerRow, footerLines } = opts;
  return JSON.stringify([source.size, source.lastModified, format.compression, encoding, delimiter, quote, headerRow, footerLines]);
}

function sniffOnce(source: FileSource, format: DetectedFormat, opts: ImportRunOptions): Promise<CsvSniff> {
  let bySettings = sniffs.get(source);
  if (!bySettings) sniffs.set(source, (bySettings = new Map<string, Promise<CsvSniff>>()));
  const key = sniffKey(source, format, opts);
  let sniff = bySettings.get(key);
  if (!sniff) {
    sniff = sniffCsv(source, format, opts);
    bySettings.set(key, sniff);
    sniff.catch(() => bySettings.delete(key));
  }
  return sniff;
}

async function sniffCsv(source: FileSource, format: DetectedFormat, opts: ImportRunOptions): Promise<CsvSniff> {
  const rawHead = await source.read(0, Math.min(source.size, HEAD_BYTES));
  let head = rawHead;
  let isWholeFile = source.size <= HEAD_BYTES;
  if (format.compression === 'gzip') {
    const unzipped = await gunzipHead(rawHead, HEAD_BYTES);
    head = unzipped.bytes;
    isWholeFile = isWholeFile && unzipped.complete;
  }
  const detected = opts.encoding ? { encoding: opts.encoding, bomLength: bomLengthFor(head, opts.encoding) } : detectEncoding(head);
  if (looksBinary(head, detected.encoding)) {
    throw new ImportError(
      'The file is not a text file: it contains binary data',
      { file: source.name },
      'It may be a spreadsheet or archive with the wrong extension. Open it in the program that made it and export it as CSV.',
    );
  }
  const headText = decodeText(head, detected.encoding, detected.bomLength);
  if (headText.trim() === '')
    throw new ImportError('The file has no rows', { file: source.name }, 'Check that the export finished writing, then open it again.');
  let tailText = headText;
  if (!isWholeFile && format.compression === 'none') {
    const tail = await source.read(Math.max(0, source.size - TAIL_BYTES), source.size);
    tailText = dropFirstLine(decodeText(tail, detected.encoding));
  }
  const layout = sniffDelimitedLayout(headText, tailText, {
    ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
    ...(opts.quote !== undefined ? { quote: opts.quote } : {}),
    ...(opts.headerRow !== undefined ? { headerRow: opts.headerRow } : {}),
    ...(opts.footerLines !== undefined ? { footerLines: opts.footerLines } : {}),
    isWholeFile: isWholeFile || format.compression === 'gzip',
  });
  if (format.compression === 'gzip' && !isWholeFile && opts.footerLines === undefined) layout.footerRows = [];

  // The sample: data rows of the head, without the header and (in a whole file) the footnotes.
  const parsed = parseSample(completeLines(headText, isWholeFile), layout.delimiter, layout.quote, layout.headerIndex + 1 + INFERENCE_SAMPLE_ROWS).rows;
  let dataRows = parsed.slice(layout.hasHeader ? layout.headerIndex + 1 : layout.headerIndex);
  while (dataRows.length > 0 && dataRows[dataRows.length - 1]!.length === 1 && dataRows[dataRows.length - 1]![0] === '') dataRows.pop();
  if (isWholeFile && layout.footerRows.length > 0) dataRows = dataRows.slice(0, Math.max(0, dataRows.length - layout.footerRows.length));
  const sample = dataRows.filter((r) => !(r.length === 1 && r[0] === '')).map((r) => fitRow(r, layout.names.length));
  return {
    encoding: detected,
    windows1252Only: hasWindows1252Only(head),
    layout,
    sample,
    isWholeFile,
    warnings: layout.nameRepairs.map((r) => `Header: ${r}.`),
    decimalComma: layout.decimalComma,
    maxLineBytes: lineLimitFor(headText),
  };
}

/** Sniff, sample and register a delimited text file. `settings` is filled in with what was detected. */
export async function openCsv(
  host: { registerFile(name: string, source: FileSource): Promise<string>; registerBuffer(name: string, bytes: Uint8Array): Promise<string> },
  source: FileSource,
  format: DetectedFormat,
  opts: ImportRunOptions,
  settings: ImportSettings,
  fileStem: string,
): Promise<CsvInput> {
  const sniff = await sniffOnce(source, format, opts);
  const { layout, encoding: detected } = sniff;
  if (sniff.decimalComma && opts.decimal === undefined) {
    settings.decimal = ',';
    settings.thousands = opts.thousands ?? '.';
  }
  Object.assign(settings, {
    encoding: detected.encoding,
    delimiter: layout.delimiter,
    quote: layout.quote,
    headerRow: layout.headerLine,
    skippedLines: layout.headerLine,
    footerLines: layout.footerRows.length,
  });

  // Hand DuckDB the bytes: the original file when its reader can take them, else a UTF-8 copy.
  const name = `${fileStem}.csv${format.compression === 'gzip' ? '.gz' : ''}`;
  let compression: 'none' | 'gzip' = format.compression;
  let latin1 = false;
  let path: string;
  if (detected.encoding === 'utf-8') path = await host.registerFile(name, source);
  else if (detected.encoding === 'windows-1252' && format.compression === 'none' && !sniff.windows1252Only) {
    latin1 = true;
    path = await host.registerFile(name, source);
  } else {
    ({ path, compression } = await registerUtf8Copy(host, source, format.compression, detected.encoding, detected.bomLength, name, opts));
  }
  const skip = layout.headerLine + (layout.hasHeader ? 1 : 0);
  return {
    source,
    layout,
    path,
    compression,
    latin1,
    skip,
    settings,
    warnings: [...sniff.warnings],
    sample: sniff.sample,
    complete: sniff.isWholeFile,
    nullPadding: false,
    maxLineBytes: sniff.maxLineBytes,
  };
}

/** Register a UTF-8 copy of a file DuckDB's reader cannot take as it is (UTF-16; Windows-1252 inside gzip). */
async function registerUtf8Copy(
  host: { registerBuffer(name: string, bytes: Uint8Array): Promise<string> },
  source: FileSource,
  compression: 'none' | 'gzip',
  encoding: TextEncoding,
  bomLength: number,
  name: string,
  opts: ImportRunOptions,
): Promise<{ path: string; compression: 'none' | 'gzip' }> {
  opts.onProgress?.({ phase: 'reading', fraction: 0, message: `Converting ${source.name} from ${encoding} to UTF-8…` });
  let bytes: Uint8Array;
  if (compression === 'gzip') {
    const plain = await gunzipAll(await source.read(0, source.size));
    bytes = await transcodeToUtf8(async (s, e) => plain.subarray(s, e), plain.length, encoding, bomLength);
  } else {
    bytes = await transcodeToUtf8(
      (s, e) => source.read(s, e),
      source.size,
      encoding,
      bomLength,
      (done) => opts.onProgress?.({ phase: 'reading', fraction: done / source.size, message: `Converting ${source.name} to UTF-8…` }),
    );
  }
  return { path: await host.registerBuffer(name.replace(/\.gz$/, ''), bytes), compression: 'none' };
}

/**
 * DuckDB's Latin-1 reader refuses the bytes 0x80–0x9F (Windows-1252's € ‘ ’ – …)
 * wherever they are: read such a file from a UTF-8 copy instead. Returns false when
 * the error was something else.
 */
export async function fallBackToUtf8Copy(
  host: { registerBuffer(name: string, bytes: Uint8Array): Promise<string>; dropFile(path: string): Promise<void> },
  input: CsvInput,
  error: Error,
  opts: ImportRunOptions,
): Promise<boolean> {
  if (!input.latin1 || !/not latin-1 encoded/i.test(error.message)) return false;
  await host.dropFile(input.path).catch(() => undefined);
  const copy = await registerUtf8Copy(host, input.source, input.compression, 'windows-1252', 0, `${input.path.replace(/^.*\//, '')}.utf8`, opts);
  input.path = copy.path;
  input.compression = copy.compression;
  input.latin1 = false;
  return true;
}

function option(name: string, value: string): string {
  return `${name}=${quoteLiteral(value)}`;
}

/** Where a read's rejected lines go (temporary tables of the reading connection). */
export interface RejectTables {
  table: string;
  scan: string;
}

/**
 * The `read_csv(…)` relation for a file: fields `c0…cN` with the given reader
 * types, lines that do not fit kept in the rejects tables (never an error
 * that stops the read), dates and timestamps in the given formats.
 */
export function readCsvSql(
  input: CsvInput,
  types: readonly string[],
  rejects: RejectTables,
  formats: { date: string | null; timestamp: string | null },
  limit?: number,
): string {
  const columns = types.map((t, i) => `${quoteLiteral(`c${i}`)}: ${quoteLiteral(t)}`).join(', ');
  const parts = [
    quoteLiteral(input.path),
    'auto_detect=false',
    'header=false',
    `skip=${input.skip}`,
    option('delim', input.layout.delimiter),
    option('quote', input.layout.quote),
    option('escape', input.layout.quote),
    `columns={${columns}}`,
    `null_padding=${input.nullPadding}`,
    // Empty fields, quoted or not, are NULL: the typed SELECT relies on it (typedSelectSql).
    "nullstr=''",
    'allow_quoted_nulls=true',
    'ignore_errors=true',
    'store_rejects=true',
    option('rejects_table', rejects.table),
    option('rejects_scan', rejects.scan),
    `max_line_size=${input.maxLineBytes}`,
    option('compression', input.compression === 'gzip' ? 'gzip' : 'none'),
    ...(input.latin1 ? [option('encoding', 'latin-1')] : []),
    ...(formats.date ? [option('dateformat', formats.date)] : []),
    ...(formats.timestamp ? [option('timestampformat', formats.timestamp)] : []),
  ];
  return `(SELECT * FROM read_csv(${parts.join(', ')})${limit ? ` LIMIT ${Math.floor(limit)}` : ''})`;
}

/** A line the reader rejected. */
export interface RejectRow {
  line: number;
  column_idx: number | null;
  error_type: string;
  csv_line: string | null;
  error_message: string;
}

export interface RejectAnalysis {
  /** A line that makes the file unreadable as set up (an unclosed quote, invalid text). */
  fatal: RejectRow | null;
  /** Lines with fewer fields than the header (to read again with empty fields added). */
  short: number[];
  /** Lines with more fields than the header (skipped). */
  long: number[];
  /** Source fields (0-based) holding values their reader type could not take. */
  castFields: Set<number>;
  other: RejectRow[];
}

const FATAL = new Set(['UNQUOTED VALUE', 'INVALID ENCODING', 'INVALID UNICODE', 'LINE SIZE OVER MAXIMUM']);

/** Sort a read's rejected lines into what to do about them; footnote lines below the data are not problems. */
export function analyseRejects(rows: readonly RejectRow[], input: CsvInput): RejectAnalysis {
  const footerTexts = new Set(input.layout.footerRows.map((r) => (r[0] ?? '').trim()));
  const isFooter = (r: RejectRow) => {
    if (r.csv_line === null || footerTexts.size === 0) return false;
    const cells = parseSample(r.csv_line.trim(), input.layout.delimiter, input.layout.quote, 1).rows[0] ?? [];
    return footerTexts.has((cells[0] ?? '').trim());
  };
  const out: RejectAnalysis = { fatal: null, short: [], long: [], castFields: new Set(), other: [] };
  const seen = new Set<number>();
  for (const r of rows) {
    if (isFooter(r)) continue;
    if (FATAL.has(r.error_type)) {
      out.fatal ??= r;
      continue;
    }
    if (r.error_type === 'CAST') {
      if (r.column_idx !== null) out.castFields.add(r.column_idx - 1);
      continue;
    }
    if (seen.has(r.line)) continue;
    seen.add(r.line);
    if (r.error_type === 'MISSING COLUMNS') out.short.push(r.line);
    else if (r.error_type === 'TOO MANY COLUMNS') out.long.push(r.line);
    else out.other.push(r);
  }
  return out;
}

/** The error for a line that makes the file unreadable: what, where (file, line, column) and what to try. */
export function rejectError(r: RejectRow, input: CsvInput): ImportError {
  const names = input.layout.names;
  const column = r.column_idx !== null && r.column_idx > 0 ? (names[r.column_idx - 1] ?? r.column_idx) : undefined;
  const loc = { file: input.source.name, line: r.line, ...(column !== undefined ? { column } : {}) };
  switch (r.error_type) {
    case 'UNQUOTED VALUE':
      return new ImportError(
        'A quoted value is never closed: a " opens a field that runs on to the end of the file',
        loc,
        'Look for a stray double quote on that line; fix it in the source, or set the quote character to none.',
      );
    case 'LINE SIZE OVER MAXIMUM':
      return new ImportError('A line is longer than 16 MB', loc, 'The file may not be a delimited text file, or a quote may be unbalanced.');
    default:
      return new ImportError(
        'The text is not valid in the chosen encoding',
        loc,
        "Choose the file's encoding (for example Windows-1252) in the import settings and try again.",
      );
  }
}

/** A failure of DuckDB's reader as a clear import error. */
export function readerError(error: Error, input: CsvInput): ImportError {
  const line = /Line: (\d+)/.exec(error.message);
  const first = error.message.split('\n')[0] ?? error.message;
  return new ImportError(
    `The file could not be read as delimited text: ${first.replace(/^Invalid Input Error: /, '')}`,
    { file: input.source.name, ...(line ? { line: Number(line[1]) } : {}) },
    'Check the delimiter and quote settings in the import preview.',
  );
}
