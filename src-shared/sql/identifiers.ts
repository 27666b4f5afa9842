import { stripDataExtension } from '../import/file-formats';

/**
 * SQL quoting helpers. Every identifier or literal that reaches DuckDB from user
 * input (file names, column names, filter values) goes through these.
 */

/** Quote an identifier for DuckDB: `my "col"` → `"my ""col"""`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a string literal: `O'Neil` → `'O''Neil'`. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL literal for a plain JS value (string, finite number, boolean, Date, null). */
export function sqlValue(value: string | number | boolean | Date | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot use ${value} in SQL`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return `DATE ${quoteLiteral(value.toISOString().slice(0, 10))}`;
  return quoteLiteral(value);
}

const RESERVED = new Set([
  'all',
  'and',
  'as',
  'by',
  'case',
  'select',
  'from',
  'where',
  'group',
  'order',
  'table',
  'limit',
  'offset',
  'join',
  'on',
  'union',
  'with',
  'not',
  'null',
  'or',
  'in',
  'is',
  'end',
  'else',
  'then',
  'when',
  'true',
  'false',
  'create',
  'drop',
  'insert',
  'update',
  'delete',
  'into',
  'values',
  'having',
  'distinct',
  'default',
  'check',
  'column',
]);

/**
 * A safe, readable table name derived from a file name:
 * `A&E 2016-17.csv` → `a_e_2016_17`, `activity.csv.gz` → `activity`,
 * `budget.xlsm` → `budget`. Only the registered data extensions (file-formats.ts)
 * are dropped: `notes.docx` → `notes_docx`.
 * The result is a plain identifier (letters, digits, underscore; not starting
 * with a digit; not a reserved word), so it can be typed unquoted in SQL.
 */
export function tableNameFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const stem = stripDataExtension(base);
  return safeIdentifier(stem);
}

/** Turn any text into a plain identifier as `tableNameFromFileName` describes. */
export function safeIdentifier(text: string): string {
  let id = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (id === '') id = 'data';
  if (/^[0-9]/.test(id)) id = `t_${id}`;
  if (RESERVED.has(id)) id = `${id}_`;
  return id.slice(0, 63);
}

/** Whether `name` is a plain identifier as produced by `safeIdentifier`. */
export function isSafeIdentifier(name: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(name) && !RESERVED.has(name);
}

/** Pick a name not already in `taken` by appending _2, _3, … */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const set = new Set([...taken].map((t) => t.toLowerCase()));
  if (!set.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!set.has(candidate.toLowerCase())) return candidate;
  }
}
