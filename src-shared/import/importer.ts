import { tableToRows } from '../engine/arrow-values';
import { AbortError, throwIfAborted, type Engine, type FileSource } from '../engine/engine';
import { tableToJsonRows, type JsonValue } from '../format/plain-json';
import { columnTypeOfSql } from '../sql/column-types';
import { quoteIdent, quoteLiteral } from '../sql/identifiers';
import { analyseRejects, fallBackToUtf8Copy, MAX_LINE_BYTES, openCsv, readCsvSql, readerError, rejectError, type CsvInput, type RejectRow } from './csv-source';
import { decodeText, detectEncoding } from './encoding';
import { detectFormat, type DetectedFormat } from './format';
import { gunzipAll } from './gzip';
import { DEFAULT_MISSING_MARKERS, noMissing } from './missing-values';
import { cellsToStageTable, rowsAsText, type Cell } from './readers/cells';
import { readJsonTable, readNdjsonTable } from './readers/json';
import { readParquetTable } from './readers/parquet';
import { readSheetTable } from './readers/spreadsheet';
import {
  checkSql,
  deleteFooterRowsSql,
  derivedColumns,
  finishSql,
  planColumns,
  readAsText,
  readChecks,
  readerType,
  typedSelectSql,
  type ColumnPlan,
  type TablePlan,
} from './typed-table';
import {
  addFormatCounts,
  dateCandidates,
  distinctSample,
  financialYearColumns,
  financialYearLabelsSql,
  addFinancialYearLabels,
  formatInferenceSql,
  inferenceSql,
  INFERENCE_SAMPLE_ROWS,
  mostlyNumericExample,
  readCounts,
  type TypeCounts,
} from './typing';
import { ImportError, type ImportOptions, type ImportReport, type ImportRunOptions, type ImportSettings, type ImportedColumn } from './types';
import { SQL_TYPE, type ValueRuleOptions } from './value-rules';

/**
 * The importer: files in, one typed table out, in as few passes over the data
 * as the file allows.
 *
 * 1. Each file is opened where it is: a delimited text file is sniffed and
 *    sampled in JavaScript and registered with the engine (csv-source.ts);
 *    spreadsheets and JSON are read in JavaScript into cells and staged as
 *    text; Parquet arrives typed.
 * 2. Types come from a sample of the first rows, reduced to distinct values
 *    (typing.ts), with the NHS value rules (value-rules.ts).
 * 3. One `CREATE TABLE … AS SELECT` builds the table (typed-table.ts): plain
 *    columns read natively by DuckDB's reader, quirky ones read as text and
 *    converted. Lines the reader could not take come back in its rejects
 *    table: short lines are read again padded; columns whose later values the
 *    sample did not predict are read again as text and converted.
 * 4. One aggregate counts missing markers by kind and values that did not
 *    convert; such columns stay text, with a warning.
 *
 * Work happens in scratch tables renamed into place only at the end, so a
 * failure or a Cancel leaves existing tables untouched and nothing half-loaded.
 */

/** What the importer needs from an engine: SQL, and ways to hand DuckDB bytes. */
export type ImportHost = Pick<Engine, 'query' | 'exec' | 'registerFile' | 'registerBuffer' | 'dropFile' | 'loadArrow'>;

const MAX_LISTED_LINES = 10;
/** How many times a read is repeated for lines the first read could not take (short lines, unpredicted values). */
const MAX_READS = 4;

/** A name part for scratch tables that no other import running at the same time can share. */
function scratchId(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '');
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
    suppressionMarkers: opts.suppressionMarkers ?? [...DEFAULT_MISSING_MARKERS],
  };
}

/** A loaded table's columns as an import report lists them, from DuckDB's DESCRIBE (for tables typed already). */
export async function describedColumns(host: Pick<ImportHost, 'query'>, table: string): Promise<ImportedColumn[]> {
  const described = tableToRows(await host.query(`DESCRIBE ${quoteIdent(table)}`));
  return described.map((d) => ({
    name: String(d.column_name),
    type: columnTypeOfSql(String(d.column_type)),
    sqlType: String(d.column_type),
    ...noMissingCounts(),
  }));
}

