import type { ChartsSlice } from './slices/charts';
import type { DatasetsSlice } from './slices/datasets';
import type { FieldsSlice } from './slices/fields';
import type { EngineStatusSlice } from './slices/engine-status';
import type { ImportPreviewSlice } from './slices/import-preview';
import type { ReportSlice } from './slices/report';
import type { SqlEditorSlice } from './slices/sql-editor';
import type { TableQueriesSlice } from './slices/table-queries';
import type { UiSlice } from './slices/ui';
import type { ViewsSlice } from './slices/views';
import type { WorkbookSlice } from './slices/workbook';
import type { WorkbookOpenSlice } from './slices/workbook-open';

/** The whole workbench session: one slice per feature. */
export type SessionState = EngineStatusSlice &
  UiSlice &
  DatasetsSlice &
  FieldsSlice &
  ImportPreviewSlice &
  TableQueriesSlice &
  ChartsSlice &
  ViewsSlice &
  ReportSlice &
  SqlEditorSlice &
  WorkbookSlice &
  WorkbookOpenSlice;
