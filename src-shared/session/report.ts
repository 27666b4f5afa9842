import {
  chartFailure,
  chartRunOf,
  reportItems,
  runErrors,
  viewFailure,
  type ChartRun,
  type DerivedRun,
  type ViewRun,
  type WorkbookRun,
} from '../workbook/report-run';
import type { ViewTemplate } from '../analysis/view-types';
import { countMeasureKeys } from '../charts/chart-disclosure';
import type { SessionState } from './state';

/**
 * The session's workbook as a computed report (what `cli render` writes and
 * the report exports): derived tables, every chart and view with the results
 * the session computed, and the report items in order. Call when the session
 * has settled; anything still running is reported as such.
 */
export function sessionReport(state: SessionState, templates: readonly ViewTemplate[]): WorkbookRun {
  const derived: DerivedRun[] = [
    ...state.datasets.flatMap((d) => (d.sql !== undefined ? [{ table: d.table, status: 'ok' as const, rows: d.rows }] : [])),
    ...state.derivedFailures.map((f) => ({ table: f.table, status: 'error' as const, message: f.message })),
  ];
  const charts: ChartRun[] = state.charts.map((doc) => {
    const title = doc.title ?? doc.spec.format?.title ?? doc.id;
    const result = state.chartResults[doc.id];
    if (result?.status === 'ready') {
      const table = result.spec.source.table.toLowerCase();
      const columns = state.datasets.find((d) => d.table.toLowerCase() === table)?.report.columns ?? [];
      return chartRunOf(doc.id, title, result.spec, result.sql, result.rows, [...countMeasureKeys(result.spec, columns)]);
    }
    if (result?.status === 'invalid') return chartFailure(doc.id, title, result.issues.join('; '));
    if (result?.status === 'error') return chartFailure(doc.id, title, result.message);
    return chartFailure(doc.id, title, 'it has not been computed');
  });
  const views: ViewRun[] = state.views.map((doc) => {
    const state_ = state.viewResults[doc.id];
    const title = doc.title ?? (state_?.status === 'ready' ? state_.result.title : (templates.find((t) => t.id === doc.spec.template)?.title ?? doc.id));
    if (state_?.status === 'ready') return { id: doc.id, title, status: 'ok', result: state_.result };
    return viewFailure(doc.id, title, state_?.status === 'error' ? state_.message : 'it has not been computed');
  });
  const items = reportItems(state, charts, views);
  return { derived, charts, views, items, errors: runErrors(derived, charts, views, items) };
}
