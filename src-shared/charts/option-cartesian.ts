import type { NumberFormat } from '../format/number-format';
import type { JsonValue } from '../format/plain-json';
import { findMeasure, measureFormat, measureLabel } from './chart-fields';
import { isHighlighted, percentShares, type ChartPivot, type PivotSeries } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { AXIS_LINE_COLOUR, CATEGORY_LABEL_WIDTH, FONT_SIZES, GRID_LINE_COLOUR, SIDE_MARGIN, TEXT_COLOUR } from './chart-theme';
import { indexInterval, monthTickIndexes } from './month-ticks';
import { chartFrame, gridFromLayout, textStyle } from './option-frame';
import { formatMarkerJson, type ChartOption, type JsonObject } from './option-json';
import { HIGHLIGHT_COLOUR, MUTED_COLOUR } from './palette';
import { markLine, markLineItem, referenceLineName, referenceLineValue } from './reference-lines';

/**
 * Column, horizontal bar, line, area and combo charts: a category axis (the x
 * categories) and one or two value axes.
 *
 * - Stacking (`stacked`, `percent`) applies to column, bar, line and area. With a
 *   colour split each measure is its own stack; without one all measures stack
 *   together. For `percent` the values plotted are shares (0–1) computed here
 *   from the absolute values in the result, and the value axis runs 0–100%.
 * - Horizontal bars list the first result row at the top (category axis inverted).
 * - Combo: the first measure as columns on the left axis, the others as lines
 *   on the right axis, unless a measure says otherwise (`mark`, `axis`).
 * - Highlight: without a colour split the highlighted categories are NHS Blue
 *   and the rest grey; with one, the highlighted series are NHS Blue (drawn on
 *   top, thicker) and the other series grey.
 */

interface SeriesPlan {
  s: PivotSeries;
  mark: 'bar' | 'line';
  axis: 0 | 1;
  stack: string | undefined;
  format: NumberFormat;
  decimals: number | undefined;
  plotted: (number | null)[];
}

const STACKABLE = new Set<ChartSpec['type']>(['column', 'bar', 'line', 'area']);

function markOf(spec: ChartSpec, s: PivotSeries): 'bar' | 'line' {
  if (spec.type === 'combo') return (s.measure.mark ?? (s.measureIndex === 0 ? 'column' : 'line')) === 'column' ? 'bar' : 'line';
  return spec.type === 'column' || spec.type === 'bar' ? 'bar' : 'line';
}

function axisOf(spec: ChartSpec, s: PivotSeries): 0 | 1 {
  if (spec.type === 'bar') return 0;
  const axis = s.measure.axis ?? (spec.type === 'combo' && s.measureIndex > 0 ? 'secondary' : 'primary');
  return axis === 'secondary' ? 1 : 0;
}

function planSeries(spec: ChartSpec, pivot: ChartPivot): SeriesPlan[] {
  const stacking = STACKABLE.has(spec.type) && spec.stack !== 'grouped';
  const percent = stacking && spec.stack === 'percent';
  const grouped = pivot.groups.length > 0;
  const plans: SeriesPlan[] = pivot.series.map((s) => {
    const axis = axisOf(spec, s);
    return {
      s,
      mark: markOf(spec, s),
      axis,
      stack: stacking ? `${grouped ? s.measureKey : 'total'}${axis === 1 ? '|secondary' : ''}` : undefined,
      format: percent ? 'percent' : measureFormat(s.measure),
      decimals: percent ? undefined : s.measure.decimals,
      plotted: s.values,
    };
  });
  if (percent) {
    const shares = percentShares(plans.map((p) => ({ values: p.s.values, stack: p.stack ?? '' })));
    plans.forEach((p, i) => {
      p.plotted = shares[i] ?? p.plotted;
    });
  }
  return plans;
}

