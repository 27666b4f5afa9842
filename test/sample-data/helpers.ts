/**
 * Helpers for the sample-data tests. Files are parsed with papaparse,
 * @e965/xlsx and hyparquet directly (never with the app's importer).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SAMPLE_DIR = join(REPO_ROOT, 'sample-data');
export const GENERATOR_MAIN = join(SAMPLE_DIR, 'generator', 'main.ts');
export const TSX_CLI = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export const HOME = '11X';

/** Every generated file under sample-data/ (relative paths, sorted), i.e. all but the generator, README and the example chart specs. */
export function generatedFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const rel = relative(dir, full).split('\\').join('/');
      if (rel === 'generator' || rel === 'examples' || rel === 'README.md' || rel.endsWith('.workbook.json') || rel === '.gitattributes') continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

export function readText(relPath: string, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): string {
  return new TextDecoder(encoding).decode(readFileSync(join(SAMPLE_DIR, relPath)));
}

/** Parse CSV text into arrays of strings (no type guessing). */
export function parseRows(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows = result.data;
  // papaparse yields [''] for the empty line after a final newline.
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '') rows.pop();
  return rows;
}

/** Parse a clean CSV (header on line 1) into objects keyed by column name. */
export function readCsvObjects(relPath: string): { header: string[]; rows: Record<string, string>[] } {
  const rows = parseRows(readText(relPath));
  const header = rows[0] ?? [];
  return {
    header,
    rows: rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))),
  };
}

export function num(text: string | undefined): number {
  if (text === undefined || text.trim() === '') throw new Error('empty number');
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${text}`);
  return n;
}

/** `£1,234,567` → 1234567, `(£1,234,567)` → -1234567. */
export function parseBracketedPounds(text: string): number {
  const m = /^(\()?£(\d{1,3}(?:,\d{3})*)(\))?$/.exec(text);
  if (!m || Boolean(m[1]) !== Boolean(m[3])) throw new Error(`bad money: ${text}`);
  const value = Number((m[2] ?? '').replace(/,/g, ''));
  return m[1] ? -value : value;
}

export function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

export function groupSum<T>(items: readonly T[], key: (t: T) => string, value: (t: T) => number): Map<string, number> {
  const m = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    m.set(k, (m.get(k) ?? 0) + value(item));
  }
  return m;
}

export const MONTHS_UPPER = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];
export const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Months from (y, m) to (y2, m2) inclusive as [year, month] pairs. */
export function monthList(y: number, m: number, y2: number, m2: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let yy = y;
  let mm = m;
  while (yy < y2 || (yy === y2 && mm <= m2)) {
    out.push([yy, mm]);
    mm++;
    if (mm === 13) {
      mm = 1;
      yy++;
    }
  }
  return out;
}

export function fyStartOf(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

export function fySlash(start: number): string {
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * DOMAIN.md's RightCare-style peer group: cap at mean + 5 SD, square root,
 * z-score, equal-weight Euclidean distance, closest n. Independent of the
 * generator's implementation.
 */
export function peersOf(target: string, rows: Record<string, string>[], vars: string[], n = 10): string[] {
  const codes = rows.map((r) => r.ccg_code ?? '');
  const z = vars.map((v) => {
    const raw = rows.map((r) => num(r[v]));
    const mean = sum(raw) / raw.length;
    const sd = Math.sqrt(sum(raw.map((x) => (x - mean) ** 2)) / raw.length);
    const t = raw.map((x) => Math.sqrt(Math.min(x, mean + 5 * sd)));
    const m2 = sum(t) / t.length;
    const s2 = Math.sqrt(sum(t.map((x) => (x - m2) ** 2)) / t.length);
    return t.map((x) => (x - m2) / s2);
  });
  const ti = codes.indexOf(target);
  return codes
    .map((code, i) => ({ code, d: sum(z.map((col) => ((col[i] ?? 0) - (col[ti] ?? 0)) ** 2)) }))
    .filter((x) => x.code !== target)
    .sort((a, b) => a.d - b.d)
    .slice(0, n)
    .map((x) => x.code);
}
