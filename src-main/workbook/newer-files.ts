import { promises as fs } from 'node:fs';
import path from 'node:path';
import { newestMatching } from '../../src-shared/workbook/source-paths';
import { replaceSourceFile } from '../../src-shared/workbook/source-record';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { sourceFilePath } from './workbook-files';

/**
 * Newer extracts of a source's series: for a single-file source with a name
 * pattern (`dtoc-sitrep-*.csv`), the newest file in the same folder matching
 * it, when that is not the file the workbook reads and was modified later
 * (or the current file is gone). The app offers it; the CLI takes it with
 * `render --latest`.
 */

export interface NewerExtract {
  table: string;
  /** The file the workbook reads now (absolute). */
  current: string;
  /** The newer file (absolute). */
  newer: string;
  /** The newer file's modified time, ms since the epoch. */
  modified: number;
}

async function mtime(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return null;
  }
}

export async function findNewerExtracts(workbook: Workbook, workbookFile: string): Promise<NewerExtract[]> {
  const out: NewerExtract[] = [];
  for (const source of workbook.sources) {
    const only = source.files.length === 1 ? source.files[0] : undefined;
    if (!source.pattern || !only) continue;
    const current = sourceFilePath(workbookFile, only.path);
    const dir = path.dirname(current);
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      continue;
    }
    const candidates: { name: string; modified: number }[] = [];
    for (const name of names) {
      const modified = await mtime(path.join(dir, name));
      if (modified !== null) candidates.push({ name, modified });
    }
    const best = newestMatching(candidates, source.pattern);
    if (!best) continue;
    const newer = path.join(dir, best.name);
    if (newer === current) continue;
    const currentTime = await mtime(current);
    if (currentTime === null || best.modified > currentTime) out.push({ table: source.table, current, newer, modified: best.modified });
  }
  return out;
}

/** The workbook reading each newer extract instead (absolute paths; saving makes them relative). */
export function useNewerExtracts(workbook: Workbook, extracts: readonly NewerExtract[]): Workbook {
  return extracts.reduce((wb, e) => replaceSourceFile(wb, e.table, e.newer), workbook);
}
