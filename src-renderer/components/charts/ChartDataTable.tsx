import { useMemo, useState } from 'react';
import type { ChartTable } from '../../../src-shared/charts/chart-table';

/** The data behind a chart as a sortable table (click a heading; again to reverse). */
export function ChartDataTable({ table }: { table: ChartTable }) {
  const [sort, setSort] = useState<{ col: number; dir: 1 | -1 } | null>(null);
  const order = useMemo(() => {
    const idx = table.rows.map((_, i) => i);
    if (!sort) return idx;
    const cmp = (a: unknown, b: unknown): number => {
      if (a === b) return 0;
      if (a === null || a === undefined) return 1;
      if (b === null || b === undefined) return -1;
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      return String(a).localeCompare(String(b), 'en-GB', { numeric: true });
    };
    return idx.sort((i, j) => sort.dir * cmp(table.rows[i]![sort.col], table.rows[j]![sort.col]));
  }, [table, sort]);
  return (
    <div className="chart-data-wrap">
      <table className="chart-data" data-testid="chart-data">
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th
                key={c.key}
                scope="col"
                className={c.kind === 'measure' ? 'num' : undefined}
                aria-sort={sort?.col === i ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => setSort(sort?.col === i ? { col: i, dir: sort.dir === 1 ? -1 : 1 } : { col: i, dir: c.kind === 'measure' ? -1 : 1 })}
                >
                  {c.label}
                  {sort?.col === i ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.map((r) => (
            <tr key={table.rowKeys[r] ?? r}>
              {table.text[r]!.map((cell, c) => (
                <td key={c} className={table.columns[c]?.kind === 'measure' ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
