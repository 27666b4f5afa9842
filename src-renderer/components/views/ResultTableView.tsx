import { useMemo, useState } from 'react';
import type { ResultTable } from '../../../src-shared/analysis/view-types';
import { toCsv, toTsv } from '../../../src-shared/export/delimited';
import { toXlsx } from '../../../src-shared/export/xlsx';
import { formatNumber, NUMBER_FORMATS, type NumberFormat } from '../../../src-shared/format/number-format';
import type { JsonValue } from '../../../src-shared/format/plain-json';
import { fileStem } from '../../../src-shared/export/file-names';
import { platform } from '../../platform';
import { useWorkbench } from '../../state/store';
import { MdcIconCell } from './MdcIconCell';
import { countOf } from '../../../src-shared/format/count-text';
import { monthText } from '../../../src-shared/charts/time-grain';

function show(value: JsonValue | undefined, format: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const f = (NUMBER_FORMATS as readonly string[]).includes(format ?? '') ? (format as NumberFormat) : 'number';
    return formatNumber(value, f, f === 'number' ? { decimals: Number.isInteger(value) ? 0 : 2 } : {});
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (format === 'month' && typeof value === 'string') return monthText(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A view's result table: sortable, exportable as CSV/XLSX, copyable for Excel.
 * A table whose rows each have a chart (an SPC summary) opens it from the row's first cell.
 */
export function ResultTableView({
  table,
  viewId,
  onOpenChart,
  openChart,
}: {
  table: ResultTable;
  viewId?: string;
  onOpenChart?: (chartId: string) => void;
  /** The chart shown now, marked on its row. */
  openChart?: string;
}) {
  const notify = useWorkbench((s) => s.notify);
  const addReportItem = useWorkbench((s) => s.addReportItem);
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const rows = useMemo(() => {
    if (!sort) return table.rows;
    return [...table.rows].sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return sort.dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true }));
    });
  }, [table, sort]);
  const exportTable = { columns: table.columns.map((c) => ({ key: c.key, label: c.label })), rows: table.rows };
  const base = fileStem(table.title);
  const save = async (kind: 'csv' | 'xlsx') => {
    const data = kind === 'csv' ? toCsv(exportTable) : toXlsx(exportTable, { sheetName: table.title });
    if (
      await platform.saveFile({
        suggestedName: `${base}.${kind}`,
        data,
        mimeType: kind === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extensions: [kind],
      })
    )
      notify(`Saved ${base}.${kind}`);
  };
  return (
    <section className="result-table" aria-label={table.title} data-testid={`result-table-${table.id}`}>
      <div className="data-panel-header">
        <h3 className="panel-title">
          {table.title} ({countOf(table.rows.length, 'row')})
        </h3>
        <span className="toolbar">
          {viewId && (
            <button type="button" onClick={() => addReportItem({ kind: 'view', view: viewId, table: table.id })}>
              Add to report
            </button>
          )}
          <button
            type="button"
            onClick={() =>
              void platform.copyText(toTsv(exportTable)).then(
                () => notify('Table copied: paste into Excel'),
                (e: Error) => notify(`Could not copy: ${e.message}`),
              )
            }
          >
            Copy
          </button>
          <button type="button" onClick={() => void save('csv')}>
            CSV
          </button>
          <button type="button" onClick={() => void save('xlsx')}>
            Excel
          </button>
        </span>
      </div>
      <div className="chart-data-wrap result-table-wrap">
        <table className="chart-data">
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => setSort(sort?.key === c.key ? { key: c.key, dir: sort.dir === 1 ? -1 : 1 } : { key: c.key, dir: 1 })}
                  >
                    {c.label}
                    {sort?.key === c.key ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 2000).map((r, i) => {
              const chartId = table.rowChartKey && onOpenChart ? r[table.rowChartKey] : undefined;
              const current = typeof chartId === 'string' && chartId === openChart;
              return (
                <tr key={i} className={current ? 'row-current' : undefined} aria-current={current ? 'true' : undefined}>
                  {table.columns.map((c, j) => (
                    <td key={c.key} className={typeof r[c.key] === 'number' ? 'num' : undefined}>
                      {j === 0 && typeof chartId === 'string' ? (
                        <button type="button" className="link-button" onClick={() => onOpenChart!(chartId)} title="Show this chart">
                          {show(r[c.key], c.format) || '(all)'}
                        </button>
                      ) : c.format === 'mdc-icon' && typeof r[c.key] === 'string' ? (
                        <MdcIconCell label={r[c.key] as string} />
                      ) : (
                        show(r[c.key], c.format)
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length > 2000 && <p className="muted">Showing the first 2,000 rows; exports include all {rows.length.toLocaleString('en-GB')}.</p>}
      </div>
    </section>
  );
}
