import type { JsonValue } from '../../format/plain-json';
import type { ChartOption, JsonObject } from '../../charts/option-json';

/**
 * A chart as an office chart (PowerPoint's own chart part, its data embedded
 * and editable) — read from the plain ECharts option, so the chart builder's
 * charts and the views' charts map the same way. Returns null for anything
 * an office chart cannot show faithfully (heatmaps, tables, custom series,
 * mixed axes), which then goes in as a picture.
 */

export type NativeKind = 'bar' | 'line' | 'area' | 'pie' | 'doughnut' | 'scatter';

export interface NativeSeries {
  name: string;
  /** Category labels (cartesian, pie) — the same for every series. */
  labels: string[];
  /** One value per label; null = gap. Scatter: the y values, `xValues` holding x. */
  values: (number | null)[];
  /** Scatter only: x of each point. */
  xValues?: number[];
  /** Hex colour without `#`. */
  colour: string | null;
  /** Drawn as `line` in a combo of columns and lines. */
  kind: NativeKind;
  /** On the secondary value axis (combo). */
  secondary: boolean;
}

export interface NativeChart {
  /** The main kind: bar (direction says column or horizontal), line, area, pie, doughnut, scatter. */
  kind: NativeKind;
  /** Columns (`col`) or horizontal bars (`bar`). */
  direction: 'col' | 'bar';
  grouping: 'clustered' | 'stacked';
  series: NativeSeries[];
  /** Reversed category order (horizontal bars read top to bottom, as ECharts' `inverse`). */
  reverseCategories: boolean;
  /** Value axis range 0–1 shown as percentages (100% stacked shares). */
  percentAxis: boolean;
  categoryAxisTitle: string | null;
  valueAxisTitle: string | null;
  secondaryAxisTitle: string | null;
  showLegend: boolean;
  dataLabels: boolean;
}

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function hex(colour: JsonValue | undefined): string | null {
  if (typeof colour !== 'string') return null;
  const m = /^#([0-9a-f]{6})$/i.exec(colour.trim());
  return m ? m[1]!.toUpperCase() : null;
}

/** A plotted value: a number, `{ value }`, or null; anything else is not a plain value. */
function plainValue(item: JsonValue): number | null | undefined {
  if (item === null || item === '-') return null;
  if (typeof item === 'number') return Number.isFinite(item) ? item : null;
  if (isObject(item)) return plainValue(item.value ?? null);
  return undefined;
}

function axisTitle(axis: JsonValue | undefined): string | null {
  return isObject(axis) && typeof axis.name === 'string' && axis.name !== '' ? axis.name : null;
}

function palette(option: ChartOption): string[] {
  return asArray(option.color)
    .map(hex)
    .filter((c): c is string => c !== null);
}

function seriesColour(series: JsonObject, index: number, colours: readonly string[]): string | null {
  const style = series.itemStyle;
  const own = isObject(style) ? hex(style.color) : null;
  return own ?? colours[index % Math.max(1, colours.length)] ?? null;
}

function legendShown(option: ChartOption): boolean {
  return asArray(option.legend).some((l) => isObject(l) && l.show !== false);
}

function dataLabelsShown(series: readonly JsonObject[]): boolean {
  return series.some((s) => isObject(s.label) && s.label.show === true);
}

/** Reference lines (`markLine` on the value axis) as constant line series, so targets stay on the slide. */
function referenceSeries(series: readonly JsonObject[], labels: readonly string[], valueKey: 'xAxis' | 'yAxis'): NativeSeries[] {
  const out: NativeSeries[] = [];
  for (const s of series) {
    const mark = s.markLine;
    if (!isObject(mark)) continue;
    for (const item of asArray(mark.data)) {
      if (!isObject(item) || typeof item[valueKey] !== 'number') continue;
      const value = item[valueKey];
      const name = typeof item.name === 'string' && item.name !== '' ? item.name : 'Reference';
      out.push({
        name,
        labels: [...labels],
        values: labels.map(() => value),
        colour: hex(isObject(item.lineStyle) ? item.lineStyle.color : undefined) ?? '425563',
        kind: 'line',
        // On the axis of the series it belongs to (a Pareto's 80% line is on the percentage axis).
        secondary: s.yAxisIndex === 1,
      });
    }
  }
  return out;
}

