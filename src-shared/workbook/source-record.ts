import type { ImportOptions, ImportReport } from '../import/types';
import { diffColumns, type ColumnDiff } from './schema-diff';
import { derivePattern } from './source-paths';
import { importOptionsSchema, type Fingerprint, type SavedColumn, type SourceImportOptions, type WorkbookSource } from './workbook-schema';

/**
 * Building and checking a workbook's record of a source: what the app knows
 * after importing it (the import settings used, the report's columns and
 * rows, each file's fingerprint) becomes the source entry that is saved.
 */

const OPTION_KEYS = Object.keys(importOptionsSchema.shape) as (keyof SourceImportOptions)[];

/** The import settings worth saving: the user's overrides, less one-off settings (`replace`, `limitRows`, signals, callbacks). */
export function savedImportOptions(opts: ImportOptions): SourceImportOptions {
  const out: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    const value = opts[key];
    if (value !== undefined) out[key] = Array.isArray(value) ? [...value] : typeof value === 'object' && value !== null ? { ...value } : value;
  }
  return importOptionsSchema.parse(out);
}

/** The columns of an import report as the workbook saves them. */
export function savedColumns(report: Pick<ImportReport, 'columns'>): SavedColumn[] {
  return report.columns.map((c) => ({ name: c.name, type: c.type }));
}

export interface SourceRecordInput {
  table: string;
  /** Each file's path (absolute, or as stored) and fingerprint. */
  files: { path: string; fingerprint?: Fingerprint }[];
  importOptions?: ImportOptions;
  report?: Pick<ImportReport, 'columns' | 'rows'>;
  title?: string;
  /** A name pattern for newer extracts; `true` derives one from the first file's name. */
  pattern?: string | true;
}

/** A source entry for the workbook. Paths are stored as given (see storedSourcePath for making them relative). */
export function sourceRecord(input: SourceRecordInput): WorkbookSource {
  const first = input.files[0];
  if (!first) throw new Error(`Source "${input.table}" needs at least one file`);
  const pattern = input.pattern === true ? derivePattern(first.path) : input.pattern;
  return {
    table: input.table,
    ...(input.title !== undefined ? { title: input.title } : {}),
    files: input.files.map((f) => ({ path: f.path, ...(f.fingerprint ? { fingerprint: f.fingerprint } : {}) })),
    ...(pattern ? { pattern } : {}),
    importOptions: savedImportOptions(input.importOptions ?? {}),
    ...(input.report ? { columns: savedColumns(input.report), rows: input.report.rows } : {}),
  };
}

/** How a freshly imported source's columns differ from those saved (null when none were saved). */
export function sourceColumnDiff(source: Pick<WorkbookSource, 'columns'>, report: Pick<ImportReport, 'columns'>): ColumnDiff | null {
  if (!source.columns) return null;
  return diffColumns(source.columns, savedColumns(report));
}

/**
 * The workbook with one source reading a different file (a newer extract the
 * user chose): its fingerprint is dropped, to be recorded when the workbook
 * is next saved; columns are kept so the new file's shape is still checked.
 */
export function replaceSourceFile<W extends { sources: WorkbookSource[] }>(workbook: W, table: string, path: string): W {
  let found = false;
  const sources = workbook.sources.map((s) => {
    if (s.table.toLowerCase() !== table.toLowerCase()) return s;
    found = true;
    return { ...s, files: [{ path }] };
  });
  if (!found) throw new Error(`The workbook has no source table "${table}"`);
  return { ...workbook, sources };
}