function noMissingCounts(): Pick<ImportedColumn, 'suppressed' | 'notAvailable' | 'notApplicable'> {
  return { suppressed: 0, notAvailable: 0, notApplicable: 0 };
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

type FileInfo = ImportReport['files'][number];

/** One file, opened and ready to be read into the table. */
type Input =
  | { kind: 'csv'; csv: CsvInput; names: string[]; settings: ImportSettings; warnings: string[]; file: FileInfo }
  | { kind: 'cells'; stage: string; names: string[]; sample: string[][]; settings: ImportSettings; warnings: string[]; file: FileInfo }
  | { kind: 'typed'; stage: string; names: string[]; settings: ImportSettings; warnings: string[]; file: FileInfo };

function fileInfo(source: FileSource): FileInfo {
  return { name: source.name, size: source.size, ...(source.lastModified !== undefined ? { lastModified: source.lastModified } : {}) };
}

/** Footnotes are dropped, never silently: the warning quotes them. */
function footnoteWarning(lines: string[]): string | null {
  const notes = lines.filter((t) => t !== '');
  if (notes.length === 0) return null;
  const quoted = notes.map((n) => `"${n.length > 60 ? `${n.slice(0, 57)}…` : n}"`).join('; ');
  return `Skipped ${notes.length} footnote line${notes.length === 1 ? '' : 's'} below the data: ${quoted}.`;
}

function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, MAX_LISTED_LINES).join(', ');
  return lines.length > MAX_LISTED_LINES ? `${shown} and ${lines.length - MAX_LISTED_LINES} more` : shown;
}

async function stageCells(host: ImportHost, stage: string, rows: readonly (readonly Cell[])[], width: number): Promise<void> {
  await host.loadArrow(stage, cellsToStageTable(rows, Math.max(width, 1)));
}

/** Cells of a staged file as text rows for the sample (missing cells as ''). */
function cellSample(rows: readonly (readonly Cell[])[], width: number): string[][] {
  return rowsAsText(rows.slice(0, INFERENCE_SAMPLE_ROWS)).map((r) => {
    const out = r.slice(0, width);
    while (out.length < width) out.push('');
    return out;
  });
}

async function openInput(host: ImportHost, source: FileSource, opts: ImportRunOptions, scratch: string): Promise<Input> {
  const head = await source.read(0, Math.min(source.size, 8));
  const format = detectFormat(source.name, head, opts.format);
  if (source.size === 0) throw new ImportError('The file is empty', { file: source.name }, 'Check that the export finished writing, then open it again.');
  const settings = baseSettings(format, opts);
  switch (format.format) {
    case 'csv': {
      const csv = await openCsv(host, source, format, opts, settings, scratch);
      const note = footnoteWarning(csv.layout.footerRows.map((r) => r.join(csv.layout.delimiter).trim()));
      return { kind: 'csv', csv, names: csv.layout.names, settings, warnings: note ? [...csv.warnings, note] : csv.warnings, file: fileInfo(source) };
    }
    case 'xlsx':
    case 'xls': {
      opts.onProgress?.({ phase: 'reading', fraction: null, message: `Reading workbook ${source.name}…` });
      const sheet = readSheetTable(await source.read(0, source.size), source.name, opts);
      await stageCells(host, scratch, sheet.rows, sheet.names.length);
      Object.assign(settings, {
        headerRow: sheet.headerRow,
        skippedLines: sheet.headerRow,
        footerLines: sheet.footerRows,
        sheet: sheet.sheet,
        sheets: sheet.sheets,
      });
      const warnings = [...sheet.nameRepairs.map((r) => `Header: ${r}.`), ...sheet.repairs];
      const note = footnoteWarning(sheet.footnotes);
      if (note) warnings.push(note);
      return {
        kind: 'cells',
        stage: scratch,
        names: sheet.names,
        sample: cellSample(sheet.rows, sheet.names.length),
        settings,
        warnings,
        file: fileInfo(source),
      };
    }
    case 'json':
    case 'ndjson': {
      let bytes = await source.read(0, source.size);
      if (format.compression === 'gzip') bytes = await gunzipAll(bytes);
      const enc = detectEncoding(bytes.subarray(0, 1024 * 1024));
      const text = decodeText(bytes, enc.encoding, enc.bomLength);
      const table = format.format === 'json' ? readJsonTable(text, source.name) : readNdjsonTable(text, source.name);
      if (table.names.length === 0) throw new ImportError('The file holds no records', { file: source.name }, 'Check that this is the file you meant to open.');
      const rows = opts.limitRows ? table.rows.slice(0, opts.limitRows) : table.rows;
      await stageCells(host, scratch, rows, table.names.length);
      settings.encoding = enc.encoding;
      return {
        kind: 'cells',
        stage: scratch,
        names: table.names,
        sample: cellSample(rows, table.names.length),
        settings,
        warnings: [],
        file: fileInfo(source),
      };
    }
    case 'parquet': {
      const table = await readParquetTable(
        source,
        (f) => opts.onProgress?.({ phase: 'reading', fraction: f, message: `Reading ${source.name}…` }),
        opts.limitRows,
      );
      await host.loadArrow(scratch, table);
      return { kind: 'typed', stage: scratch, names: table.schema.fields.map((f) => f.name), settings, warnings: [], file: fileInfo(source) };
    }
  }
}

