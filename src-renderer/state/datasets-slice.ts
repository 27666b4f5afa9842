import type { StateCreator } from 'zustand';
import { isAbortError } from '../../src-shared/engine/engine';
import type { ImportOptions, ImportProgress, ImportReport } from '../../src-shared/import/types';
import { quoteIdent, tableNameFromFileName } from '../../src-shared/sql/identifiers';
import { getEngine } from '../engine/engine-service';
import { createImportService } from '../../src-shared/import/import-service';
import { profileTable, type TableProfile } from '../../src-shared/import/profile';
import { fileFromBlob, type PickedFile } from '../platform/types';
import { SAMPLE_DATA_PATH, SAMPLE_FILES, SAMPLE_WORKBOOK } from '../../src-shared/sample-data';
import type { WorkbenchState } from './store';

export interface Dataset {
  table: string;
  rows: number;
  report: ImportReport;
  /** The files it was imported from (none for a table made by SQL or restored from a snapshot). */
  files: PickedFile[];
  /** The user's import settings, reused when the workbook is reopened or refreshed. */
  importOptions: ImportOptions;
  /** SQL for a derived table. */
  sql?: string;
}

export interface ImportJob {
  files: string[];
  progress: ImportProgress | null;
  controller: AbortController;
}

export type ProfileState = { status: 'loading' } | { status: 'ready'; profile: TableProfile } | { status: 'error'; message: string };

export interface DatasetsSlice {
  datasets: Dataset[];
  /** Column profiles by table, computed on demand. */
  profiles: Record<string, ProfileState>;
  loadProfile(table: string): Promise<void>;
  importJob: ImportJob | null;
  /** The last import failure, shown until dismissed; existing tables are untouched. */
  importError: { files: string[]; message: string } | null;
  importFiles(files: PickedFile[], opts?: ImportOptions & { table?: string; combine?: boolean }): Promise<Dataset[]>;
  /** Put tables loaded elsewhere (a workbook) into the list, replacing those of the same name. */
  setDatasets(datasets: Dataset[]): void;
  /** Load the bundled sample extracts, one table each (served by the app, read-only). */
  openSampleData(): Promise<void>;
  cancelImport(): void;
  dismissImportError(): void;
  selectTable(table: string): void;
  removeDataset(table: string): Promise<void>;
}

export const createDatasetsSlice: StateCreator<WorkbenchState, [], [], DatasetsSlice> = (set, get) => ({
  datasets: [],
  profiles: {},
  importJob: null,
  importError: null,

  async importFiles(files, opts = {}) {
    if (files.length === 0) return [];
    if (get().importJob) throw new Error('An import is already running');
    const controller = new AbortController();
    set({ importJob: { files: files.map((f) => f.name), progress: null, controller }, importError: null });
    const onProgress = (progress: ImportProgress) => set((s) => (s.importJob ? { importJob: { ...s.importJob, progress } } : {}));
    const loaded: Dataset[] = [];
    try {
      const engine = await getEngine();
      const groups = opts.combine ? [files] : files.map((f) => [f]);
      for (const group of groups) {
        // Opening a file again (or a newer extract of the same name) replaces its table.
        const table = opts.table ?? tableNameFromFileName(group[0]!.name);
        const { table: _t, combine: _c, ...importOptions } = opts;
        const report = await createImportService(engine).importFiles(table, group, { ...importOptions, signal: controller.signal, onProgress });
        const dataset: Dataset = { table: report.table, rows: report.rows, report, files: group, importOptions };
        loaded.push(dataset);
        set((s) => {
          const { [dataset.table]: _stale, ...profiles } = s.profiles;
          return { datasets: [...s.datasets.filter((d) => d.table !== dataset.table), dataset], focus: { kind: 'table' as const, table: dataset.table }, profiles };
        });
      }
      return loaded;
    } catch (error) {
      const message = isAbortError(error) ? 'Import cancelled. Nothing was loaded.' : (error as Error).message;
      set({ importError: { files: files.map((f) => f.name), message } });
      return loaded;
    } finally {
      set({ importJob: null });
    }
  },

  setDatasets(datasets) {
    const names = new Set(datasets.map((d) => d.table));
    set((s) => ({ datasets: [...s.datasets.filter((d) => !names.has(d.table)), ...datasets], profiles: Object.fromEntries(Object.entries(s.profiles).filter(([t]) => !names.has(t))) }));
  },

  async openSampleData() {
    // The sample workbook brings the extracts it uses with its charts, views and report;
    // the remaining sample extracts are imported beside it.
    const fetchFile = async (name: string): Promise<PickedFile> => {
      const response = await fetch(`${SAMPLE_DATA_PATH}/${name}`);
      if (!response.ok) throw new Error(`${name} is missing from the app (${response.status})`);
      return fileFromBlob(new File([await response.blob()], name.replace(/^.*\//, '')));
    };
    try {
      const workbookFile = await fetchFile(SAMPLE_WORKBOOK);
      const text = new TextDecoder().decode(await workbookFile.read(0, workbookFile.size));
      const located: Record<string, PickedFile> = {};
      for (const sample of SAMPLE_FILES) located[sample.file] = await fetchFile(sample.file);
      await get().openWorkbook({ name: workbookFile.name, path: null, text, files: {}, outside: [] }, located);
      const have = new Set(get().datasets.map((d) => d.table));
      for (const sample of SAMPLE_FILES) {
        if (have.has(sample.table)) continue;
        await get().importFiles([located[sample.file]!], { table: sample.table });
        if (get().importError) return;
      }
      // Nothing of the user's yet: no unsaved changes to warn about.
      set((s) => ({ focus: { kind: 'report' }, workbook: { ...s.workbook, dirty: false } }));
    } catch (error) {
      set({ importError: { files: ['sample data'], message: (error as Error).message } });
    }
  },

  async loadProfile(table) {
    const current = get().profiles[table];
    if (current && current.status !== 'error') return;
    const dataset = get().datasets.find((d) => d.table === table);
    set((s) => ({ profiles: { ...s.profiles, [table]: { status: 'loading' } } }));
    try {
      const engine = await getEngine();
      const profile = await profileTable(engine, table, dataset?.report);
      set((s) => ({ profiles: { ...s.profiles, [table]: { status: 'ready', profile } } }));
    } catch (error) {
      set((s) => ({ profiles: { ...s.profiles, [table]: { status: 'error', message: (error as Error).message } } }));
    }
  },

  cancelImport() {
    get().importJob?.controller.abort();
  },

  dismissImportError() {
    set({ importError: null });
  },

  selectTable(table) {
    set({ focus: { kind: 'table', table } });
  },

  async removeDataset(table) {
    const engine = await getEngine();
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    set((s) => {
      const datasets = s.datasets.filter((d) => d.table !== table);
      const { [table]: _gone, ...profiles } = s.profiles;
      const focus = s.focus?.kind === 'table' && s.focus.table === table ? (datasets[0] ? { kind: 'table' as const, table: datasets[0].table } : null) : s.focus;
      return { datasets, profiles, focus };
    });
  },
});
