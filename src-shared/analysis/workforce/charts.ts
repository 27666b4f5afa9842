import { NHS_COLOURS, NHS_PALETTE } from '../../charts/palette';
import type { ResultChart } from '../view-types';
import { axisTooltip, baseOption, categoryAxis, valueAxis } from '../view-kit/chart-kit';

/** NHS Black, for the all-staff line drawn over the staff groups' palette colours. */
const NHS_BLACK = '#231F20';

/** Workforce charts: WTE by staff group (stacked area), skill mix (100% columns), rates, WTE per 10,000. */

export interface GroupSeries {
  group: string;
  values: (number | null)[];
}

export function wteAreaChart(periods: string[], groups: GroupSeries[]): ResultChart {
  const title = 'Staff in post (WTE) by staff group';
  const option = {
    ...baseOption(title, NHS_PALETTE),
    tooltip: axisTooltip('number'),
    xAxis: categoryAxis(periods, { boundaryGap: false }),
    yAxis: valueAxis('integer', { name: 'WTE' }),
    series: groups.map((g) => ({
      name: g.group,
      type: 'line',
      stack: 'wte',
      areaStyle: { opacity: 0.85 },
      symbol: 'none',
      lineStyle: { width: 1 },
      emphasis: { focus: 'series' },
      data: g.values,
    })),
  };
  return { id: 'workforce-wte', title, tableId: 'workforce-by-group', option };
}

export function skillMixChart(periods: string[], groups: GroupSeries[]): ResultChart {
  const title = 'Skill mix: share of WTE by staff group';
  const option = {
    ...baseOption(title, NHS_PALETTE),
    tooltip: axisTooltip('percent'),
    xAxis: categoryAxis(periods),
    yAxis: valueAxis('percent', { min: 0, max: 1 }),
    series: groups.map((g) => ({ name: g.group, type: 'bar', stack: 'share', barMaxWidth: 28, emphasis: { focus: 'series' }, data: g.values })),
  };
  return { id: 'workforce-skill-mix', title, tableId: 'workforce-by-group', option };
}

export function ratesChart(periods: string[], rates: { name: string; values: (number | null)[] }[]): ResultChart {
  const title = 'Vacancy rate, agency share and staff aged 55+';
  const colours = [NHS_COLOURS.blue, NHS_COLOURS.red, NHS_COLOURS.aquaGreen];
  const dashes = ['solid', 'dashed', 'dotted'];
  const option = {
    ...baseOption(title, colours),
    tooltip: axisTooltip('percent'),
    xAxis: categoryAxis(periods, { boundaryGap: false }),
    yAxis: valueAxis('percent', { min: 0 }),
    series: rates.map((r, i) => ({ name: r.name, type: 'line', symbol: 'none', lineStyle: { width: 2, type: dashes[i % dashes.length] }, data: r.values })),
  };
  return { id: 'workforce-rates', title, tableId: 'workforce-periods', option };
}

export function perPopulationChart(periods: string[], groups: GroupSeries[], total: (number | null)[], populationLabel: string): ResultChart {
  const title = `WTE per 10,000 ${populationLabel}`;
  const option = {
    ...baseOption(title, NHS_PALETTE),
    tooltip: axisTooltip('number'),
    xAxis: categoryAxis(periods, { boundaryGap: false }),
    yAxis: valueAxis('number', { scale: true }),
    series: [
      { name: 'All staff', type: 'line', symbol: 'none', lineStyle: { width: 3, color: NHS_BLACK }, itemStyle: { color: NHS_BLACK }, data: total },
      ...groups.map((g) => ({ name: g.group, type: 'line', symbol: 'none', lineStyle: { width: 1.5 }, data: g.values })),
    ],
  };
  return { id: 'workforce-per-population', title, tableId: 'workforce-by-group', option };
}
