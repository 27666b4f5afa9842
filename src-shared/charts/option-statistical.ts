import { funnelChartOption } from '../analysis/funnel/chart';
import { computeFunnel, DEFAULT_MULTIPLIER, type FunnelUnit } from '../analysis/funnel/funnel';
import { spcChartOption } from '../analysis/spc/chart';
import { xmr } from '../analysis/spc/xmr';
import type { ChartPivot } from './chart-data';
import { measureLabel } from './chart-fields';
import type { ChartFormat, ChartSpec } from './chart-spec';
import { chartFrame } from './option-frame';
import type { ChartOption, JsonObject } from './option-json';

/**
 * The chart builder's statistical types, drawn by the same functions as the
 * SPC and funnel views (analysis/spc, analysis/funnel) so a chart and a view
 * of the same data agree to the last digit:
 * - `spc`: the one measure per x period, in time order, as an XmR chart;
 * - `funnel`: one point per x category, the first measure over the second.
 * The spec's title, subtitle, source note and footnote replace the view's title.
 */

/** Put the spec's title, subtitle and notes on an option, moving the plot clear of them. */
function withFormatText(option: Record<string, unknown>, format: ChartFormat): ChartOption {
  const { layout, option: frame } = chartFrame(format, []);
  const grid = (option.grid ?? {}) as JsonObject;
  const top = typeof grid.top === 'number' ? grid.top : 0;
  const bottom = typeof grid.bottom === 'number' ? grid.bottom : 0;
  return {
    ...(option as JsonObject),
    backgroundColor: frame.backgroundColor ?? '#FFFFFF',
    textStyle: frame.textStyle ?? {},
    title: frame.title ?? [],
    grid: { ...grid, top: Math.max(top, layout.gridTop + 24), bottom: Math.max(bottom, layout.gridBottom + 32) },
  };
}

export function buildSpcOption(spec: ChartSpec, pivot: ChartPivot): ChartOption {
  const settings = spec.spc ?? { improvement: 'increase' as const, rebase: [] };
  const values = pivot.series[0]?.values ?? [];
  const points = pivot.categories.flatMap((c, i) => (values[i] === null || values[i] === undefined ? [] : [{ category: c, value: values[i] }]));
  if (points.length === 0) return withFormatText({ title: { text: 'No values to plot' } }, spec.format);
  const rebaseAt = settings.rebase.map((d) => points.findIndex((p) => p.category.key === d)).filter((i) => i > 0);
  const result = xmr(
    points.map((p) => p.value),
    { improvement: settings.improvement, fixAfter: settings.fixAfter, rebaseAt, target: settings.target ?? null },
  );
  const option = spcChartOption(
    '',
    points.map((p) => p.category.label),
    result,
    settings.target ?? null,
    settings.improvement,
  );
  const format = { ...spec.format, title: spec.format.title ?? `SPC chart: ${measureLabel(spec.y[0]!)}` };
  return withFormatText(option, format);
}

export function buildFunnelOption(spec: ChartSpec, pivot: ChartPivot): ChartOption {
  const settings = spec.funnel ?? { statistic: 'proportion' as const, ratioType: 'ratio' as const };
  const numerators = pivot.series.find((s) => s.measureIndex === 0)?.values ?? [];
  const denominators = pivot.series.find((s) => s.measureIndex === 1)?.values ?? [];
  const units: FunnelUnit[] = pivot.categories.flatMap((c, i) => {
    const numerator = numerators[i] ?? null;
    const denominator = denominators[i] ?? null;
    return numerator === null || denominator === null ? [] : [{ unit: c.label, numerator, denominator }];
  });
  if (units.length === 0) return withFormatText({ title: { text: 'No units to plot' } }, spec.format);
  const result = computeFunnel(units, {
    statistic: settings.statistic,
    multiplier: settings.multiplier ?? DEFAULT_MULTIPLIER[settings.statistic],
    ratioType: settings.ratioType,
    rateType: 'crude',
  });
  const option = funnelChartOption(result, { title: '', denominatorLabel: spec.format.xAxisTitle ?? measureLabel(spec.y[1]!) });
  const format = { ...spec.format, title: spec.format.title ?? `Funnel plot: ${measureLabel(spec.y[0]!)} ÷ ${measureLabel(spec.y[1]!)}` };
  return withFormatText(option, format);
}
