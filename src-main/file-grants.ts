import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OpenedFile } from '../src-shared/ipc/channels';

/**
 * Files the user has chosen (in a dialog, or from Open Recent) are granted to
 * the renderer under an unguessable token; the renderer can read only granted
 * files, only by token, and never write to them.
 */
export class FileGrants {
  private readonly grants = new Map<string, string>();

  /** `onGrant` hears every path granted (main passes it on to the engine process, which reads files by path). */
  constructor(private readonly onGrant: (absolutePath: string) => void = () => undefined) {}

  async grant(filePath: string): Promise<OpenedFile> {
    const absolute = path.resolve(filePath);
    const stat = await fs.stat(absolute);
    if (!stat.isFile()) throw new Error(`Not a file: ${absolute}`);
    const token = randomBytes(16).toString('hex');
    this.grants.set(token, absolute);
    this.onGrant(absolute);
    return { token, name: path.basename(absolute), path: absolute, size: stat.size, lastModified: stat.mtimeMs };
  }

  pathFor(token: string): string {
    const granted = this.grants.get(token);
    if (!granted) throw new Error('That file has not been opened in this session');
    return granted;
  }

  async read(token: string, offset: number, length: number): Promise<Uint8Array<ArrayBuffer>> {
    const handle = await fs.open(this.pathFor(token), 'r');
    try {
      const buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === length ? buffer : buffer.slice(0, done);
    } finally {
      await handle.close();
    }
  }

  revokeAll(): void {
    this.grants.clear();
  }
}
