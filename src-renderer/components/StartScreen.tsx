import { useWorkbench } from '../state/store';

/** What a new user sees: how to open data, sample data to try, and that it stays on this computer. */
export function StartScreen({ onOpen }: { onOpen(): void }) {
  const openSampleData = useWorkbench((s) => s.openSampleData);
  const busy = useWorkbench((s) => s.importJob !== null);
  return (
    <section className="start-screen" aria-labelledby="start-title">
      <h2 id="start-title">Open an extract to begin</h2>
      <p>CSV, TSV, Excel (.xlsx, .xls), Parquet and JSON files open here. Drag files onto the window, or:</p>
      <div className="start-actions">
        <button type="button" className="primary" onClick={onOpen} data-testid="open-file">
          Open file…
        </button>
        <button type="button" onClick={() => void openSampleData()} disabled={busy} data-testid="open-sample-data">
          Open sample data
        </button>
      </div>
      <p className="muted">
        The sample data is synthetic and shaped like real NHS extracts: activity, delayed transfers of care, programme budgeting spend, RightCare-style
        indicators, workforce and finance for a Somerset-like CCG and its peers.
      </p>
      <p className="muted">Your files are only ever read. Nothing is uploaded: the database runs inside this app.</p>
    </section>
  );
}
