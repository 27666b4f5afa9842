// The lockfile must satisfy `npm ci`: every dependency and optional dependency
// of every locked package resolves to a locked entry, as npm resolves it (the
// package's own node_modules, then each parent's, up to the root). npm ci
// refuses an out-of-sync lockfile before installing anything, so a missing
// entry (e.g. a platform binary the local registry does not serve) fails CI
// in its first second.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  link?: boolean;
}

const root = join(__dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockedPackage> };
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as LockedPackage;

function resolves(fromPath: string, name: string): boolean {
  let base = fromPath;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate]) return true;
    if (base === '') return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

function unresolved(): string[] {
  const missing: string[] = [];
  for (const [path, pkg] of Object.entries(lock.packages)) {
    if (pkg.link) continue;
    const deps = { ...pkg.dependencies, ...pkg.optionalDependencies, ...(path === '' ? pkg.devDependencies : {}) };
    for (const name of Object.keys(deps)) if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
  }
  return missing;
}

describe('package-lock.json', () => {
  it('is a version 3 lockfile whose root matches package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    const lockedRoot = lock.packages[''];
    expect(lockedRoot?.dependencies).toEqual(manifest.dependencies);
    expect(lockedRoot?.devDependencies).toEqual(manifest.devDependencies);
  });

  it('locks every dependency and optional dependency of every locked package (npm ci refuses otherwise)', () => {
    expect(unresolved()).toEqual([]);
  });

  it('locks the native DuckDB binding of every platform the app is packaged for', () => {
    for (const platform of ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64']) {
      expect(lock.packages[`node_modules/@duckdb/node-bindings-${platform}`]?.version, platform).toBe(manifest.dependencies?.['@duckdb/node-api']);
    }
  });
});
