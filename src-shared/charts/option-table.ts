import type { JsonValue } from '../format/plain-json';
import type { ChartRow } from './chart-data';
import { isHighlighted } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { buildChartTable } from './chart-table';
import { chartPivotDisplay } from './chart-pivot';
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

/** A table to draw: headings, then rows of cell texts with optional emphasis and per-cell shading. */
export interface DrawnTable {
  columns: { label: string; align: 'left' | 'right' }[];
  rows: { cells: string[]; bold?: boolean; colour?: string; rowFill?: string | null; fills?: (string | null)[] }[];
}

/**
 * A table as an ECharts option (graphic elements), so it renders to SVG like
 * any chart: a header row, one line per row, numbers right-aligned. Rows
 * beyond the chart's height are left out with a note saying how many.
 */
export function drawTableOption(spec: Pick<ChartSpec, 'format'>, table: DrawnTable, height: number): ChartOption {
  const { layout, option } = chartFrame(spec.format, []);
  const widths = table.columns.map((c, ci) => columnWidth([c.label, ...table.rows.map((r) => r.cells[ci] ?? '')], 80, c.align === 'left' ? 320 : 220));
  const total = widths.reduce((a, b) => a + b, 0);
  const lefts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const cellX = (ci: number) => (table.columns[ci]!.align === 'right' ? lefts[ci]! + widths[ci]! - CELL_PADDING : lefts[ci]! + CELL_PADDING);

  const room = Math.max(2, Math.floor((height - layout.gridTop - layout.gridBottom) / TABLE_ROW_HEIGHT));
  const fits = table.rows.length <= room - 1;
  const shown = fits ? table.rows.length : Math.max(0, room - 2);

  const children: JsonValue[] = [];
  table.columns.forEach((c, ci) => children.push(text(cellX(ci), TABLE_ROW_HEIGHT / 2, c.label, c.align, true, TEXT_COLOUR)));
  children.push(rule(TABLE_ROW_HEIGHT, total, AXIS_LINE_COLOUR));
  for (let r = 0; r < shown; r++) {
    const top = (r + 1) * TABLE_ROW_HEIGHT;
    const row = table.rows[r]!;
    if (row.rowFill) children.push({ type: 'rect', shape: { x: 0, y: top, width: total, height: TABLE_ROW_HEIGHT }, style: { fill: row.rowFill } });
    row.fills?.forEach((fill, ci) => {
      if (fill) children.push({ type: 'rect', shape: { x: lefts[ci]!, y: top, width: widths[ci]!, height: TABLE_ROW_HEIGHT }, style: { fill } });
    });
    row.cells.forEach((cell, ci) =>
      children.push(text(cellX(ci), top + TABLE_ROW_HEIGHT / 2, cell, table.columns[ci]!.align, row.bold ?? false, row.colour ?? TEXT_COLOUR)),
    );
    children.push(rule(top + TABLE_ROW_HEIGHT, total, GRID_LINE_COLOUR));
  }
  if (!fits) {
    const more = table.rows.length - shown;
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

/** The `table` chart type: one row per category, numbers formatted, highlighted rows in bold NHS Blue on pale grey. */
export function buildTableOption(spec: ChartSpec, rows: readonly ChartRow[], height: number): ChartOption {
  const table = buildChartTable(spec, rows);
  return drawTableOption(
    spec,
    {
      columns: table.columns.map((c) => ({ label: c.label, align: c.kind === 'measure' ? 'right' : 'left' })),
      rows: table.text.map((cells, r) => {
        const on =
          spec.format.highlight.length > 0 && isHighlighted({ key: table.rowKeys[r] ?? '', value: null, label: cells[0] ?? '' }, spec.format.highlight);
        return on ? { cells, bold: true, colour: HIGHLIGHT_COLOUR, rowFill: NHS_COLOURS.paleGrey } : { cells };
      }),
    },
    height,
  );
}

/** The `pivot` chart type: subtotal and total rows in bold on pale grey, cells shaded when the pivot colours them. */
export function buildPivotOption(spec: ChartSpec, rows: readonly ChartRow[], height: number): ChartOption {
  const pivot = chartPivotDisplay(spec, rows);
  return drawTableOption(
    spec,
    {
      columns: pivot.columns.map((c) => ({ label: c.label, align: c.kind === 'value' ? 'right' : 'left' })),
      rows: pivot.rows.map((r) => (r.kind === 'row' ? { cells: r.cells, fills: r.fills } : { cells: r.cells, bold: true, rowFill: NHS_COLOURS.paleGrey })),
    },
    height,
  );
}