function cartesian(option: ChartOption, series: JsonObject[]): NativeChart | null {
  const xAxes = asArray(option.xAxis);
  const yAxes = asArray(option.yAxis);
  if (xAxes.length !== 1 || yAxes.length < 1 || yAxes.length > 2) return null;
  const x = xAxes[0]!;
  const y0 = yAxes[0]!;
  if (!isObject(x) || !isObject(y0)) return null;
  const horizontal = y0.type === 'category';
  const categoryAxis = horizontal ? y0 : x;
  const valueAxis = horizontal ? x : y0;
  if (categoryAxis.type !== 'category' || valueAxis.type !== 'value' || !Array.isArray(categoryAxis.data)) return null;
  if (horizontal && yAxes.length > 1) return null;
  const labels = categoryAxis.data.map((c) => (isObject(c) ? String(c.value ?? '') : String(c ?? '')));
  const colours = palette(option);
  const out: NativeSeries[] = [];
  for (const [i, s] of series.entries()) {
    const data = asArray(s.data);
    const values = data.map(plainValue);
    if (values.some((v) => v === undefined) || values.length > labels.length) return null;
    const kind: NativeKind = s.type === 'bar' ? 'bar' : s.areaStyle !== undefined ? 'area' : 'line';
    const padded = labels.map((_, j) => values[j] ?? null);
    out.push({
      name: typeof s.name === 'string' ? s.name : `Series ${i + 1}`,
      labels,
      values: padded,
      colour: seriesColour(s, i, colours),
      kind,
      secondary: s.yAxisIndex === 1,
    });
  }
  const kinds = new Set(out.map((s) => s.kind));
  const main: NativeKind = kinds.has('bar') ? 'bar' : kinds.has('area') ? 'area' : 'line';
  const stacks = new Set(series.flatMap((s) => (typeof s.stack === 'string' ? [s.stack] : [])));
  const stacked = stacks.size > 0;
  // Office charts stack one group of columns, and do not stack lines: anything else goes in as a picture.
  if (stacks.size > 1 || series.some((s) => typeof s.stack === 'string' && s.type !== 'bar')) return null;
  const refs = referenceSeries(series, labels, horizontal ? 'xAxis' : 'yAxis');
  // A reference line on horizontal bars cannot be a line series in an office bar chart: keep it out rather than draw it wrong.
  const all = horizontal ? out : [...out, ...refs];
  return {
    kind: main,
    direction: horizontal ? 'bar' : 'col',
    grouping: stacked ? 'stacked' : 'clustered',
    series: all,
    reverseCategories: horizontal && categoryAxis.inverse === true,
    percentAxis: valueAxis.min === 0 && valueAxis.max === 1 && stacked,
    categoryAxisTitle: axisTitle(categoryAxis),
    valueAxisTitle: axisTitle(valueAxis),
    secondaryAxisTitle: axisTitle(yAxes[1]),
    showLegend: legendShown(option) && all.length > 1,
    dataLabels: dataLabelsShown(series),
  };
}

function pie(option: ChartOption, s: JsonObject): NativeChart | null {
  const labels: string[] = [];
  const values: (number | null)[] = [];
  for (const item of asArray(s.data)) {
    if (!isObject(item)) return null;
    const v = plainValue(item.value ?? null);
    if (v === undefined) return null;
    labels.push(String(item.name ?? ''));
    values.push(v);
  }
  const radius = asArray(s.radius);
  const inner = typeof radius[0] === 'string' ? parseFloat(radius[0]) : typeof radius[0] === 'number' ? radius[0] : 0;
  const kind: NativeKind = inner > 0 ? 'doughnut' : 'pie';
  return {
    kind,
    direction: 'col',
    grouping: 'clustered',
    series: [{ name: typeof s.name === 'string' ? s.name : 'Share', labels, values, colour: null, kind, secondary: false }],
    reverseCategories: false,
    percentAxis: false,
    categoryAxisTitle: null,
    valueAxisTitle: null,
    secondaryAxisTitle: null,
    showLegend: true,
    dataLabels: dataLabelsShown([s]),
  };
}

function scatter(option: ChartOption, series: JsonObject[]): NativeChart | null {
  // Reference lines and point labels (the peers quadrant's averages and organisation codes) have no office equivalent.
  if (series.some((s) => s.markLine !== undefined || (isObject(s.label) && s.label.show === true))) return null;
  const x = asArray(option.xAxis)[0];
  const y = asArray(option.yAxis)[0];
  if (!isObject(x) || !isObject(y) || x.type !== 'value' || y.type !== 'value') return null;
  const colours = palette(option);
  const out: NativeSeries[] = [];
  for (const [i, s] of series.entries()) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const item of asArray(s.data)) {
      const pair = isObject(item) ? item.value : item;
      if (!Array.isArray(pair) || typeof pair[0] !== 'number' || typeof pair[1] !== 'number') return null;
      xs.push(pair[0]);
      ys.push(pair[1]);
    }
    out.push({
      name: typeof s.name === 'string' ? s.name : `Series ${i + 1}`,
      labels: [],
      values: ys,
      xValues: xs,
      colour: seriesColour(s, i, colours),
      kind: 'scatter',
      secondary: false,
    });
  }
  return {
    kind: 'scatter',
    direction: 'col',
    grouping: 'clustered',
    series: out,
    reverseCategories: false,
    percentAxis: false,
    categoryAxisTitle: axisTitle(x),
    valueAxisTitle: axisTitle(y),
    secondaryAxisTitle: null,
    showLegend: legendShown(option) && out.length > 1,
    dataLabels: false,
  };
}

/** Whether the option draws shapes of its own (text, such as a disclosure note, is written on the slide instead). */
function drawnShapes(option: ChartOption): boolean {
  return asArray(option.graphic).some((g) => isObject(g) && g.type !== 'text');
}

export function nativeChartOf(option: ChartOption): NativeChart | null {
  const series = asArray(option.series).filter(isObject);
  if (series.length === 0) return null;
  // Drawn shapes (an SPC chart's variation and assurance icons) have no office equivalent:
  // such a chart goes in as a picture rather than lose what it says.
  if (drawnShapes(option)) return null;
  const types = new Set(series.map((s) => s.type));
  if ([...types].every((t) => t === 'bar' || t === 'line')) return cartesian(option, series);
  if (types.size === 1 && types.has('pie') && series.length === 1) return pie(option, series[0]!);
  if (types.size === 1 && types.has('scatter')) return scatter(option, series);
  return null;
}
