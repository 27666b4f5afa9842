import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape the README's Architecture section promises, checked on the
 * source (ESLint checks the import boundaries; these are the rules it cannot
 * express): state lives in stores, the renderer's state folder only binds the
 * session to React, and the session is the one implementation of workbook work.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

function files(dir: string, pattern = /\.(ts|tsx|cjs)$/): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return files(rel, pattern);
    return pattern.test(name) ? [rel] : [];
  });
}

const text = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

describe('architecture', () => {
  it('keeps no module-level mutable state in src-shared or src-renderer: state lives in stores', () => {
    const offenders = [...files('src-shared'), ...files('src-renderer')].flatMap((rel) =>
      text(rel)
        .split('\n')
        .flatMap((line, i) => (/^(export\s+)?(let|var)\s/.test(line) ? [`${rel}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('holds only bindings in src-renderer/state: no SQL, no engine calls, no workbook logic', () => {
    const state = files('src-renderer/state');
    expect(state.sort()).toEqual(['src-renderer/state/autosave.ts', 'src-renderer/state/store.ts']);
    for (const rel of state) {
      const source = text(rel);
      expect(source, rel).not.toMatch(/\b(SELECT|CREATE|DROP|INSERT)\s/);
      expect(source, rel).not.toMatch(/\.(query|exec)\(/);
      expect(source, rel).not.toMatch(/src-shared\/(workbook|import|charts|analysis|sql)\//);
    }
  });

  it('has one implementation of opening and computing a workbook: the session', () => {
    const callers = [...files('src-shared'), ...files('src-main'), ...files('src-renderer')].filter((rel) =>
      /loadWorkbookSources\(|createTableFromUserSql\(/.test(text(rel)),
    );
    expect(callers.sort()).toEqual(['src-shared/engine/sql-gate.ts', 'src-shared/session/slices/workbook-open.ts', 'src-shared/workbook/load-sources.ts']);
  });
});