/** Values a reference line on `measureKey` summarises: stack totals per category when stacked, else every plotted value. */
function valuesForReference(plans: SeriesPlan[], measureKey: string): (number | null)[] {
  const mine = plans.filter((p) => p.s.measureKey === measureKey);
  if (mine.length === 0) return [];
  if (mine[0]!.stack === undefined) return mine.flatMap((p) => p.plotted);
  const n = mine[0]!.plotted.length;
  const totals: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    let total: number | null = null;
    for (const p of mine) {
      const v = p.plotted[i];
      if (v !== null && v !== undefined) total = (total ?? 0) + v;
    }
    totals.push(total);
  }
  return totals;
}

function seriesJson(spec: ChartSpec, pivot: ChartPivot, plan: SeriesPlan, single: boolean): JsonObject {
  const { s, mark } = plan;
  const f = spec.format;
  const horizontal = spec.type === 'bar';
  const highlightCategories = pivot.groups.length === 0 && f.highlight.length > 0 && pivot.categories.some((c) => isHighlighted(c, f.highlight));
  const highlightGroups = pivot.groups.length > 0 && f.highlight.length > 0 && pivot.groups.some((g) => isHighlighted(g, f.highlight));

  const data: JsonValue[] = plan.plotted.map((v, i) => {
    if (!highlightCategories) return v;
    const on = isHighlighted(pivot.categories[i]!, f.highlight);
    if (on && !single) return v;
    return { value: v, itemStyle: { color: on ? HIGHLIGHT_COLOUR : MUTED_COLOUR } };
  });

  const out: JsonObject = {
    id: s.id,
    name: s.name,
    type: mark,
    data,
    emphasis: { focus: 'series' },
    tooltip: { valueFormatter: formatMarkerJson(plan.format, 'value', { decimals: plan.decimals }) },
  };
  if (plan.axis === 1) out.yAxisIndex = 1;
  if (plan.stack !== undefined) out.stack = plan.stack;
  const lineStyle: JsonObject = {};
  if (mark === 'bar') out.barMaxWidth = 56;
  else {
    out.symbol = 'circle';
    out.symbolSize = 6;
    out.showSymbol = pivot.categories.length <= 24;
    lineStyle.width = 2.5;
    if (spec.type === 'area') out.areaStyle = { opacity: plan.stack !== undefined ? 0.9 : 0.25 };
  }
  if (highlightGroups && s.group) {
    const on = isHighlighted(s.group, f.highlight);
    const colour = on ? HIGHLIGHT_COLOUR : MUTED_COLOUR;
    out.itemStyle = { color: colour };
    if (mark === 'line') {
      lineStyle.color = colour;
      lineStyle.width = on ? 3.5 : 2;
    }
    out.z = on ? 3 : 2;
  }
  if (mark === 'line') out.lineStyle = lineStyle;
  if (f.dataLabels) {
    out.label = {
      show: true,
      position: plan.stack !== undefined ? 'inside' : horizontal ? 'right' : 'top',
      formatter: formatMarkerJson(plan.format, 'label', { decimals: plan.decimals }),
      ...textStyle(FONT_SIZES.dataLabel, plan.stack !== undefined ? '#FFFFFF' : TEXT_COLOUR),
    };
    // Labels that would overlap another are left out rather than drawn on top of each other.
    out.labelLayout = { hideOverlap: true };
  }
  return out;
}

function axisTitleStyle(align?: 'left' | 'right'): JsonObject {
  return textStyle(FONT_SIZES.axisName, TEXT_COLOUR, align ? { fontWeight: 'bold', align } : { fontWeight: 'bold' });
}

