import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileSource } from '../../src-shared/engine/engine';

/** A file on disk as a FileSource. Only ever opened for reading. */
export async function nodeFileSource(filePath: string): Promise<FileSource> {
  const absolute = path.resolve(filePath);
  let stat;
  try {
    stat = await fs.stat(absolute);
  } catch {
    throw new Error(`File not found: ${filePath}`);
  }
  if (!stat.isFile()) throw new Error(`Not a file: ${filePath}`);
  return {
    name: path.basename(absolute),
    size: stat.size,
    lastModified: stat.mtimeMs,
    path: absolute,
    async read(start: number, end: number): Promise<Uint8Array> {
      const length = Math.max(0, Math.min(end, stat.size) - start);
      const buffer = new Uint8Array(length);
      if (length === 0) return buffer;
      const handle = await fs.open(absolute, 'r');
      try {
        let offset = 0;
        while (offset < length) {
          const { bytesRead } = await handle.read(buffer, offset, length - offset, start + offset);
          if (bytesRead === 0) break;
          offset += bytesRead;
        }
        return offset === length ? buffer : buffer.subarray(0, offset);
      } finally {
        await handle.close();
      }
    },
  };
}
