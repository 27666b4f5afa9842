import { AbortError, throwIfAborted, type Engine, type FileSource } from '../engine/engine';
import { tableToRows } from '../engine/arrow-values';
import { columnTypeOfSql } from '../sql/column-types';
import { quoteIdent, quoteLiteral } from '../sql/identifiers';
import { tableToJsonRows, type JsonValue } from '../format/plain-json';
import { decodeText, detectEncoding, bomLengthFor, looksBinary, transcodeToUtf8 } from './encoding';
import { detectFormat, type DetectedFormat } from './format';
import { dropFirstLine, sniffDelimitedLayout, parseSample } from './delimited-sniff';
import { cellsToStageTable, type Cell } from './readers/cells';
import { readSheetTable } from './readers/spreadsheet';
import { readJsonTable, readNdjsonTable } from './readers/json';
import { readParquetTable } from './readers/parquet';
import {
  addFormatCounts,
  chooseType,
  dateCandidates,
  derivedColumns,
  formatInferenceSql,
  inferenceSql,
  mostlyNumericExample,
  readCounts,
  typedSelectSql,
  validationSql,
  type StageColumn,
} from './typing';
import { SQL_TYPE, type ColumnTyping, type ValueRuleOptions } from './value-rules';
import {
  DEFAULT_SUPPRESSION_MARKERS,
  ImportError,
  type ImportOptions,
  type ImportReport,
  type ImportRunOptions,
  type ImportSettings,
  type ImportedColumn,
} from './types';

/** A loaded table's columns as an import report lists them, from DuckDB's DESCRIBE (for tables typed already). */
export async function describedColumns(host: Pick<ImportHost, 'query'>, table: string): Promise<ImportedColumn[]> {
  const described = tableToRows(await host.query(`DESCRIBE ${quoteIdent(table)}`));
  return described.map((d) => ({ name: String(d.column_name), type: columnTypeOfSql(String(d.column_type)), sqlType: String(d.column_type), suppressed: 0 }));
}

