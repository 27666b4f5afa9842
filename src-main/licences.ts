import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface LicenceEntry {
  name: string;
  version: string;
  license: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  dependencies?: Record<string, string>;
}

async function readJson(file: string): Promise<PackageJson | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

/** The app's own licence and those of the libraries it ships (its runtime dependencies). */
export async function collectLicences(appRoot: string): Promise<{ app: LicenceEntry; libraries: LicenceEntry[] }> {
  const own = (await readJson(path.join(appRoot, 'package.json'))) ?? {};
  const licenceOf = (p: PackageJson) => (typeof p.license === 'string' ? p.license : (p.license?.type ?? 'see package'));
  const libraries: LicenceEntry[] = [];
  for (const dep of Object.keys(own.dependencies ?? {}).sort()) {
    const pkg = await readJson(path.join(appRoot, 'node_modules', dep, 'package.json'));
    libraries.push({ name: dep, version: pkg?.version ?? own.dependencies?.[dep] ?? '?', license: pkg ? licenceOf(pkg) : 'unknown' });
  }
  return { app: { name: own.name ?? 'app', version: own.version ?? '0.0.0', license: licenceOf(own) }, libraries };
}
