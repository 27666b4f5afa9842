// The lockfile must satisfy `npm ci`: every dependency and optional dependency
// of every locked package resolves to a locked entry, as npm resolves it (the
// package's own node_modules, then each parent's, up to the root). npm ci
// refuses an out-of-sync lockfile before installing anything, so a missing
// entry (e.g. a platform binary the local registry does not serve) fails CI
// in its first second.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
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

describe('the Node version', () => {
  /** Electron's runtime download and installer tooling: used by `npm start`'s first launch and `npm run package` only. */
  const ELECTRON_TOOLING = ['electron', '@electron/get', '@electron/rebuild', '@electron-internal/extract-zip', 'node-abi'];

  it('README, package.json engines and every locked package agree on the minimum, but for Electron’s download and packaging tools', () => {
    const engines = (manifest as { engines?: { node?: string } }).engines?.node;
    expect(engines).toBe('>=20.19');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('Node.js 20.19+');
    const minimum = semver.minVersion(engines!)!.version;
    const stricter = Object.entries(lock.packages as Record<string, LockedPackage & { engines?: { node?: string } }>)
      .filter(([key, p]) => key !== '' && p.engines?.node !== undefined && !semver.satisfies(minimum, p.engines.node))
      .map(([key]) => key.replace(/^.*node_modules\//, ''));
    expect([...new Set(stricter)].sort()).toEqual([...ELECTRON_TOOLING].sort());
    // The README says which tools ask for more, and for what.
    expect(readme).toMatch(/installer tooling asks for Node 22\.12\+/);
  });
});
