import path from 'node:path';
import { safeRelativePath } from '../src-shared/security/content-policy';

/** A folder served under a URL prefix (`''` for the root). */
export interface Mount {
  prefix: string;
  dir: string;
}

/**
 * The file a URL path names under the longest matching mount, or null when no
 * mount matches or the path would leave its folder (the path-traversal guard).
 */
export function resolveMountedPath(mounts: readonly Mount[], urlPath: string): string | null {
  const mount = mounts
    .filter((m) => m.prefix === '' || urlPath === m.prefix || urlPath.startsWith(`${m.prefix}/`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0];
  if (!mount) return null;
  const relative = safeRelativePath(urlPath.slice(mount.prefix.length));
  if (relative === null) return null;
  const root = path.resolve(mount.dir);
  const absolute = path.resolve(root, relative);
  return absolute.startsWith(root + path.sep) ? absolute : null;
}
