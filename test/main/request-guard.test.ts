import { describe, expect, it, vi } from 'vitest';
import {
  guardWebContents,
  installSessionGuards,
  isAllowedNavigation,
  isAllowedRequest,
  type GuardedContents,
  type RequestFilterSession,
} from '../../src-main/request-guard';

describe('the request guard', () => {
  it('allows only the app origin and local schemes', () => {
    expect(isAllowedRequest('app://workbench/index.html')).toBe(true);
    expect(isAllowedRequest('blob:app://workbench/1234')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('https://extensions.duckdb.org/v1.4.3/wasm_eh/parquet.duckdb_extension.wasm')).toBe(false);
    expect(isAllowedRequest('https://cdn.jsdelivr.net/npm/@duckdb/duckdb-wasm')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8080/')).toBe(false);
    expect(isAllowedRequest('app://other/index.html')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
    expect(isAllowedRequest('ws://localhost:1234')).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
  });

  it('cancels outside requests and refuses every permission through the session', () => {
    let listener: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    let permissionHandler: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let checkHandler: ((wc: unknown, p: string) => boolean) | undefined;
    const session: RequestFilterSession = {
      webRequest: {
        onBeforeRequest: (filter, l) => {
          expect(filter.urls).toEqual(['<all_urls>']);
          listener = l;
        },
      },
      setPermissionRequestHandler: (h) => {
        permissionHandler = h;
      },
      setPermissionCheckHandler: (h) => {
        checkHandler = h;
      },
    };
    const log = vi.fn();
    installSessionGuards(session, undefined, log);
    const decide = (url: string) => {
      let result: boolean | undefined;
      listener!({ url }, (r) => {
        result = r.cancel;
      });
      return result;
    };
    expect(decide('https://example.com/track.gif')).toBe(true);
    expect(decide('app://workbench/assets/index.js')).toBe(false);
    expect(log).toHaveBeenCalledWith('Blocked request to https://example.com/track.gif');
    const granted = vi.fn();
    permissionHandler!(null, 'media', granted);
    permissionHandler!(null, 'notifications', granted);
    expect(granted.mock.calls).toEqual([[false], [false]]);
    expect(checkHandler!(null, 'clipboard-read')).toBe(false);
  });

  it('blocks navigation away from the app, new windows and webviews', () => {
    const handlers = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (event: string, l: (event: { preventDefault(): void }, url?: string) => void) => handlers.set(event, l),
      setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
        openHandler = h;
      },
    } as unknown as GuardedContents;
    guardWebContents(contents);
    const prevented = (event: string, url?: string) => {
      const e = { preventDefault: vi.fn() };
      handlers.get(event)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://phishing.example/')).toBe(true);
    expect(prevented('will-navigate', 'app://workbench/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://evil.example/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!({ url: 'https://nhs.uk' })).toEqual({ action: 'deny' });
    expect(isAllowedNavigation('file:///tmp/x.html')).toBe(false);
  });
});
