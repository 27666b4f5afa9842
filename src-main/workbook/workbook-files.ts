import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseWorkbookFile, validateWorkbook } from '../../src-shared/workbook/parse-workbook';
import { serializeWorkbook } from '../../src-shared/workbook/serialize-workbook';
import { isAbsolutePath, rebaseSourcePath, resolveSourcePath, storedSourcePath } from '../../src-shared/workbook/source-paths';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { atomicWriteFile, PRIVATE_FILE_MODE } from '../atomic-write';

/**
 * Workbook files on disk: read and parse (with migration), resolve source
 * paths against the workbook's folder, and save atomically (a temporary file
 * beside the target, flushed, then renamed over it), so a failed or
 * interrupted save never leaves a half-written workbook: the old file stays
 * whole until the rename.
 */

export interface OpenedWorkbookFile {
  /** Absolute path of the workbook file. */
  file: string;
  workbook: Workbook;
  /** The version the file was written in (older versions are migrated in memory; the file is untouched). */
  fromVersion: number;
}

/** Read and parse a workbook file. Throws "Workbook not found: …" or a WorkbookError. */
export async function readWorkbookFile(file: string): Promise<OpenedWorkbookFile> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await fs.readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`Workbook not found: ${absolute}`, { cause: error });
    if (code === 'EISDIR') throw new Error(`Not a workbook file (a folder): ${absolute}`, { cause: error });
    throw new Error(`Cannot read workbook ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  const { workbook, fromVersion } = parseWorkbookFile(text, path.basename(absolute));
  return { file: absolute, workbook, fromVersion };
}

/** The absolute path of each stored source path (relative paths are relative to the workbook file). */
export function sourceFilePath(workbookFile: string, stored: string): string {
  return path.normalize(resolveSourcePath(path.resolve(workbookFile), stored));
}

/** A copy of the workbook with every source path absolute (what the app keeps in memory after opening). */
export function withAbsoluteSourcePaths(workbook: Workbook, workbookFile: string): Workbook {
  return {
    ...workbook,
    sources: workbook.sources.map((s) => ({ ...s, files: s.files.map((f) => ({ ...f, path: sourceFilePath(workbookFile, f.path) })) })),
  };
}

export interface SaveWorkbookOptions {
  /**
   * The workbook file that relative source paths are currently relative to,
   * when it is not `target` (Save As to another folder): they are rewritten
   * relative to `target`. Absolute paths are always made relative to `target`
   * where possible.
   */
  relativeTo?: string;
}

/** The workbook as it is stored at `target`: source (and snapshot file) paths relative to it where possible. */
export function workbookForFile(workbook: Workbook, target: string, opts: SaveWorkbookOptions = {}): Workbook {
  const to = path.resolve(target);
  const from = opts.relativeTo === undefined ? to : path.resolve(opts.relativeTo);
  const store = (p: string) => (isAbsolutePath(p) ? storedSourcePath(to, p) : from === to ? p : rebaseSourcePath(from, to, p));
  return {
    ...workbook,
    sources: workbook.sources.map((s) => ({ ...s, files: s.files.map((f) => ({ ...f, path: store(f.path) })) })),
    ...(workbook.snapshot
      ? { snapshot: { ...workbook.snapshot, tables: workbook.snapshot.tables.map((t) => (t.file === undefined ? t : { ...t, file: store(t.file) })) } }
      : {}),
  };
}

/**
 * Save a workbook atomically: validate it, store its paths relative to the
 * file, write deterministic JSON to a temporary file, flush, rename over the
 * target. If anything fails, the previous file is left as it was. Returns
 * the workbook as written. An existing file keeps its mode and owner (and a
 * symbolic link stays a link); a new workbook with a data snapshot is
 * created readable by its owner only.
 */
export async function saveWorkbookFile(target: string, workbook: Workbook, opts: SaveWorkbookOptions = {}): Promise<Workbook> {
  const absolute = path.resolve(target);
  const stored = validateWorkbook(workbookForFile(workbook, absolute, opts), path.basename(absolute));
  await atomicWriteFile(absolute, serializeWorkbook(stored), stored.snapshot ? { mode: PRIVATE_FILE_MODE } : {});
  return stored;
}
