/**
 * File paths of workbook sources, as pure string logic (no node:path, so the
 * renderer can use it too), for POSIX (`/data/ae.csv`) and Windows
 * (`C:\data\ae.csv`, `\\server\share\ae.csv`) paths alike.
 *
 * A workbook stores each source path relative to the workbook file when both
 * are on the same drive (`../activity.csv`, always written with `/`), else
 * absolute. Relative paths are read with `/` or `\` as separators.
 *
 * Name patterns find newer extracts of the same series: the pattern of
 * `dtoc-sitrep-2016-10-OCTOBER.csv` is `dtoc-sitrep-*.csv`, and the newest
 * matching file (by modified time) is the one to pick up.
 */

import { DATA_EXTENSION_PATTERN } from '../import/file-formats';

export type PathStyle = 'posix' | 'windows';

interface ParsedPath {
  style: PathStyle;
  /** `/`, `C:\`, `\\server\share\`, or empty for a relative path. */
  root: string;
  segments: string[];
}

const DRIVE = /^([A-Za-z]):[\\/]/;
const UNC = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)(?:[\\/]+|$)/;

/** Windows when the path starts with a drive or a UNC share, or uses `\` and no `/`. */
export function pathStyle(p: string): PathStyle {
  if (DRIVE.test(p) || /^\\\\/.test(p)) return 'windows';
  if (p.includes('\\') && !p.includes('/')) return 'windows';
  return 'posix';
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || DRIVE.test(p) || /^\\\\/.test(p);
}

function split(rest: string): string[] {
  return rest.split(/[\\/]+/).filter((s) => s !== '');
}

function parse(p: string): ParsedPath {
  const drive = DRIVE.exec(p);
  if (drive) return { style: 'windows', root: `${drive[1]!.toUpperCase()}:\\`, segments: split(p.slice(3)) };
  const unc = /^\\\\/.test(p) ? UNC.exec(p) : null;
  if (unc) return { style: 'windows', root: `\\\\${unc[1]!}\\${unc[2]!}\\`, segments: split(p.slice(unc[0].length)) };
  if (p.startsWith('/')) return { style: 'posix', root: '/', segments: split(p) };
  return { style: pathStyle(p), root: '', segments: split(p) };
}

function collapse(segments: string[], absolute: boolean): string[] {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '.') continue;
    if (s === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
      continue;
    }
    out.push(s);
  }
  return out;
}

function format(parsed: ParsedPath): string {
  const sep = parsed.style === 'windows' ? '\\' : '/';
  const body = parsed.segments.join(sep);
  if (parsed.root) return `${parsed.root}${body}`;
  return body === '' ? '.' : body;
}

/** `.` and `..` resolved, repeated separators removed; Windows paths use `\`. */
export function normalisePath(p: string): string {
  const parsed = parse(p);
  return format({ ...parsed, segments: collapse(parsed.segments, parsed.root !== '') });
}

/** The folder holding `p` (`/data/ae.csv` → `/data`). */
export function dirnameOf(p: string): string {
  const parsed = parse(p);
  const segments = collapse(parsed.segments, parsed.root !== '');
  if (segments.length === 0) return parsed.root || '.';
  return format({ ...parsed, segments: segments.slice(0, -1) });
}

/** The last part of a path (`C:\data\ae.csv` → `ae.csv`). */
export function basenameOf(p: string): string {
  const segments = split(p);
  return segments[segments.length - 1] ?? '';
}

/** `relative` (with `/` or `\`) resolved against the folder `base`; an absolute `relative` is returned normalised. */
export function joinPath(base: string, relative: string): string {
  if (isAbsolutePath(relative)) return normalisePath(relative);
  const b = parse(base);
  return format({ ...b, segments: collapse([...b.segments, ...split(relative)], b.root !== '') });
}

function sameSegment(a: string, b: string, style: PathStyle): boolean {
  return style === 'windows' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * The path of `target` relative to the folder `fromDir`, written with `/`
 * (`../activity.csv`); null when there is none (different drives or shares,
 * or one path is not absolute).
 */
export function relativePath(fromDir: string, target: string): string | null {
  if (!isAbsolutePath(fromDir) || !isAbsolutePath(target)) return null;
  const from = parse(fromDir);
  const to = parse(target);
  if (from.style !== to.style || !sameSegment(from.root, to.root, from.style)) return null;
  const a = collapse(from.segments, true);
  const b = collapse(to.segments, true);
  let common = 0;
  while (common < a.length && common < b.length && sameSegment(a[common]!, b[common]!, from.style)) common++;
  const parts = [...a.slice(common).map(() => '..'), ...b.slice(common)];
  return parts.length === 0 ? '.' : parts.join('/');
}

/** The absolute path of a source path stored in the workbook `workbookFile` (absolute itself). */
export function resolveSourcePath(workbookFile: string, stored: string): string {
  return joinPath(dirnameOf(workbookFile), stored);
}

/** How to store `absolute` in the workbook `workbookFile`: relative when possible, else absolute. */
export function storedSourcePath(workbookFile: string, absolute: string): string {
  if (!isAbsolutePath(absolute)) return absolute.replaceAll('\\', '/');
  return relativePath(dirnameOf(workbookFile), absolute) ?? normalisePath(absolute);
}

/** Re-express a stored path for the workbook saved elsewhere (Save As): relative to `toFile` instead of `fromFile`. */
export function rebaseSourcePath(fromFile: string, toFile: string, stored: string): string {
  return storedSourcePath(toFile, resolveSourcePath(fromFile, stored));
}

// ---- name patterns ----

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function isVariable(token: string): boolean {
  const t = token.toLowerCase();
  if (/\d/.test(t)) return true;
  return t === 'sept' || MONTHS.some((m) => t === m || t === m.slice(0, 3));
}

/**
 * The pattern of an extract series from one file's name: the name up to its
 * first part that looks like a date or period (digits, a month name), then
 * `*`, then the extension. `dtoc-sitrep-2016-10-OCTOBER.csv` →
 * `dtoc-sitrep-*.csv`; `A&E 2016-17.xlsx` → `A&E *.xlsx`. Null when the name
 * has no such part (`activity.csv`) or starts with one (too broad).
 */
export function derivePattern(fileName: string): string | null {
  const name = basenameOf(fileName);
  const ext = DATA_EXTENSION_PATTERN.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - ext.length);
  const tokens = stem.split(/([-_ .]+)/);
  let prefix = '';
  for (const token of tokens) {
    if (/^[-_ .]+$/.test(token) || token === '') {
      prefix += token;
      continue;
    }
    if (isVariable(token)) return prefix.replace(/^[-_ .]+$/, '') === '' ? null : `${prefix}*${ext}`;
    prefix += token;
  }
  return null;
}

function globRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Whether a file name matches a pattern (`*` any text, `?` one character; case ignored). */
export function matchesPattern(fileName: string, pattern: string): boolean {
  return globRegExp(pattern).test(basenameOf(fileName));
}

export interface FileCandidate {
  /** File name or path. */
  name: string;
  /** Last modified, ms since the epoch. */
  modified: number;
}

/** The newest file matching `pattern` (latest modified time; ties go to the name that sorts last). */
export function newestMatching<T extends FileCandidate>(candidates: readonly T[], pattern: string): T | undefined {
  const re = globRegExp(pattern);
  let best: T | undefined;
  for (const c of candidates) {
    if (!re.test(basenameOf(c.name))) continue;
    if (!best || c.modified > best.modified || (c.modified === best.modified && basenameOf(c.name) > basenameOf(best.name))) best = c;
  }
  return best;
}
