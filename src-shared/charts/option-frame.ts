import type { JsonValue } from '../format/plain-json';
import type { ChartFormat } from './chart-spec';
import {
  BACKGROUND_COLOUR,
  CHART_FONT_FAMILY,
  chartLayout,
  FONT_SIZES,
  legendRows,
  SECONDARY_TEXT_COLOUR,
  SIDE_MARGIN,
  TEXT_COLOUR,
  type ChartLayout,
  type LegendPlacement,
} from './chart-theme';
import type { JsonObject } from './option-json';
import { paletteColours } from './palette';

/**
 * The parts every chart type shares: background, palette, type, the title
 * and subtitle at the top, the source note and footnote under the chart, the
 * legend, and the layout that keeps them clear of the plot.
 */

/** Source note then footnote, one entry per line. */
export function noteLines(format: ChartFormat): string[] {
  return [format.sourceNote, format.footnote].filter((t): t is string => t !== undefined && t.trim() !== '').flatMap((t) => t.split(/\r?\n/));
}

/** Where the legend goes: `auto` puts it at the top when there is more than one entry. */
export function legendPlacement(format: ChartFormat, entries: number): LegendPlacement {
  if (format.legend === 'auto') return entries > 1 ? 'top' : 'none';
  return entries > 0 ? format.legend : 'none';
}

/** Beyond this many entries the legend scrolls (one row) instead of wrapping. */
export const MAX_PLAIN_LEGEND = 12;

export interface ChartFrame {
  layout: ChartLayout;
  option: JsonObject;
}

export function textStyle(fontSize: number, colour: string = TEXT_COLOUR, extra: JsonObject = {}): JsonObject {
  return { fontFamily: CHART_FONT_FAMILY, fontSize, color: colour, ...extra };
}

/** The frame for a chart `format.width` wide whose legend lists `legendNames` (empty for no legend). */
export function chartFrame(format: ChartFormat, legendNames: readonly string[]): ChartFrame {
  const notes = noteLines(format);
  const hasTitle = format.title !== undefined && format.title !== '';
  const hasSubtitle = format.subtitle !== undefined && format.subtitle !== '';
  const legend = legendPlacement(format, legendNames.length);
  const scroll = legendNames.length > MAX_PLAIN_LEGEND;
  const rows = legend === 'none' ? 0 : scroll ? 1 : legendRows(legendNames, format.width);
  const layout = chartLayout({ title: hasTitle, subtitle: hasSubtitle, noteLines: notes.length, legend, legendRows: rows });

  const titles: JsonValue[] = [];
  if (hasTitle) {
    titles.push({
      id: 'title',
      text: format.title ?? '',
      left: SIDE_MARGIN,
      top: layout.titleTop,
      // A title longer than the chart is narrow (a half-width report item) ends in "…" rather than being cut mid-word.
      textStyle: textStyle(FONT_SIZES.title, TEXT_COLOUR, { fontWeight: 'bold', width: format.width - 2 * SIDE_MARGIN, overflow: 'truncate' }),
    });
  }
  if (hasSubtitle) {
    titles.push({
      id: 'subtitle',
      text: format.subtitle ?? '',
      left: SIDE_MARGIN,
      top: layout.subtitleTop,
      textStyle: textStyle(FONT_SIZES.subtitle, SECONDARY_TEXT_COLOUR, { fontWeight: 'normal', width: format.width - 2 * SIDE_MARGIN, overflow: 'truncate' }),
    });
  }
  if (notes.length > 0) {
    titles.push({
      id: 'notes',
      text: notes.join('\n'),
      left: SIDE_MARGIN,
      bottom: layout.notesBottom,
      textStyle: textStyle(FONT_SIZES.note, SECONDARY_TEXT_COLOUR, { fontWeight: 'normal', lineHeight: 16 }),
    });
  }

  const option: JsonObject = {
    backgroundColor: BACKGROUND_COLOUR,
    color: [...paletteColours(format.palette)],
    textStyle: { fontFamily: CHART_FONT_FAMILY, color: TEXT_COLOUR },
    aria: { enabled: true },
  };
  if (titles.length > 0) option.title = titles;
  if (legend !== 'none') {
    const place: JsonObject = layout.legendTop !== undefined ? { top: layout.legendTop } : { bottom: layout.legendBottom ?? 0 };
    option.legend = {
      show: true,
      type: scroll ? 'scroll' : 'plain',
      left: SIDE_MARGIN,
      ...place,
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 16,
      textStyle: textStyle(FONT_SIZES.legend),
      data: [...legendNames],
    };
  }
  return { layout, option };
}

/** The plot box from the layout; axis labels and names stay inside it. */
export function gridFromLayout(layout: ChartLayout): JsonObject {
  return {
    left: layout.gridLeft,
    right: layout.gridRight,
    top: layout.gridTop,
    bottom: layout.gridBottom,
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
}
