import type { NumberFormat } from '../format/number-format';
import type { JsonValue } from '../format/plain-json';
import type { FormatMarker } from './hydrate';

/**
 * ECharts options built here are plain JSON: no functions, no Dates, no
 * undefined. Typing them as JSON makes the compiler enforce that, so an option
 * can be saved in a workbook, sent over IPC or compared in a test as data.
 * Number formatting travels as format markers that `hydrateChartOption` turns
 * into functions just before rendering.
 */
export type JsonObject = { [key: string]: JsonValue };

/** A chart option as plain JSON. */
export type ChartOption = JsonObject;

/** A format marker (see hydrate.ts) as a JSON value. */
export function formatMarkerJson(
  format: NumberFormat,
  kind: FormatMarker['kind'],
  extra: { decimals?: number | undefined; dim?: string | number | undefined } = {},
): JsonObject {
  const marker: JsonObject = { $format: format, kind };
  if (extra.decimals !== undefined) marker.decimals = extra.decimals;
  if (extra.dim !== undefined) marker.dim = extra.dim;
  return marker;
}
