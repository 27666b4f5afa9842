import { useWorkbench } from '../state/store';
import { SidebarName } from './SidebarName';

/** The workbook's charts, by title. */
export function ChartList() {
  const charts = useWorkbench((s) => s.charts);
  const focus = useWorkbench((s) => s.focus);
  const setFocus = useWorkbench((s) => s.setFocus);
  if (charts.length === 0) return <p className="muted sidebar-empty">No charts yet: open a table and choose New chart.</p>;
  return (
    <ul className="dataset-list" aria-label="Charts" data-testid="chart-list">
      {charts.map((c) => {
        const current = focus?.kind === 'chart' && focus.id === c.id;
        return (
          <li key={c.id} className={current ? 'selected' : undefined}>
            <button type="button" className="dataset-button" onClick={() => setFocus({ kind: 'chart', id: c.id })} aria-current={current ? 'true' : undefined}>
              <SidebarName name={c.spec.format?.title || 'Untitled chart'} />
              <span className="muted">
                {c.spec.type} · {c.spec.source.table}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
