import type { Workbook } from './workbook-schema';

/**
 * Workbook JSON text, deterministic: the same workbook always gives the same
 * bytes, whatever order its keys were built in, so saved workbooks diff
 * cleanly in version control. Keys follow a fixed reading order per kind of
 * object (format and version first; ids and names before content); keys not
 * listed, and the keys of maps such as a view's mapping, follow alphabetically. Two-space indentation; short lists and objects of plain
 * values stay on one line; `undefined` is left out; the text ends with a newline.
 */

/** Key order of objects by the key they sit under (array items: the array's key); `''` is the top level. */
const ORDERS: Record<string, readonly string[]> = {
  '': ['format', 'version', 'title', 'description', 'sources', 'derived', 'fields', 'charts', 'views', 'report', 'notes', 'snapshot'],
  sources: ['table', 'title', 'files', 'pattern', 'importOptions', 'columns', 'rows'],
  files: ['path', 'fingerprint'],
  fingerprint: ['size', 'modified', 'hash'],
  hash: ['algorithm', 'value'],
  columns: ['name', 'type'],
  derived: ['table', 'title', 'sql'],
  fields: ['table', 'column', 'label', 'expr', 'hidden', 'values'],
  charts: ['id', 'title', 'spec'],
  views: ['id', 'title', 'spec'],
  spec: ['version', 'template', 'source', 'tables', 'type', 'stack', 'x', 'series', 'y', 'mapping', 'params', 'filters', 'sort', 'format'],
  source: ['table', 'path', 'sheet'],
  x: ['field', 'grain', 'label', 'valueLabels'],
  series: ['field', 'grain', 'label', 'valueLabels'],
  pivot: ['rows', 'subtotals', 'totals', 'colour'],
  rows: ['field', 'grain', 'label', 'valueLabels'],
  y: ['id', 'field', 'aggregate', 'label', 'format', 'decimals', 'axis', 'mark', 'count'],
  filters: ['kind', 'dimension', 'field', 'grain', 'values', 'min', 'max', 'from', 'to', 'n', 'by', 'order', 'other', 'otherLabel'],
  sort: ['by', 'measure', 'direction'],
  format: [
    'title',
    'subtitle',
    'xAxisTitle',
    'yAxisTitle',
    'y2AxisTitle',
    'sourceNote',
    'footnote',
    'legend',
    'dataLabels',
    'palette',
    'highlight',
    'referenceLines',
    'width',
    'height',
  ],
  referenceLines: ['type', 'value', 'label', 'measure', 'style'],
  report: ['columns', 'marking', 'organisation', 'disclosure', 'items'],
  items: ['id', 'kind', 'chart', 'view', 'table', 'width', 'title', 'text', 'commentary'],
  snapshot: ['created', 'storage', 'tables'],
  tables: ['table', 'rows', 'bytes', 'sha256', 'file', 'data'],
};
const RANKS = new Map(Object.entries(ORDERS).map(([parent, keys]) => [parent, new Map(keys.map((k, i) => [k, i]))]));

function keyComparer(parent: string): (a: string, b: string) => number {
  const rank = RANKS.get(parent);
  return (a, b) => {
    const ra = rank?.get(a);
    const rb = rank?.get(b);
    if (ra !== undefined && rb !== undefined) return ra - rb;
    if (ra !== undefined) return -1;
    if (rb !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

const INLINE_WIDTH = 100;

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

function write(value: unknown, indent: string, parent: string): string | undefined {
  const plain = scalar(value);
  if (plain !== undefined) return plain;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const parts = value.map((v) => write(v, inner, parent) ?? 'null');
    const allScalar = value.every((v) => scalar(v) !== undefined);
    const oneLine = `[${parts.join(', ')}]`;
    if (allScalar && oneLine.length + indent.length <= INLINE_WIDTH) return oneLine;
    return `[\n${parts.map((p) => `${inner}${p}`).join(',\n')}\n${indent}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const compare = keyComparer(parent);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => compare(a, b));
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => scalar(v) !== undefined)) {
    const oneLine = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${scalar(v)!}`).join(', ')} }`;
    if (oneLine.length + indent.length <= INLINE_WIDTH) return oneLine;
  }
  const lines = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner, k) ?? 'null'}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** Any JSON-like value as deterministic, pretty JSON text (no trailing newline). */
export function stableJson(value: unknown): string {
  return write(value, '', '') ?? 'null';
}

/** The text of a `.workbook.json` file. */
export function serializeWorkbook(workbook: Workbook): string {
  return `${stableJson(workbook)}\n`;
}
