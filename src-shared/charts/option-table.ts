import type { JsonValue } from '../format/plain-json';
import type { ChartRow } from './chart-data';
import { isHighlighted } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { buildChartTable } from './chart-table';
import { AXIS_LINE_COLOUR, CHART_FONT_FAMILY, FONT_SIZES, GRID_LINE_COLOUR, SECONDARY_TEXT_COLOUR, SIDE_MARGIN, TEXT_COLOUR } from './chart-theme';
import { chartFrame } from './option-frame';
import type { ChartOption, JsonObject } from './option-json';
import { HIGHLIGHT_COLOUR, NHS_COLOURS } from './palette';

/** Row height and an estimate of a character's width at the table's font size, in pixels. */
export const TABLE_ROW_HEIGHT = 28;
const CHAR_WIDTH = 7.5;
const CELL_PADDING = 12;

function columnWidth(texts: string[], min: number, max: number): number {
  const longest = Math.max(0, ...texts.map((t) => t.length));
  return Math.round(Math.min(max, Math.max(min, longest * CHAR_WIDTH + 2 * CELL_PADDING)));
}

function text(x: number, y: number, value: string, align: 'left' | 'right', bold: boolean, colour: string): JsonObject {
  return {
    type: 'text',
    x,
    y,
    style: {
      text: value,
      fill: colour,
      fontFamily: CHART_FONT_FAMILY,
      fontSize: FONT_SIZES.table,
      fontWeight: bold ? 'bold' : 'normal',
      align,
      verticalAlign: 'middle',
    },
  };
}

function rule(y: number, width: number, colour: string): JsonObject {
  return { type: 'line', shape: { x1: 0, y1: y, x2: width, y2: y }, style: { stroke: colour, lineWidth: 1 } };
}

/**
 * The `table` chart type as an ECharts option, so it renders to SVG like any
 * chart: a header row, one row per category, numbers right-aligned and
 * formatted, highlighted rows in bold NHS Blue on pale grey. Rows beyond the
 * chart's height are left out with a note saying how many.
 */
export function buildTableOption(spec: ChartSpec, rows: readonly ChartRow[], height: number): ChartOption {
  const table = buildChartTable(spec, rows);
  const { layout, option } = chartFrame(spec.format, []);
  const widths = table.columns.map((c, ci) =>
    c.kind === 'category'
      ? columnWidth([c.label, ...table.text.map((r) => r[ci] ?? '')], 80, 320)
      : columnWidth([c.label, ...table.text.map((r) => r[ci] ?? '')], 80, 220),
  );
  const total = widths.reduce((a, b) => a + b, 0);
  const lefts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const cellX = (ci: number) => (table.columns[ci]!.kind === 'measure' ? lefts[ci]! + widths[ci]! - CELL_PADDING : lefts[ci]! + CELL_PADDING);
  const align = (ci: number): 'left' | 'right' => (table.columns[ci]!.kind === 'measure' ? 'right' : 'left');

  const room = Math.max(2, Math.floor((height - layout.gridTop - layout.gridBottom) / TABLE_ROW_HEIGHT));
  const fits = table.text.length <= room - 1;
  const shown = fits ? table.text.length : Math.max(0, room - 2);

  const children: JsonValue[] = [];
  table.columns.forEach((c, ci) => children.push(text(cellX(ci), TABLE_ROW_HEIGHT / 2, c.label, align(ci), true, TEXT_COLOUR)));
  children.push(rule(TABLE_ROW_HEIGHT, total, AXIS_LINE_COLOUR));
  for (let r = 0; r < shown; r++) {
    const top = (r + 1) * TABLE_ROW_HEIGHT;
    const on =
      spec.format.highlight.length > 0 && isHighlighted({ key: table.rowKeys[r] ?? '', value: null, label: table.text[r]?.[0] ?? '' }, spec.format.highlight);
    if (on) children.push({ type: 'rect', shape: { x: 0, y: top, width: total, height: TABLE_ROW_HEIGHT }, style: { fill: NHS_COLOURS.paleGrey } });
    table.text[r]!.forEach((cell, ci) => children.push(text(cellX(ci), top + TABLE_ROW_HEIGHT / 2, cell, align(ci), on, on ? HIGHLIGHT_COLOUR : TEXT_COLOUR)));
    children.push(rule(top + TABLE_ROW_HEIGHT, total, GRID_LINE_COLOUR));
  }
  if (!fits) {
    const more = table.text.length - shown;
    children.push(
      text(
        CELL_PADDING,
        (shown + 1) * TABLE_ROW_HEIGHT + TABLE_ROW_HEIGHT / 2,
        `… and ${more} more row${more === 1 ? '' : 's'}`,
        'left',
        false,
        SECONDARY_TEXT_COLOUR,
      ),
    );
  }
  return { ...option, graphic: [{ type: 'group', id: 'table', left: SIDE_MARGIN, top: layout.gridTop, children }] };
}
