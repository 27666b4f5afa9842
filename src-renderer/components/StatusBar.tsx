import { engineLabel } from '../../src-shared/session';
import { useWorkbench } from '../state/store';

/** Engine state and the last query's time, always visible at the bottom of the window. */
export function StatusBar() {
  const engine = useWorkbench((s) => s.engine);
  const tables = useWorkbench((s) => s.datasets.length);
  const label = engineLabel(engine);
  return (
    <footer className="status-bar" role="status" aria-live="polite" data-testid="status-bar">
      <span className={`status-dot status-${engine.status}`} aria-hidden="true" />
      <span data-testid="engine-status" title={engine.note ?? undefined}>
        {label}
      </span>
      {engine.note && engine.status === 'ready' ? <span className="muted"> — {engine.note}</span> : null}
      <span className="status-sep">·</span>
      <span>
        {tables} table{tables === 1 ? '' : 's'}
      </span>
      <span className="status-sep">·</span>
      <span data-testid="last-query">
        {engine.lastQueryMs === null
          ? 'No queries yet'
          : `Last query ${engine.lastQueryMs < 10 ? engine.lastQueryMs.toFixed(1) : Math.round(engine.lastQueryMs)} ms`}
      </span>
      <span className="status-spacer" />
      <span className="muted">All data stays on this computer</span>
    </footer>
  );
}
