import { useWorkbench } from '../state/store';

/** Progress of a running import with Cancel, or the last import's error. */
export function ImportStatus() {
  const job = useWorkbench((s) => s.importJob);
  const error = useWorkbench((s) => s.importError);
  const cancel = useWorkbench((s) => s.cancelImport);
  const dismiss = useWorkbench((s) => s.dismissImportError);
  if (job) {
    const fraction = job.progress?.fraction;
    return (
      <div className="import-status" role="status" data-testid="import-progress">
        <span>{job.progress?.message ?? `Opening ${job.files.join(', ')}…`}</span>
        <progress max={1} value={fraction ?? undefined} aria-label="Import progress" />
        <button type="button" onClick={cancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="import-error" role="alert" data-testid="import-error">
        <strong>{error.heading ?? `Could not open ${error.files.join(', ')}.`}</strong> <span>{error.message}</span>
        <button type="button" onClick={dismiss} aria-label="Dismiss">
          Dismiss
        </button>
      </div>
    );
  }
  return null;
}
