import type { JsonValue } from '../format/plain-json';
import { LEGEND_HEIGHT, legendRows, SIDE_MARGIN } from './chart-theme';
import type { ChartOption, JsonObject } from './option-json';

/**
 * A chart option made safe for static output (SVG, PDF, slides): a page
 * cannot page through a scrolling legend, so every legend becomes a plain one
 * that wraps onto as many rows as its entries need, with the plot box moved
 * clear of the extra rows, and a bottom legend kept clear of the category
 * axis title. The on-screen chart keeps its own option.
 */

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Gap kept between a named category axis and a legend under it. */
const AXIS_TITLE_ROOM = 22;

function legendNames(option: ChartOption, legend: JsonObject): string[] {
  if (Array.isArray(legend.data)) return legend.data.map((d) => (isObject(d) ? String(d.name ?? '') : String(d ?? '')));
  const series = Array.isArray(option.series) ? option.series.filter(isObject) : [];
  return series.flatMap((s) =>
    s.type === 'pie' && Array.isArray(s.data) ? s.data.map((d) => (isObject(d) ? String(d.name ?? '') : '')) : typeof s.name === 'string' ? [s.name] : [],
  );
}

function shiftGrid(grid: JsonValue | undefined, side: 'top' | 'bottom', by: number): JsonValue | undefined {
  if (by <= 0) return grid;
  const shift = (g: JsonObject): JsonObject => ({ ...g, [side]: (typeof g[side] === 'number' ? g[side] : 60) + by });
  if (Array.isArray(grid)) return grid.map((g) => (isObject(g) ? shift(g) : g));
  return shift(isObject(grid) ? grid : {});
}

function namedCategoryAxis(option: ChartOption): boolean {
  const axes = Array.isArray(option.xAxis) ? option.xAxis : [option.xAxis];
  return axes.some((a) => isObject(a) && typeof a.name === 'string' && a.name !== '' && a.nameLocation === 'middle');
}

export function staticChartOption(option: ChartOption, width: number): ChartOption {
  const legends = Array.isArray(option.legend) ? option.legend : option.legend === undefined ? [] : [option.legend];
  if (legends.length !== 1 || !isObject(legends[0]) || legends[0].show === false) return option;
  const legend = legends[0];
  const names = legendNames(option, legend);
  const rows = legendRows(names, width);
  const atBottom = legend.bottom !== undefined && legend.top === undefined;
  const wasScroll = legend.type === 'scroll';
  // A scrolling legend was laid out for one row; a plain one already has room for its rows.
  const extraRows = wasScroll ? Math.max(0, rows - 1) : 0;
  let extra = extraRows * LEGEND_HEIGHT;
  if (atBottom && wasScroll && namedCategoryAxis(option)) extra += AXIS_TITLE_ROOM;
  const out: ChartOption = {
    ...option,
    // Where the chart put its legend is kept; it only stops scrolling and, when it needs more than a row, wraps within the chart.
    legend: {
      ...legend,
      type: 'plain',
      ...(rows > 1 ? { left: typeof legend.left === 'number' ? legend.left : SIDE_MARGIN, width: width - 2 * SIDE_MARGIN } : {}),
    },
  };
  const grid = shiftGrid(option.grid, atBottom ? 'bottom' : 'top', extra);
  if (grid !== undefined && extra > 0) out.grid = grid;
  return out;
}
