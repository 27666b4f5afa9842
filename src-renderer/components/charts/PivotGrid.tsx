import type { PivotDisplay } from '../../../src-shared/charts/chart-pivot';

/** A pivot table as an HTML table: row fields, value columns, subtotal and total rows in bold, cells shaded when the pivot colours them. */
export function PivotGrid({ pivot, label }: { pivot: PivotDisplay; label: string }) {
  return (
    <div className="pivot-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className="pivot-grid" data-testid="pivot-grid">
        <thead>
          <tr>
            {pivot.columns.map((c, i) => (
              <th key={i} scope="col" className={c.kind === 'value' ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {pivot.rows.map((r, ri) => (
            <tr key={ri} className={r.kind === 'row' ? undefined : `pivot-${r.kind}`} data-kind={r.kind}>
              {r.cells.map((cell, ci) => {
                const fill = r.fills[ci];
                const isKey = pivot.columns[ci]?.kind === 'row';
                return isKey ? (
                  <th key={ci} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={ci} className="num" style={fill ? { background: fill } : undefined}>
                    {cell}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
