import { SECURITY_HEADERS, mimeTypeFor } from '../src-shared/security/content-policy';
import { openMountedFile, resolveMountedPath, type Mount } from './mounted-path';

/** The renderer is served from `app://workbench/…`, never from file:// or the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for `protocol.registerSchemesAsPrivileged` (before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
} as const;

/** What the app protocol serves: the renderer build at the root, and optionally other folders under prefixes. */
export type AppRoots = string | readonly Mount[];

function mountsOf(roots: AppRoots): readonly Mount[] {
  return typeof roots === 'string' ? [{ prefix: '', dir: roots }] : roots;
}

/**
 * Map a request URL to a file under the app's folders, or null when the URL is
 * for another host or its path would leave its folder (path traversal).
 */
export function resolveAppPath(roots: AppRoots, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return resolveMountedPath(mountsOf(roots), url.pathname);
}

/**
 * Serve one request: the file with its MIME type and the security headers; 403
 * for another host, a path that leaves its folder or a symlink; 404 otherwise.
 * Files are read from the handle openMountedFile checked (no symlink is followed).
 */
export async function handleAppRequest(roots: AppRoots, requestUrl: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('Forbidden', { status: 403, headers: SECURITY_HEADERS });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response('Forbidden', { status: 403, headers: SECURITY_HEADERS });
  const opened = await openMountedFile(mountsOf(roots), url.pathname);
  if (opened.kind === 'forbidden') return new Response('Forbidden', { status: 403, headers: SECURITY_HEADERS });
  if (opened.kind === 'missing') return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  try {
    const body = await opened.handle.readFile();
    return new Response(body as BodyInit, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(opened.path) } });
  } finally {
    await opened.handle.close();
  }
}
