import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS, mimeTypeFor } from '../../src-shared/security/content-policy';
import { resolveMountedPath, type Mount } from '../mounted-path';

export type { Mount };

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Browser mode: serve the built renderer (and the sample data) to the local
 * machine only, with the same security headers as the Electron app protocol.
 * Listens on 127.0.0.1; refuses anything but GET/HEAD and paths outside its folders.
 */
export function startWebServer(mounts: Mount[], port = 0, host = '127.0.0.1'): Promise<WebServer> {
  const server = http.createServer(async (req, res) => {
    const headers = { ...SECURITY_HEADERS };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end('Method not allowed');
      return;
    }
    const urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = resolveMountedPath(mounts, urlPath);
    if (!file) {
      res.writeHead(403, headers).end('Forbidden');
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': mimeTypeFor(file), 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end('Not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolvePromise({
        url: `http://${host}:${address.port}/`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
