import { promises as fs } from 'node:fs';
import path from 'node:path';
import { atomicWriteFile } from './atomic-write';

/** A file in the Open Recent menu. */
export interface RecentFile {
  path: string;
  name: string;
}

export const MAX_RECENT = 10;

/** The Open Recent list, kept as JSON in the user's settings folder. */
export class RecentFiles {
  private entries: RecentFile[] | null = null;

  constructor(private readonly storePath: string) {}

  async list(): Promise<RecentFile[]> {
    if (this.entries) return this.entries.slice();
    try {
      const parsed = JSON.parse(await fs.readFile(this.storePath, 'utf8')) as unknown;
      this.entries = Array.isArray(parsed)
        ? (parsed as unknown[])
            .filter(
              (e): e is RecentFile =>
                typeof (e as Partial<RecentFile> | null)?.path === 'string' && typeof (e as Partial<RecentFile> | null)?.name === 'string',
            )
            .slice(0, MAX_RECENT)
        : [];
    } catch {
      this.entries = [];
    }
    return this.entries.slice();
  }

  async add(filePath: string): Promise<RecentFile[]> {
    const absolute = path.resolve(filePath);
    const current = (await this.list()).filter((e) => e.path !== absolute);
    this.entries = [{ path: absolute, name: path.basename(absolute) }, ...current].slice(0, MAX_RECENT);
    await atomicWriteFile(this.storePath, JSON.stringify(this.entries, null, 2));
    return this.entries.slice();
  }

  async includes(filePath: string): Promise<boolean> {
    const absolute = path.resolve(filePath);
    return (await this.list()).some((e) => e.path === absolute);
  }

  async clear(): Promise<void> {
    this.entries = [];
    await atomicWriteFile(this.storePath, '[]');
  }
}
