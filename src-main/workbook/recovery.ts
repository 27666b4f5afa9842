import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseWorkbookFile } from '../../src-shared/workbook/parse-workbook';
import { stableJson } from '../../src-shared/workbook/serialize-workbook';
import { withoutSnapshot } from '../../src-shared/workbook/snapshot';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { atomicWriteFile } from '../atomic-write';

/**
 * Autosave recovery files: unsaved work survives a crash or power cut.
 *
 * Design:
 * - They live in one app-owned folder (`<userData>/recovery`, see
 *   recoveryFolder), not beside the workbook: a workbook on a read-only share
 *   or a never-saved ("untitled") workbook can be recovered too, and the
 *   app finds every one at start-up without knowing where workbooks are.
 * - One file per open workbook: `wb-<first 16 hex of SHA-256 of its absolute
 *   path>.recovery.json` (case-folded on Windows), or
 *   `untitled-<id>.recovery.json` before its first save.
 * - Contents: `{ format, version, workbookPath, savedAt, workbook }` — the
 *   workbook as in memory (absolute source paths) and never its data
 *   snapshot, so a recovery file holds specs and text, not data.
 * - Written atomically (temp file + rename), so a crash during an autosave
 *   leaves the previous recovery file whole.
 * - The app writes one a short while after each change, deletes it after a
 *   successful save or a deliberate close without saving, and at start-up
 *   lists what is left and offers to restore. A recovery older than the
 *   workbook file on disk is flagged `stale` (the workbook was saved since).
 */

export const RECOVERY_FORMAT = 'commissioning-workbench/recovery';
export const RECOVERY_VERSION = 1;
const SUFFIX = '.recovery.json';

/** The recovery folder inside the app's user-data folder. */
export function recoveryFolder(userDataDir: string): string {
  return path.join(userDataDir, 'recovery');
}

function pathKey(workbookPath: string): string {
  const absolute = path.resolve(workbookPath);
  const key = process.platform === 'win32' ? absolute.toLowerCase() : absolute;
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export type RecoveryTarget = { workbookPath: string } | { untitledId: string };

/** The recovery file for a saved workbook (by its path) or an untitled one (by an id the app chose). */
export function recoveryFilePath(dir: string, target: RecoveryTarget): string {
  if ('workbookPath' in target) return path.join(dir, `wb-${pathKey(target.workbookPath)}${SUFFIX}`);
  if (!/^[A-Za-z0-9-]{1,64}$/.test(target.untitledId)) throw new Error("An untitled workbook's recovery id must be 1–64 letters, digits or -");
  return path.join(dir, `untitled-${target.untitledId}${SUFFIX}`);
}

/** Write (or replace) the recovery copy of a workbook; returns its path. */
export async function writeRecovery(dir: string, target: RecoveryTarget, workbook: Workbook, savedAt = new Date()): Promise<string> {
  const file = recoveryFilePath(dir, target);
  const body = {
    format: RECOVERY_FORMAT,
    version: RECOVERY_VERSION,
    workbookPath: 'workbookPath' in target ? path.resolve(target.workbookPath) : null,
    savedAt: savedAt.toISOString(),
    workbook: withoutSnapshot(workbook),
  };
  await atomicWriteFile(file, `${stableJson(body)}\n`);
  return file;
}

export interface Recovery {
  file: string;
  /** The workbook file it belongs to; null for a workbook never saved. */
  workbookPath: string | null;
  savedAt: string;
  workbook: Workbook;
  /** The workbook file was saved after this recovery copy was written. */
  stale: boolean;
}

/** Read one recovery file. Throws when it is damaged or not a recovery file. */
export async function readRecovery(file: string): Promise<Recovery> {
  const text = await fs.readFile(file, 'utf8');
  let json: { format?: unknown; workbookPath?: unknown; savedAt?: unknown; workbook?: unknown };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error(`The recovery file ${file} is damaged (not valid JSON)`);
  }
  if (json.format !== RECOVERY_FORMAT || typeof json.savedAt !== 'string') throw new Error(`${file} is not a recovery file`);
  const workbookPath = typeof json.workbookPath === 'string' ? json.workbookPath : null;
  const { workbook } = parseWorkbookFile(stableJson(json.workbook), path.basename(file));
  let stale = false;
  if (workbookPath) {
    const saved = await fs.stat(workbookPath).then(
      (s) => s.mtimeMs,
      () => null,
    );
    stale = saved !== null && saved > Date.parse(json.savedAt);
  }
  return { file, workbookPath, savedAt: json.savedAt, workbook, stale };
}

/** The recovery copy of a workbook, if there is one. */
export async function findRecovery(dir: string, target: RecoveryTarget): Promise<Recovery | null> {
  const file = recoveryFilePath(dir, target);
  try {
    await fs.access(file);
  } catch {
    return null;
  }
  return readRecovery(file);
}

export type RecoveryListing = Recovery | { file: string; error: string };

/** Every recovery file in the folder, newest first; damaged ones are listed with their error. */
export async function listRecoveries(dir: string): Promise<RecoveryListing[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const out: RecoveryListing[] = [];
  for (const name of names.filter((n) => n.endsWith(SUFFIX)).sort()) {
    const file = path.join(dir, name);
    try {
      out.push(await readRecovery(file));
    } catch (error) {
      out.push({ file, error: (error as Error).message.split('\n')[0]! });
    }
  }
  const time = (r: RecoveryListing) => ('savedAt' in r ? Date.parse(r.savedAt) : 0);
  return out.sort((a, b) => time(b) - time(a));
}

/** Remove a workbook's recovery copy (after a successful save, or when the user discards it). */
export async function deleteRecovery(dir: string, target: RecoveryTarget): Promise<void> {
  await fs.rm(recoveryFilePath(dir, target), { force: true });
}
