import { formatMarker } from '../../charts/hydrate';
import { NHS_COLOURS } from '../../charts/palette';
import type { RateSignificance } from './rate';
import { funnelValueLabel, type FunnelPoint, type FunnelResult } from './funnel';

/**
 * The funnel plot as a plain ECharts option: the units as points coloured by
 * significance, the baseline, the 95% (dashed) and 99.8% (solid) limit
 * curves against the denominator, and the units outside the limits labelled
 * by name — all drawn as SVG so it exports and renders headless.
 */

export const FUNNEL_COLOURS: Record<RateSignificance, string> = {
  'High (0.001)': '#490092',
  'Low (0.001)': '#490092',
  'High (0.025)': '#9F7FCC',
  'Low (0.025)': '#9F7FCC',
  'Not significant': '#A6A6A6',
  'Not applicable for events less than 10 for dsrs': '#D9D9D9',
};

/** Above this many outliers only those beyond the 99.8% limits are labelled. */
const MAX_LABELS = 20;

export interface FunnelChartText {
  title: string;
  /** The x axis: what the denominator is (e.g. "Population", "Expected deaths"). */
  denominatorLabel: string;
}

/**
 * The value axis: the units and the limits from half the smallest unit's
 * denominator up, with a margin. Nearer zero the limits fan out without bound
 * (they would flatten every unit into a line), so they run off the plot there.
 */
function valueRange(result: FunnelResult, plotted: readonly FunnelPoint[]): [number, number] {
  const smallest = Math.min(...plotted.map((p) => p.denominator!));
  const values = [result.baseline, ...plotted.map((p) => p.value!)];
  for (const l of result.limits) if (l.denominator >= smallest / 2) values.push(l.lower998, l.upper998);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const margin = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
  const floor = low >= 0 ? Math.max(0, low - margin) : low - margin;
  return [niceRound(floor, 'down'), niceRound(high + margin, 'up')];
}

/** Rounded to two significant figures, outwards. */
function niceRound(x: number, direction: 'up' | 'down'): number {
  if (x === 0) return 0;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return (direction === 'up' ? Math.ceil(x / step) : Math.floor(x / step)) * step;
}

export function funnelChartOption(result: FunnelResult, text: FunnelChartText): Record<string, unknown> {
  const outliers = result.points.filter((p) => p.significance.startsWith('High') || p.significance.startsWith('Low'));
  const labelled = new Set(outliers.length <= MAX_LABELS ? outliers : outliers.filter((p) => p.significance.endsWith('(0.001)')));
  const plotted = result.points.filter((p) => p.value !== null && p.denominator !== null);
  const limit = (name: string, key: 'lower95' | 'upper95' | 'lower998' | 'upper998', dashed: boolean) => ({
    name,
    type: 'line',
    symbol: 'none',
    silent: true,
    smooth: false,
    lineStyle: { color: dashed ? NHS_COLOURS.midGrey : NHS_COLOURS.darkGrey, width: 1.5, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color: dashed ? NHS_COLOURS.midGrey : NHS_COLOURS.darkGrey },
    data: result.limits.map((l) => [l.denominator, l[key]]),
  });
  const xMax = Math.max(...result.limits.map((l) => l.denominator), ...plotted.map((p) => p.denominator!));
  const [yMin, yMax] = valueRange(result, plotted);
  return {
    color: [NHS_COLOURS.blue],
    title: { text: text.title, left: 0, textStyle: { fontSize: 14, fontWeight: 'bold', color: NHS_COLOURS.darkGrey } },
    aria: { enabled: true },
    legend: { bottom: 0, data: ['Units', 'Baseline', '95% limits', '99.8% limits'] },
    grid: { left: 8, right: 24, top: 48, bottom: 56, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'value',
      name: text.denominatorLabel,
      nameLocation: 'middle',
      nameGap: 28,
      min: 0,
      max: xMax,
      axisLabel: { formatter: formatMarker('number', 'axis') },
    },
    yAxis: {
      type: 'value',
      name: funnelValueLabel(result.settings),
      nameTextStyle: { align: 'left' },
      min: yMin,
      max: yMax,
      axisLabel: { formatter: formatMarker('number', 'axis') },
    },
    series: [
      {
        name: 'Units',
        type: 'scatter',
        symbolSize: 9,
        itemStyle: { color: FUNNEL_COLOURS['Not significant'] },
        label: { show: false, formatter: '{b}', position: 'right', fontSize: 11, color: NHS_COLOURS.darkGrey },
        labelLayout: { hideOverlap: true },
        data: plotted.map((p) => ({
          name: p.unit ?? '',
          value: [p.denominator, p.value],
          itemStyle: { color: FUNNEL_COLOURS[p.significance] },
          label: { show: labelled.has(p) },
        })),
      },
      {
        name: 'Baseline',
        type: 'line',
        symbol: 'none',
        silent: true,
        lineStyle: { color: NHS_COLOURS.blue, width: 1.5 },
        itemStyle: { color: NHS_COLOURS.blue },
        data: [
          [0, result.baseline],
          [xMax, result.baseline],
        ],
      },
      limit('95% limits', 'upper95', true),
      { ...limit('95% limits', 'lower95', true), id: 'lower95' },
      limit('99.8% limits', 'upper998', false),
      { ...limit('99.8% limits', 'lower998', false), id: 'lower998' },
    ],
  };
}