function categoryAxis(spec: ChartSpec, pivot: ChartPivot): JsonObject {
  const horizontal = spec.type === 'bar';
  const axis: JsonObject = {
    type: 'category',
    data: pivot.categories.map((c) => c.label),
    axisTick: { show: false },
    axisLine: { show: true, lineStyle: { color: AXIS_LINE_COLOUR } },
    axisLabel: { ...textStyle(FONT_SIZES.axisLabel), hideOverlap: true, ...(horizontal ? { width: CATEGORY_LABEL_WIDTH, overflow: 'truncate' } : {}) },
  };
  if (horizontal) axis.inverse = true;
  else {
    // Monthly axes label financial-year boundaries (each quarter, half, or April) rather than wherever there is room.
    const ticks = monthTickIndexes(
      pivot.categories.map((c) => c.key),
      spec.format.width - 2 * SIDE_MARGIN - 60,
    );
    if (ticks) axis.axisLabel = { ...(axis.axisLabel as JsonObject), interval: indexInterval(ticks) };
  }
  const title = spec.format.xAxisTitle ?? spec.x?.label;
  if (title) {
    axis.name = title;
    if (horizontal) Object.assign(axis, { nameLocation: 'start', nameGap: 12, nameTextStyle: axisTitleStyle('right') });
    else Object.assign(axis, { nameLocation: 'middle', nameGap: 32, nameTextStyle: axisTitleStyle() });
  }
  return axis;
}

function valueAxis(spec: ChartSpec, plans: SeriesPlan[], index: 0 | 1): JsonObject {
  const horizontal = spec.type === 'bar';
  const mine = plans.filter((p) => p.axis === index);
  const first = mine[0];
  const format = first?.format ?? 'number';
  const axis: JsonObject = {
    type: 'value',
    axisLabel: { ...textStyle(FONT_SIZES.axisLabel), formatter: formatMarkerJson(format, 'axis') },
    splitLine: { show: index === 0, lineStyle: { color: GRID_LINE_COLOUR, width: 1 } },
    axisLine: { show: false },
    axisTick: { show: false },
  };
  if (spec.stack === 'percent' && STACKABLE.has(spec.type)) Object.assign(axis, { min: 0, max: 1 });
  if (index === 1) axis.alignTicks = true;
  const measures = new Set(mine.map((p) => p.s.measureKey));
  const fallback = measures.size === 1 && first ? measureLabel(first.s.measure) : undefined;
  const title = (index === 0 ? spec.format.yAxisTitle : spec.format.y2AxisTitle) ?? fallback;
  if (title) {
    axis.name = title;
    if (horizontal) Object.assign(axis, { nameLocation: 'middle', nameGap: 32, nameTextStyle: axisTitleStyle() });
    else Object.assign(axis, { nameLocation: 'end', nameGap: 14, nameTextStyle: axisTitleStyle(index === 0 ? 'left' : 'right') });
  }
  return axis;
}

export function buildCartesianOption(spec: ChartSpec, pivot: ChartPivot): ChartOption {
  const plans = planSeries(spec, pivot);
  const horizontal = spec.type === 'bar';
  const series = plans.map((p) => seriesJson(spec, pivot, p, plans.length === 1));

  for (const line of spec.format.referenceLines) {
    const measure = findMeasure(spec, line.measure);
    const index = plans.findIndex((p) => p.s.measure === measure);
    const plan = plans[index];
    if (!plan) continue;
    const value = referenceLineValue(line, valuesForReference(plans, plan.s.measureKey));
    if (value === null) continue;
    const target = series[index]!;
    const existing = (target.markLine as JsonObject | undefined)?.data as JsonObject[] | undefined;
    const item = markLineItem(line, value, horizontal ? 'x' : 'y', referenceLineName(line, value, plan.format, plan.decimals), horizontal);
    target.markLine = markLine([...(existing ?? []), item]);
  }

  const { layout, option } = chartFrame(
    spec.format,
    plans.map((p) => p.s.name),
  );
  const secondary = plans.some((p) => p.axis === 1);
  const values: JsonObject[] = [valueAxis(spec, plans, 0)];
  if (secondary) values.push(valueAxis(spec, plans, 1));
  const category = categoryAxis(spec, pivot);
  const anyBar = plans.some((p) => p.mark === 'bar');
  return {
    ...option,
    grid: gridFromLayout(layout),
    tooltip: { trigger: 'axis', axisPointer: { type: anyBar ? 'shadow' : 'line' }, confine: true },
    xAxis: horizontal ? values[0]! : category,
    yAxis: horizontal ? category : values.length === 1 ? values[0]! : values,
    series,
  };
}
