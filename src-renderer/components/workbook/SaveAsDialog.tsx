import { useState } from 'react';
import { SNAPSHOT_WARNING } from '../../../src-shared/workbook/snapshot';
import { useWorkbench } from '../../state/store';

/** Save As: where, and whether to include a snapshot of the data (with the information-governance warning). */
export function SaveAsDialog({ onClose }: { onClose(): void }) {
  const save = useWorkbench((s) => s.saveWorkbook);
  const title = useWorkbench((s) => s.workbook.title);
  const setTitle = useWorkbench((s) => s.setWorkbookTitle);
  const [snapshot, setSnapshot] = useState(false);
  return (
    <div className="modal-backdrop">
      <div className="modal save-dialog" role="dialog" aria-modal="true" aria-labelledby="save-title" data-testid="save-dialog">
        <header className="modal-header">
          <h2 id="save-title">Save workbook</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            ×
          </button>
        </header>
        <div className="pending-body">
          <label className="field">
            <span className="field-label">Title</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="workbook-title" />
          </label>
          <p className="muted">
            A workbook records how to rebuild this analysis from your extracts: their locations, import settings, charts, views and report. It holds no data.
          </p>
          <label className="check">
            <input type="checkbox" checked={snapshot} onChange={(e) => setSnapshot(e.target.checked)} data-testid="include-snapshot" />
            Include a snapshot of the data
          </label>
          {snapshot && (
            <p className="snapshot-warning" role="alert">
              {SNAPSHOT_WARNING}
            </p>
          )}
        </div>
        <footer className="modal-footer">
          <span />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            data-testid="confirm-save"
            onClick={() => void save({ saveAs: true, snapshot }).then((ok) => ok && onClose())}
          >
            Save…
          </button>
        </footer>
      </div>
    </div>
  );
}
