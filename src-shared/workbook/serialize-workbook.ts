import type { Workbook } from './workbook-schema';

/**
 * Workbook JSON text, deterministic: the same workbook always gives the same
 * bytes, whatever order its keys were built in, so saved workbooks diff
 * cleanly in version control. Keys follow a fixed reading order (format and
 * version first, then ids and names, then content); keys not listed follow
 * alphabetically. Two-space indentation; short lists of plain values stay on
 * one line; `undefined` is left out; the text ends with a newline.
 */

const KEY_ORDER = [
  // top level, in reading order
  'format', 'version', 'title', 'description', 'sources', 'derived', 'charts', 'views', 'report', 'notes', 'snapshot',
  // identity first inside objects
  'id', 'kind', 'table', 'template', 'name', 'subtitle', 'text',
  // sources
  'files', 'path', 'fingerprint', 'size', 'modified', 'hash', 'algorithm', 'value', 'pattern', 'importOptions', 'columns', 'rows',
  // derived tables, charts, views, report items
  'sql', 'spec', 'source', 'type', 'stack', 'x', 'series', 'y', 'filters', 'sort', 'tables', 'mapping', 'params',
  'chart', 'view', 'width', 'commentary', 'items',
  // snapshot
  'created', 'storage', 'bytes', 'sha256', 'file', 'data',
];
const RANK = new Map(KEY_ORDER.map((k, i) => [k, i]));

function compareKeys(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const INLINE_WIDTH = 100;

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

function write(value: unknown, indent: string): string | undefined {
  const plain = scalar(value);
  if (plain !== undefined) return plain;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const parts = value.map((v) => write(v, inner) ?? 'null');
    const allScalar = value.every((v) => scalar(v) !== undefined);
    const oneLine = `[${parts.join(', ')}]`;
    if (allScalar && oneLine.length + indent.length <= INLINE_WIDTH) return oneLine;
    return `[\n${parts.map((p) => `${inner}${p}`).join(',\n')}\n${indent}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => compareKeys(a, b));
  if (entries.length === 0) return '{}';
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner) ?? 'null'}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** Any JSON-like value as deterministic, pretty JSON text (no trailing newline). */
export function stableJson(value: unknown): string {
  return write(value, '') ?? 'null';
}

/** The text of a `.workbook.json` file. */
export function serializeWorkbook(workbook: Workbook): string {
  return `${stableJson(workbook)}\n`;
}