/** Column names across files of one layout (matched ignoring case, first spelling kept). */
function unionNames(inputs: readonly Input[]): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    for (const n of input.names) {
      if (seen.has(n.toLowerCase())) continue;
      seen.add(n.toLowerCase());
      names.push(n);
    }
  }
  return names;
}

function fieldIndex(input: Input, name: string): number {
  return input.names.findIndex((m) => m.toLowerCase() === name.toLowerCase());
}

function ruleOptions(settings: ImportSettings): ValueRuleOptions {
  return { decimal: settings.decimal, thousands: settings.thousands, dateOrder: settings.dateOrder, suppressionMarkers: settings.suppressionMarkers };
}

/** The sample of every file, in the combined columns' order, at most INFERENCE_SAMPLE_ROWS rows in all. */
function combinedSample(inputs: readonly Input[], names: readonly string[]): string[][] {
  const per = Math.max(1, Math.floor(INFERENCE_SAMPLE_ROWS / inputs.length));
  const out: string[][] = [];
  for (const input of inputs) {
    const rows = input.kind === 'csv' ? input.csv.sample : input.kind === 'cells' ? input.sample : [];
    const map = names.map((n) => fieldIndex(input, n));
    for (const row of rows.slice(0, per)) out.push(map.map((j) => (j < 0 ? '' : (row[j] ?? ''))));
  }
  return out;
}

/** Below this many rows in the head (very long lines), the sample is read by DuckDB instead. */
const SHORT_SAMPLE = 1000;

/**
 * When a file's head held few rows (lines of megabytes), sample its first rows
 * with DuckDB's reader, all as text, instead.
 */
