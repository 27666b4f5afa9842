import { constants as fsConstants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { DATA_FILE_ENDINGS } from '../src-shared/import/file-formats';
import { safeRelativePath } from '../src-shared/security/content-policy';

/** A folder served under a URL prefix (`''` for the root). */
export interface Mount {
  prefix: string;
  dir: string;
  /**
   * Which files of the folder may be served, by their path relative to `dir`
   * ('/'-separated, as requested); every file when absent.
   */
  allow?: (relativePath: string) => boolean;
}

/**
 * The data files the sample extracts and example workbooks come in: every
 * readable data file (file-formats.ts), which includes the `.json` that example
 * workbooks and chart specs are saved as.
 */
export const SAMPLE_DATA_EXTENSIONS: readonly string[] = DATA_FILE_ENDINGS;

/**
 * A mount filter: only files whose names end in one of `extensions`, and none
 * under the top-level `excludedFolders` (both compared case-insensitively).
 */
export function onlyFiles(extensions: readonly string[], excludedFolders: readonly string[] = []): (relativePath: string) => boolean {
  const endings = extensions.map((e) => e.toLowerCase());
  const folders = excludedFolders.map((f) => f.toLowerCase());
  return (relativePath) => {
    const lower = relativePath.toLowerCase();
    if (folders.some((folder) => lower.startsWith(`${folder}/`))) return false;
    return endings.some((ending) => lower.endsWith(ending));
  };
}

/**
 * What the workbench serves: the renderer build at the root, and the sample
 * data *files* (not the generator's source, README or dotfiles) under `/sample-data`.
 */
export function workbenchMounts(rendererDir: string, sampleDataDir: string): Mount[] {
  return [
    { prefix: '', dir: rendererDir },
    { prefix: '/sample-data', dir: sampleDataDir, allow: onlyFiles(SAMPLE_DATA_EXTENSIONS, ['generator']) },
  ];
}

interface MountedFile {
  mount: Mount;
  /** '/'-separated, inside the mount, no `.`/`..` or dot segments. */
  relative: string;
  absolute: string;
}

function isDotSegmentPath(relative: string): boolean {
  return relative.split('/').some((segment) => segment.startsWith('.'));
}

function matchMount(mounts: readonly Mount[], urlPath: string): MountedFile | null {
  const mount = mounts
    .filter((m) => m.prefix === '' || urlPath === m.prefix || urlPath.startsWith(`${m.prefix}/`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (!mount) return null;
  const relative = safeRelativePath(urlPath.slice(mount.prefix.length));
  if (relative === null || isDotSegmentPath(relative)) return null;
  if (mount.allow && !mount.allow(relative)) return null;
  const root = path.resolve(mount.dir);
  const absolute = path.resolve(root, relative);
  return absolute.startsWith(root + path.sep) ? { mount, relative, absolute } : null;
}

/**
 * The file a URL path names under the longest matching mount, or null when no
 * mount matches, the path would leave its folder (the path-traversal guard),
 * names a dotfile or dot-folder, or is not one the mount's filter allows.
 * String logic only: see openMountedFile for the checks against the disk.
 */
export function resolveMountedPath(mounts: readonly Mount[], urlPath: string): string | null {
  return matchMount(mounts, urlPath)?.absolute ?? null;
}

/** Why a file is not served: `forbidden` (refused by a rule) or `missing` (absent, or not a regular file). */
export type Refusal = { kind: 'forbidden' } | { kind: 'missing' };

/** An opened file to serve (the caller closes the handle), or why not. */
export type OpenedMountedFile = { kind: 'file'; path: string; handle: FileHandle; size: number } | Refusal;

async function realPathOrNull(p: string): Promise<string | null> {
  try {
    return await fs.realpath(p);
  } catch {
    return null;
  }
}

function sameFile(a: { dev: bigint; ino: bigint }, b: { dev: bigint; ino: bigint }): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** O_NOFOLLOW where the platform has it (not on Windows): opening a symlink then fails. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0);

/**
 * Whether an opened handle may be served: a regular file that is still the
 * file at `expected` after opening. A folder swapped for a symlink between the
 * realpath check and the open shows up here as a different real path or inode.
 */
async function checkOpened(handle: FileHandle, requested: string, expected: string): Promise<{ kind: 'file'; size: number } | Refusal> {
  const opened = await handle.stat({ bigint: true });
  if (!opened.isFile()) return { kind: 'missing' };
  if ((await realPathOrNull(requested)) !== expected) return { kind: 'forbidden' };
  const current = await fs.stat(expected, { bigint: true });
  return sameFile(opened, current) ? { kind: 'file', size: Number(opened.size) } : { kind: 'forbidden' };
}

/**
 * Open the file a URL path names for reading, refusing symlinks. The path
 * must pass resolveMountedPath, and its real path must be exactly the mount's
 * real root joined with the requested path: any symlink below the root (even
 * one pointing inside it) is refused, so a link can neither leave the folder
 * nor dodge the dotfile rule or the mount's filter. The file is opened with
 * O_NOFOLLOW, and the handle is served only if it is a regular file and is
 * still the file at that real path after opening (same device and inode).
 */
export async function openMountedFile(mounts: readonly Mount[], urlPath: string): Promise<OpenedMountedFile> {
  const match = matchMount(mounts, urlPath);
  if (!match) return { kind: 'forbidden' };
  const realRoot = await realPathOrNull(match.mount.dir);
  const realFile = await realPathOrNull(match.absolute);
  if (realRoot === null || realFile === null) return { kind: 'missing' };
  const expected = path.join(realRoot, ...match.relative.split('/'));
  if (realFile !== expected) return { kind: 'forbidden' };
  let handle: FileHandle;
  try {
    handle = await fs.open(expected, OPEN_FLAGS);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP' ? { kind: 'forbidden' } : { kind: 'missing' };
  }
  const verdict = await checkOpened(handle, match.absolute, expected).catch((): Refusal => ({ kind: 'missing' }));
  if (verdict.kind !== 'file') await handle.close().catch(() => undefined);
  return verdict.kind === 'file' ? { kind: 'file', path: expected, handle, size: verdict.size } : verdict;
}
