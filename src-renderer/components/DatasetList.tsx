import { useWorkbench } from '../state/store';
import { countOf } from '../../src-shared/format/count-text';
import { SidebarName } from './SidebarName';

/** Loaded tables, newest last; select to view, remove to drop from memory. */
export function DatasetList() {
  const datasets = useWorkbench((s) => s.datasets);
  const selected = useWorkbench((s) => (s.focus?.kind === 'table' ? s.focus.table : null));
  const select = useWorkbench((s) => s.selectTable);
  const remove = useWorkbench((s) => s.removeDataset);
  if (datasets.length === 0) return <p className="muted sidebar-empty">No tables yet.</p>;
  return (
    <ul className="dataset-list" aria-label="Tables" data-testid="dataset-list">
      {datasets.map((d) => (
        <li key={d.table} className={d.table === selected ? 'selected' : undefined}>
          <button type="button" className="dataset-button" onClick={() => select(d.table)} aria-current={d.table === selected ? 'true' : undefined}>
            <SidebarName name={d.table} />
            <span className="muted">{countOf(d.rows, 'row')}</span>
          </button>
          <button type="button" className="icon-button" onClick={() => void remove(d.table)} aria-label={`Remove ${d.table}`} title="Remove table">
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
