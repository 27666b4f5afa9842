import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs|html|css|json)$/.test(name) ? [full] : [];
  });
}

describe('no remote content', () => {
  it('has no remote URL anywhere in shipped source (src-*), so nothing can be fetched from one', () => {
    const offenders: string[] = [];
    for (const dir of ['src-shared', 'src-main', 'src-renderer']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const lines = readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
          for (const m of line.matchAll(/\b(?:https?|wss?|ftp):\/\/([^\s'"`)<>]+)/g)) {
            const host = m[1]!.split('/')[0]!;
            if (['localhost', '127.0.0.1', 'www.w3.org'].some((h) => host.startsWith(h))) continue;
            // The browser-mode server prints its own address (it only listens on 127.0.0.1).
            if (file.endsWith(path.join('src-main', 'web', 'static-server.ts')) && host.startsWith('${host}')) continue;
            offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${m[0]}`);
          }
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
