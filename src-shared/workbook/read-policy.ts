import { absoluteSourcePath } from './load-sources';
import { dirnameOf, isAbsolutePath, relativePath } from './source-paths';
import type { Workbook } from './workbook-schema';

/**
 * Which files a workbook may have read without asking. A workbook can come
 * from a colleague, so the paths it names are untrusted: a source resolves
 * without asking only when it stays inside the workbook's own folder tree.
 * Anything else — an absolute path elsewhere, `..` out of the folder, a
 * network (UNC) path, a device name — is read only after the person agrees
 * (the app's confirmation dialog, the CLI's `--allow-path DIR`). This is pure
 * string logic, decided before any file is looked at; the node side adds one
 * check on disk for files inside the folder (a symbolic link that leads out).
 */

/** One file the workbook would read. */
export interface WorkbookRead {
  /** The table it loads. */
  table: string;
  /** A source file, or the Parquet file of a data snapshot. */
  kind: 'source' | 'snapshot';
  /** As stored in the workbook. */
  stored: string;
  /** Resolved against the workbook's folder. */
  absolute: string;
}

/** A read that needs the person's agreement, and why. */
export interface OutsideRead extends WorkbookRead {
  reason: string;
}

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)(\..*)?$/i;

/** Why a stored path may not be read without asking, or null when it stays inside `folder`. */
export function outsideReason(folder: string | null, stored: string, absolute: string): string | null {
  if (/^[\\/]{2}[.?][\\/]/.test(stored)) return 'it is a Windows device path';
  if (/^[\\/]{2}/.test(stored)) return 'it is a network (UNC) path: opening it would connect to another computer';
  if (stored.split(/[\\/]/).some((segment) => WINDOWS_DEVICE.test(segment.trim()))) return 'it names a Windows device (such as CON or NUL), not a file';
  if (folder === null) return 'the workbook has not been saved, so it has no folder of its own';
  const relative = relativePath(folder, absolute);
  if (relative === null) return isAbsolutePath(stored) ? 'it is on another drive or share than the workbook' : 'it cannot be placed relative to the workbook';
  if (relative === '..' || relative.startsWith('../'))
    return isAbsolutePath(stored) ? 'it is an absolute path outside the workbook’s folder' : 'it leaves the workbook’s folder (..)';
  if (relative === '.') return 'it names the workbook’s folder itself, not a file';
  return null;
}

/** Every file a workbook would read: its sources' files and its snapshot's Parquet files. */
export function workbookReads(workbook: Workbook, workbookPath: string | null): WorkbookRead[] {
  const reads: WorkbookRead[] = [];
  for (const source of workbook.sources) {
    for (const f of source.files) reads.push({ table: source.table, kind: 'source', stored: f.path, absolute: absoluteSourcePath(workbookPath, f.path) });
  }
  for (const t of workbook.snapshot?.tables ?? []) {
    if (t.file !== undefined) reads.push({ table: t.table, kind: 'snapshot', stored: t.file, absolute: absoluteSourcePath(workbookPath, t.file) });
  }
  return reads;
}

/** The workbook's reads, split into those inside its folder tree and those that need agreement. */
export function classifyWorkbookReads(workbook: Workbook, workbookPath: string | null): { inside: WorkbookRead[]; outside: OutsideRead[] } {
  const folder = workbookPath === null ? null : dirnameOf(workbookPath);
  const inside: WorkbookRead[] = [];
  const outside: OutsideRead[] = [];
  for (const read of workbookReads(workbook, workbookPath)) {
    const reason = outsideReason(folder, read.stored, read.absolute);
    if (reason === null) inside.push(read);
    else outside.push({ ...read, reason });
  }
  return { inside, outside };
}

/** Whether `absolute` lies inside one of `folders` (each an absolute folder path). */
export function insideAnyFolder(absolute: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const relative = relativePath(folder, absolute);
    return relative !== null && relative !== '.' && relative !== '..' && !relative.startsWith('../');
  });
}

/** One line per read for a message: `/etc/passwd (table "x": it is an absolute path outside the workbook's folder)`. */
export function describeOutsideReads(reads: readonly OutsideRead[]): string {
  return reads.map((r) => `${r.absolute} (${r.kind === 'snapshot' ? 'snapshot of ' : ''}table "${r.table}": ${r.reason})`).join('; ');
}
