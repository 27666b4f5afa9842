/** What a new user sees: how to open data, and that it stays on this computer. */
export function StartScreen({ onOpen }: { onOpen(): void }) {
  return (
    <section className="start-screen" aria-labelledby="start-title">
      <h2 id="start-title">Open an extract to begin</h2>
      <p>CSV, TSV, Excel (.xlsx, .xls), Parquet and JSON files open here. Drag files onto the window, or:</p>
      <div className="start-actions">
        <button type="button" className="primary" onClick={onOpen} data-testid="open-file">Open file…</button>
      </div>
      <p className="muted">Your files are only ever read. Nothing is uploaded: the database runs inside this app.</p>
    </section>
  );
}
