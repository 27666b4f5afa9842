import { platform } from '../../platform';
import { useWorkbench } from '../../state/store';

/**
 * Opening a workbook that needs the user: files it names outside its own
 * folder (read only if the user agrees, each listed with why), source files that are not where the
 * workbook says (locate them), or extracts whose columns changed (see what is
 * missing, renamed or retyped, and apply the renames) — never silently wrong.
 */
export function PendingWorkbookDialog() {
  const pending = useWorkbench((s) => s.pendingWorkbook);
  const locate = useWorkbench((s) => s.locateSourceFiles);
  const accept = useWorkbench((s) => s.acceptShapeChanges);
  const allowOutside = useWorkbench((s) => s.allowOutsideReads);
  const declineOutside = useWorkbench((s) => s.declineOutsideReads);
  const cancel = useWorkbench((s) => s.cancelPendingWorkbook);
  const locateFromSampleData = useWorkbench((s) => s.locateFromSampleData);
  if (!pending) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal pending-dialog" role="dialog" aria-modal="true" aria-labelledby="pending-title" data-testid="pending-workbook">
        <header className="modal-header">
          <h2 id="pending-title">Opening {pending.handle.name}</h2>
          <button type="button" className="icon-button" onClick={cancel} aria-label="Close">
            ×
          </button>
        </header>
        <div className="pending-body">
          {pending.message && (
            <p className="import-error-text" role="alert">
              {pending.message}
            </p>
          )}
          {pending.outside.length > 0 && (
            <section data-testid="outside-reads" aria-labelledby="outside-title">
              <h3 id="outside-title">This workbook asks to read files outside its folder</h3>
              <p>
                A workbook reads the files in its own folder without asking. This one also names these files. Read them only if you trust whoever made the
                workbook:
              </p>
              <ul className="missing-files">
                {pending.outside.map((r) => (
                  <li key={r.absolute}>
                    <code>{r.absolute}</code>
                    <br />
                    <span className="muted">
                      for {r.kind === 'snapshot' ? 'the data snapshot of ' : ''}table <code>{r.table}</code>: {r.reason}
                    </span>
                  </li>
                ))}
              </ul>
              <p className="muted">
                If you don’t allow them, nothing outside the folder is touched: you can choose the files yourself, or the workbook’s data snapshot is used where
                it has one.
              </p>
            </section>
          )}
          {pending.outside.length === 0 && pending.missing.length > 0 && (
            <>
              <p>These source files are not where the workbook expects them{pending.handle.path ? '' : ' (in the browser, files have to be chosen again)'}:</p>
              <ul className="missing-files" data-testid="missing-files">
                {pending.missing.map((m) => (
                  <li key={m.absolute}>
                    <strong>{m.name}</strong> for table <code>{m.table}</code>
                    <br />
                    <span className="muted">{m.absolute}</span>
                  </li>
                ))}
              </ul>
              {pending.fromSample && pending.fromSample.length > 0 && (
                <p className="muted" data-testid="found-in-sample">
                  Found in the app’s sample data (the files this workbook was saved with): {pending.fromSample.join(', ')}.
                </p>
              )}
              <p className="muted">
                Choose the files (or newer extracts with the same names). They are only read; choose several at once and each is matched by its name.
              </p>
            </>
          )}
          {pending.shapes.length > 0 && (
            <>
              <p>The columns of these extracts have changed since the workbook was saved:</p>
              {pending.shapes.map((s) => (
                <section key={s.table} className="shape-change" data-testid="shape-change">
                  <h3>{s.table}</h3>
                  <p>{s.diff.summary}</p>
                  <ul>
                    {s.diff.renamed.map((r) => (
                      <li key={r.from}>
                        Renamed: <code>{r.from}</code> → <code>{r.to}</code>
                      </li>
                    ))}
                    {s.diff.missing.map((m) => (
                      <li key={m.name}>
                        Missing: <code>{m.name}</code>
                      </li>
                    ))}
                    {s.diff.retyped.map((r) => (
                      <li key={r.name}>
                        Type changed: <code>{r.name}</code> {r.from} → {r.to}
                      </li>
                    ))}
                    {s.diff.added.map((a) => (
                      <li key={a.name}>
                        New: <code>{a.name}</code>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
              <p className="muted">
                Applying the renames updates the charts and views that use those columns. Charts using missing columns will say what they need.
              </p>
            </>
          )}
        </div>
        <footer className="modal-footer">
          <span />
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          {pending.outside.length > 0 && (
            <>
              <button type="button" data-testid="decline-outside" autoFocus onClick={() => void declineOutside()}>
                Don’t read them
              </button>
              <button type="button" data-testid="allow-outside" onClick={() => void allowOutside()}>
                Read these files
              </button>
            </>
          )}
          {pending.outside.length === 0 && pending.missing.length > 0 && (
            <>
              <button type="button" onClick={() => void locateFromSampleData()}>
                Use the app’s sample data
              </button>
              <button
                type="button"
                className="primary"
                data-testid="locate-files"
                onClick={() =>
                  void platform.pickFiles({ multiple: true, purpose: 'data' }).then((files) => {
                    if (files.length) void locate(files);
                  })
                }
              >
                Locate files…
              </button>
            </>
          )}
          {pending.shapes.length > 0 && (
            <button type="button" className="primary" onClick={() => void accept()} data-testid="accept-shape">
              Apply renames and open
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
