import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { platform } from '../platform';
import { fileFromBlob } from '../platform/types';
import { engineStarted, useWorkbench } from '../state/store';
import { ChartEditor } from './charts/ChartEditor';
import { ChartList } from './ChartList';
import { ViewList } from './ViewList';
import { ViewEditor } from './views/ViewEditor';
import { DatasetList } from './DatasetList';
import { DatasetView } from './DatasetView';
import { ImportDialog } from './ImportDialog';
import { PendingWorkbookDialog } from './workbook/PendingWorkbookDialog';
import { RecoveryBanner } from './workbook/RecoveryBanner';
import { ReportPage } from './workbook/ReportPage';
import { SaveAsDialog } from './workbook/SaveAsDialog';
import { startAutosave } from '../state/autosave';
import { ImportStatus } from './ImportStatus';
import { StartScreen } from './StartScreen';
import { SqlEditor } from './SqlEditor';
import { StatusBar } from './StatusBar';
import { exportReport } from '../export/export-report';

export function App() {
  const beginImport = useWorkbench((s) => s.beginImport);
  const datasets = useWorkbench((s) => s.datasets);
  const focus = useWorkbench((s) => s.focus);
  const notice = useWorkbench((s) => s.notice);
  const [dragging, setDragging] = useState(false);
  const selected = focus?.kind === 'table' ? (datasets.find((d) => d.table === focus.table) ?? null) : null;

  const workbook = useWorkbench((s) => s.workbook);
  const workbookBusy = useWorkbench((s) => s.workbookBusy);
  const openWorkbook = useWorkbench((s) => s.openWorkbook);
  const saveWorkbook = useWorkbench((s) => s.saveWorkbook);
  const checkRecoveries = useWorkbench((s) => s.checkRecoveries);
  const setFocus = useWorkbench((s) => s.setFocus);
  const [savingAs, setSavingAs] = useState(false);

  useEffect(() => {
    void engineStarted().then(() => checkRecoveries());
    return startAutosave();
  }, [checkRecoveries]);

  const save = useCallback(() => {
    if (workbook.token) void saveWorkbook({ saveAs: false, snapshot: false });
    else setSavingAs(true);
  }, [workbook.token, saveWorkbook]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 's') return;
      e.preventDefault();
      if (e.shiftKey) setSavingAs(true);
      else save();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const openFiles = useCallback(async () => {
    const files = await platform.pickFiles({ multiple: true, purpose: 'data' });
    if (files.length) beginImport(files);
  }, [beginImport]);

  useEffect(
    () =>
      platform.onCommand((command) => {
        if (command.command === 'open') void openFiles();
        else if (command.command === 'open-file') beginImport([command.file]);
        else if (command.command === 'open-workbook') void openWorkbook(command.workbook);
        else if (command.command === 'export-report') void exportReport(command.format);
      }),
    [openFiles, beginImport, openWorkbook],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'o' && platform.kind === 'browser') {
        e.preventDefault();
        void openFiles();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openFiles]);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files, fileFromBlob);
    if (files.length) beginImport(files);
  };

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="app-header">
        <h1>
          Commissioning Workbench{' '}
          <span className="workbook-name" data-testid="workbook-name">
            {workbook.name ?? workbook.title}
            {workbook.dirty ? ' •' : ''}
          </span>
        </h1>
        <div className="header-actions">
          <button type="button" onClick={() => void openFiles()} title="Open data files (Ctrl+O)" data-testid="header-open">
            Open data…
          </button>
          <button type="button" onClick={() => void openWorkbook()} data-testid="open-workbook">
            Open workbook…
          </button>
          <button type="button" onClick={save} title="Save the workbook (Ctrl+S)" data-testid="save-workbook">
            Save
          </button>
          <button type="button" onClick={() => setSavingAs(true)} title="Save as (Ctrl+Shift+S)" data-testid="save-workbook-as">
            Save as…
          </button>
        </div>
      </header>
      <ImportStatus />
      <RecoveryBanner />
      {workbookBusy && (
        <div className="import-status" role="status" data-testid="workbook-busy">
          <span>{workbookBusy}</span>
          <progress aria-label="Working" />
        </div>
      )}
      <div className="app-body">
        <nav className="sidebar" aria-label="Data">
          <button
            type="button"
            className={`report-link${focus?.kind === 'report' ? ' selected' : ''}`}
            onClick={() => setFocus({ kind: 'report' })}
            data-testid="open-report"
          >
            Report
          </button>
          <button
            type="button"
            className={`report-link${focus?.kind === 'sql' ? ' selected' : ''}`}
            onClick={() => setFocus({ kind: 'sql' })}
            data-testid="open-sql"
          >
            SQL
          </button>
          <h2 className="sidebar-title">Tables</h2>
          <DatasetList />
          <h2 className="sidebar-title">Charts</h2>
          <ChartList />
          <h2 className="sidebar-title">Benchmark views</h2>
          <ViewList />
        </nav>
        <main className="main-panel">
          {focus?.kind === 'chart' ? (
            <ChartEditor key={focus.id} id={focus.id} />
          ) : focus?.kind === 'report' ? (
            <ReportPage />
          ) : focus?.kind === 'view' ? (
            <ViewEditor key={focus.id} id={focus.id} />
          ) : focus?.kind === 'sql' ? (
            <SqlEditor />
          ) : selected ? (
            <DatasetView key={selected.table} dataset={selected} />
          ) : (
            <StartScreen onOpen={() => void openFiles()} />
          )}
        </main>
      </div>
      <StatusBar />
      <ImportDialog />
      <PendingWorkbookDialog />
      {savingAs && <SaveAsDialog onClose={() => setSavingAs(false)} />}
      {notice && (
        <div className="notice" role="status" data-testid="notice">
          {notice}
        </div>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files to open them
        </div>
      )}
    </div>
  );
}
