import { useState } from 'react';
import { viewTemplate } from '../../src-shared/analysis/registry';
import { useWorkbench } from '../state/store';
import { NewViewDialog } from './views/NewViewDialog';
import { SidebarName } from './SidebarName';

/** The workbook's benchmark views, and the button to start one. */
export function ViewList() {
  const views = useWorkbench((s) => s.views);
  const focus = useWorkbench((s) => s.focus);
  const setFocus = useWorkbench((s) => s.setFocus);
  const hasData = useWorkbench((s) => s.datasets.length > 0);
  const [creating, setCreating] = useState(false);
  return (
    <>
      {views.length > 0 && (
        <ul className="dataset-list" aria-label="Views" data-testid="view-list">
          {views.map((v) => {
            const current = focus?.kind === 'view' && focus.id === v.id;
            return (
              <li key={v.id} className={current ? 'selected' : undefined}>
                <button
                  type="button"
                  className="dataset-button"
                  onClick={() => setFocus({ kind: 'view', id: v.id })}
                  aria-current={current ? 'true' : undefined}
                >
                  <SidebarName name={v.title ?? viewTemplate(v.spec.template)?.title ?? v.spec.template} />
                  <span className="muted">{v.title ? viewTemplate(v.spec.template)?.title : v.spec.tables.join(', ')}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="sidebar-action" onClick={() => setCreating(true)} disabled={!hasData} data-testid="new-view">
        New view…
      </button>
      {creating && <NewViewDialog onClose={() => setCreating(false)} />}
    </>
  );
}
