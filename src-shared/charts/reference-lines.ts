import { formatNumber, type NumberFormat } from '../format/number-format';
import type { ReferenceLine } from './chart-spec';
import { CHART_FONT_FAMILY, FONT_SIZES } from './chart-theme';
import type { JsonObject } from './option-json';
import { REFERENCE_COLOURS } from './palette';

/**
 * Reference lines (targets, averages, medians) are ECharts markLines with
 * their value worked out here, so the option says exactly where each line is
 * and the label carries the formatted value (`Average: 392.8`).
 */

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The line's value: fixed, or the mean/median of `plotted` (blanks ignored). */
export function referenceLineValue(line: ReferenceLine, plotted: readonly (number | null)[]): number | null {
  if (line.type === 'value') return line.value;
  const values = plotted.filter((v): v is number => v !== null && Number.isFinite(v));
  return line.type === 'average' ? mean(values) : median(values);
}

const DEFAULT_NAMES: Record<ReferenceLine['style'], string> = { target: 'Target', average: 'Average', benchmark: 'Benchmark' };
const LINE_TYPES: Record<ReferenceLine['style'], string> = { target: 'solid', average: 'dashed', benchmark: 'dotted' };

/** `Average: 392.8` — the line's label (or its type's name) and its formatted value. */
export function referenceLineName(line: ReferenceLine, value: number, format: NumberFormat, decimals?: number): string {
  const name = line.label ?? (line.type === 'value' ? DEFAULT_NAMES[line.style] : line.type === 'average' ? 'Average' : 'Median');
  return `${name}: ${formatNumber(value, format, decimals === undefined ? {} : { decimals })}`;
}

/**
 * One markLine data item: a horizontal line at `value` (`axis: 'y'`) or a
 * vertical one (`axis: 'x'`). A vertical line's label sits at its top: the
 * line's `end`, or its `start` when the category axis runs top-down (horizontal bars).
 */
export function markLineItem(line: ReferenceLine, value: number, axis: 'x' | 'y', name: string, labelAtStart = false): JsonObject {
  const colour = REFERENCE_COLOURS[line.style];
  return {
    name,
    [axis === 'y' ? 'yAxis' : 'xAxis']: value,
    lineStyle: { color: colour, type: LINE_TYPES[line.style], width: 2 },
    label: {
      show: true,
      formatter: '{b}',
      position: axis === 'y' ? 'insideEndTop' : labelAtStart ? 'start' : 'end',
      color: colour,
      fontFamily: CHART_FONT_FAMILY,
      fontSize: FONT_SIZES.dataLabel,
      fontWeight: 'bold',
    },
  };
}

/** A series' markLine holding the given items. */
export function markLine(items: JsonObject[]): JsonObject {
  return { silent: true, symbol: ['none', 'none'], animation: false, data: items };
}
