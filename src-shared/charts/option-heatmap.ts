import { formatAxisNumber } from '../format/number-format';
import type { JsonValue } from '../format/plain-json';
import { measureFormat, measureLabel } from './chart-fields';
import type { ChartPivot } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { AXIS_LINE_COLOUR, BACKGROUND_COLOUR, FONT_SIZES, SIDE_MARGIN, TEXT_COLOUR } from './chart-theme';
import { chartFrame, gridFromLayout, textStyle } from './option-frame';
import { formatMarkerJson, type ChartOption, type JsonObject } from './option-json';
import { NHS_COLOURS, paletteColours } from './palette';

/**
 * Heatmap: x categories across, colour-split values down, one cell per
 * result row coloured from pale grey (lowest) to the palette's first colour
 * (highest). The first colour-split value is the top row. The colour scale
 * sits where a legend would (top by default).
 */
export function buildHeatmapOption(spec: ChartSpec, pivot: ChartPivot): ChartOption {
  const measure = spec.y[0]!;
  const format = measureFormat(measure);
  const f = spec.format;
  const data: JsonValue[] = [];
  const values: number[] = [];
  pivot.series.forEach((s, gi) => {
    s.values.forEach((v, ci) => {
      if (v === null) return;
      data.push([ci, gi, v]);
      values.push(v);
    });
  });
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const scaleAt = f.legend === 'bottom' ? 'bottom' : 'top';
  const { layout, option } = chartFrame({ ...f, legend: f.legend === 'none' ? 'none' : scaleAt }, [measureLabel(measure)]);
  delete option.legend;
  const place: JsonObject =
    layout.legendTop !== undefined ? { top: layout.legendTop } : layout.legendBottom !== undefined ? { bottom: layout.legendBottom } : {};
  const categoryAxis = (labels: string[], title: string | undefined, across: boolean): JsonObject => {
    const axis: JsonObject = {
      type: 'category',
      data: labels,
      splitArea: { show: false },
      axisTick: { show: false },
      axisLine: { show: true, lineStyle: { color: AXIS_LINE_COLOUR } },
      axisLabel: { ...textStyle(FONT_SIZES.axisLabel), hideOverlap: true },
    };
    // Rows read top-down in the split's order, so the first value is at the top.
    if (!across) axis.inverse = true;
    if (title)
      Object.assign(axis, {
        name: title,
        nameLocation: across ? 'middle' : 'start',
        nameGap: across ? 32 : 12,
        nameTextStyle: textStyle(FONT_SIZES.axisName, TEXT_COLOUR, { fontWeight: 'bold' }),
      });
    return axis;
  };
  return {
    ...option,
    grid: gridFromLayout(layout),
    tooltip: { trigger: 'item', confine: true },
    visualMap: {
      type: 'continuous',
      show: f.legend !== 'none',
      min,
      max,
      calculable: false,
      orient: 'horizontal',
      left: SIDE_MARGIN,
      ...place,
      itemWidth: 12,
      itemHeight: 160,
      inRange: { color: [NHS_COLOURS.paleGrey, paletteColours(f.palette)[0] ?? NHS_COLOURS.blue] },
      textStyle: textStyle(FONT_SIZES.legend),
      text: [formatAxisNumber(max, format), formatAxisNumber(min, format)],
    },
    xAxis: categoryAxis(
      pivot.categories.map((c) => c.label),
      f.xAxisTitle ?? spec.x?.label,
      true,
    ),
    yAxis: categoryAxis(
      pivot.groups.map((g) => g.label),
      f.yAxisTitle ?? spec.series?.label,
      false,
    ),
    series: [
      {
        id: 'heatmap',
        name: measureLabel(measure),
        type: 'heatmap',
        data,
        itemStyle: { borderColor: BACKGROUND_COLOUR, borderWidth: 1 },
        label: f.dataLabels
          ? { show: true, ...textStyle(FONT_SIZES.dataLabel), formatter: formatMarkerJson(format, 'label', { decimals: measure.decimals, dim: 2 }) }
          : { show: false },
        tooltip: { valueFormatter: formatMarkerJson(format, 'value', { decimals: measure.decimals }) },
      },
    ],
  };
}
