import { chartColumns } from './chart-fields';
import { chartPivotExportTable } from './chart-pivot';
import type { ChartRow } from './chart-data';
import type { ChartSpec } from './chart-spec';
import type { ExportTable } from '../export/data-table';

/**
 * A chart's data — its query result, one row per x category × colour-split
 * value, absolute values even for 100% stacked charts — as a table to export
 * (`toCsv`, `toTsv`, `toXlsx`), headed by the columns' labels.
 */
export function chartExportTable(spec: ChartSpec, rows: readonly ChartRow[]): ExportTable {
  if (spec.type === 'pivot') return chartPivotExportTable(spec, rows);
  return { columns: chartColumns(spec).map((c) => ({ key: c.key, label: c.label })), rows };
}
