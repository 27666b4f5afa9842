import { createStore, type StoreApi } from 'zustand/vanilla';
import { VIEW_TEMPLATES } from '../analysis/registry';
import type { ViewTemplate } from '../analysis/view-types';
import type { Engine } from '../engine/engine';
import { createImportService, type ImportService } from '../import/import-service';
import type { SessionContext } from './context';
import { QueryCoordinator } from './coordinator';
import { systemClock, type Clock, type SessionPlatform } from './platform';
import { chartsSlice } from './slices/charts';
import { datasetsSlice } from './slices/datasets';
import { fieldsSlice } from './slices/fields';
import { engineStatusSlice } from './slices/engine-status';
import { importPreviewSlice } from './slices/import-preview';
import { reportSlice } from './slices/report';
import { sqlEditorSlice } from './slices/sql-editor';
import { tableQueriesSlice } from './slices/table-queries';
import { uiSlice } from './slices/ui';
import { viewsSlice } from './slices/views';
import { workbookSlice } from './slices/workbook';
import { workbookOpenSlice } from './slices/workbook-open';
import type { SessionState } from './state';

/**
 * The workbench session: every piece of state and orchestration the app
 * shows — tables, imports, charts, views, the report, the workbook file — as
 * one headless zustand store. The app binds it to React, the CLI drives it
 * directly, and the tests drive it in node with the node engine and a fake
 * platform. Its dependencies come in; it reaches nothing else.
 */

export interface SessionDeps {
  /** The sandboxed engine, or a promise of it while it opens. */
  engine: Engine | Promise<Engine>;
  /** Default: the importer over `engine`. */
  importer?: ImportService;
  platform: SessionPlatform;
  clock?: Clock;
  templates?: readonly ViewTemplate[];
}

export interface Session extends StoreApi<SessionState> {
  coordinator: QueryCoordinator;
  /** Resolves once no query is running and no chart or view is waiting to run. */
  settled(): Promise<void>;
}

export function createSession(deps: SessionDeps): Session {
  const engine = () => Promise.resolve(deps.engine);
  const importer = deps.importer ? () => Promise.resolve(deps.importer!) : async () => createImportService(await engine());
  const clock = deps.clock ?? systemClock;
  let ids = 0;
  let store: StoreApi<SessionState> | null = null;
  const coordinator = new QueryCoordinator(engine, { now: () => clock.now(), onQueryTimed: (ms) => store?.getState().queryTimed(ms) });
  store = createStore<SessionState>()((set, get) => {
    const ctx: SessionContext = {
      set,
      get,
      engine,
      importer,
      coordinator,
      platform: deps.platform,
      clock,
      templates: deps.templates ?? VIEW_TEMPLATES,
      newId: (prefix) => `${prefix}-${clock.now().toString(36)}-${++ids}`,
    };
    return {
      ...engineStatusSlice(ctx),
      ...uiSlice(ctx),
      ...datasetsSlice(ctx),
      ...fieldsSlice(ctx),
      ...importPreviewSlice(ctx),
      ...tableQueriesSlice(ctx),
      ...chartsSlice(ctx),
      ...viewsSlice(ctx),
      ...reportSlice(ctx),
      ...sqlEditorSlice(ctx),
      ...workbookSlice(ctx),
      ...workbookOpenSlice(ctx),
    };
  });
  trackUnsavedChanges(store);
  const session = store as Session;
  session.coordinator = coordinator;
  session.settled = async () => {
    // Settling can start more work (a chart re-runs when its table loads): wait until a turn passes with none.
    for (;;) {
      await coordinator.settled();
      await new Promise((r) => setTimeout(r, 0));
      if (!coordinator.busy) return;
    }
  };
  return session;
}

/**
 * Marks the workbook changed when its tables, charts, views or report change
 * — except while a workbook is being opened, which replaces them all.
 */
function trackUnsavedChanges(store: StoreApi<SessionState>): void {
  store.subscribe((state, previous) => {
    if (state.pendingWorkbook || state.workbookBusy || previous.workbookBusy || state.workbook.dirty) return;
    const changed =
      state.charts !== previous.charts || state.views !== previous.views || state.report !== previous.report || state.datasets !== previous.datasets;
    if (changed && state.charts.length + state.views.length + state.report.items.length > 0) state.markDirty();
  });
}
