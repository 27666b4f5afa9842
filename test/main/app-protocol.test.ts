import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, handleAppRequest, resolveAppPath } from '../../src-main/app-protocol';
import { CONTENT_SECURITY_POLICY, safeRelativePath } from '../../src-shared/security/content-policy';

const root = mkdtempSync(path.join(os.tmpdir(), 'app-root-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
writeFileSync(path.join(root, 'assets', 'duckdb-eh.wasm'), new Uint8Array([0, 97, 115, 109]));
writeFileSync(path.join(os.tmpdir(), 'secret.txt'), 'secret');

describe('the app:// protocol', () => {
  it('maps app://workbench paths into the renderer folder', () => {
    expect(resolveAppPath(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://workbench/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://workbench/assets/duckdb-eh.wasm')).toBe(path.join(root, 'assets', 'duckdb-eh.wasm'));
  });

  it('refuses paths that would leave the folder, and other hosts', () => {
    for (const url of [
      'app://workbench/../secret.txt',
      'app://workbench/%2e%2e/secret.txt',
      'app://workbench/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://workbench/..%5csecret.txt',
      'app://workbench/C:/Windows/win.ini',
      'app://workbench/a%00.html',
      'app://evil/index.html',
      'https://workbench/index.html',
      'not a url',
    ]) {
      // Either refused, or (where the URL parser already folded `..` away) still inside the root.
      const resolved = resolveAppPath(root, url);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
      expect(resolved).not.toBe(path.join(os.tmpdir(), 'secret.txt'));
    }
    expect(resolveAppPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://workbench/..%5csecret.txt')).toBeNull();
    expect(safeRelativePath('/a/../../b')).toBeNull();
    expect(safeRelativePath('/%2e%2e/b')).toBeNull();
    expect(safeRelativePath('/a/./b')).toBe('a/b');
  });

  it('serves wasm with its MIME type and every response with CSP and cross-origin isolation headers', async () => {
    const wasm = await handleAppRequest(root, 'app://workbench/assets/duckdb-eh.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(wasm.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(wasm.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await handleAppRequest(root, APP_ENTRY_URL);
    expect(html.headers.get('content-type')).toContain('text/html');
    const forbidden = await handleAppRequest(root, 'app://workbench/..%5csecret.txt');
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toBe('Forbidden');
    expect((await handleAppRequest(root, 'app://workbench/missing.js')).status).toBe(404);
  });

  it('has a strict content security policy: no remote origins, no inline or eval script', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });
});
