import { useCallback, useEffect, useState, type DragEvent } from 'react';
import { platform } from '../platform';
import { fileFromBlob } from '../platform/types';
import { useWorkbench } from '../state/store';
import { ChartEditor } from './charts/ChartEditor';
import { ChartList } from './ChartList';
import { ViewList } from './ViewList';
import { ViewEditor } from './views/ViewEditor';
import { DatasetList } from './DatasetList';
import { DatasetView } from './DatasetView';
import { ImportDialog } from './ImportDialog';
import { ImportStatus } from './ImportStatus';
import { StartScreen } from './StartScreen';
import { StatusBar } from './StatusBar';

export function App() {
  const startEngine = useWorkbench((s) => s.startEngine);
  const beginImport = useWorkbench((s) => s.beginImport);
  const datasets = useWorkbench((s) => s.datasets);
  const focus = useWorkbench((s) => s.focus);
  const notice = useWorkbench((s) => s.notice);
  const [dragging, setDragging] = useState(false);
  const selected = focus?.kind === 'table' ? (datasets.find((d) => d.table === focus.table) ?? null) : null;

  useEffect(() => {
    void startEngine();
  }, [startEngine]);

  const openFiles = useCallback(async () => {
    const files = await platform.pickFiles({ multiple: true, purpose: 'data' });
    if (files.length) beginImport(files);
  }, [beginImport]);

  useEffect(
    () =>
      platform.onCommand((command) => {
        if (command.command === 'open') void openFiles();
        else if (command.command === 'open-file') beginImport([command.file]);
      }),
    [openFiles, beginImport],
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
        <h1>Commissioning Workbench</h1>
        <div className="header-actions">
          <button type="button" onClick={() => void openFiles()} title="Open data files (Ctrl+O)" data-testid="header-open">Open…</button>
        </div>
      </header>
      <ImportStatus />
      <div className="app-body">
        <nav className="sidebar" aria-label="Data">
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
          ) : focus?.kind === 'view' ? (
            <ViewEditor key={focus.id} id={focus.id} />
          ) : selected ? (
            <DatasetView key={selected.table} dataset={selected} />
          ) : (
            <StartScreen onOpen={() => void openFiles()} />
          )}
        </main>
      </div>
      <StatusBar />
      <ImportDialog />
      {notice && <div className="notice" role="status" data-testid="notice">{notice}</div>}
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop files to open them</div>}
    </div>
  );
}
