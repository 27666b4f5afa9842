import { useWorkbench } from './store';

const RECOVERY_INTERVAL_MS = 15_000;

/**
 * Marks the workbook changed when its charts, views, report or tables change,
 * keeps a recovery copy of unsaved work every 15 seconds, and asks before the
 * window is closed with unsaved changes.
 */
export function startAutosave(): () => void {
  const unsubscribe = useWorkbench.subscribe((state, previous) => {
    // Opening a workbook replaces everything (ending with one update that also clears the busy flag): not a change.
    if (state.pendingWorkbook || state.workbookBusy || previous.workbookBusy) return;
    const changed = state.charts !== previous.charts || state.views !== previous.views || state.report !== previous.report || state.datasets !== previous.datasets;
    if (changed && (state.charts.length + state.views.length + state.report.items.length > 0)) state.markDirty();
  });
  const timer = setInterval(() => {
    void useWorkbench.getState().writeRecoveryNow().catch(() => undefined);
  }, RECOVERY_INTERVAL_MS);
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (!useWorkbench.getState().workbook.dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    unsubscribe();
    clearInterval(timer);
    window.removeEventListener('beforeunload', beforeUnload);
  };
}
