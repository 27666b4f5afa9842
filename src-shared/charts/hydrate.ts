import { formatAxisNumber, formatNumber, NUMBER_FORMATS, type NumberFormat } from '../format/number-format';

/**
 * Chart options are stored and passed around as plain JSON (workbooks, IPC,
 * the CLI). Number formatting needs functions, so options carry markers in
 * place of formatters, turned into functions just before ECharts renders:
 *
 *   axisLabel: { formatter: { $format: 'gbp_k', kind: 'axis' } }
 *   tooltip:   { valueFormatter: { $format: 'percent', kind: 'value' } }
 *   label:     { formatter: { $format: 'integer', kind: 'label', dim: 'value' } }
 */
export interface FormatMarker {
  $format: NumberFormat;
  kind: 'axis' | 'value' | 'label';
  decimals?: number;
  /** For labels: which dimension of the datum to format (name or index); the datum itself if omitted. */
  dim?: string | number;
}

export function formatMarker(format: NumberFormat, kind: FormatMarker['kind'], extra: Partial<Pick<FormatMarker, 'decimals' | 'dim'>> = {}): FormatMarker {
  return { $format: format, kind, ...extra };
}

function isMarker(value: unknown): value is FormatMarker {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FormatMarker).$format === 'string' &&
    (NUMBER_FORMATS as readonly string[]).includes((value as FormatMarker).$format)
  );
}

function datumValue(value: unknown, dim: string | number | undefined): number | null {
  let v: unknown = value;
  if (dim !== undefined && v !== null && typeof v === 'object') v = (v as Record<string | number, unknown>)[dim];
  else if (Array.isArray(v)) v = v[v.length - 1];
  return typeof v === 'number' ? v : v === null || v === undefined || v === '' ? null : Number(v);
}

function toFunction(marker: FormatMarker): (arg: unknown) => string {
  const opts = marker.decimals !== undefined ? { decimals: marker.decimals } : {};
  switch (marker.kind) {
    case 'axis':
      return (v) => (typeof v === 'number' ? formatAxisNumber(v, marker.$format) : String(v));
    case 'value':
      return (v) => formatNumber(datumValue(v, undefined), marker.$format, opts);
    case 'label':
      return (params) => formatNumber(datumValue((params as { value?: unknown }).value, marker.dim), marker.$format, opts);
  }
}

/** `{ $indexes: [0, 12, 24] }`: an axis `interval` showing only those category indexes (month-ticks.ts). */
function isIndexMarker(value: unknown): value is { $indexes: number[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { $indexes?: unknown }).$indexes);
}

/** A copy of `option` with every format marker replaced by a formatter function, and every index marker by an interval function. */
export function hydrateChartOption<T>(option: T): T {
  const walk = (node: unknown): unknown => {
    if (isMarker(node)) return toFunction(node);
    if (isIndexMarker(node)) {
      const shown = new Set(node.$indexes);
      return (index: number) => shown.has(index);
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = walk(v);
      return out;
    }
    return node;
  };
  return walk(option) as T;
}
