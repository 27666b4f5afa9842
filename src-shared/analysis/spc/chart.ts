import { formatMarker } from '../../charts/hydrate';
import { NHS_COLOURS } from '../../charts/palette';
import { categoryAxis } from '../view-kit/chart-kit';
import type { Assurance, ImprovementDirection, PointType, XmrResult } from './xmr';

/**
 * The XmR chart as a plain ECharts option: the series with each point
 * coloured by its type (Making Data Count's colours), the mean and process
 * limits drawn per segment (broken at a rebase), the target, and the two
 * icons — variation and assurance — drawn in the top-right corner as shapes
 * and text, so they are in the SVG and survive every export.
 */

/** Making Data Count's colours (../shared/DOMAIN.md). */
export const SPC_COLOURS: Record<PointType, string> = {
  common_cause: '#A6A6A6',
  special_cause_improvement: '#00B0F0',
  special_cause_concern: '#E46C0A',
  special_cause_neutral_high: '#490092',
  special_cause_neutral_low: '#490092',
};

const ASSURANCE_COLOURS: Record<Assurance, string> = { consistent_pass: '#00B0F0', consistent_fail: '#E46C0A', inconsistent: '#A6A6A6' };

/** Letter and words of the variation icon. */
function variationIcon(type: PointType, improvement: ImprovementDirection): { letter: string; label: string } {
  const up = improvement === 'increase';
  switch (type) {
    case 'common_cause':
      return { letter: '~', label: 'Common cause variation' };
    case 'special_cause_improvement':
      return { letter: up ? 'H' : 'L', label: `Improvement (${up ? 'high' : 'low'})` };
    case 'special_cause_concern':
      return { letter: up ? 'L' : 'H', label: `Concern (${up ? 'low' : 'high'})` };
    case 'special_cause_neutral_high':
      return { letter: 'H', label: 'Special cause (high)' };
    case 'special_cause_neutral_low':
      return { letter: 'L', label: 'Special cause (low)' };
  }
}

const ASSURANCE_ICON: Record<Assurance, { letter: string; label: string }> = {
  consistent_pass: { letter: 'P', label: 'Consistently passes the target' },
  consistent_fail: { letter: 'F', label: 'Consistently fails the target' },
  inconsistent: { letter: '?', label: 'Hits and misses the target' },
};

function icon(id: string, right: number, colour: string, letter: string, label: string): Record<string, unknown> {
  return {
    type: 'group',
    id,
    right,
    top: 8,
    children: [
      { type: 'circle', shape: { cx: 18, cy: 18, r: 17 }, style: { fill: '#FFFFFF', stroke: colour, lineWidth: 3 } },
      { type: 'text', style: { x: 18, y: 18, text: letter, fill: colour, font: 'bold 16px Arial', align: 'center', verticalAlign: 'middle' } },
      { type: 'text', style: { x: 18, y: 44, text: label, fill: NHS_COLOURS.darkGrey, font: '10px Arial', align: 'center', width: 76, overflow: 'break' } },
    ],
  };
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
    icons.push(icon('variation-icon', result.assurance ? 104 : 22, SPC_COLOURS[result.variation], v.letter, v.label));
  }
  if (result.assurance) {
    const a = ASSURANCE_ICON[result.assurance];
    icons.push(icon('assurance-icon', 22, ASSURANCE_COLOURS[result.assurance], a.letter, a.label));
  }
  return {
    color: [NHS_COLOURS.midGrey],
    title: { text: title, left: 0, textStyle: { fontSize: 14, fontWeight: 'bold', color: NHS_COLOURS.darkGrey } },
    aria: { enabled: true },
    legend: { type: 'scroll', bottom: 0, data: ['Value', 'Mean', 'Upper process limit', 'Lower process limit', ...(target !== null ? ['Target'] : [])] },
    // Room on the right for the two icons and their words.
    grid: { left: 8, right: 200, top: 72, bottom: 40, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: formatMarker('number', 'value') },
    xAxis: categoryAxis([...periods]),
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: formatMarker('number', 'axis') } },
    series,
    graphic: icons,
  };
}
