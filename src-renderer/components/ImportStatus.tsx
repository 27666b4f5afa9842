import { useEffect, useState } from 'react';
import { useWorkbench } from '../state/store';

/** Seconds since `startedAt`, updated every second while shown: a long step still shows the import is alive. */
function useElapsedSeconds(startedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000));
}

/** Progress of a running import with Cancel, or the last import's error. */
export function ImportStatus() {
  const job = useWorkbench((s) => s.importJob);
  const error = useWorkbench((s) => s.importError);
  const cancel = useWorkbench((s) => s.cancelImport);
  const dismiss = useWorkbench((s) => s.dismissImportError);
  const elapsed = useElapsedSeconds(job?.startedAt ?? null);
  if (job) {
    const fraction = job.progress?.fraction;
    return (
      <div className="import-status" role="status" data-testid="import-progress">
        <span>{job.progress?.message ?? `Opening ${job.files.join(', ')}…`}</span>
        <progress max={1} value={fraction ?? undefined} aria-label="Import progress" />
        {elapsed > 0 && <span className="elapsed">{elapsed} s</span>}
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
