import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onlyFiles, resolveMountedPath, workbenchMounts } from '../../src-main/mounted-path';
import { cacheControlFor, runWebServer, startWebServer, type WebServer } from '../../src-main/web/static-server';
import { SECURITY_HEADERS } from '../../src-shared/security/content-policy';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'SECRET-NHS-NUMBER-943-476-5919';
const INSIDE = 'console.log("renderer asset");';

/**
 * A temp tree: renderer/ and sample/ are served; secret.txt and outside/ sit
 * next to them and must never be served, however they are reached.
 */
const base = mkdtempSync(path.join(os.tmpdir(), 'web-server-'));
const renderer = path.join(base, 'renderer');
const sample = path.join(base, 'sample');

function write(relative: string, text: string): void {
  const file = path.join(base, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

write('secret.txt', SECRET);
write('outside/secret.js', SECRET);
write('renderer/index.html', '<!doctype html><title>Workbench</title>');
write('renderer/assets/app.js', INSIDE);
write('renderer/assets/.cache.js', SECRET);
write('renderer/.env', SECRET);
write('renderer/.hidden/app.js', SECRET);
write('sample/activity.csv', 'month,activity\n2014-04,12\n');
write('sample/dtoc/dtoc-2014-04.csv', 'month,delays\n');
write('sample/examples/board.workbook.json', '{"version":1}');
write('sample/README.md', SECRET);
write('sample/.gitattributes', SECRET);
write('sample/generator/main.ts', SECRET);
write('sample/generator/fixture.csv', SECRET);
symlinkSync(path.join(base, 'secret.txt'), path.join(renderer, 'leak.js'));
symlinkSync(path.join(base, 'outside'), path.join(renderer, 'linked'));
symlinkSync(path.join(renderer, 'assets', 'app.js'), path.join(renderer, 'alias.js'));
symlinkSync(path.join(base, 'secret.txt'), path.join(sample, 'leak.csv'));
symlinkSync(path.join(sample, 'generator'), path.join(sample, 'gen'));

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: WebServer;
let host: string;

/** One request with an explicit Host header (Node would otherwise fill in the right one). */
function get(urlPath: string, options: { host?: string; method?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: urlPath, method: options.method ?? 'GET', headers: { Host: options.host ?? host }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A hand-written request over a socket (to send no Host header at all); the whole raw reply. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

function expectSecurityHeaders(reply: Reply): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(reply.headers[name.toLowerCase()], name).toBe(value);
}

/** A refusal: 4xx, the security headers, and none of the secret's bytes. */
function expectRefused(reply: Reply): void {
  expect(reply.status).toBeGreaterThanOrEqual(400);
  expect(reply.status).toBeLessThan(500);
  expectSecurityHeaders(reply);
  expect(reply.body).not.toContain(SECRET);
}

beforeAll(async () => {
  server = await startWebServer(workbenchMounts(renderer, sample));
  host = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('browser-mode server: Host header (DNS-rebinding defence)', () => {
  it('serves requests addressed to 127.0.0.1:PORT or localhost:PORT', async () => {
    for (const name of [`127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      const reply = await get('/assets/app.js', { host: name });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(INSIDE);
      expect(reply.headers['content-type']).toContain('text/javascript');
      expectSecurityHeaders(reply);
    }
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('refuses any other Host with 421 before looking at the disk', async () => {
    for (const name of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      `localhost.evil.example:${server.port}`,
      '127.0.0.1',
      `LOCALHOST:${server.port}`,
    ]) {
      const reply = await get('/assets/app.js', { host: name });
      expect(reply.status, name).toBe(421);
      expect(reply.body).toBe('Misdirected request');
      expectSecurityHeaders(reply);
    }
    // A missing file gives 421 too, not 404: the Host check comes first.
    expect((await get('/no-such-file.js', { host: 'evil.example' })).status).toBe(421);
  });

  it('refuses a request with no Host header at all (HTTP/1.0 and HTTP/1.1)', async () => {
    for (const version of ['HTTP/1.0', 'HTTP/1.1']) {
      const reply = await raw(`GET /assets/app.js ${version}\r\nConnection: close\r\n\r\n`);
      expect(reply.split('\r\n')[0]).toBe(`HTTP/1.1 421 Misdirected Request`);
      expect(reply).toContain(`Content-Security-Policy: ${SECURITY_HEADERS['Content-Security-Policy']}`);
      expect(reply).not.toContain(INSIDE);
    }
  });
});

describe('browser-mode server: what is served', () => {
  it('serves the renderer, HEAD with the length only, and refuses other methods', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Workbench</title>');
    const head = await get('/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(INSIDE)));
    expect(head.body).toBe('');
    const post = await get('/assets/app.js', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expectSecurityHeaders(post);
  });

  it('lets the browser keep the build’s fingerprinted assets for good (so compiled code is cached), and checks everything else each time', async () => {
    expect(cacheControlFor('/assets/duckdb-eh-9ubY-jlA.wasm')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/assets/index-C5W3YdY3.js')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/assets/app.js', '/sample-data/activity.csv', '/assets/sub/x-12345678.js'])
      expect(cacheControlFor(path), path).toBe('no-cache');
    expect((await get('/')).headers['cache-control']).toBe('no-cache');
  });

  it('refuses path traversal, plain or encoded', async () => {
    for (const urlPath of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/sample-data/..%2f..%2fsecret.txt',
      '/index.html%00.js',
      '/C:/Windows/win.ini',
    ]) {
      const reply = await get(urlPath);
      expect(reply.status, urlPath).toBe(403);
      expectRefused(reply);
    }
    expect((await raw(`GET http://${host}/../secret.txt HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).split('\r\n')[0]).toBe(
      'HTTP/1.1 400 Bad Request',
    );
  });

  it('never follows a symlink: not out of the folder, not even within it', async () => {
    for (const urlPath of ['/leak.js', '/linked/secret.js', '/alias.js', '/sample-data/leak.csv', '/sample-data/gen/fixture.csv']) {
      const reply = await get(urlPath);
      expect(reply.status, urlPath).toBe(403);
      expectRefused(reply);
    }
  });

  it('serves sample data files only: not the generator, its README or other sources', async () => {
    for (const urlPath of ['/sample-data/activity.csv', '/sample-data/dtoc/dtoc-2014-04.csv', '/sample-data/examples/board.workbook.json']) {
      const reply = await get(urlPath);
      expect(reply.status, urlPath).toBe(200);
      expectSecurityHeaders(reply);
    }
    expect((await get('/sample-data/activity.csv')).body).toBe('month,activity\n2014-04,12\n');
    for (const urlPath of [
      '/sample-data/generator/main.ts',
      '/sample-data/generator/fixture.csv',
      '/sample-data/README.md',
      '/sample-data/',
      '/sample-data/index.html',
    ]) {
      const reply = await get(urlPath);
      expect(reply.status, urlPath).toBe(403);
      expectRefused(reply);
    }
  });

  it('refuses dotfiles and dot-folders anywhere', async () => {
    for (const urlPath of ['/.env', '/%2eenv', '/.hidden/app.js', '/assets/.cache.js', '/sample-data/.gitattributes']) {
      const reply = await get(urlPath);
      expect(reply.status, urlPath).toBe(403);
      expectRefused(reply);
    }
  });

  it('serves regular files only: a folder or a missing file is 404', async () => {
    for (const urlPath of ['/assets', '/assets/', '/missing.js', '/sample-data/dtoc/missing.csv']) {
      const reply = await get(urlPath);
      expect(reply.status, urlPath).toBe(404);
      expectSecurityHeaders(reply);
    }
  });

  it('applies the same name rules to the Electron app protocol (resolveMountedPath)', () => {
    const mounts = workbenchMounts(renderer, sample);
    expect(resolveMountedPath(mounts, '/assets/app.js')).toBe(path.join(renderer, 'assets', 'app.js'));
    expect(resolveMountedPath(mounts, '/sample-data/activity.csv')).toBe(path.join(sample, 'activity.csv'));
    for (const urlPath of ['/.env', '/sample-data/generator/main.ts', '/sample-data/README.md', '/sample-data/.gitattributes']) {
      expect(resolveMountedPath(mounts, urlPath), urlPath).toBeNull();
    }
    const csvOnly = onlyFiles(['.csv'], ['generator']);
    expect(csvOnly('a/B.CSV')).toBe(true);
    expect(csvOnly('Generator/b.csv')).toBe(false);
    expect(csvOnly('a.ts')).toBe(false);
  });
});

/** A port held by another listener for the duration of `use`. */
async function withTakenPort<T>(use: (port: number) => Promise<T>): Promise<T> {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  try {
    return await use((holder.address() as net.AddressInfo).port);
  } finally {
    await new Promise((resolve) => holder.close(resolve));
  }
}

/** Run `npm run web`'s entry point (without the build) with PORT set; its exit code and output. */
function runServe(port: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/web/serve.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: port },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`serve.ts did not exit within 10 s; stdout: ${stdout}`));
    }, 10_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('browser-mode server: starting up', () => {
  it('says in one line that the port is taken, and returns no server', async () => {
    await withTakenPort(async (port) => {
      const out: string[] = [];
      const err: string[] = [];
      const result = await runWebServer({
        port,
        mounts: workbenchMounts(renderer, sample),
        stdout: { write: (t) => out.push(t) },
        stderr: { write: (t) => err.push(t) },
      });
      expect(result).toBeNull();
      expect(out).toEqual([]);
      expect(err).toEqual([`Port ${port} is already in use on 127.0.0.1: stop the other program or choose another port with PORT=${port + 1} npm run web\n`]);
    });
  });

  it('npm run web exits non-zero with one line and no stack trace when the port is taken', async () => {
    await withTakenPort(async (port) => {
      const { code, stdout, stderr } = await runServe(String(port));
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toBe(`Port ${port} is already in use on 127.0.0.1: stop the other program or choose another port with PORT=${port + 1} npm run web\n`);
    });
  });

  it('npm run web exits non-zero with one line when PORT is not a port number', async () => {
    const { code, stderr } = await runServe('abc');
    expect(code).not.toBe(0);
    expect(stderr).toBe('PORT=abc is not a port number: choose one from 1024 to 65535, e.g. PORT=5200 npm run web\n');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
