import type { EngineKind } from '../../engine/engine';
import { ENGINE_KIND_LABELS } from '../../engine/engine';
import type { SessionContext } from '../context';

/** What the host says about the engine it opened. */
export interface EngineInfo {
  kind: EngineKind;
  /** The duckdb-wasm bundle (`eh`, `coi`); absent for native DuckDB. */
  bundle?: string;
  version: string;
  threads: number;
  /** Why this engine runs when another was asked for (native DuckDB unavailable), shown in the status bar. */
  note?: string;
}

/** The engine as the status bar shows it. The host opens the engine and reports here. */
export interface EngineStatus {
  status: 'starting' | 'ready' | 'restarting' | 'error';
  kind: EngineKind | null;
  bundle: string | null;
  version: string | null;
  threads: number | null;
  note: string | null;
  error: string | null;
  lastQueryMs: number | null;
  /** The importer's warm-up is still running (the first import may wait for it). */
  warming?: boolean;
}

export interface EngineStatusSlice {
  engine: EngineStatus;
  /** Report the engine ready, then warm the importer up (importer.warmUp) behind it. A failed warm-up costs only speed. */
  engineOpened(info: EngineInfo): Promise<void>;
  engineReady(info: EngineInfo): void;
  engineFailed(message: string): void;
  /** The engine process stopped (a crash): say so while it restarts. */
  engineStopped(reason: string): void;
  /** The engine process is back; `failed` lists what could not be reloaded into it. */
  engineRestarted(failed: readonly { what: string; error: string }[]): void;
  /** Record a query's duration (the coordinator reports every query). */
  queryTimed(ms: number): void;
}

/** One line for the status bar: which DuckDB, its version, bundle and threads. */
export function engineLabel(e: EngineStatus): string {
  if (e.status === 'starting') return 'Starting engine…';
  if (e.status === 'restarting') return `Engine stopped (${e.note ?? 'unexpectedly'}); restarting and reloading your tables…`;
  if (e.status === 'error') return `Engine failed: ${e.error ?? 'unknown error'}`;
  const threads = e.threads === 1 ? '1 thread' : `${e.threads ?? '?'} threads`;
  const name = e.kind ? ENGINE_KIND_LABELS[e.kind] : 'DuckDB';
  return `${name} ${e.version ?? ''} (${e.bundle ? `${e.bundle}, ` : ''}${threads})`;
}

export function engineStatusSlice({ set, get, importer }: SessionContext): EngineStatusSlice {
  return {
    engine: { status: 'starting', kind: null, bundle: null, version: null, threads: null, note: null, error: null, lastQueryMs: null },
    async engineOpened(info) {
      // Ready as soon as it is open: the importer's warm-up runs behind (work asked for meanwhile waits
      // its turn in the engine, never longer than the warm-up itself).
      get().engineReady(info);
      set((s) => ({ engine: { ...s.engine, warming: true } }));
      await importer()
        .then((service) => service.warmUp())
        .catch(() => undefined);
      set((s) => ({ engine: { ...s.engine, warming: false } }));
    },
    engineReady(info) {
      set((s) => ({
        engine: {
          ...s.engine,
          status: 'ready',
          kind: info.kind,
          bundle: info.bundle ?? null,
          version: info.version,
          threads: info.threads,
          note: info.note ?? null,
          error: null,
        },
      }));
    },
    engineFailed(message) {
      set((s) => ({ engine: { ...s.engine, status: 'error', error: message } }));
    },
    engineStopped(reason) {
      set((s) => ({ engine: { ...s.engine, status: 'restarting', note: reason } }));
    },
    engineRestarted(failed) {
      set((s) => ({
        engine: {
          ...s.engine,
          status: failed.length ? 'error' : 'ready',
          note: null,
          error: failed.length ? `restarted, but ${failed.length} step(s) could not be redone: ${failed[0]!.error}` : null,
        },
      }));
    },
    queryTimed(ms) {
      set((s) => ({ engine: { ...s.engine, lastQueryMs: ms } }));
    },
  };
}
