import { session } from './store';

const RECOVERY_INTERVAL_MS = 15_000;

/**
 * The window's part of keeping work safe (the session tracks unsaved changes
 * itself): a recovery copy of unsaved work every 15 seconds, and a prompt
 * before the window is closed with unsaved changes.
 */
export function startAutosave(): () => void {
  const timer = setInterval(() => {
    void session
      .getState()
      .writeRecoveryNow()
      .catch(() => undefined);
  }, RECOVERY_INTERVAL_MS);
  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (!session.getState().workbook.dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', beforeUnload);
  return () => {
    clearInterval(timer);
    window.removeEventListener('beforeunload', beforeUnload);
  };
}
