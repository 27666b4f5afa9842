import { isAbortError, type FileSource } from '../engine/engine';
import type { ImportService } from '../import/import-service';
import type { ImportReport, ImportRunOptions } from '../import/types';
import { checkFingerprint, fingerprintSource, type FingerprintState } from './fingerprint';
import { describeDiffBriefly, type ColumnDiff } from './schema-diff';
import { embeddedSnapshotBytes, restoreSnapshotTable } from './snapshot';
import { isAbsolutePath, normalisePath, resolveSourcePath } from './source-paths';
import { savedColumns, sourceColumnDiff } from './source-record';
import type { Fingerprint, SnapshotTable, Workbook, WorkbookSource } from './workbook-schema';

/**
 * Load (or refresh) a workbook's sources into an engine through the app's
 * importer, and say how each compares with what the workbook saved:
 *
 * - a file that is missing: a problem naming its full path — unless the
 *   workbook carries a snapshot of the table and `snapshot` allows using it;
 * - content that differs from the fingerprint: fine, that is a refresh
 *   (`state: 'changed'`);
 * - columns that differ from those saved: `diff`, and a problem when the
 *   difference can break charts and views (missing, renamed, or retyped to
 *   another kind of value).
 *
 * Environment-free: files are reached through `SourceFiles` (node: the file
 * system; the app: files the user granted), so the CLI and the app share it.
 */

/** How the environment reaches source files. */
export interface SourceFiles {
  /** The file at an absolute path, or null when there is no such file. */
  open(absolutePath: string): Promise<FileSource | null>;
}

/** What loading needs: the importer (several files of one layout become one table). */
export type SourceImporter = Pick<ImportService, 'importFiles'>;

/** When to load a table from the workbook's snapshot instead of its files. */
export type SnapshotUse = 'never' | 'when-missing' | 'always';

export interface FileStatus {
  /** As stored in the workbook. */
  stored: string;
  absolute: string;
  state: FingerprintState | 'missing';
  /** The file's fingerprint now (with its hash when the hash had to be computed). */
  current?: { size: number; modified?: string; hash?: Fingerprint['hash'] };
}

export interface SourceStatus {
  table: string;
  files: FileStatus[];
  /** Where the table was loaded from; null when it was not loaded. */
  loadedFrom: 'files' | 'snapshot' | null;
  report: ImportReport | null;
  /** Columns now against columns saved (null when none were saved, or not loaded). */
  diff: ColumnDiff | null;
  warnings: string[];
}

export type SourceProblem =
  | { kind: 'missing'; table: string; path: string; message: string }
  | { kind: 'shape'; table: string; diff: ColumnDiff; message: string }
  | { kind: 'import'; table: string; message: string };

export interface LoadSourcesResult {
  sources: SourceStatus[];
  /** Why the workbook cannot be refreshed as saved; empty when every source loaded with the columns it expects. */
  problems: SourceProblem[];
}

