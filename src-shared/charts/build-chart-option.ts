import { pivotChartRows, type ChartRow } from './chart-data';
import type { ChartSpec } from './chart-spec';
import { buildCartesianOption } from './option-cartesian';
import { buildHeatmapOption } from './option-heatmap';
import type { ChartOption } from './option-json';
import { buildPieOption } from './option-pie';
import { buildScatterOption } from './option-scatter';
import { buildFunnelOption, buildSpcOption } from './option-statistical';
import { buildPivotOption, buildTableOption } from './option-table';

export interface BuildChartOptionOptions {
  /** Rendered width in pixels, when it differs from the spec's (a wrapping legend's height depends on it). */
  width?: number;
  /** Rendered height in pixels, when it differs from the spec's (tables show as many rows as fit). */
  height?: number;
}

/**
 * Turn a validated spec and its query result (rows from `compileChartSql`,
 * as engine rows or JSON rows) into an ECharts option. The option is plain
 * JSON: number formats are format markers, so render it through
 * `hydrateChartOption`.
 */
export function buildChartOption(specIn: ChartSpec, rows: readonly ChartRow[], opts: BuildChartOptionOptions = {}): ChartOption {
  const spec: ChartSpec =
    opts.width === undefined && opts.height === undefined
      ? specIn
      : { ...specIn, format: { ...specIn.format, width: opts.width ?? specIn.format.width, height: opts.height ?? specIn.format.height } };
  switch (spec.type) {
    case 'table':
      return buildTableOption(spec, rows, spec.format.height);
    case 'pivot':
      return buildPivotOption(spec, rows, spec.format.height);
    case 'pie':
    case 'donut':
      return buildPieOption(spec, pivotChartRows(spec, rows));
    case 'scatter':
      return buildScatterOption(spec, pivotChartRows(spec, rows));
    case 'heatmap':
      return buildHeatmapOption(spec, pivotChartRows(spec, rows));
    case 'spc':
      return buildSpcOption(spec, pivotChartRows(spec, rows));
    case 'funnel':
      return buildFunnelOption(spec, pivotChartRows(spec, rows));
    case 'column':
    case 'bar':
    case 'line':
    case 'area':
    case 'combo':
      return buildCartesianOption(spec, pivotChartRows(spec, rows));
  }
}
