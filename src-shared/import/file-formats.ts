import type { Compression, FileFormat } from './types';

/**
 * The one list of data-file formats the workbench opens, and everything derived
 * from it: detection by name, table names, workbook name patterns, the Electron
 * open dialog, the browser's file input and the files browser mode serves from
 * `sample-data`. Add an extension here and every one of those follows; a test
 * (test/import/file-formats.test.ts) fails if a list of extensions appears anywhere else.
 */

/** One data format the importer reads. */
export interface DataFileFormat {
  /** The importer's id for it. */
  readonly format: FileFormat;
  /** What open dialogs call it. */
  readonly label: string;
  /** Lower-case file extensions without the dot, the usual one first. */
  readonly extensions: readonly string[];
  /** Whether a gzip-compressed copy (`activity.csv.gz`) is read too. */
  readonly gzip: boolean;
}

/** The extension of gzip-compressed files, without the dot. */
export const GZIP_EXTENSION = 'gz';

// Keyed by FileFormat so that a format added to the type without an entry here
// (or an entry for a format that does not exist) fails to compile.
const REGISTRY: { readonly [F in FileFormat]: Omit<DataFileFormat, 'format'> } = {
  csv: { label: 'CSV and delimited text', extensions: ['csv', 'tsv', 'txt', 'tab', 'dat'], gzip: true },
  xlsx: { label: 'Excel workbooks', extensions: ['xlsx', 'xlsm'], gzip: false },
  xls: { label: 'Excel 97–2003 workbooks', extensions: ['xls'], gzip: false },
  parquet: { label: 'Parquet', extensions: ['parquet', 'pq'], gzip: false },
  json: { label: 'JSON', extensions: ['json'], gzip: true },
  ndjson: { label: 'Newline-delimited JSON (NDJSON, JSON Lines)', extensions: ['ndjson', 'jsonl'], gzip: true },
};

/** Every data format, in the order dialogs list them. */
export const DATA_FILE_FORMATS: readonly DataFileFormat[] = (Object.keys(REGISTRY) as FileFormat[]).map((format) => ({ format, ...REGISTRY[format] }));

/** The importer's format ids (`csv`, `xlsx`, …), for schemas and pickers. */
export const FILE_FORMATS: readonly FileFormat[] = DATA_FILE_FORMATS.map((f) => f.format);

/** Every data-file extension without the dot (`csv`, `xlsm`, `jsonl`, …), not counting `gz`. */
export const DATA_FILE_EXTENSIONS: readonly string[] = DATA_FILE_FORMATS.flatMap((f) => f.extensions);

const BY_EXTENSION = new Map<string, DataFileFormat>(DATA_FILE_FORMATS.flatMap((f) => f.extensions.map((e) => [e, f] as const)));

/**
 * The end of a file name that names its format: an optional data extension,
 * then an optional `.gz` (`.csv`, `.csv.gz`, `.xlsm`, `.gz`; case ignored).
 * Matches every name, with an empty match when there is no such ending.
 */
export const DATA_EXTENSION_PATTERN = new RegExp(`(\\.(${DATA_FILE_EXTENSIONS.join('|')}))?(\\.${GZIP_EXTENSION})?$`, 'i');

/** What a file's name says it holds. */
export interface NamedFormat {
  format: FileFormat;
  /** `gzip` when the name ends in `.gz` after the data extension. */
  compression: Compression;
  /** The data extension, lower-case without the dot (`xlsm` for `Budget.XLSM`). */
  extension: string;
  /** The format's entry (its `gzip` says whether a compressed copy can be read). */
  entry: DataFileFormat;
}

/**
 * The format a file's name says it is in: `extract.jsonl` → ndjson,
 * `budget.xlsm` → xlsx, `x.csv.gz` → csv with gzip compression. Null when
 * the name has no registered data extension (`notes.docx`, `data.gz`).
 */
export function formatFromFileName(name: string): NamedFormat | null {
  const match = DATA_EXTENSION_PATTERN.exec(name.replace(/^.*[\\/]/, ''));
  const extension = match?.[2]?.toLowerCase();
  const entry = extension === undefined ? undefined : BY_EXTENSION.get(extension);
  if (!entry || extension === undefined) return null;
  return { format: entry.format, compression: match?.[3] ? 'gzip' : 'none', extension, entry };
}

/**
 * A file name without its data extension and any `.gz`:
 * `A&E 2016-17.csv.gz` → `A&E 2016-17`, `budget.xlsm` → `budget`. Other
 * extensions stay (`notes.docx` is unchanged), so a table opened from a file
 * that is not a registered data file keeps a hint of what it was.
 */
export function stripDataExtension(name: string): string {
  return name.replace(DATA_EXTENSION_PATTERN, '');
}

/** An Electron open-dialog filter: a name and extensions without dots. */
export interface DialogFilter {
  name: string;
  extensions: string[];
}

/**
 * The filters of the Electron open dialog for data files: every data file
 * first (the default, with `gz`), then each format by its label, then all files.
 */
export function dataFileDialogFilters(): DialogFilter[] {
  return [
    { name: 'Data files', extensions: [...DATA_FILE_EXTENSIONS, GZIP_EXTENSION] },
    ...DATA_FILE_FORMATS.map((f) => ({ name: f.label, extensions: [...f.extensions] })),
    { name: 'All files', extensions: ['*'] },
  ];
}

/**
 * The `accept` attribute of the browser's file input for data files:
 * `.csv,.tsv,…,.gz` (browsers match the last extension, so `.gz` covers `.csv.gz`).
 */
export const DATA_FILE_ACCEPT = [...DATA_FILE_EXTENSIONS, GZIP_EXTENSION].map((e) => `.${e}`).join(',');

/**
 * Every ending of a readable data file, with the dot: each extension, and
 * `<extension>.gz` for the formats read compressed (`.csv`, `.csv.gz`, `.xlsm`, …).
 */
export const DATA_FILE_ENDINGS: readonly string[] = DATA_FILE_FORMATS.flatMap((f) =>
  f.extensions.flatMap((e) => (f.gzip ? [`.${e}`, `.${e}.${GZIP_EXTENSION}`] : [`.${e}`])),
);
