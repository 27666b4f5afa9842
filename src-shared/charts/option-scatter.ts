import type { JsonValue } from '../format/plain-json';
import { findMeasure, measureFormat, measureLabel } from './chart-fields';
import { isHighlighted, type ChartPivot, type PivotSeries } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { FONT_SIZES, GRID_LINE_COLOUR, TEXT_COLOUR } from './chart-theme';
import { chartFrame, gridFromLayout, textStyle } from './option-frame';
import { formatMarkerJson, type ChartOption, type JsonObject } from './option-json';
import { HIGHLIGHT_COLOUR, MUTED_COLOUR } from './palette';
import { markLine, markLineItem, referenceLineName, referenceLineValue } from './reference-lines';

/**
 * Scatter (e.g. a RightCare quadrant: spend against outcome per CCG): one
 * point per x category at (first measure, second measure); with a colour
 * split, one series per split value. Both axes fit the data (`scale`) rather
 * than start at zero. Reference lines on the first measure are vertical, on
 * the second horizontal, so two averages draw the quadrant. Highlighted
 * points are NHS Blue and labelled with their name; others grey.
 */
export function buildScatterOption(spec: ChartSpec, pivot: ChartPivot): ChartOption {
  const [mx, my] = [spec.y[0]!, spec.y[1]!];
  const f = spec.format;
  const groups = pivot.groups.length > 0 ? pivot.groups.map((g) => g.key) : [undefined];
  const pick = (measureIndex: number, groupKey: string | undefined): PivotSeries | undefined =>
    pivot.series.find((s) => s.measureIndex === measureIndex && s.group?.key === groupKey);
  const highlightPoints = pivot.groups.length === 0 && f.highlight.length > 0 && pivot.categories.some((c) => isHighlighted(c, f.highlight));
  const highlightGroups = pivot.groups.length > 0 && f.highlight.length > 0 && pivot.groups.some((g) => isHighlighted(g, f.highlight));
  const xs: number[] = [];
  const ys: number[] = [];

  const series: JsonObject[] = groups.map((groupKey) => {
    const sx = pick(0, groupKey);
    const sy = pick(1, groupKey);
    const group = sx?.group;
    const data: JsonValue[] = [];
    pivot.categories.forEach((c, i) => {
      const vx = sx?.values[i] ?? null;
      const vy = sy?.values[i] ?? null;
      if (vx === null || vy === null) return;
      xs.push(vx);
      ys.push(vy);
      const item: JsonObject = { name: c.label, value: [vx, vy] };
      if (highlightPoints) {
        const on = isHighlighted(c, f.highlight);
        item.itemStyle = { color: on ? HIGHLIGHT_COLOUR : MUTED_COLOUR };
        if (on) item.label = { show: true, formatter: '{b}', position: 'right', ...textStyle(FONT_SIZES.dataLabel, HIGHLIGHT_COLOUR, { fontWeight: 'bold' }) };
      }
      data.push(item);
    });
    const out: JsonObject = {
      id: group ? `scatter|${group.key}` : 'scatter',
      name: group ? group.label : `${measureLabel(mx)} / ${measureLabel(my)}`,
      type: 'scatter',
      data,
      symbolSize: 10,
      emphasis: { focus: 'series' },
    };
    if (highlightGroups && group) {
      const on = isHighlighted(group, f.highlight);
      out.itemStyle = { color: on ? HIGHLIGHT_COLOUR : MUTED_COLOUR };
      out.z = on ? 3 : 2;
    }
    if (f.dataLabels) out.label = { show: true, formatter: '{b}', position: 'right', ...textStyle(FONT_SIZES.dataLabel) };
    return out;
  });

  const items: JsonObject[] = [];
  for (const line of f.referenceLines) {
    const measure = findMeasure(spec, line.measure);
    const horizontalMeasure = measure === mx;
    const value = referenceLineValue(line, horizontalMeasure ? xs : ys);
    if (value === null) continue;
    const name = referenceLineName(line, value, measureFormat(measure), measure.decimals);
    items.push(markLineItem(line, value, horizontalMeasure ? 'x' : 'y', name));
  }
  if (items.length > 0 && series[0]) series[0].markLine = markLine(items);

  const { layout, option } = chartFrame(f, pivot.groups.length > 0 ? pivot.groups.map((g) => g.label) : []);
  const valueAxis = (measureIndex: 0 | 1): JsonObject => {
    const m = measureIndex === 0 ? mx : my;
    const title = (measureIndex === 0 ? f.xAxisTitle : f.yAxisTitle) ?? measureLabel(m);
    const nameTextStyle = textStyle(FONT_SIZES.axisName, TEXT_COLOUR, measureIndex === 0 ? { fontWeight: 'bold' } : { fontWeight: 'bold', align: 'left' });
    return {
      type: 'value',
      scale: true,
      name: title,
      nameLocation: measureIndex === 0 ? 'middle' : 'end',
      nameGap: measureIndex === 0 ? 32 : 14,
      nameTextStyle,
      axisLabel: { ...textStyle(FONT_SIZES.axisLabel), formatter: formatMarkerJson(measureFormat(m), 'axis') },
      splitLine: { show: true, lineStyle: { color: GRID_LINE_COLOUR, width: 1 } },
      axisLine: { show: false },
      axisTick: { show: false },
    };
  };
  return {
    ...option,
    grid: gridFromLayout(layout),
    tooltip: { trigger: 'item', confine: true },
    xAxis: valueAxis(0),
    yAxis: valueAxis(1),
    series,
  };
}
