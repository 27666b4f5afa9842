import { useStore } from 'zustand';
import { createSession, type SessionState } from '../../src-shared/session';
import type { BundleName } from '../engine/browser-engine';
import { openRendererEngine } from '../engine/open-renderer-engine';
import { platform } from '../platform';

/**
 * The React binding of the workbench session (src-shared/session): the one
 * store the app renders from and dispatches to. The session is created once,
 * with the renderer's engine (duckdb-wasm in a Web Worker, opening in the
 * background) and platform; components select from it and call its actions.
 * Selectors must not build new arrays or objects.
 */

function bundlePreference(): 'auto' | BundleName {
  const value = new URLSearchParams(globalThis.location?.search ?? '').get('engine');
  return value === 'eh' || value === 'coi' ? value : 'eh';
}

/**
 * The engine opens and warms up as soon as the app loads (native DuckDB in the
 * desktop app's engine process, else DuckDB-Wasm in a worker), while the
 * window is already showing: the status bar says "Starting engine…" until
 * then, and a file chosen meanwhile waits for it rather than paying for it.
 * If the engine process stops, the status bar says so until it is back.
 */
const opening = openRendererEngine(
  platform,
  {
    stopped: (reason) => session.getState().engineStopped(reason),
    restarted: (report) => session.getState().engineRestarted(report.failed),
    unavailable: (reason) => session.getState().engineFailed(`${reason}. Reload the window to continue with DuckDB-Wasm.`),
  },
  bundlePreference(),
);

export const session = createSession({ engine: opening.then((opened) => opened.engine), platform });

const warmed = opening.then(
  async (opened) => {
    performance.mark('engine:opened');
    await session.getState().engineOpened(opened.info);
    performance.mark('engine:ready');
  },
  (error: unknown) => session.getState().engineFailed((error as Error)?.message ?? String(error)),
);

/** Select from the session in a component; re-renders when the selected value changes. */
export function useWorkbench<T>(selector: (state: SessionState) => T): T {
  return useStore(session, selector);
}

/** Resolves once the engine is open and warmed up (or failed to open). */
export function engineStarted(): Promise<void> {
  return warmed;
}
