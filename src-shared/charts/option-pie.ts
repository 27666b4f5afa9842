import type { JsonValue } from '../format/plain-json';
import { measureFormat, measureLabel } from './chart-fields';
import { isHighlighted, type ChartPivot } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { BACKGROUND_COLOUR, FONT_SIZES, SIDE_MARGIN } from './chart-theme';
import { chartFrame, textStyle } from './option-frame';
import { formatMarkerJson, type ChartOption, type JsonObject } from './option-json';
import { HIGHLIGHT_COLOUR, MUTED_COLOUR } from './palette';

/**
 * Pie and donut charts: one slice per x category (blank values left out), in
 * the result's order. Slices are labelled `name: 12.5%`; with data labels on,
 * the label is the formatted value and the names move to a legend.
 */
export function buildPieOption(spec: ChartSpec, pivot: ChartPivot): ChartOption {
  const s = pivot.series[0];
  const measure = spec.y[0]!;
  const format = measureFormat(measure);
  const decimals = measure.decimals;
  const f = spec.format;
  const highlight = f.highlight.length > 0 && pivot.categories.some((c) => isHighlighted(c, f.highlight));
  const data: JsonValue[] = [];
  pivot.categories.forEach((c, i) => {
    const value = s?.values[i] ?? null;
    if (value === null) return;
    const item: JsonObject = { name: c.label, value };
    if (highlight) item.itemStyle = { color: isHighlighted(c, f.highlight) ? HIGHLIGHT_COLOUR : MUTED_COLOUR };
    data.push(item);
  });
  const names = f.dataLabels || f.legend === 'top' || f.legend === 'bottom' ? pivot.categories.map((c) => c.label) : [];
  const { layout, option } = chartFrame(f, names);
  return {
    ...option,
    tooltip: { trigger: 'item', confine: true },
    series: [
      {
        id: s?.id ?? 'pie',
        name: measureLabel(measure),
        type: 'pie',
        radius: spec.type === 'donut' ? ['45%', '70%'] : ['0%', '70%'],
        left: SIDE_MARGIN,
        right: SIDE_MARGIN,
        top: layout.gridTop,
        bottom: layout.gridBottom,
        percentPrecision: 1,
        data,
        itemStyle: { borderColor: BACKGROUND_COLOUR, borderWidth: 2 },
        label: { show: true, ...textStyle(FONT_SIZES.dataLabel), formatter: f.dataLabels ? formatMarkerJson(format, 'label', { decimals }) : '{b}: {d}%' },
        labelLine: { show: true },
        tooltip: { valueFormatter: formatMarkerJson(format, 'value', { decimals }) },
      },
    ],
  };
}
