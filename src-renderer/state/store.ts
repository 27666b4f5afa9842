import { create } from 'zustand';
import { createDatasetsSlice, type DatasetsSlice } from './datasets-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createImportSlice, type ImportSlice } from './import-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createChartsSlice, type ChartsSlice } from './charts-slice';
import { createViewsSlice, type ViewsSlice } from './views-slice';
import { createWorkbookSlice, type WorkbookSlice } from './workbook-slice';

export type WorkbenchState = EngineSlice & DatasetsSlice & ImportSlice & UiSlice & ChartsSlice & ViewsSlice & WorkbookSlice;

/** The app's state, one slice per feature. Selectors must not build new objects. */
export const useWorkbench = create<WorkbenchState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createDatasetsSlice(...a),
  ...createImportSlice(...a),
  ...createUiSlice(...a),
  ...createChartsSlice(...a),
  ...createViewsSlice(...a),
  ...createWorkbookSlice(...a),
}));
