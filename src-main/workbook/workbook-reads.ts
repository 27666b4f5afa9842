import { promises as fs } from 'node:fs';
import path from 'node:path';
import { classifyWorkbookReads, insideAnyFolder, type OutsideRead, type WorkbookRead } from '../../src-shared/workbook/read-policy';
import type { WorkbookHandle } from '../../src-shared/session';
import { serializeWorkbook } from '../../src-shared/workbook/serialize-workbook';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { nodeFileSource } from '../engine/node-file-source';

/**
 * The node side of the workbook read policy (src-shared/workbook/read-policy.ts):
 * which of a workbook's files may be read now. Files inside the workbook's
 * folder tree may, unless on disk they are links that lead out of it; files
 * inside a folder the person allowed (`--allow-path`, or paths they confirmed
 * in the app) may; everything else is refused until they agree. Nothing
 * outside those folders is looked at on disk before that decision.
 */

async function realPathOrNull(p: string): Promise<string | null> {
  try {
    return await fs.realpath(p);
  } catch {
    return null;
  }
}

/** Whether the file, followed through any links, is still inside `folder` (a missing file is: it will be reported as missing). */
async function staysInside(file: string, folder: string): Promise<string | null> {
  const real = await realPathOrNull(file);
  if (real === null) return null;
  const realFolder = (await realPathOrNull(folder)) ?? folder;
  return insideAnyFolder(real, [realFolder]) ? null : real;
}

export interface ReadDecision {
  allowed: WorkbookRead[];
  refused: OutsideRead[];
}

/** Decide a workbook's reads. `allowedFolders` are absolute folders the person allowed reading from. */
export async function decideWorkbookReads(workbook: Workbook, workbookFile: string, allowedFolders: readonly string[] = []): Promise<ReadDecision> {
  const file = path.resolve(workbookFile);
  const folder = path.dirname(file);
  const allowedAbsolute = allowedFolders.map((f) => path.resolve(f));
  const { inside, outside } = classifyWorkbookReads(workbook, file);
  const allowed: WorkbookRead[] = [];
  const refused: OutsideRead[] = [];
  for (const read of inside) {
    const escapedTo = await staysInside(read.absolute, folder);
    if (escapedTo === null) allowed.push(read);
    else refused.push({ ...read, reason: `it is a link to ${escapedTo}, outside the workbook’s folder` });
  }
  for (const read of outside) {
    const granted = allowedAbsolute.find((dir) => insideAnyFolder(read.absolute, [dir]));
    if (granted === undefined) {
      refused.push(read);
      continue;
    }
    const escapedTo = await staysInside(read.absolute, granted);
    if (escapedTo === null) allowed.push(read);
    else refused.push({ ...read, reason: `it is a link to ${escapedTo}, outside the allowed folder ${granted}` });
  }
  return { allowed, refused };
}

/**
 * A workbook on disk as the session opens it: the files it may read (inside
 * its folder, or a folder the person allowed) that exist, and the reads it may
 * not make yet, listed for the person to decide.
 */
export async function diskWorkbookHandle(workbook: Workbook, workbookFile: string, allowedFolders: readonly string[] = []): Promise<WorkbookHandle> {
  const file = path.resolve(workbookFile);
  const { allowed, refused } = await decideWorkbookReads(workbook, file, allowedFolders);
  const files: WorkbookHandle['files'] = {};
  for (const read of allowed) {
    if (files[read.absolute]) continue;
    try {
      files[read.absolute] = await nodeFileSource(read.absolute);
    } catch {
      // Missing: the session reports it (or uses the data snapshot).
    }
  }
  return { name: path.basename(file), path: file, text: serializeWorkbook(workbook), files, outside: refused };
}
