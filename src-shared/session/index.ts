/** The workbench session: one headless store shared by the app, the CLI and the tests. */
export { createSession, type Session, type SessionDeps } from './create-session';
export type { SessionState } from './state';
export type { Clock, RecoveryCopy, SavedWorkbook, SessionPlatform, WorkbookHandle } from './platform';
export { systemClock } from './platform';
export { sessionReport } from './report';
export { shownChartResult, type ChartDoc, type ChartResult, type ReadyChartResult } from './slices/charts';
export { tableColumns, type Dataset, type ImportJob, type ProfileState } from './slices/datasets';
export type { Focus } from './slices/ui';
export { engineLabel, type EngineInfo, type EngineStatus } from './slices/engine-status';
export { tableNameProblem, type ImportChoices, type PendingImport } from './slices/import-preview';
export { SQL_EXAMPLE, SQL_PREVIEW_ROWS, type SqlHistoryEntry, type SqlResult } from './slices/sql-editor';
export type { NewReportItem, ReportItem } from './slices/report';
export type { ViewDoc, ViewRunState } from './slices/views';
export type { WorkbookMeta } from './slices/workbook';
export type { OpenWorkbookOptions, PendingWorkbook } from './slices/workbook-open';
export type { FieldSetting } from '../fields/field-settings';
export { displayName, humaniseName } from '../fields/field-settings';
