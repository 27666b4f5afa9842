/** Types shared by the importer, the engine, the UI and the CLI. */

export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'parquet' | 'json' | 'ndjson';
export type Compression = 'none' | 'gzip';
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

/**
 * How a column is typed. `financial_year` and `month_name` stay as text labels
 * (with derived date columns); `month` is the first day of the month as a DATE.
 */
export const COLUMN_TYPES = ['text', 'integer', 'year', 'number', 'boolean', 'date', 'timestamp', 'month', 'financial_year', 'month_name'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** Everything the user can override; anything left out is detected. */
export interface ImportOptions {
  format?: FileFormat;
  encoding?: TextEncoding;
  delimiter?: string;
  quote?: string;
  /** 0-based index of the header line (text) or row (sheet); lines above it are skipped. */
  headerRow?: number;
  /** Number of footnote lines below the data to drop. */
  footerLines?: number;
  decimal?: '.' | ',';
  thousands?: ',' | '.' | ' ' | '';
  dateOrder?: DateOrder;
  /** Excel sheet name. */
  sheet?: string;
  /** Column type overrides by final column name. */
  columnTypes?: Record<string, ColumnType>;
  /** Missing-value markers to recognise (default: every known symbol; see missing-values.ts). */
  suppressionMarkers?: string[];
  /** When several files are combined, the column naming each row's source file. */
  sourceColumn?: string;
  /** Replace a table of the same name (default true). */
  replace?: boolean;
  /** Read only the first rows (for a preview); footnote detection is skipped. */
  limitRows?: number;
}

/** Options for one run of the importer: the user's choices, plus cancellation and progress. */
export interface ImportRunOptions extends ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

/** What was detected (or overridden) for a file. */
export interface ImportSettings {
  format: FileFormat;
  compression: Compression;
  encoding: TextEncoding | 'binary';
  delimiter: string | null;
  quote: string | null;
  /** 0-based header line/row index. */
  headerRow: number;
  /** Lines/rows above the header that were skipped (titles, blank lines). */
  skippedLines: number;
  footerLines: number;
  decimal: '.' | ',';
  thousands: ',' | '.' | ' ' | '';
  dateOrder: DateOrder;
  sheet: string | null;
  sheets: string[];
  suppressionMarkers: string[];
}

export interface ImportedColumn {
  name: string;
  type: ColumnType;
  /** DuckDB's type for the column, e.g. `DOUBLE`, `DATE`, `VARCHAR`. */
  sqlType: string;
  /** Values that were suppression markers (now NULL). */
  /** Cells that were missing-value markers (now empty), by kind: suppressed, not available, not applicable. */
  suppressed: number;
  notAvailable: number;
  notApplicable: number;
  /** True when the column was added by the importer (e.g. a financial year's start date). */
  derived?: boolean;
  /** Values were percentages (`12%` → 0.12). */
  percent?: boolean;
}

export interface ImportReport {
  table: string;
  rows: number;
  files: { name: string; size: number; lastModified?: number }[];
  settings: ImportSettings;
  columns: ImportedColumn[];
  warnings: string[];
  elapsedMs: number;
}

export interface ImportProgress {
  phase: 'reading' | 'parsing' | 'typing' | 'finishing';
  /** 0..1 when known. */
  fraction: number | null;
  message: string;
}

/** Where in a file something went wrong (1-based line/row and column numbers). */
export interface ImportLocation {
  file: string;
  line?: number;
  column?: number | string;
  sheet?: string;
}

/**
 * An import failure the user can act on: what is wrong, where, and what to try.
 * Its `message` reads as one sentence-led paragraph suitable for the UI and CLI.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly problem: string,
    readonly location: ImportLocation,
    readonly suggestion: string,
  ) {
    super(`${problem} (${describeLocation(location)}). ${suggestion}`);
  }
}

export function describeLocation(loc: ImportLocation): string {
  const parts = [loc.file];
  if (loc.sheet) parts.push(`sheet "${loc.sheet}"`);
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.column !== undefined) parts.push(typeof loc.column === 'number' ? `column ${loc.column}` : `column "${loc.column}"`);
  return parts.join(', ');
}

/** The value kind (for formatting) of an imported column type. */
export function kindOfColumnType(type: ColumnType): 'number' | 'string' | 'boolean' | 'date' | 'timestamp' {
  switch (type) {
    case 'integer':
    case 'year':
    case 'number':
      return 'number';
    case 'date':
    case 'month':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

/** How a column's values are shown: like its value kind, except that years are written without thousands separators. */
export function displayKindOf(type: ColumnType): ReturnType<typeof kindOfColumnType> | 'year' {
  return type === 'year' ? 'year' : kindOfColumnType(type);
}

/** Plain-English name of a column type for the UI. */
export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  text: 'Text',
  integer: 'Whole number',
  year: 'Year',
  number: 'Number',
  boolean: 'Yes/No',
  date: 'Date',
  timestamp: 'Date and time',
  month: 'Month',
  financial_year: 'Financial year',
  month_name: 'Month name',
};