export interface LoadSourcesOptions {
  /** Default `when-missing`: use a snapshot only for a table whose files are missing. */
  snapshot?: SnapshotUse;
  /** Hash every file even when its size and modified time match (default false). */
  alwaysHash?: boolean;
  /** Load only these tables (default all). */
  tables?: string[];
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

/**
 * The absolute path of a stored source path. `workbookPath` is the workbook
 * file's absolute path, or null for a workbook never saved (its paths are
 * absolute already).
 */
export function absoluteSourcePath(workbookPath: string | null, stored: string): string {
  if (workbookPath === null || isAbsolutePath(stored)) return normalisePath(stored);
  return resolveSourcePath(workbookPath, stored);
}

/** Every source file that does not exist. */
export async function findMissingFiles(
  workbook: Workbook,
  workbookPath: string | null,
  files: SourceFiles,
): Promise<{ table: string; stored: string; absolute: string }[]> {
  const out: { table: string; stored: string; absolute: string }[] = [];
  for (const source of workbook.sources) {
    for (const f of source.files) {
      const absolute = absoluteSourcePath(workbookPath, f.path);
      if (!(await files.open(absolute))) out.push({ table: source.table, stored: f.path, absolute });
    }
  }
  return out;
}

/** The Parquet bytes of a snapshot entry (embedded, or the file beside the workbook). */
export async function snapshotBytes(entry: SnapshotTable, workbookPath: string | null, files: SourceFiles): Promise<Uint8Array> {
  const embedded = embeddedSnapshotBytes(entry);
  if (embedded) return embedded;
  if (entry.file === undefined) throw new Error(`The snapshot of table "${entry.table}" has no data`);
  const absolute = absoluteSourcePath(workbookPath, entry.file);
  const source = await files.open(absolute);
  if (!source) throw new Error(`The snapshot file of table "${entry.table}" is missing: ${absolute}`);
  return source.read(0, source.size);
}

function shapeMessage(source: WorkbookSource, diff: ColumnDiff): string {
  return `Source "${source.table}" (${source.files.map((f) => f.path).join(', ')}) has changed shape: ${describeDiffBriefly(diff)}`;
}

function firstLine(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split('\n')[0]!;
}

function importSource(importer: SourceImporter, source: WorkbookSource, opened: FileSource[], signal: AbortSignal | undefined): Promise<ImportReport> {
  const opts: ImportRunOptions = { ...source.importOptions, ...(signal ? { signal } : {}) };
  return importer.importFiles(source.table, opened, opts);
}

/** Load (or refresh) the workbook's sources as tables and report how each compares with what was saved. */
export async function loadWorkbookSources(
  importer: SourceImporter,
  workbook: Workbook,
  workbookPath: string | null,
  files: SourceFiles,
  opts: LoadSourcesOptions = {},
): Promise<LoadSourcesResult> {
  const use = opts.snapshot ?? 'when-missing';
  const wanted = opts.tables?.map((t) => t.toLowerCase());
  const statuses: SourceStatus[] = [];
  const problems: SourceProblem[] = [];
  const loading = workbook.sources.filter((source) => !wanted || wanted.includes(source.table.toLowerCase()));
  for (const [index, source] of loading.entries()) {
    const status: SourceStatus = { table: source.table, files: [], loadedFrom: null, report: null, diff: null, warnings: [] };
    statuses.push(status);
    const opened: FileSource[] = [];
    for (const f of source.files) {
      const absolute = absoluteSourcePath(workbookPath, f.path);
      const file = await files.open(absolute);
      status.files.push({ stored: f.path, absolute, state: file ? 'unknown' : 'missing' });
      if (file) opened.push(file);
    }
    const missing = status.files.filter((f) => f.state === 'missing');
    const snapshot = workbook.snapshot?.tables.find((t) => t.table.toLowerCase() === source.table.toLowerCase());
    const fromSnapshot = snapshot !== undefined && (use === 'always' || (use === 'when-missing' && missing.length > 0));
    // One progress line through the whole load: which table, and how far through the workbook's tables.
    opts.onProgress?.(`Loading ${source.table}${fromSnapshot ? ' from the data snapshot' : ''} (${index + 1} of ${loading.length})…`);
    try {
      if (fromSnapshot) {
        status.report = await restoreSnapshotTable(importer, snapshot, await snapshotBytes(snapshot, workbookPath, files));
        status.loadedFrom = 'snapshot';
        const taken = workbook.snapshot!.created.slice(0, 10);
        const why = missing.length > 0 ? `${missing.map((m) => m.absolute).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing, so table` : 'Table';
        status.warnings.push(`${why} "${source.table}" was loaded from the data snapshot taken on ${taken}.`);
      } else if (missing.length > 0) {
        for (const m of missing)
          problems.push({ kind: 'missing', table: source.table, path: m.absolute, message: `Source file not found: ${m.absolute} (table "${source.table}")` });
        continue;
      } else {
        for (const [i, f] of status.files.entries()) {
          const check = await checkFingerprint(source.files[i]!.fingerprint, opened[i]!, {
            alwaysHash: opts.alwaysHash ?? false,
            ...(opts.signal ? { signal: opts.signal } : {}),
          });
          f.state = check.state;
          f.current = check.current;
        }
        status.report = await importSource(importer, source, opened, opts.signal);
        status.loadedFrom = 'files';
        status.warnings.push(...status.report.warnings);
      }
    } catch (error) {
      if (isAbortError(error)) throw error;
      problems.push({ kind: 'import', table: source.table, message: `Source "${source.table}" could not be loaded: ${firstLine(error)}` });
      continue;
    }
    status.diff = sourceColumnDiff(source, status.report);
    if (status.diff?.breaking) problems.push({ kind: 'shape', table: source.table, diff: status.diff, message: shapeMessage(source, status.diff) });
  }
  return { sources: statuses, problems };
}

/**
 * The workbook with its source records brought up to date after a load:
 * each file's fingerprint (hashed now unless the load already did, or the
 * file was unchanged by size and modified time) and each table's columns and
 * rows. Call before saving, so the next open compares against what the user
 * last saw. Sources loaded from a snapshot, or not loaded, are left as they were.
 */
export async function recordSourceState(
  workbook: Workbook,
  loaded: LoadSourcesResult,
  files: SourceFiles,
  opts: { signal?: AbortSignal } = {},
): Promise<Workbook> {
  const byTable = new Map(loaded.sources.map((s) => [s.table.toLowerCase(), s]));
  const sources: WorkbookSource[] = [];
  for (const source of workbook.sources) {
    const status = byTable.get(source.table.toLowerCase());
    if (!status || status.loadedFrom !== 'files' || !status.report || status.files.length !== source.files.length) {
      sources.push(source);
      continue;
    }
    const updated = [];
    for (const [i, f] of source.files.entries()) {
      const s = status.files[i]!;
      const previous = f.fingerprint;
      let fingerprint: Fingerprint;
      if (s.current?.hash) {
        fingerprint = { size: s.current.size, ...(s.current.modified ? { modified: s.current.modified } : {}), hash: s.current.hash };
      } else if (s.state === 'unchanged' && previous) {
        fingerprint = previous;
      } else {
        const file = await files.open(s.absolute);
        if (!file) throw new Error(`Source file not found: ${s.absolute} (table "${source.table}")`);
        fingerprint = await fingerprintSource(file, opts);
      }
      updated.push({ ...f, fingerprint });
    }
    sources.push({ ...source, files: updated, columns: savedColumns(status.report), rows: status.report.rows });
  }
  return { ...workbook, sources };
}

/** The first problem as one line (for the CLI), with a count of the rest. */
export function describeSourceProblems(problems: readonly SourceProblem[]): string {
  const first = problems[0];
  if (!first) return '';
  return problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'} with sources)`;
}