/** A report for a table that was not imported from a file (a derived table): its rows and columns, default settings. */
export async function tableReport(host: Pick<ImportHost, 'query'>, table: string): Promise<ImportReport> {
  const rows = Number(tableToRows(await host.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`))[0]?.n ?? 0);
  return {
    table,
    rows,
    files: [],
    settings: baseSettings({ format: 'csv', compression: 'none' }, {}),
    columns: await describedColumns(host, table),
    warnings: [],
    elapsedMs: 0,
  };
}

/** What the importer needs from an engine: SQL, and ways to hand DuckDB bytes. */
export type ImportHost = Pick<Engine, 'query' | 'exec' | 'registerFile' | 'registerBuffer' | 'dropFile' | 'loadArrow'>;

/** A name part for scratch tables that no other import running at the same time can share. */
function scratchId(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '');
}

const HEAD_BYTES = 1024 * 1024;
const TAIL_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const MAX_LISTED_LINES = 10;

interface StagedFile {
  stage: string;
  names: string[];
  /** Typed already (Parquet): skip inference. */
  typed: boolean;
  settings: ImportSettings;
  warnings: string[];
  file: { name: string; size: number; lastModified?: number };
}

/** The settings of a file before anything is detected: the person's choices, else the defaults. */
export function baseSettings(format: DetectedFormat, opts: ImportOptions): ImportSettings {
  return {
    format: format.format,
    compression: format.compression,
    encoding: 'binary',
    delimiter: null,
    quote: null,
    headerRow: 0,
    skippedLines: 0,
    footerLines: 0,
    decimal: opts.decimal ?? '.',
    thousands: opts.thousands ?? (opts.decimal === ',' ? '.' : ','),
    dateOrder: opts.dateOrder ?? 'DMY',
    sheet: null,
    sheets: [],
    suppressionMarkers: opts.suppressionMarkers ?? DEFAULT_SUPPRESSION_MARKERS,
  };
}

async function readAll(source: FileSource): Promise<Uint8Array> {
  return source.read(0, source.size);
}

/** Decompress the start of a gzip file (enough to sniff), tolerating the cut-off end. */
async function gunzipHead(bytes: Uint8Array, limit: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  let complete = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      parts.push(value);
      total += value.length;
      if (total >= limit) break;
    }
  } catch {
    // A truncated gzip sample ends in an error; what was decoded so far is the sample.
  }
  void reader.cancel().catch(() => undefined);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return { bytes: out.subarray(0, Math.min(total, limit)), complete: complete && total <= limit };
}

async function gunzipAll(bytes: Uint8Array): Promise<Uint8Array> {
  const buffer = await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return new Uint8Array(buffer);
}

function csvOption(name: string, value: string): string {
  return `${name}=${quoteLiteral(value)}`;
}

interface RejectRow {
  line: number;
  column_idx: number | null;
  error_type: string;
  csv_line: string | null;
  error_message: string;
}

function listLines(lines: number[]): string {
  const shown = lines.slice(0, MAX_LISTED_LINES).join(', ');
  return lines.length > MAX_LISTED_LINES ? `${shown} and ${lines.length - MAX_LISTED_LINES} more` : shown;
}

class CsvStager {
  constructor(
    private readonly host: ImportHost,
    private readonly source: FileSource,
    private readonly format: DetectedFormat,
    private readonly opts: ImportRunOptions,
    private readonly stage: string,
  ) {}

  async run(): Promise<StagedFile> {
    const { host, source, format, opts, stage } = this;
    const settings = baseSettings(format, opts);
    const warnings: string[] = [];
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
    if (headText.trim() === '') {
      throw new ImportError('The file has no rows', { file: source.name }, 'Check that the export finished writing, then open it again.');
    }
    let tailText = headText;
    if (!isWholeFile && format.compression === 'none') {
      const tail = await source.read(Math.max(0, source.size - TAIL_BYTES), source.size);
      tailText = dropFirstLine(decodeText(tail, detected.encoding));
    }
    const layout = sniffDelimitedLayout(headText, tailText, {
      delimiter: opts.delimiter,
      quote: opts.quote,
      headerRow: opts.headerRow,
      footerLines: opts.footerLines ?? (opts.limitRows ? 0 : undefined),
      isWholeFile: isWholeFile || format.compression === 'gzip',
    });
    if (format.compression === 'gzip' && !isWholeFile && opts.footerLines === undefined) layout.footerRows = [];
    warnings.push(...layout.nameRepairs.map((r) => `Header: ${r}.`));
    if (layout.decimalComma && opts.decimal === undefined) {
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

    // Hand DuckDB the bytes: the original file when it is UTF-8, else a UTF-8 copy.
    let fileName = `${stage}.csv${format.compression === 'gzip' ? '.gz' : ''}`;
    let compression = format.compression;
    if (detected.encoding !== 'utf-8') {
      opts.onProgress?.({ phase: 'reading', fraction: 0, message: `Converting ${source.name} from ${detected.encoding} to UTF-8…` });
      let bytes: Uint8Array;
      if (format.compression === 'gzip') {
        const plain = await gunzipAll(await readAll(source));
        bytes = await transcodeToUtf8(async (s, e) => plain.subarray(s, e), plain.length, detected.encoding, detected.bomLength);
        compression = 'none';
      } else {
        bytes = await transcodeToUtf8(
          (s, e) => source.read(s, e),
          source.size,
          detected.encoding,
          detected.bomLength,
          (done) => opts.onProgress?.({ phase: 'reading', fraction: done / source.size, message: `Converting ${source.name} to UTF-8…` }),
        );
      }
      fileName = await host.registerBuffer(fileName, bytes);
    } else {
      fileName = await host.registerFile(fileName, source);
    }

    const names = layout.names;
    const columns = names.map((_, i) => `${quoteLiteral(`c${i}`)}: 'VARCHAR'`).join(', ');
    const skip = layout.headerLine + (layout.hasHeader ? 1 : 0);
    // DuckDB keeps rejected rows in temporary tables of the reading connection;
    // they are copied to a plain table in the same statement batch.
    const rejectsTable = `${stage}_rejects_tmp`;
    const rejectsScan = `${stage}_rejects_scan`;
    const rejectsCopy = `${stage}_rejects`;
    const stageTable = async (nullPadding: boolean) => {
      await host.exec(`DROP TABLE IF EXISTS ${quoteIdent(stage)}`);
      const limit = opts.limitRows ? ` LIMIT ${Math.floor(opts.limitRows)}` : '';
      await host.exec(`CREATE TABLE ${quoteIdent(stage)} AS SELECT * FROM ${readCsv(nullPadding)}${limit}`, { signal: opts.signal });
      await host.exec(
        `CREATE OR REPLACE TABLE ${quoteIdent(rejectsCopy)} AS SELECT DISTINCT ON (line) line, column_idx, CAST(error_type AS VARCHAR) AS error_type, csv_line, error_message FROM ${quoteIdent(rejectsTable)} ORDER BY line, column_idx; ` +
          `DROP TABLE IF EXISTS ${quoteIdent(rejectsTable)}; DROP TABLE IF EXISTS ${quoteIdent(rejectsScan)};`,
      );
    };
    const readCsv = (nullPadding: boolean) =>
      `read_csv(${quoteLiteral(fileName)}, auto_detect=false, header=false, skip=${skip}, ` +
      `${csvOption('delim', layout.delimiter)}, ${csvOption('quote', layout.quote)}, ${csvOption('escape', layout.quote)}, ` +
      `columns={${columns}}, null_padding=${nullPadding}, ignore_errors=true, store_rejects=true, ` +
      `${csvOption('rejects_table', rejectsTable)}, ${csvOption('rejects_scan', rejectsScan)}, ` +
      `max_line_size=${MAX_LINE_BYTES}, ${csvOption('compression', compression === 'gzip' ? 'gzip' : 'none')})`;

    opts.onProgress?.({ phase: 'parsing', fraction: null, message: `Reading ${source.name}…` });
    try {
      await stageTable(false);
      const rejects = await this.rejects(rejectsCopy);
      const footerTexts = new Set(layout.footerRows.map((r) => (r[0] ?? '').trim()));
      const isFooter = (r: RejectRow) => {
        if (r.csv_line === null || (r.error_type !== 'MISSING COLUMNS' && r.error_type !== 'TOO MANY COLUMNS')) return false;
        const cells = parseSample(r.csv_line.trim(), layout.delimiter, layout.quote, 1).rows[0] ?? [];
        return footerTexts.has((cells[0] ?? '').trim());
      };
      const problems = rejects.filter((r) => !isFooter(r));
      const fatal = problems.find(
        (r) =>
          r.error_type === 'UNQUOTED VALUE' ||
          r.error_type === 'INVALID ENCODING' ||
          r.error_type === 'INVALID UNICODE' ||
          r.error_type === 'LINE SIZE OVER MAXIMUM',
      );
      if (fatal) throw this.rejectError(fatal, names);
      const short = problems.filter((r) => r.error_type === 'MISSING COLUMNS');
      const long = problems.filter((r) => r.error_type === 'TOO MANY COLUMNS');
      const other = problems.filter((r) => r.error_type !== 'MISSING COLUMNS' && r.error_type !== 'TOO MANY COLUMNS');
      if (short.length > 0) {
        await stageTable(true);
        warnings.push(`Lines ${listLines(short.map((r) => r.line))} had fewer fields than the header; the missing fields were left empty.`);
      }
      if (long.length > 0) warnings.push(`Lines ${listLines(long.map((r) => r.line))} had more fields than the header and were skipped.`);
      if (other.length > 0) warnings.push(`Lines ${listLines(other.map((r) => r.line))} could not be read and were skipped (${other[0]!.error_message}).`);
    } catch (error) {
      if (error instanceof ImportError || (error as Error).name === 'AbortError') throw error;
      throw this.duckdbError(error as Error);
    } finally {
      await host.exec(`DROP TABLE IF EXISTS ${quoteIdent(rejectsCopy)}`).catch(() => undefined);
      await host.dropFile(fileName).catch(() => undefined);
    }
    await this.deleteFooterRows(layout.footerRows, names.length);
    const note = footnoteWarning(layout.footerRows.map((r) => r.join(layout.delimiter).trim()));
    if (note) warnings.push(note);
    return { stage, names, typed: false, settings, warnings, file: fileInfo(source) };
  }

  private async rejects(table: string): Promise<RejectRow[]> {
    const result = await this.host.query(`SELECT line, column_idx, error_type, csv_line, error_message FROM ${quoteIdent(table)} ORDER BY line LIMIT 100000`);
    return tableToRows(result) as unknown as RejectRow[];
  }

  /**
   * Footnote rows that happen to have the table's number of fields (padded with
   * delimiters, or a note containing commas) were read as data: delete exactly those rows.
   */
  private async deleteFooterRows(footerRows: string[][], width: number): Promise<void> {
    const conditions = footerRows
      .filter((row) => row.some((c) => c.trim() !== ''))
      .map((row) =>
        Array.from({ length: width }, (_, i) => `coalesce(trim(${quoteIdent(`c${i}`)}), '') = ${quoteLiteral((row[i] ?? '').trim())}`).join(' AND '),
      );
    if (conditions.length === 0) return;
    await this.host.exec(`DELETE FROM ${quoteIdent(this.stage)} WHERE ${conditions.map((c) => `(${c})`).join(' OR ')}`);
  }

  private rejectError(r: RejectRow, names: string[]): ImportError {
    const column = r.column_idx !== null && r.column_idx > 0 ? (names[r.column_idx - 1] ?? r.column_idx) : undefined;
    const loc = { file: this.source.name, line: r.line, ...(column !== undefined ? { column } : {}) };
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

  private duckdbError(error: Error): ImportError {
    const line = /Line: (\d+)/.exec(error.message);
    const first = error.message.split('\n')[0] ?? error.message;
    return new ImportError(
      `The file could not be read as delimited text: ${first.replace(/^Invalid Input Error: /, '')}`,
      { file: this.source.name, ...(line ? { line: Number(line[1]) } : {}) },
      'Check the delimiter and quote settings in the import preview.',
    );
  }
}

/** Footnotes are dropped, never silently: the warning quotes them. */
function footnoteWarning(lines: string[]): string | null {
  const notes = lines.filter((t) => t !== '');
  if (notes.length === 0) return null;
  const quoted = notes.map((n) => `"${n.length > 60 ? `${n.slice(0, 57)}…` : n}"`).join('; ');
  return `Skipped ${notes.length} footnote line${notes.length === 1 ? '' : 's'} below the data: ${quoted}.`;
}

function fileInfo(source: FileSource): StagedFile['file'] {
  return { name: source.name, size: source.size, ...(source.lastModified !== undefined ? { lastModified: source.lastModified } : {}) };
}

async function stageCells(host: ImportHost, stage: string, rows: Cell[][], width: number): Promise<void> {
  await host.loadArrow(stage, cellsToStageTable(rows, Math.max(width, 1)));
}

async function stageFile(host: ImportHost, source: FileSource, opts: ImportRunOptions, stage: string): Promise<StagedFile> {
  const head = await source.read(0, Math.min(source.size, 8));
  const format = detectFormat(source.name, head, opts.format);
  if (source.size === 0) throw new ImportError('The file is empty', { file: source.name }, 'Check that the export finished writing, then open it again.');
  const settings = baseSettings(format, opts);
  switch (format.format) {
    case 'csv':
      return new CsvStager(host, source, format, opts, stage).run();
    case 'xlsx':
    case 'xls': {
      opts.onProgress?.({ phase: 'reading', fraction: null, message: `Reading workbook ${source.name}…` });
      const sheet = readSheetTable(await readAll(source), source.name, opts);
      await stageCells(host, stage, sheet.rows, sheet.names.length);
      Object.assign(settings, {
        headerRow: sheet.headerRow,
        skippedLines: sheet.headerRow,
        footerLines: sheet.footerRows,
        sheet: sheet.sheet,
        sheets: sheet.sheets,
      });
      const warnings = sheet.nameRepairs.map((r) => `Header: ${r}.`);
      const note = footnoteWarning(sheet.footnotes);
      if (note) warnings.push(note);
      return { stage, names: sheet.names, typed: false, settings, warnings, file: fileInfo(source) };
    }
    case 'json':
    case 'ndjson': {
      let bytes = await readAll(source);
      if (format.compression === 'gzip') bytes = await gunzipAll(bytes);
      const enc = detectEncoding(bytes.subarray(0, HEAD_BYTES));
      const text = decodeText(bytes, enc.encoding, enc.bomLength);
      const table = format.format === 'json' ? readJsonTable(text, source.name) : readNdjsonTable(text, source.name);
      if (table.names.length === 0) throw new ImportError('The file holds no records', { file: source.name }, 'Check that this is the file you meant to open.');
      const names = table.names;
      await stageCells(host, stage, opts.limitRows ? table.rows.slice(0, opts.limitRows) : table.rows, names.length);
      settings.encoding = enc.encoding;
      return { stage, names, typed: false, settings, warnings: [], file: fileInfo(source) };
    }
    case 'parquet': {
      const table = await readParquetTable(
        source,
        (f) => opts.onProgress?.({ phase: 'reading', fraction: f, message: `Reading ${source.name}…` }),
        opts.limitRows,
      );
      await host.loadArrow(stage, table);
      return { stage, names: table.schema.fields.map((f) => f.name), typed: true, settings, warnings: [], file: fileInfo(source) };
    }
  }
}

/** Combine several staged files of one layout into one stage, with a column naming each row's file. */
async function combineStages(host: ImportHost, staged: StagedFile[], target: string, sourceColumn: string): Promise<{ names: string[]; warnings: string[] }> {
  const names: string[] = [];
  const lower = new Set<string>();
  for (const s of staged) {
    for (const n of s.names) {
      if (!lower.has(n.toLowerCase())) {
        lower.add(n.toLowerCase());
        names.push(n);
      }
    }
  }
  const warnings: string[] = [];
  const selects = staged.map((s) => {
    const missing = names.filter((n) => !s.names.some((m) => m.toLowerCase() === n.toLowerCase()));
    if (missing.length > 0) warnings.push(`${s.file.name} has no ${missing.map((m) => `"${m}"`).join(', ')} column; those cells are empty for its rows.`);
    const cols = names.map((n, i) => {
      const j = s.names.findIndex((m) => m.toLowerCase() === n.toLowerCase());
      const col = s.typed ? quoteIdent(s.names[j] ?? '') : quoteIdent(`c${j}`);
      return `${j < 0 ? 'NULL' : col} AS ${quoteIdent(s.typed ? n : `c${i}`)}`;
    });
    return `SELECT ${cols.join(', ')}, ${quoteLiteral(s.file.name)} AS ${quoteIdent(sourceColumn)} FROM ${quoteIdent(s.stage)}`;
  });
  await host.exec(`CREATE TABLE ${quoteIdent(target)} AS ${selects.join('\nUNION ALL\n')}`);
  return { names, warnings };
}

function ruleOptions(settings: ImportSettings): ValueRuleOptions {
  return { decimal: settings.decimal, thousands: settings.thousands, dateOrder: settings.dateOrder, suppressionMarkers: settings.suppressionMarkers };
}

/**
 * Import one or more files of one layout into `table`. Work happens in
 * temporary tables that are renamed into place only at the end, so a failure
 * or a Cancel leaves existing tables untouched and nothing half-loaded.
 */
export async function importFiles(host: ImportHost, table: string, sources: FileSource[], opts: ImportRunOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  if (sources.length === 0) throw new Error('No files to import');
  const id = `__import_${scratchId()}`;
  const temps: string[] = [];
  const signal = opts.signal;
  try {
    throwIfAborted(signal);
    const staged: StagedFile[] = [];
    for (const [i, source] of sources.entries()) {
      opts.onProgress?.({ phase: 'reading', fraction: sources.length > 1 ? i / sources.length : null, message: `Reading ${source.name}…` });
      const stage = `${id}_s${i}`;
      temps.push(stage);
      staged.push(await stageFile(host, source, opts, stage));
      throwIfAborted(signal);
    }
    const first = staged[0]!;
    const warnings = staged.flatMap((s) => (staged.length > 1 ? s.warnings.map((w) => `${s.file.name}: ${w}`) : s.warnings));
    let stage = first.stage;
    let names = first.names;
    const sourceColumn = opts.sourceColumn ?? 'source_file';
    if (staged.length > 1) {
      if (new Set(staged.map((s) => s.typed)).size > 1) {
        throw new ImportError(
          'These files cannot be combined: some are Parquet and some are not',
          { file: sources.map((s) => s.name).join(', ') },
          'Import them separately, or choose files of one format.',
        );
      }
      stage = `${id}_all`;
      temps.push(stage);
      const combined = await combineStages(host, staged, stage, sourceColumn);
      names = combined.names;
      warnings.push(...combined.warnings);
    }
    const final = `${id}_final`;
    temps.push(final);
    const settings = first.settings;
    const extra = staged.length > 1 ? [sourceColumn] : [];
    let columns: ImportedColumn[];
    if (first.typed) {
      await host.exec(`CREATE TABLE ${quoteIdent(final)} AS SELECT * FROM ${quoteIdent(stage)}`);
      columns = await describedColumns(host, final);
    } else {
      opts.onProgress?.({ phase: 'typing', fraction: null, message: 'Working out column types…' });
      columns = await typeStage(host, stage, final, names, settings, opts, warnings, extra);
    }
    throwIfAborted(signal);
    const countRow = tableToRows(await host.query(`SELECT count(*) AS n FROM ${quoteIdent(final)}`))[0];
    const rows = Number(countRow?.n ?? 0);
    if (rows === 0) warnings.push('The file has a header but no data rows.');
    opts.onProgress?.({ phase: 'finishing', fraction: 1, message: 'Finishing…' });
    throwIfAborted(signal);
    const replace = opts.replace ?? true;
    await host
      .exec(
        `BEGIN TRANSACTION; ${replace ? `DROP TABLE IF EXISTS ${quoteIdent(table)}; ` : ''}ALTER TABLE ${quoteIdent(final)} RENAME TO ${quoteIdent(table)}; COMMIT;`,
      )
      .catch(async (error: unknown) => {
        await host.exec('ROLLBACK').catch(() => undefined);
        throw error;
      });
    temps.splice(temps.indexOf(final), 1);
    return { table, rows, files: staged.map((s) => s.file), settings, columns, warnings, elapsedMs: Date.now() - started };
  } catch (error) {
    if (signal?.aborted && !(error instanceof AbortError)) throw new AbortError('The import was cancelled; nothing was loaded');
    throw error;
  } finally {
    for (const t of temps) await host.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`).catch(() => undefined);
  }
}

