import { useMemo } from 'react';
import { buildChartOption } from '../../../src-shared/charts/build-chart-option';
import { chartPivotDisplay } from '../../../src-shared/charts/chart-pivot';
import type { Workbook } from '../../../src-shared/workbook/workbook-schema';
import { shownChartResult } from '../../../src-shared/session';
import { useWorkbench } from '../../state/store';
import { EChart } from '../charts/EChart';
import { PivotGrid } from '../charts/PivotGrid';
import { ResultTableView } from '../views/ResultTableView';
import { ExportReportBar } from './ExportReportBar';

type ReportItem = Workbook['report']['items'][number];

const REPORT_CHART = { width: 900, height: 480 };
const REPORT_HALF_CHART = { width: 440, height: 400 };

function ChartItem({ chartId, half }: { chartId: string; half: boolean }) {
  const result = useWorkbench((s) => s.chartResults[chartId]);
  const shown = shownChartResult(result);
  // Laid out for the width it is shown at, so a half-width item's title, legend and labels fit it.
  const option = useMemo(() => (shown ? buildChartOption(shown.spec, shown.rows, half ? REPORT_HALF_CHART : REPORT_CHART) : null), [shown, half]);
  const pivot = useMemo(() => (shown?.spec.type === 'pivot' ? chartPivotDisplay(shown.spec, shown.rows) : null), [shown]);
  if (result?.status === 'error' || result?.status === 'invalid')
    return <p className="import-error-text">{result.status === 'error' ? result.message : result.issues.join(' ')}</p>;
  if (!shown || !option) return <p className="muted">Running…</p>;
  if (pivot)
    return (
      <div className="report-pivot" data-testid={`report-pivot-${chartId}`}>
        <PivotGrid pivot={pivot} label={shown.spec.format.title ?? 'Pivot table'} />
      </div>
    );
  return (
    <div className="report-chart">
      <EChart option={option} label={shown.spec.format.title ?? 'Chart'} testId={`report-chart-${chartId}`} />
    </div>
  );
}

function ViewItem({ item }: { item: Extract<ReportItem, { kind: 'view' }> }) {
  const state = useWorkbench((s) => s.viewResults[item.view]);
  if (!state || state.status === 'running') return <p className="muted">Calculating…</p>;
  if (state.status === 'error') return <p className="import-error-text">{state.message}</p>;
  const { result } = state;
  if (item.table) {
    const table = result.tables.find((t) => t.id === item.table);
    return table ? <ResultTableView table={table} /> : <p className="muted">The view has no table “{item.table}”.</p>;
  }
  const chart = item.chart ? result.charts.find((c) => c.id === item.chart) : result.charts[0];
  return chart ? (
    <div className="report-chart">
      <EChart option={chart.option} label={chart.title} />
    </div>
  ) : (
    <p className="muted">The view has no chart “{item.chart}”.</p>
  );
}

/**
 * The report: charts, view outputs and text in a grid, in order, with
 * commentary — what goes to the board. Arrange with the buttons (keyboard
 * friendly); every change is saved with the workbook.
 */
export function ReportPage() {
  const report = useWorkbench((s) => s.report);
  const charts = useWorkbench((s) => s.charts);
  const views = useWorkbench((s) => s.views);
  const title = useWorkbench((s) => s.workbook.title);
  const setTitle = useWorkbench((s) => s.setWorkbookTitle);
  const add = useWorkbench((s) => s.addReportItem);
  const update = useWorkbench((s) => s.updateReportItem);
  const move = useWorkbench((s) => s.moveReportItem);
  const remove = useWorkbench((s) => s.removeReportItem);
  const setFocus = useWorkbench((s) => s.setFocus);

  // Charts carry their own titles; the item's label names it for screen readers.
  const defaultTitle = (item: ReportItem): string => {
    if (item.kind === 'chart') return charts.find((c) => c.id === item.chart)?.spec.format?.title ?? 'Chart';
    if (item.kind === 'view') return views.find((v) => v.id === item.view)?.spec.template ?? 'View';
    return item.title ?? 'Text';
  };

  return (
    <section className="report-page" aria-labelledby="report-title" data-testid="report-page">
      <header className="editor-header">
        <h2 id="report-title" className="visually-hidden">
          Report
        </h2>
        <input className="report-title-input" value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Report title" />
        <div className="toolbar">
          <button type="button" onClick={() => add({ kind: 'text', title: 'Commentary', text: '' })} data-testid="add-text">
            Add text
          </button>
        </div>
      </header>
      <ExportReportBar />
      {report.items.length === 0 && <p className="muted">The report is empty. Use “Add to report” on a chart or a view’s chart or table, or add text.</p>}
      <div className="report-grid" style={{ gridTemplateColumns: `repeat(${report.columns}, minmax(0, 1fr))` }}>
        {report.items.map((item, index) => (
          <article
            key={item.id}
            className="report-item"
            style={{ gridColumn: `span ${Math.min(item.width ?? report.columns, report.columns)}` }}
            data-testid="report-item"
            aria-label={item.title ?? defaultTitle(item)}
          >
            <div className="report-item-tools" role="toolbar" aria-label="Arrange">
              <button type="button" onClick={() => move(item.id, -1)} disabled={index === 0} aria-label="Move earlier">
                ↑
              </button>
              <button type="button" onClick={() => move(item.id, 1)} disabled={index === report.items.length - 1} aria-label="Move later">
                ↓
              </button>
              <button
                type="button"
                onClick={() => update(item.id, { width: (item.width ?? report.columns) >= report.columns ? 1 : report.columns })}
                title="Toggle full width"
              >
                {(item.width ?? report.columns) >= report.columns ? 'Half width' : 'Full width'}
              </button>
              {item.kind === 'chart' && (
                <button type="button" onClick={() => setFocus({ kind: 'chart', id: item.chart })}>
                  Edit chart
                </button>
              )}
              {item.kind === 'view' && (
                <button type="button" onClick={() => setFocus({ kind: 'view', id: item.view })}>
                  Open view
                </button>
              )}
              <button type="button" onClick={() => remove(item.id)} aria-label="Remove from report">
                Remove
              </button>
            </div>
            {item.kind === 'text' && (
              <input
                className="report-item-title"
                value={item.title ?? ''}
                placeholder="Heading"
                onChange={(e) => update(item.id, { title: e.target.value || undefined })}
                aria-label="Heading"
              />
            )}
            {item.kind === 'chart' && <ChartItem chartId={item.chart} half={Math.min(item.width ?? report.columns, report.columns) < report.columns} />}
            {item.kind === 'view' && <ViewItem item={item} />}
            {item.kind === 'text' ? (
              <textarea className="report-text" value={item.text} onChange={(e) => update(item.id, { text: e.target.value })} aria-label="Text" rows={4} />
            ) : (
              <textarea
                className="report-text"
                value={item.commentary ?? ''}
                placeholder="Commentary"
                onChange={(e) => update(item.id, { commentary: e.target.value || undefined })}
                aria-label="Commentary"
                rows={2}
              />
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
