import { create } from 'zustand';
import { createDatasetsSlice, type DatasetsSlice } from './datasets-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';

export type WorkbenchState = EngineSlice & DatasetsSlice;

/** The app's state, one slice per feature. Selectors must not build new objects. */
export const useWorkbench = create<WorkbenchState>()((...a) => ({
  ...createEngineSlice(...a),
  ...createDatasetsSlice(...a),
}));