async function typeStage(
  host: ImportHost,
  stage: string,
  final: string,
  names: string[],
  settings: ImportSettings,
  opts: ImportRunOptions,
  warnings: string[],
  extra: string[],
): Promise<ImportedColumn[]> {
  const o = ruleOptions(settings);
  const columns: StageColumn[] = names.map((name, i) => ({ stage: `c${i}`, name }));
  const inferred = tableToRows(await host.query(inferenceSql(stage, columns, o), { signal: opts.signal }))[0] ?? {};
  const counts = readCounts(inferred, columns.length);
  const candidates = dateCandidates(counts);
  if (candidates.length > 0) {
    const formatRow = tableToRows(await host.query(formatInferenceSql(stage, columns, candidates, o), { signal: opts.signal }))[0] ?? {};
    addFormatCounts(counts, formatRow, candidates, o.dateOrder);
  }
  const overrides = opts.columnTypes ?? {};
  const typings: ColumnTyping[] = columns.map((c, i) => {
    const chosen = chooseType(counts[i]!);
    const override = overrides[c.name];
    if (!override) return chosen;
    // Keep inferred date formats when the user confirms a date type; otherwise try every format.
    return override === chosen.type ? chosen : { type: override };
  });
  const unknownOverrides = Object.keys(overrides).filter((k) => !names.includes(k));
  if (unknownOverrides.length) warnings.push(`Type settings for ${unknownOverrides.map((k) => `"${k}"`).join(', ')} were ignored: no such column.`);
  columns.forEach((c, i) => {
    const example = typings[i]!.type === 'text' && !(c.name in overrides) ? mostlyNumericExample(inferred, i, counts[i]!) : null;
    if (example !== null) {
      warnings.push(
        `Column "${c.name}" is mostly numbers but some values are not (e.g. "${example.slice(0, 40)}"), so it was kept as text. Set its type to Number in the import preview to convert it (other values become empty).`,
      );
    }
  });

  const checked = tableToRows(await host.query(validationSql(stage, columns, typings, o), { signal: opts.signal }))[0] ?? {};
  const suppressed: number[] = [];
  columns.forEach((c, i) => {
    suppressed[i] = Number(checked[`${i}:suppressed`] ?? 0);
    const failed = Number(checked[`${i}:failed`] ?? 0);
    if (failed > 0) {
      const example = String(checked[`${i}:example`] ?? '');
      const label = typings[i]!.type.replace('_', ' ');
      if (c.name in overrides) {
        warnings.push(
          `Column "${c.name}" was set to ${label}; ${failed.toLocaleString('en-GB')} value${failed === 1 ? '' : 's'} (e.g. "${example.slice(0, 40)}") did not fit and are empty.`,
        );
      } else {
        warnings.push(
          `Column "${c.name}" looked like ${label} but ${failed.toLocaleString('en-GB')} value${failed === 1 ? '' : 's'} (e.g. "${example.slice(0, 40)}") did not fit, so it was kept as text. Set its type in the import preview to convert it anyway (non-matching values become empty).`,
        );
        typings[i] = { type: 'text' };
        suppressed[i] = 0;
      }
    }
  });
  const derived = derivedColumns(columns, typings);
  await host.exec(`CREATE TABLE ${quoteIdent(final)} AS ${typedSelectSql(stage, columns, typings, derived, o, extra)}`, { signal: opts.signal });
  const out: ImportedColumn[] = columns.map((c, i) => ({
    name: c.name,
    type: typings[i]!.type,
    sqlType: SQL_TYPE[typings[i]!.type],
    suppressed: suppressed[i]!,
    ...(typings[i]!.type === 'number' && counts[i]!.percent > 0 ? { percent: true } : {}),
  }));
  for (const d of derived) out.push({ name: d.name, type: d.typing.type, sqlType: SQL_TYPE[d.typing.type], suppressed: 0, derived: true });
  for (const e of extra) out.push({ name: e, type: 'text', sqlType: 'VARCHAR', suppressed: 0, derived: true });
  return out;
}

/** The first rows of a file as they would be imported, for the import preview. */
export interface ImportPreview {
  report: ImportReport;
  rows: Record<string, JsonValue>[];
}

export const PREVIEW_ROWS = 1000;

/**
 * Import the first rows of a file into a scratch table with the given options,
 * read back the first `show` rows typed as the full import would type them, and
 * drop the scratch table. Types are inferred from the first 1,000 rows only.
 */
export async function previewImport(host: ImportHost, source: FileSource, opts: ImportRunOptions = {}, show = 50): Promise<ImportPreview> {
  const scratch = `__preview_${scratchId()}`;
  try {
    const report = await importFiles(host, scratch, [source], { ...opts, limitRows: opts.limitRows ?? PREVIEW_ROWS });
    const rows = tableToJsonRows(await host.query(`SELECT * FROM ${quoteIdent(scratch)} LIMIT ${show}`, { signal: opts.signal }));
    return { report: { ...report, table: '' }, rows };
  } finally {
    await host.exec(`DROP TABLE IF EXISTS ${quoteIdent(scratch)}`).catch(() => undefined);
  }
}
