import { formatMarker } from '../../charts/hydrate';
import { NHS_COLOURS, REFERENCE_COLOURS } from '../../charts/palette';
import type { ResultChart } from '../view-types';
import { axisTooltip, baseOption, categoryAxis, EXTENDED_PALETTE, seriesTooltip, targetLineSeries, valueAxis } from '../view-kit/chart-kit';
import type { MonthRow, ParetoRow } from './measures';

/** DTOC charts as plain ECharts options (format markers instead of formatter functions). */

export interface StackSeries {
  name: string;
  values: number[];
}

/** Monthly stacked bars (by reason or by agency) with the target line when there is a target. */
export function monthlyStackChart(
  id: string,
  title: string,
  tableId: string,
  months: MonthRow[],
  stacks: StackSeries[],
  targetPath: 'linear' | 'step' = 'linear',
  colours: readonly string[] = EXTENDED_PALETTE,
): ResultChart {
  const series: Record<string, unknown>[] = stacks.map((s) => ({
    name: s.name,
    type: 'bar',
    stack: 'bedDays',
    barMaxWidth: 28,
    emphasis: { focus: 'series' },
    data: s.values,
  }));
  // A step target holds the baseline level until the target month, then drops (ECharts `step: 'end'`).
  if (months.some((m) => m.target !== null))
    series.push(
      targetLineSeries(
        'Target',
        months.map((m) => m.target),
        targetPath === 'step' ? { step: 'end' } : {},
      ),
    );
  const option = {
    ...baseOption(title, colours),
    tooltip: axisTooltip('integer'),
    xAxis: categoryAxis(months.map((m) => m.month)),
    yAxis: valueAxis('integer', { name: 'Bed days lost' }),
    series,
  };
  return { id, title, tableId, option, countSeries: stacks.map((s) => s.name) };
}

/** Pareto of reasons: bars of bed days, largest first, and the cumulative share as a line on a second axis. */
export function paretoChart(id: string, title: string, tableId: string, rows: ParetoRow[]): ResultChart {
  const option = {
    ...baseOption(title),
    tooltip: { trigger: 'axis' },
    xAxis: categoryAxis(
      rows.map((r) => r.code),
      { axisLabel: { interval: 0 } },
    ),
    yAxis: [valueAxis('integer', { name: 'Bed days lost' }), valueAxis('percent', { name: 'Cumulative %', min: 0, max: 1, splitLine: { show: false } })],
    series: [
      {
        name: 'Bed days lost',
        type: 'bar',
        barMaxWidth: 40,
        itemStyle: { color: NHS_COLOURS.blue },
        tooltip: seriesTooltip('integer'),
        data: rows.map((r) => ({ value: r.bedDays, name: r.label })),
      },
      {
        name: 'Cumulative %',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { color: NHS_COLOURS.warmYellow, width: 2 },
        itemStyle: { color: NHS_COLOURS.warmYellow },
        tooltip: seriesTooltip('percent'),
        label: { show: false, formatter: formatMarker('percent', 'label', { decimals: 0 }) },
        data: rows.map((r) => r.cumulativeShare),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: REFERENCE_COLOURS.average, type: 'dotted' },
          data: [{ yAxis: 0.8 }],
          label: { position: 'insideStartTop', formatter: '80%' },
        },
      },
    ],
  };
  return { id, title, tableId, option, countSeries: ['Bed days lost'] };
}