async function widenSamples(host: ImportHost, inputs: readonly Input[], id: string, opts: ImportRunOptions): Promise<void> {
  for (const [n, input] of inputs.entries()) {
    if (input.kind !== 'csv' || input.csv.complete || input.csv.sample.length >= SHORT_SAMPLE) continue;
    const r = { table: `${id}_sample_rejects${n}`, scan: `${id}_sample_scan${n}` };
    const read = readCsvSql(
      { ...input.csv, nullPadding: true },
      input.names.map(() => 'VARCHAR'),
      r,
      { date: null, timestamp: null },
      INFERENCE_SAMPLE_ROWS,
    );
    const table = quoteIdent(`${id}_sample_rows${n}`);
    // On the engine's main connection, where the reader's temporary rejects tables can be dropped.
    await host.exec(
      `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${read}; DROP TABLE IF EXISTS ${quoteIdent(r.table)}; DROP TABLE IF EXISTS ${quoteIdent(r.scan)};`,
    );
    try {
      const rows = tableToRows(await host.query(`SELECT * FROM ${table}`, opts.signal ? { signal: opts.signal } : {}));
      input.csv.sample = rows.map((row) => input.names.map((_, i) => (row[`c${i}`] as string | null) ?? ''));
    } finally {
      await host.exec(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

/**
 * Type counts of samples already inferred, by sample (a file's sample is kept
 * with its sniff, csv-source.ts) and rule options: the import after a preview
 * of the same file reuses the preview's.
 */
const inferred = new WeakMap<object, Map<string, TypeCounts[]>>();

/** How many sampled values of each column fit each type (typing.ts), inferred once per sample and rule options. */
async function sampleCounts(
  host: ImportHost,
  sampleTable: string,
  inputs: readonly Input[],
  names: readonly string[],
  o: ValueRuleOptions,
  opts: ImportRunOptions,
): Promise<TypeCounts[]> {
  const only = inputs.length === 1 ? inputs[0]! : null;
  const sample = only?.kind === 'csv' ? only.csv.sample : null;
  const key = JSON.stringify([o, names]);
  const known = sample ? inferred.get(sample)?.get(key) : undefined;
  if (known) return structuredClone(known);
  const width = names.length;
  await host.loadArrow(sampleTable, distinctSample(combinedSample(inputs, names), width));
  const counts = readCounts(tableToRows(await host.query(inferenceSql(sampleTable, o), { signal: opts.signal })), width);
  const candidates = dateCandidates(counts);
  if (candidates.length > 0)
    addFormatCounts(counts, tableToRows(await host.query(formatInferenceSql(sampleTable, candidates, o), { signal: opts.signal })), o.dateOrder);
  const labelled = financialYearColumns(counts);
  if (labelled.length > 0)
    addFinancialYearLabels(counts, tableToRows(await host.query(financialYearLabelsSql(sampleTable, labelled), { signal: opts.signal })));
  if (sample) {
    let byOptions = inferred.get(sample);
    if (!byOptions) inferred.set(sample, (byOptions = new Map<string, TypeCounts[]>()));
    byOptions.set(key, structuredClone(counts));
  }
  return counts;
}

/** Infer a plan for every column from the sample, with the warnings it gives. */
async function planFromSample(
  host: ImportHost,
  sampleTable: string,
  inputs: readonly Input[],
  names: string[],
  o: ValueRuleOptions,
  opts: ImportRunOptions,
): Promise<{ plan: TablePlan; warnings: string[] }> {
  const counts = await sampleCounts(host, sampleTable, inputs, names, o, opts);
  const overrides = opts.columnTypes ?? {};
  const plan = planColumns(names, counts, { native: inputs.every((i) => i.kind === 'csv'), overrides, decimal: o.decimal });
  const warnings: string[] = [];
  const unknown = Object.keys(overrides).filter((k) => !names.includes(k));
  if (unknown.length) warnings.push(`Type settings for ${unknown.map((k) => `"${k}"`).join(', ')} were ignored: no such column.`);
  plan.columns.forEach((p, i) => {
    const example = p.typing.type === 'text' && !(p.name in overrides) ? mostlyNumericExample(counts[i]!) : null;
    if (example !== null) {
      warnings.push(
        `Column "${p.name}" is mostly numbers but some values are not (e.g. "${example.slice(0, 40)}"), so it was kept as text. Set its type to Number in the import preview to convert it (other values become empty).`,
      );
    }
  });
  return { plan, warnings };
}

interface ReadRelation {
  /** The relation with columns `c0…cN` (combined order), plus the source-file column when files are combined. */
  sql: string;
  /** Rejects tables of each CSV read, by input index. */
  rejects: Map<number, { table: string; scan: string; copy: string }>;
}

/** The relation the table is built from: each file's fields in the combined columns' order, UNION ALL'd. */
function readRelation(inputs: readonly Input[], plan: TablePlan, id: string, sourceColumn: string | null, limit: number | undefined): ReadRelation {
  const rejects = new Map<number, { table: string; scan: string; copy: string }>();
  const parts = inputs.map((input, n) => {
    const byName = plan.columns.map((p) => fieldIndex(input, p.name));
    let from: string;
    if (input.kind === 'csv') {
      const r = { table: `${id}_rejects${n}_tmp`, scan: `${id}_scan${n}_tmp`, copy: `${id}_rejects${n}` };
      rejects.set(n, r);
      const types = input.names.map((_, field) => {
        const p = plan.columns[byName.indexOf(field)];
        return p ? readerType(p) : 'VARCHAR';
      });
      from = readCsvSql(input.csv, types, r, { date: plan.dateFormat, timestamp: plan.timestampFormat }, limit);
    } else {
      from = `(SELECT * FROM ${quoteIdent(input.stage)}${limit ? ` LIMIT ${Math.floor(limit)}` : ''})`;
    }
    const cols = plan.columns.map((p, j) => {
      const field = byName[j]!;
      return field < 0 ? `CAST(NULL AS ${readerType(p)}) AS ${quoteIdent(`c${p.index}`)}` : `${quoteIdent(`c${field}`)} AS ${quoteIdent(`c${p.index}`)}`;
    });
    if (sourceColumn) cols.push(`${quoteLiteral(input.file.name)} AS ${quoteIdent(sourceColumn)}`);
    return `SELECT ${cols.join(', ')} FROM ${from} f${n}`;
  });
  return { sql: parts.length === 1 ? `(${parts[0]!})` : `(${parts.join('\nUNION ALL\n')})`, rejects };
}

/** Build the typed table, reading again while the reader reports lines it could not take. */
async function buildTable(
  host: ImportHost,
  inputs: Input[],
  plan: TablePlan,
  final: string,
  id: string,
  o: ValueRuleOptions,
  opts: ImportRunOptions,
  extra: string[],
  warnings: string[],
) {
  let current = plan;
  const sourceColumn = extra[0] ?? null;
  for (let attempt = 1; ; attempt++) {
    const derived = derivedColumns(current.columns, extra);
    const relation = readRelation(inputs, current, id, sourceColumn, opts.limitRows);
    const select = typedSelectSql(relation.sql, current, derived, o, extra);
    try {
      await host.exec(`CREATE OR REPLACE TABLE ${quoteIdent(final)} AS ${select}`, opts.signal ? { signal: opts.signal } : {});
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      let retried = false;
      for (const input of inputs) if (input.kind === 'csv' && (await fallBackToUtf8Copy(host, input.csv, error as Error, opts))) retried = true;
      if (retried && attempt < MAX_READS) continue;
      const csv = inputs.find((i) => i.kind === 'csv');
      if (csv?.kind === 'csv') throw readerError(error as Error, csv.csv);
      throw error;
    }
    const demote = new Set<number>();
    /** Why the file is read again (for the progress message), if it is. */
    const again: string[] = [];
    let reread = false;
    const lineWarnings: string[] = [];
    for (const [n, r] of relation.rejects) {
      const input = inputs[n]!;
      if (input.kind !== 'csv') continue;
      await host.exec(
        `CREATE OR REPLACE TABLE ${quoteIdent(r.copy)} AS SELECT line, column_idx, CAST(error_type AS VARCHAR) AS error_type, csv_line, error_message FROM ${quoteIdent(r.table)} ORDER BY line, column_idx; ` +
          `DROP TABLE IF EXISTS ${quoteIdent(r.table)}; DROP TABLE IF EXISTS ${quoteIdent(r.scan)};`,
      );
      const rows = tableToRows(await host.query(`SELECT * FROM ${quoteIdent(r.copy)} LIMIT 100000`)) as unknown as RejectRow[];
      await host.exec(`DROP TABLE IF EXISTS ${quoteIdent(r.copy)}`);
      const found = analyseRejects(rows, input.csv);
      if (found.fatal?.error_type === 'LINE SIZE OVER MAXIMUM' && input.csv.maxLineBytes < MAX_LINE_BYTES) {
        input.csv.maxLineBytes = MAX_LINE_BYTES;
        reread = true;
        again.push('allowing lines of up to 16 MB');
        continue;
      }
      if (found.fatal) throw rejectError(found.fatal, input.csv);
      const prefix = inputs.length > 1 ? `${input.file.name}: ` : '';
      if (found.short.length > 0 && !input.csv.nullPadding) {
        input.csv.nullPadding = true;
        reread = true;
        again.push('with short lines padded');
        input.warnings.push(`Lines ${listLines(found.short)} had fewer fields than the header; the missing fields were left empty.`);
      }
      for (const field of found.castFields) {
        const name = input.names[field];
        const j = current.columns.findIndex((p) => p.name.toLowerCase() === name?.toLowerCase());
        if (j >= 0 && current.columns[j]!.read === 'native') demote.add(j);
      }
      if (found.long.length > 0) lineWarnings.push(`${prefix}Lines ${listLines(found.long)} had more fields than the header and were skipped.`);
      if (found.other.length > 0)
        lineWarnings.push(`${prefix}Lines ${listLines(found.other.map((x) => x.line))} could not be read and were skipped (${found.other[0]!.error_message}).`);
    }
    if (demote.size > 0) {
      again.push(`${[...demote].map((j) => `"${current.columns[j]!.name}"`).join(', ')} as text`);
      current = { ...current, columns: current.columns.map((p, j) => (demote.has(j) ? readAsText(p) : p)) };
      reread = true;
    }
    if (reread && attempt < MAX_READS) {
      opts.onProgress?.({ phase: 'parsing', fraction: null, message: `Reading again, ${again.join('; ')}…` });
      continue;
    }
    warnings.push(...lineWarnings);
    return { plan: current, derived };
  }
}

/**
 * Import one or more files of one layout into `table` (several files become
 * one table with a column naming each row's file).
 */
export async function importFiles(host: ImportHost, table: string, sources: FileSource[], opts: ImportRunOptions = {}): Promise<ImportReport> {
  const started = Date.now();
  if (sources.length === 0) throw new Error('No files to import');
  const id = `__import_${scratchId()}`;
  const temps: string[] = [];
  const inputs: Input[] = [];
  const signal = opts.signal;
  try {
    throwIfAborted(signal);
    for (const [i, source] of sources.entries()) {
      opts.onProgress?.({ phase: 'reading', fraction: sources.length > 1 ? i / sources.length : null, message: `Reading ${source.name}…` });
      const scratch = `${id}_s${i}`;
      temps.push(scratch);
      inputs.push(await openInput(host, source, opts, scratch));
      throwIfAborted(signal);
    }
    if (inputs.length > 1 && new Set(inputs.map((s) => s.kind === 'typed')).size > 1) {
      throw new ImportError(
        'These files cannot be combined: some are Parquet and some are not',
        { file: sources.map((s) => s.name).join(', ') },
        'Import them separately, or choose files of one format.',
      );
    }
    const first = inputs[0]!;
    const settings = first.settings;
    const sourceColumn = opts.sourceColumn ?? 'source_file';
    const extra = inputs.length > 1 ? [sourceColumn] : [];
    const final = `${id}_final`;
    temps.push(final);
    const warnings: string[] = [];
    let columns: ImportedColumn[];
    let rows: number;
    if (first.kind === 'typed') {
      const selects = inputs.map((input) => {
        const cols = unionNames(inputs).map((n) => {
          const j = fieldIndex(input, n);
          return `${j < 0 ? 'NULL' : quoteIdent(input.names[j]!)} AS ${quoteIdent(n)}`;
        });
        if (inputs.length > 1) cols.push(`${quoteLiteral(input.file.name)} AS ${quoteIdent(sourceColumn)}`);
        return `SELECT ${cols.join(', ')} FROM ${quoteIdent((input as { stage: string }).stage)}`;
      });
      await host.exec(`CREATE TABLE ${quoteIdent(final)} AS ${selects.join('\nUNION ALL\n')}`);
      columns = await describedColumns(host, final);
      rows = Number(tableToRows(await host.query(`SELECT count(*) AS n FROM ${quoteIdent(final)}`))[0]?.n ?? 0);
    } else {
      const names = unionNames(inputs);
      if (inputs.length > 1) {
        for (const input of inputs) {
          const missing = names.filter((n) => fieldIndex(input, n) < 0);
          if (missing.length > 0)
            warnings.push(`${input.file.name} has no ${missing.map((m) => `"${m}"`).join(', ')} column; those cells are empty for its rows.`);
        }
      }
      opts.onProgress?.({ phase: 'typing', fraction: null, message: 'Working out column types…' });
      const o = ruleOptions(settings);
      const sampleTable = `${id}_sample`;
      temps.push(sampleTable);
      await widenSamples(host, inputs, id, opts);
      const sampled = await planFromSample(host, sampleTable, inputs, names, o, opts);
      warnings.push(...sampled.warnings);
      throwIfAborted(signal);
      opts.onProgress?.({
        phase: 'parsing',
        fraction: null,
        message: `Reading ${sources.length === 1 ? sources[0]!.name : `${sources.length} files`} into a table…`,
      });
      const built = await buildTable(host, inputs, sampled.plan, final, id, o, opts, extra, warnings);
      for (const input of inputs) {
        if (input.kind !== 'csv') continue;
        const del = deleteFooterRowsSql(final, built.plan, input.csv.layout.footerRows);
        if (del) await host.exec(del);
      }
      opts.onProgress?.({ phase: 'finishing', fraction: null, message: 'Checking values…' });
      const check: Record<string, unknown> = {};
      for (const sql of checkSql(final, built.plan, built.derived, o)) Object.assign(check, tableToRows(await host.query(sql, { signal }))[0] ?? {});
      rows = Number(check.rows ?? 0);
      const checks = readChecks(check, built.plan);
      const toText = new Set<number>();
      for (const p of built.plan.columns) {
        const c = checks.get(p.index);
        if (!c || c.failed === 0) continue;
        const label = p.typing.type.replace('_', ' ');
        const count = `${c.failed.toLocaleString('en-GB')} value${c.failed === 1 ? '' : 's'}`;
        const example = (c.example ?? '').slice(0, 40);
        if (p.overridden) warnings.push(`Column "${p.name}" was set to ${label}; ${count} (e.g. "${example}") did not fit and are empty.`);
        else {
          warnings.push(
            `Column "${p.name}" looked like ${label} but ${count} (e.g. "${example}") did not fit, so it was kept as text. Set its type in the import preview to convert it anyway (non-matching values become empty).`,
          );
          toText.add(p.index);
        }
      }
      for (const statement of finishSql(final, built.plan, built.derived, toText)) await host.exec(statement);
      columns = built.plan.columns.map((p) => columnReport(p, toText.has(p.index), checks.get(p.index)?.missing));
      for (const d of built.derived)
        if (!d.from.some((i) => toText.has(i)))
          columns.push({ name: d.name, type: d.typing.type, sqlType: SQL_TYPE[d.typing.type], ...noMissingCounts(), derived: true });
      for (const e of extra) columns.push({ name: e, type: 'text', sqlType: 'VARCHAR', ...noMissingCounts(), derived: true });
    }
    warnings.unshift(...inputs.flatMap((s) => (inputs.length > 1 ? s.warnings.map((w) => `${s.file.name}: ${w}`) : s.warnings)));
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
    return { table, rows, files: inputs.map((s) => s.file), settings, columns, warnings, elapsedMs: Date.now() - started };
  } catch (error) {
    if (signal?.aborted && !(error instanceof AbortError)) throw new AbortError('The import was cancelled; nothing was loaded');
    throw error;
  } finally {
    for (const t of temps) await host.exec(`DROP TABLE IF EXISTS ${quoteIdent(t)}`).catch(() => undefined);
    for (const input of inputs) if (input.kind === 'csv') await host.dropFile(input.csv.path).catch(() => undefined);
  }
}

/** What the report says of a column: its final type, and its missing markers by kind. */
function columnReport(p: ColumnPlan, keptAsText: boolean, missing = noMissing()): ImportedColumn {
  const type = keptAsText ? 'text' : p.typing.type;
  return {
    name: p.name,
    type,
    sqlType: SQL_TYPE[type],
    suppressed: keptAsText ? 0 : missing.suppressed,
    notAvailable: keptAsText ? 0 : missing.notAvailable,
    notApplicable: keptAsText ? 0 : missing.notApplicable,
    ...(p.percent && !keptAsText ? { percent: true } : {}),
  };
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
 * drop the scratch table. A text file's types come from the same 10,000-row
 * sample as its import (kept with its sniff, so the import reuses them); a
 * sheet's from the PREVIEW_ROWS it stages.
 */
export async function previewImport(host: ImportHost, source: FileSource, opts: ImportRunOptions = {}, show = 50): Promise<ImportPreview> {
  const scratch = `__preview_${scratchId()}`;
  try {
    const report = await importFiles(host, scratch, [source], { ...opts, limitRows: opts.limitRows ?? PREVIEW_ROWS });
    const rows = tableToJsonRows(await host.query(`SELECT * FROM ${quoteIdent(scratch)} LIMIT ${show}`, opts.signal ? { signal: opts.signal } : {}));
    return { report: { ...report, table: '' }, rows };
  } finally {
    await host.exec(`DROP TABLE IF EXISTS ${quoteIdent(scratch)}`).catch(() => undefined);
  }
}
