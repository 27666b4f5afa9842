import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SqlRunner } from '../../src-shared/analysis/view-types';
import { createSnapshot, snapshotFolderName, withoutSnapshot, type SnapshotStorage } from '../../src-shared/workbook/snapshot';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { atomicWriteFile } from '../atomic-write';
import { saveWorkbookFile, type SaveWorkbookOptions } from './workbook-files';

/**
 * Saving a workbook with or without its data snapshot.
 *
 * - `snapshot: null` (the default): no data. The workbook is saved without a
 *   snapshot, and Parquet files of an earlier snapshot in its
 *   `<name>.workbook.data` folder are deleted after the save.
 * - `snapshot: 'files' | 'embedded'`: take a new snapshot of every source
 *   table from `db` (see SNAPSHOT_WARNING: the workbook then contains data).
 *   Files are written first under names that include their hash, then the
 *   workbook, then files no longer referenced are deleted — so an interrupted
 *   save leaves the previous workbook and every file it refers to intact.
 * - `snapshot: 'keep'`: save with the snapshot the workbook already has.
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

/** Delete Parquet files in the workbook's snapshot folder that `keep` does not list; remove the folder if it is left empty. */
export async function pruneSnapshotFolder(workbookFile: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
  const folder = snapshotFolder(workbookFile);
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(folder, name);
    if (name.endsWith('.parquet') && !keep.has(path.resolve(file))) await fs.rm(file, { force: true });
  }
  if ((await fs.readdir(folder)).length === 0) await fs.rmdir(folder).catch(() => undefined);
}

/** Save a workbook (atomically), with a new snapshot, the existing one, or none. Returns the workbook as written. */
export async function saveWorkbook(target: string, workbook: Workbook, opts: SaveOptions = {}): Promise<Workbook> {
  const file = path.resolve(target);
  const mode = opts.snapshot ?? null;
  if (mode === 'keep') return saveWorkbookFile(file, workbook, opts);
  if (mode === null) {
    const saved = await saveWorkbookFile(file, withoutSnapshot(workbook), opts);
    await pruneSnapshotFolder(file);
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
  for (const f of created.files) {
    const absolute = path.resolve(dir, f.path);
    await atomicWriteFile(absolute, f.bytes);
    written.add(absolute);
  }
  // Snapshot paths as absolute, so saving (which may rebase relative source paths) stores them relative to `file`.
  const snapshot = { ...created.snapshot, tables: created.snapshot.tables.map((t) => (t.file === undefined ? t : { ...t, file: path.resolve(dir, t.file) })) };
  const saved = await saveWorkbookFile(file, { ...workbook, snapshot }, opts);
  await pruneSnapshotFolder(file, written);
  return saved;
}
