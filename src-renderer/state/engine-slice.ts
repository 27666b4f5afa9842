import type { StateCreator } from 'zustand';
import { onQueryTimed, openEngine } from '../engine/engine-service';
import type { WorkbenchState } from './store';

export interface EngineSlice {
  engine: {
    status: 'starting' | 'ready' | 'error';
    bundle: string | null;
    version: string | null;
    threads: number | null;
    error: string | null;
    lastQueryMs: number | null;
    busy: number;
  };
  startEngine(): Promise<void>;
  setBusy(delta: 1 | -1): void;
}

export const createEngineSlice: StateCreator<WorkbenchState, [], [], EngineSlice> = (set, get) => ({
  engine: { status: 'starting', bundle: null, version: null, threads: null, error: null, lastQueryMs: null, busy: 0 },
  async startEngine() {
    if (get().engine.status === 'ready') return;
    try {
      const opened = await openEngine();
      onQueryTimed((ms) => set((s) => ({ engine: { ...s.engine, lastQueryMs: ms } })));
      set((s) => ({ engine: { ...s.engine, status: 'ready', bundle: opened.bundle, version: opened.version, threads: opened.threads } }));
    } catch (error) {
      set((s) => ({ engine: { ...s.engine, status: 'error', error: (error as Error).message } }));
    }
  },
  setBusy(delta) {
    set((s) => ({ engine: { ...s.engine, busy: Math.max(0, s.engine.busy + delta) } }));
  },
});
