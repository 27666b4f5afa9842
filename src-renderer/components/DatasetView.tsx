import { useMemo, useState } from 'react';
import { COLUMN_TYPE_LABELS, displayKindOf } from '../../src-shared/import/types';
import type { Dataset } from '../../src-shared/session';
import { platform } from '../platform';
import { useWorkbench } from '../state/store';
import { DataGrid, type GridColumn } from './DataGrid';
import { ProfilePanel } from './ProfilePanel';

/** A loaded table: its name, size, columns with types, and a scrollable preview of every row. */
/** A column's SQL type and its missing-value markers by kind, for its tooltip. */
function columnTitle(c: Dataset['report']['columns'][number]): string {
  const missing = [
    c.suppressed ? `${c.suppressed.toLocaleString('en-GB')} suppressed` : '',
    c.notAvailable ? `${c.notAvailable.toLocaleString('en-GB')} not available` : '',
    c.notApplicable ? `${c.notApplicable.toLocaleString('en-GB')} not applicable` : '',
  ].filter((m) => m !== '');
  return [c.sqlType, ...missing].join(' · ');
}

export function DatasetView({ dataset }: { dataset: Dataset }) {
  const { report } = dataset;
  const [tab, setTab] = useState<'rows' | 'profile'>('rows');
  const createChart = useWorkbench((s) => s.createChart);
  const refreshTable = useWorkbench((s) => s.refreshTable);
  const notify = useWorkbench((s) => s.notify);
  const columns: GridColumn[] = useMemo(() => report.columns.map((c) => ({ name: c.name, kind: displayKindOf(c.type) })), [report]);
  return (
    <section className="dataset-view" aria-labelledby="dataset-title">
      <header className="dataset-header">
        <div className="dataset-header-actions">
          <button type="button" className="primary" onClick={() => createChart(dataset.table)} data-testid="new-chart">
            New chart
          </button>
          {!dataset.sql && (
            <button
              type="button"
              title="Load a newer extract into this table; charts and views recompute"
              data-testid="refresh-table"
              onClick={() =>
                void platform.pickFiles({ multiple: false, purpose: 'data' }).then(async ([file]) => {
                  if (!file) return;
                  const diff = await refreshTable(dataset.table, file);
                  if (diff)
                    notify(
                      diff.same
                        ? `${dataset.table} refreshed from ${file.name}: same columns.`
                        : `${dataset.table} refreshed from ${file.name}. ${diff.summary}`,
                    );
                })
              }
            >
              Refresh from file…
            </button>
          )}
        </div>
        <div>
          <h2 id="dataset-title" data-testid="dataset-title">
            {dataset.table}
          </h2>
          <p className="muted">
            <span data-testid="row-count">{dataset.rows.toLocaleString('en-GB')}</span> rows · {report.columns.length} columns · from{' '}
            {report.files.map((f) => f.name).join(', ')}
          </p>
        </div>
      </header>
      {report.warnings.length > 0 && (
        <details className="warnings" open>
          <summary>
            {report.warnings.length} import note{report.warnings.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <ul className="column-list" aria-label="Columns" data-testid="column-list">
        {report.columns.map((c) => (
          <li key={c.name} title={columnTitle(c)}>
            <span className="column-name">{c.name}</span> <span className={`type-badge type-${c.type}`}>{COLUMN_TYPE_LABELS[c.type]}</span>
          </li>
        ))}
      </ul>
      <div className="tabs" role="tablist" aria-label="Table views">
        <button type="button" role="tab" aria-selected={tab === 'rows'} onClick={() => setTab('rows')} data-testid="tab-rows">
          Rows
        </button>
        <button type="button" role="tab" aria-selected={tab === 'profile'} onClick={() => setTab('profile')} data-testid="tab-profile">
          Profile
        </button>
      </div>
      {tab === 'rows' ? (
        <DataGrid key={`${dataset.table}:${dataset.rows}:${dataset.report.elapsedMs}`} table={dataset.table} rowCount={dataset.rows} columns={columns} />
      ) : (
        <ProfilePanel table={dataset.table} />
      )}
    </section>
  );
}
