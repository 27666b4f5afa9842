import { NHS_COLOURS } from './palette';

/**
 * Board-ready defaults: readable type, light grid lines, no chart junk, white
 * background (charts are pasted onto slides), and margins that leave room for
 * titles, the legend and the notes under the chart. Axis labels and names are
 * kept inside the grid box (`outerBoundsMode: 'same'`), so long category labels
 * shrink the plot rather than fall off the edge.
 */
export const CHART_FONT_FAMILY = 'Arial, Helvetica, sans-serif';
export const TEXT_COLOUR = '#212B32';
export const SECONDARY_TEXT_COLOUR = '#4C6272';
export const GRID_LINE_COLOUR = '#D8DDE0';
export const AXIS_LINE_COLOUR = NHS_COLOURS.midGrey;
export const BACKGROUND_COLOUR = '#FFFFFF';

export const FONT_SIZES = { title: 20, subtitle: 14, axisLabel: 13, axisName: 13, legend: 13, dataLabel: 12, note: 12, table: 13 } as const;

/** Outer margin left and right, in pixels. */
export const SIDE_MARGIN = 24;
/** Category labels on a horizontal bar chart are cut (with …) beyond this width. */
export const CATEGORY_LABEL_WIDTH = 240;

const TOP_MARGIN = 16;
const TITLE_HEIGHT = 26;
const SUBTITLE_HEIGHT = 20;
const AFTER_TITLE = 12;
/** Height of one legend row. */
export const LEGEND_HEIGHT = 28;
const BOTTOM_MARGIN = 12;
const NOTE_LINE_HEIGHT = 16;
const AFTER_NOTES = 10;
const GRID_GAP = 4;

export type LegendPlacement = 'top' | 'bottom' | 'none';

export interface ChartLayout {
  titleTop: number;
  /** The subtitle is a text of its own, below the title (ECharts' `subtext` can overlap a bold title). */
  subtitleTop: number;
  /** Set when the legend is at the top. */
  legendTop?: number;
  /** Set when the legend is at the bottom. */
  legendBottom?: number;
  notesBottom: number;
  /** The plot box (axis labels and names included). */
  gridTop: number;
  gridBottom: number;
  gridLeft: number;
  gridRight: number;
}

/** Legend entries: marker, gap, text and the gap to the next entry, at an estimated 8.5 px a character. */
const LEGEND_MARKER = 14 + 5;
const LEGEND_ITEM_GAP = 16;
// Conservative: capitals and digits in Arial 13px run wider than 7 px, and a wrapped legend must never overlap the plot.
const LEGEND_CHAR_WIDTH = 8.5;

/** How many rows a plain (wrapping) legend of these names takes in a chart `width` pixels wide. */
export function legendRows(names: readonly string[], width: number): number {
  const available = Math.max(1, width - 2 * SIDE_MARGIN);
  let rows = names.length > 0 ? 1 : 0;
  let used = 0;
  for (const name of names) {
    const item = LEGEND_MARKER + name.length * LEGEND_CHAR_WIDTH;
    if (used > 0 && used + item > available) {
      rows++;
      used = 0;
    }
    used += item + LEGEND_ITEM_GAP;
  }
  return rows;
}

/** Pixel positions of the title, legend (`legendRows` rows of it), plot box and notes. */
export function chartLayout(o: { title: boolean; subtitle: boolean; noteLines: number; legend: LegendPlacement; legendRows?: number }): ChartLayout {
  const legendHeight = LEGEND_HEIGHT * Math.max(1, o.legendRows ?? 1);
  let top = TOP_MARGIN;
  if (o.title) top += TITLE_HEIGHT;
  if (o.subtitle) top += SUBTITLE_HEIGHT;
  if (o.title || o.subtitle) top += AFTER_TITLE;
  const subtitleTop = TOP_MARGIN + (o.title ? TITLE_HEIGHT : 0);
  const layout: ChartLayout = {
    titleTop: TOP_MARGIN,
    subtitleTop,
    notesBottom: BOTTOM_MARGIN,
    gridTop: 0,
    gridBottom: 0,
    gridLeft: SIDE_MARGIN,
    gridRight: SIDE_MARGIN,
  };
  if (o.legend === 'top') {
    layout.legendTop = top;
    top += legendHeight;
  }
  let bottom = BOTTOM_MARGIN;
  if (o.noteLines > 0) bottom += o.noteLines * NOTE_LINE_HEIGHT + AFTER_NOTES;
  if (o.legend === 'bottom') {
    layout.legendBottom = bottom;
    bottom += legendHeight;
  }
  layout.gridTop = top + GRID_GAP;
  layout.gridBottom = bottom + GRID_GAP;
  return layout;
}
