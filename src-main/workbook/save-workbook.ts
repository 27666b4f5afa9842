import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SqlRunner } from '../../src-shared/analysis/view-types';
import { createSnapshot, snapshotFolderName, withoutSnapshot, type SnapshotStorage } from '../../src-shared/workbook/snapshot';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { atomicWriteFile, PRIVATE_FILE_MODE } from '../atomic-write';
import { readWorkbookFile, saveWorkbookFile, sourceFilePath, type SaveWorkbookOptions } from './workbook-files';

/**
 * Saving a workbook with or without its data snapshot.
 *
 * - `snapshot: null` (the default): no data. The workbook is saved without a
 *   snapshot, and the Parquet files of the snapshot the file had before (in
 *   its `<name>.workbook.data` folder) are deleted after the save.
 * - `snapshot: 'files' | 'embedded'`: take a new snapshot of every source
 *   table from `db` (see SNAPSHOT_WARNING: the workbook then contains data).
 *   Files are written first (private, 0600) under names that include their
 *   hash, then the workbook, then files of the previous snapshot no longer
 *   referenced are deleted — so an interrupted save leaves the previous
 *   workbook and every file it refers to intact.
 * - `snapshot: 'keep'`: save with the snapshot the workbook already has.
 *
 * Only files the previous version of the workbook referred to are ever
 * deleted: anything else in the data folder (a file the user put there, or
 * left by an interrupted save) is left alone.
 */

export interface SaveOptions extends SaveWorkbookOptions {
  snapshot?: SnapshotStorage | 'keep' | null;
  /** Needed to take a snapshot: an engine with the source tables loaded. */
  db?: SqlRunner;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Snapshot time (default now). */
  created?: Date;
}

/** The snapshot folder beside a workbook file. */
export function snapshotFolder(workbookFile: string): string {
  return path.join(path.dirname(path.resolve(workbookFile)), snapshotFolderName(workbookFile));
}

/** Absolute paths of the snapshot files the workbook file now on disk refers to (none if there is no file, or it cannot be read). */
export async function snapshotFilesOnDisk(workbookFile: string): Promise<Set<string>> {
  try {
    const { file, workbook } = await readWorkbookFile(workbookFile);
    return new Set(workbook.snapshot?.tables.flatMap((t) => (t.file === undefined ? [] : [sourceFilePath(file, t.file)])) ?? []);
  } catch {
    return new Set();
  }
}

/**
 * Delete the snapshot files in `previous` (those the workbook's previous
 * version referred to) that lie in its snapshot folder and that `keep` does
 * not list; remove the folder if it is left empty. Nothing else is touched.
 */
export async function pruneSnapshotFolder(workbookFile: string, previous: ReadonlySet<string>, keep: ReadonlySet<string> = new Set()): Promise<void> {
  const folder = snapshotFolder(workbookFile);
  for (const file of previous) {
    const absolute = path.resolve(file);
    if (path.dirname(absolute) === folder && absolute.endsWith('.parquet') && !keep.has(absolute)) await fs.rm(absolute, { force: true });
  }
  const left = await fs.readdir(folder).catch(() => null);
  if (left?.length === 0) await fs.rmdir(folder).catch(() => undefined);
}

/** Save a workbook (atomically), with a new snapshot, the existing one, or none. Returns the workbook as written. */
export async function saveWorkbook(target: string, workbook: Workbook, opts: SaveOptions = {}): Promise<Workbook> {
  const file = path.resolve(target);
  const mode = opts.snapshot ?? null;
  if (mode === 'keep') return saveWorkbookFile(file, workbook, opts);
  const previous = await snapshotFilesOnDisk(file);
  if (mode === null) {
    const saved = await saveWorkbookFile(file, withoutSnapshot(workbook), opts);
    await pruneSnapshotFolder(file, previous);
    return saved;
  }
  if (!opts.db) throw new Error('Saving a data snapshot needs the engine with the source tables loaded');
  const created = await createSnapshot(opts.db, workbook, {
    storage: mode,
    workbookFileName: path.basename(file),
    ...(opts.created ? { created: opts.created } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  const dir = path.dirname(file);
  const written = new Set<string>();
  if (created.files.length > 0) await fs.mkdir(snapshotFolder(file), { recursive: true, mode: 0o700 });
  for (const f of created.files) {
    const absolute = path.resolve(dir, f.path);
    await atomicWriteFile(absolute, f.bytes, { mode: PRIVATE_FILE_MODE });
    written.add(absolute);
  }
  // Snapshot paths as absolute, so saving (which may rebase relative source paths) stores them relative to `file`.
  const snapshot = { ...created.snapshot, tables: created.snapshot.tables.map((t) => (t.file === undefined ? t : { ...t, file: path.resolve(dir, t.file) })) };
  const saved = await saveWorkbookFile(file, { ...workbook, snapshot }, opts);
  await pruneSnapshotFolder(file, previous, written);
  return saved;
}
