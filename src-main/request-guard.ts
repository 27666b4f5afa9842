import { APP_ORIGIN } from './app-protocol';

/**
 * Everything that stops the renderer reaching the network or leaving the app:
 * a request filter, navigation and window-opening guards, and a permission
 * policy that refuses every request. Written against small structural types
 * so tests can drive them without Electron.
 */

const LOCAL_SCHEMES = new Set(['app:', 'blob:', 'data:', 'devtools:']);

/** Only the app's own origin (and in development, the local dev server) may be requested. */
export function isAllowedRequest(url: string, devServerOrigin?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'app:') return parsed.origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  if (devServerOrigin && parsed.origin === devServerOrigin) return true;
  return false;
}

/** Whether the window may navigate to `url` (only within the app). */
export function isAllowedNavigation(url: string, devServerOrigin?: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || Boolean(devServerOrigin && url.startsWith(`${devServerOrigin}/`));
}

export interface RequestFilterSession {
  webRequest: {
    onBeforeRequest(filter: { urls: string[] }, listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
}

/** Refuse every request to another origin, and every permission. */
export function installSessionGuards(session: RequestFilterSession, devServerOrigin?: string, log: (message: string) => void = () => undefined): void {
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequest(details.url, devServerOrigin);
    if (!allowed) log(`Blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** No navigation away from the app, no new windows, no webviews. */
export function guardWebContents(contents: GuardedContents, devServerOrigin?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, devServerOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, devServerOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
