import { formatMarker } from '../../charts/hydrate';
import { NHS_COLOURS } from '../../charts/palette';
import { categoryAxis } from '../view-kit/chart-kit';
import { assuranceIcon, SPC_COLOURS, variationIcon } from './icons';
import type { ImprovementDirection, XmrResult } from './xmr';

/**
 * The XmR chart as a plain ECharts option: the series with each point
 * coloured by its type (Making Data Count's colours), the mean and process
 * limits drawn per segment (broken at a rebase), the target, and the two
 * icons — variation and assurance — drawn in the top-right corner as shapes
 * and text, so they are in the SVG and survive every export.
 */

function icon(id: string, right: number, colour: string, letter: string, label: string): Record<string, unknown> {
  return {
    type: 'group',
    id,
    right,
    top: 8,
    children: [
      { type: 'circle', shape: { cx: 18, cy: 18, r: 17 }, style: { fill: '#FFFFFF', stroke: colour, lineWidth: 3 } },
      { type: 'text', style: { x: 18, y: 18, text: letter, fill: colour, font: 'bold 16px Arial', align: 'center', verticalAlign: 'middle' } },
      { type: 'text', style: { x: 18, y: 44, text: label, fill: NHS_COLOURS.darkGrey, font: '10px Arial', align: 'center', width: 96, overflow: 'break' } },
    ],
  };
}

/** The plot is narrower than a view's usual (room for the icons): labels that would collide are left out. */
function withHiddenOverlaps(axis: Record<string, unknown>): Record<string, unknown> {
  const label = (axis.axisLabel ?? {}) as Record<string, unknown>;
  return { ...axis, axisLabel: { ...label, hideOverlap: true } };
}

export function spcChartOption(
  title: string,
  periods: readonly string[],
  result: XmrResult,
  target: number | null,
  improvement: ImprovementDirection,
): Record<string, unknown> {
  const segments = [...new Set(result.points.map((p) => p.segment))];
  const perSegment = (pick: 'mean' | 'lpl' | 'upl') =>
    segments.map((segment) => ({
      name: pick === 'mean' ? 'Mean' : pick === 'lpl' ? 'Lower process limit' : 'Upper process limit',
      type: 'line',
      symbol: 'none',
      silent: true,
      lineStyle: { color: pick === 'mean' ? NHS_COLOURS.darkGrey : NHS_COLOURS.midGrey, width: 1.5, type: pick === 'mean' ? 'solid' : 'dashed' },
      itemStyle: { color: pick === 'mean' ? NHS_COLOURS.darkGrey : NHS_COLOURS.midGrey },
      data: result.points.map((p) => (p.segment === segment ? p[pick] : null)),
    }));
  const series: Record<string, unknown>[] = [
    {
      name: 'Value',
      type: 'line',
      symbol: 'circle',
      symbolSize: 8,
      // Every point keeps its marker: its colour is the point's verdict, so none may be thinned out.
      showAllSymbol: true,
      lineStyle: { color: NHS_COLOURS.midGrey, width: 2 },
      itemStyle: { color: SPC_COLOURS.common_cause },
      data: result.points.map((p) => ({ value: p.value, itemStyle: { color: SPC_COLOURS[p.pointType] } })),
    },
    ...perSegment('mean'),
    ...perSegment('upl'),
    ...perSegment('lpl'),
  ];
  if (target !== null)
    series.push({
      name: 'Target',
      type: 'line',
      symbol: 'none',
      silent: true,
      lineStyle: { color: NHS_COLOURS.red, width: 1.5, type: 'dashed' },
      itemStyle: { color: NHS_COLOURS.red },
      data: result.points.map(() => target),
    });
  const icons: Record<string, unknown>[] = [];
  if (result.variation) {
    const v = variationIcon(result.variation, improvement);
    icons.push(icon('variation-icon', result.assurance ? 132 : 22, v.colour, v.letter, v.label));
  }
  if (result.assurance) {
    const a = assuranceIcon(result.assurance);
    icons.push(icon('assurance-icon', 22, a.colour, a.letter, a.label));
  }
  return {
    color: [NHS_COLOURS.midGrey],
    title: { text: title, left: 0, textStyle: { fontSize: 14, fontWeight: 'bold', color: NHS_COLOURS.darkGrey } },
    aria: { enabled: true },
    legend: { type: 'scroll', bottom: 0, data: ['Value', 'Mean', 'Upper process limit', 'Lower process limit', ...(target !== null ? ['Target'] : [])] },
    // Room on the right for the two icons and their words.
    grid: { left: 8, right: 200, top: 72, bottom: 40, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: formatMarker('number', 'value') },
    xAxis: withHiddenOverlaps(categoryAxis([...periods])),
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: formatMarker('number', 'axis') } },
    series,
    graphic: icons,
  };
}
