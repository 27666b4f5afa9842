import { formatMarker } from '../../charts/hydrate';
import { indexInterval, monthTickIndexes } from '../../charts/month-ticks';

/** Plot width the view charts' axes are planned for: a 960-pixel slide less the axes' margins. */
const VIEW_PLOT_WIDTH = 840;
import { NHS_COLOURS, NHS_PALETTE, REFERENCE_COLOURS } from '../../charts/palette';
import type { NumberFormat } from '../../format/number-format';
import { monthText } from '../../charts/time-grain';

/**
 * Building blocks for the views' ECharts options: plain JSON (no functions),
 * NHS colours, and format markers that `hydrateChartOption` turns into
 * formatters just before rendering.
 */

/**
 * The NHS palette, extended with NHS identity's secondary colours for views
 * with more categories than the core nine (DTOC's ten reasons for delay).
 */
export const EXTENDED_PALETTE: readonly string[] = [...NHS_PALETTE, '#330072', '#ED8B00', '#006747', '#AE2573', '#78BE20'];

export type Option = Record<string, unknown>;

export function baseOption(title: string, colours: readonly string[] = NHS_PALETTE): Option {
  return {
    color: [...colours],
    title: { text: title, left: 0, textStyle: { fontSize: 14, fontWeight: 'bold', color: NHS_COLOURS.darkGrey } },
    aria: { enabled: true },
    legend: { type: 'scroll', bottom: 0 },
    // Room above the plot for the title and, below it, the axis names.
    grid: { left: 8, right: 24, top: 72, bottom: 40, containLabel: true },
  };
}

/** A category axis; monthly labels (`2016-04`) are shown on financial-year boundaries (month-ticks.ts). */
export function categoryAxis(raw: string[], extra: Option = {}): Option {
  // Months read as the chart builder writes them (`Apr 2014`, not `2014-04`).
  const labels = raw.map(monthText);
  const ticks = monthTickIndexes(labels, VIEW_PLOT_WIDTH);
  const interval = ticks ? { axisLabel: { interval: indexInterval(ticks) }, axisTick: { alignWithLabel: true, interval: indexInterval(ticks) } } : {};
  return { type: 'category', data: labels, axisTick: { alignWithLabel: true }, ...interval, ...extra };
}

export function valueAxis(format: NumberFormat, extra: Option = {}): Option {
  return { type: 'value', axisLabel: { formatter: formatMarker(format, 'axis') }, splitLine: { lineStyle: { color: NHS_COLOURS.paleGrey } }, ...extra };
}

export function axisTooltip(format: NumberFormat): Option {
  return { trigger: 'axis', valueFormatter: formatMarker(format, 'value') };
}

/** Per-series tooltip format, for charts mixing units (bed days and %). */
export function seriesTooltip(format: NumberFormat): Option {
  return { valueFormatter: formatMarker(format, 'value') };
}

/** A dashed reference line series (targets), drawn over bars. */
export function targetLineSeries(name: string, data: (number | null)[], extra: Option = {}): Option {
  return {
    name,
    type: 'line',
    data,
    symbol: 'none',
    connectNulls: false,
    z: 5,
    lineStyle: { color: REFERENCE_COLOURS.target, type: 'dashed', width: 2 },
    itemStyle: { color: REFERENCE_COLOURS.target },
    ...extra,
  };
}
