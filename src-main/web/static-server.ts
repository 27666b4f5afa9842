import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { SECURITY_HEADERS, mimeTypeFor } from '../../src-shared/security/content-policy';
import { openMountedFile, type Mount, type OpenedMountedFile } from '../mounted-path';

export type { Mount };

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The loopback addresses browser mode may listen on: never a network interface. */
export type LoopbackHost = '127.0.0.1' | '::1';

type OpenedFile = Extract<OpenedMountedFile, { kind: 'file' }>;

/**
 * The Host headers this server answers: its own address or `localhost`, with
 * the port it listens on. Anything else (another name, another port, none)
 * is a DNS-rebinding attempt or a mistake, and is refused before any file is read.
 */
export function allowedHosts(host: LoopbackHost, port: number): string[] {
  const address = host === '::1' ? '[::1]' : host;
  return [`${address}:${port}`, `localhost:${port}`];
}

function sendText(res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...extra, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The path of an origin-form request target (`/a/b?q`), undecoded; null for any other form. */
function requestPath(target: string | undefined): string | null {
  if (!target?.startsWith('/')) return null;
  return target.split(/[?#]/, 1)[0] ?? null;
}

/**
 * How long the browser may keep a file: the build's fingerprinted assets (`assets/duckdb-eh-1a2b3c.wasm`)
 * for good — a new build has new names — so Chromium keeps DuckDB-Wasm's compiled code between visits
 * (V8 caches compiled WebAssembly only for responses it may cache); everything else (the page, sample
 * data) is checked every time.
 */
export function cacheControlFor(urlPath: string): string {
  return /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.(?:js|css|wasm)$/.test(urlPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: OpenedFile, urlPath: string): Promise<void> {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(file.path),
    'Content-Length': file.size,
    'Cache-Control': cacheControlFor(urlPath),
  });
  if (req.method === 'HEAD' || file.size === 0) {
    await file.handle.close();
    res.end();
    return;
  }
  // Served from the handle that was checked, never reopened by path; the stream closes it.
  await pipeline(file.handle.createReadStream({ start: 0, end: file.size - 1 }), res);
}

async function handleRequest(req: http.IncomingMessage, res: http.ServerResponse, mounts: readonly Mount[], hosts: readonly string[]): Promise<void> {
  if (!hosts.includes(req.headers.host ?? '')) return sendText(res, 421, 'Misdirected request');
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const urlPath = requestPath(req.url);
  if (urlPath === null) return sendText(res, 400, 'Bad request');
  const opened = await openMountedFile(mounts, urlPath);
  if (opened.kind === 'forbidden') return sendText(res, 403, 'Forbidden');
  if (opened.kind === 'missing') return sendText(res, 404, 'Not found');
  await sendFile(req, res, opened, urlPath);
}

/**
 * Browser mode: serve the built renderer (and the sample data) to the local
 * machine only, with the same security headers as the Electron app protocol.
 * Listens on a loopback address; answers only requests addressed to it by
 * Host; refuses anything but GET/HEAD, paths outside its folders, dotfiles,
 * files a mount's filter excludes, symlinks and anything but regular files.
 */
export function startWebServer(mounts: Mount[], port = 0, host: LoopbackHost = '127.0.0.1'): Promise<WebServer> {
  let hosts: string[] = [];
  // requireHostHeader off so that a request without Host reaches the Host check (and gets the security headers).
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    handleRequest(req, res, mounts, hosts).catch(() => {
      if (res.headersSent) res.destroy();
      else sendText(res, 500, 'Internal error');
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const actualPort = (server.address() as AddressInfo).port;
      hosts = allowedHosts(host, actualPort);
      resolvePromise({
        url: `http://${hosts[0]}/`,
        port: actualPort,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

/** Why the server could not listen, in one line a user can act on (no stack trace). */
export function listenErrorMessage(error: unknown, port: number, host: LoopbackHost = '127.0.0.1'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const other = port >= 1024 && port < 65535 ? port + 1 : 5200;
  if (code === 'EADDRINUSE') return `Port ${port} is already in use on ${host}: stop the other program or choose another port with PORT=${other} npm run web`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port} of ${host}: choose a port from 1024 to 65535 with PORT=${other} npm run web`;
  if (code === 'ERR_SOCKET_BAD_PORT') return `Port ${port} is not a valid port: choose one from 1024 to 65535 with PORT=5200 npm run web`;
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not listen on ${host}:${port}: ${reason.replace(/\s+/g, ' ').trim()}`;
}

export interface RunWebServerOptions {
  port: number;
  mounts: Mount[];
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * `npm run web`: start browser mode and print where it is, or print one line
 * saying why it could not start and resolve to null (the caller exits non-zero).
 */
export async function runWebServer({ port, mounts, stdout, stderr }: RunWebServerOptions): Promise<WebServer | null> {
  try {
    const server = await startWebServer(mounts, port);
    stdout.write(`Commissioning Workbench (browser mode) at ${server.url}\nServing on 127.0.0.1 only; press Ctrl+C to stop.\n`);
    return server;
  } catch (error) {
    stderr.write(`${listenErrorMessage(error, port)}\n`);
    return null;
  }
}
