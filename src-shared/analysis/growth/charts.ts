import { NHS_COLOURS, NHS_PALETTE, REFERENCE_COLOURS } from '../../charts/palette';
import type { NumberFormat } from '../../format/number-format';
import type { ResultChart } from '../view-types';
import { axisTooltip, baseOption, categoryAxis, valueAxis } from '../view-kit/chart-kit';
import type { ChangeRow, ForecastRow, SeriesRow } from './measures';

/**
 * Growth charts: lines by group with the forecast as a dashed continuation in
 * the same colour, the index (base = 100) and the change over the period.
 */

interface Line {
  group: string;
  label: string;
  points: Map<string, number | null>;
}

function colourOf(i: number): string {
  return NHS_PALETTE[i % NHS_PALETTE.length]!;
}

function lines(rows: SeriesRow[], pick: (r: SeriesRow) => number | null): Line[] {
  const out = new Map<string, Line>();
  for (const r of rows) {
    let l = out.get(r.group);
    if (!l) out.set(r.group, (l = { group: r.group, label: r.label, points: new Map() }));
    l.points.set(r.period, pick(r));
  }
  return [...out.values()];
}

/** Categories: the data's periods, then any forecast periods beyond them. */
export function chartPeriods(periods: string[], forecast: ForecastRow[]): string[] {
  const out = [...periods];
  const seen = new Set(out);
  for (const f of forecast) {
    for (const p of f.path) {
      if (seen.has(p.period)) continue;
      seen.add(p.period);
      out.push(p.period);
    }
  }
  return out;
}

function lineChart(
  id: string,
  title: string,
  tableId: string,
  periods: string[],
  actual: Line[],
  forecast: Map<string, Map<string, number>>,
  format: NumberFormat,
): ResultChart {
  const series: Record<string, unknown>[] = [];
  actual.forEach((l, i) => {
    const colour = colourOf(i);
    series.push({
      name: l.label,
      type: 'line',
      symbol: 'circle',
      symbolSize: 5,
      lineStyle: { color: colour, width: 2 },
      itemStyle: { color: colour },
      data: periods.map((p) => l.points.get(p) ?? null),
    });
    const f = forecast.get(l.group);
    if (f) {
      series.push({
        name: `${l.label} (forecast)`,
        type: 'line',
        symbol: 'emptyCircle',
        symbolSize: 5,
        lineStyle: { color: colour, width: 2, type: 'dashed' },
        itemStyle: { color: colour },
        data: periods.map((p) => f.get(p) ?? null),
      });
    }
  });
  const base = baseOption(title);
  const option = {
    ...base,
    // Forecast lines share their group's legend entry colour; list only the actual series.
    legend: { ...(base.legend as Record<string, unknown>), data: actual.map((l) => l.label) },
    grid: { ...(base.grid as Record<string, unknown>), right: 40 },
    tooltip: axisTooltip(format),
    xAxis: categoryAxis(periods, { boundaryGap: false }),
    yAxis: valueAxis(format, { scale: format !== 'percent' }),
    series,
  };
  // Activity lines (and their forecasts) are counts; an index or a rate is not.
  const counts = format === 'integer' ? series.map((s) => String(s.name)) : [];
  return { id, title, tableId, option, ...(counts.length ? { countSeries: counts } : {}) };
}

export function growthLineChart(periods: string[], rows: SeriesRow[], forecast: ForecastRow[], valueFormat: NumberFormat = 'integer'): ResultChart {
  const f = new Map(forecast.map((r) => [r.group, new Map(r.path.map((p) => [p.period, p.value]))]));
  return lineChart(
    'growth-lines',
    forecast.length ? 'Activity with forecast' : 'Activity',
    'growth-series',
    chartPeriods(periods, forecast),
    lines(rows, (r) => r.value),
    f,
    valueFormat,
  );
}

export function growthIndexChart(periods: string[], rows: SeriesRow[], forecast: ForecastRow[], baseLabel: string): ResultChart {
  const bases = new Map<string, number>();
  for (const r of rows) if (r.period === baseLabel && r.value !== 0) bases.set(r.group, r.value);
  const f = new Map<string, Map<string, number>>();
  for (const r of forecast) {
    const base = bases.get(r.group);
    if (base !== undefined) f.set(r.group, new Map(r.path.map((p) => [p.period, (p.value * 100) / base])));
  }
  const chart = lineChart(
    'growth-index',
    `Index (${baseLabel} = 100)`,
    'growth-series',
    chartPeriods(periods, forecast),
    lines(rows, (r) => r.index),
    f,
    'number',
  );
  const series = (chart.option.series as Record<string, unknown>[])[0];
  if (series)
    series.markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: REFERENCE_COLOURS.average, type: 'dotted' },
      label: { show: false },
      data: [{ yAxis: 100 }],
    };
  return chart;
}

export function growthChangeChart(rows: ChangeRow[], from: string, to: string): ResultChart {
  const sorted = [...rows].filter((r) => r.changePct !== null).sort((a, b) => (a.changePct ?? 0) - (b.changePct ?? 0));
  const title = `Change ${from} to ${to}`;
  const option = {
    ...baseOption(title),
    tooltip: axisTooltip('percent'),
    legend: { show: false },
    xAxis: valueAxis('percent'),
    yAxis: categoryAxis(
      sorted.map((r) => r.label),
      { axisTick: { show: false } },
    ),
    series: [{ name: '% change', type: 'bar', barMaxWidth: 24, itemStyle: { color: NHS_COLOURS.blue }, data: sorted.map((r) => r.changePct) }],
  };
  return { id: 'growth-change', title, tableId: 'growth-changes', option };
}
