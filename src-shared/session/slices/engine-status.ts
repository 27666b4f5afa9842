import type { SessionContext } from '../context';

/** The engine as the status bar shows it. The host opens the engine and reports here. */
export interface EngineStatus {
  status: 'starting' | 'ready' | 'error';
  /** e.g. `eh` or `coi` (duckdb-wasm bundle), or `native`. */
  bundle: string | null;
  version: string | null;
  threads: number | null;
  error: string | null;
  lastQueryMs: number | null;
}

export interface EngineStatusSlice {
  engine: EngineStatus;
  /** Warm the importer up (importer.warmUp), then report the engine ready. A failed warm-up costs only speed. */
  engineOpened(info: { bundle: string; version: string; threads: number }): Promise<void>;
  engineReady(info: { bundle: string; version: string; threads: number }): void;
  engineFailed(message: string): void;
  /** Record a query's duration (the coordinator reports every query). */
  queryTimed(ms: number): void;
}

export function engineStatusSlice({ set, get, importer }: SessionContext): EngineStatusSlice {
  return {
    engine: { status: 'starting', bundle: null, version: null, threads: null, error: null, lastQueryMs: null },
    async engineOpened(info) {
      await importer()
        .then((service) => service.warmUp())
        .catch(() => undefined);
      get().engineReady(info);
    },
    engineReady(info) {
      set((s) => ({ engine: { ...s.engine, status: 'ready', ...info, error: null } }));
    },
    engineFailed(message) {
      set((s) => ({ engine: { ...s.engine, status: 'error', error: message } }));
    },
    queryTimed(ms) {
      set((s) => ({ engine: { ...s.engine, lastQueryMs: ms } }));
    },
  };
}
