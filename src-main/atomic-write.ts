import { randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Owner read/write only: for files that hold data (a workbook with a snapshot, the snapshot's Parquet files). */
export const PRIVATE_FILE_MODE = 0o600;

export interface AtomicWriteOptions {
  /**
   * Permission bits for a file that does not exist yet (masked by the umask,
   * as usual). Default 0o666, which the usual umask 022 makes 0o644. An
   * existing file always keeps its own mode, owner and group: a 0o640 file the
   * user shared with a group stays shared, a 0o600 one stays private.
   */
  mode?: number;
}

/**
 * Write a file so that readers see either the old content or the new, never a
 * mix: write a temporary file beside it, flush it to disk, rename it over the
 * target, then flush the folder so the rename itself survives a power cut.
 * If anything fails before the rename, the old file is untouched and the
 * temporary file is removed.
 *
 * What was on disk is kept: an existing file's mode and (where the process
 * may: root, or the same owner) owner and group carry over to the new file.
 * A symbolic link is written through: the link stays a link, and the file it
 * points to is replaced (atomically, in that file's folder). A link to a file
 * that does not exist is refused rather than creating a file wherever the
 * link happens to point.
 */
export async function atomicWriteFile(target: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const { file, existing } = await resolveWriteTarget(target);
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(16).toString('hex')}.tmp`);
  // 'wx' (O_CREAT | O_EXCL) never follows a symbolic link: if anything, even a dangling link, already has this name, open fails.
  // Replacing an existing file, the temporary file starts private and gets the old file's mode just before the rename.
  let handle: FileHandle | undefined = await fs.open(temp, 'wx', existing ? PRIVATE_FILE_MODE : (opts.mode ?? 0o666));
  try {
    if (existing) await keepOwnerAndMode(handle, existing);
    await handle.writeFile(data);
    await handle.sync();
    const written = handle;
    handle = undefined;
    await written.close();
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** The file to replace (a symbolic link's final target), and its stats if it is an existing regular file. */
async function resolveWriteTarget(target: string): Promise<{ file: string; existing: Stats | null }> {
  const absolute = path.resolve(target);
  let stats: Stats;
  try {
    stats = await fs.lstat(absolute);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { file: absolute, existing: null };
    throw error;
  }
  if (!stats.isSymbolicLink()) return { file: absolute, existing: stats.isFile() ? stats : null };
  let file: string;
  try {
    file = await fs.realpath(absolute);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    throw new Error(`Cannot save ${absolute}: it is a link to ${await fs.readlink(absolute)}, which does not exist`, { cause: error });
  }
  const linked = await fs.stat(file);
  return { file, existing: linked.isFile() ? linked : null };
}

/** Give the new file the old one's owner and group (when allowed), then its permission bits (after chown, which may clear set-id bits). */
async function keepOwnerAndMode(handle: FileHandle, existing: Stats): Promise<void> {
  const created = await handle.stat();
  if (created.uid !== existing.uid || created.gid !== existing.gid) {
    // Only root (or the owner, for a group it belongs to) may chown; otherwise the file is ours, with the old mode.
    await handle.chown(existing.uid, existing.gid).catch((error: unknown) => ignoreCodes(error, ['EPERM']));
  }
  // File systems without Unix modes (FAT, some network shares) may refuse: the file then stays private, the safe side.
  await handle.chmod(existing.mode & 0o7777).catch((error: unknown) => ignoreCodes(error, ['EPERM']));
}

/** Flush a folder's entries (the rename). Windows and some file systems cannot open or flush a folder: that is not an error. */
async function syncDirectory(dir: string): Promise<void> {
  const ignorable = ['EISDIR', 'EPERM', 'EINVAL', 'EACCES'];
  let handle: FileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (error) {
    return ignoreCodes(error, ignorable);
  }
  try {
    await handle.sync().catch((error: unknown) => ignoreCodes(error, ignorable));
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function ignoreCodes(error: unknown, codes: readonly string[]): void {
  if (!codes.includes(errorCode(error) ?? '')) throw error;
}
