import type { StateCreator } from 'zustand';
import { isAbortError } from '../../src-shared/engine/engine';
import type { ImportOptions, ImportProgress, ImportReport } from '../../src-shared/import/types';
import { quoteIdent, tableNameFromFileName } from '../../src-shared/sql/identifiers';
import { getEngine } from '../engine/engine-service';
import type { PickedFile } from '../platform/types';
import type { WorkbenchState } from './store';

export interface Dataset {
  table: string;
  rows: number;
  report: ImportReport;
}

export interface ImportJob {
  files: string[];
  progress: ImportProgress | null;
  controller: AbortController;
}

export interface DatasetsSlice {
  datasets: Dataset[];
  selectedTable: string | null;
  importJob: ImportJob | null;
  /** The last import failure, shown until dismissed; existing tables are untouched. */
  importError: { files: string[]; message: string } | null;
  importFiles(files: PickedFile[], opts?: ImportOptions & { table?: string; combine?: boolean }): Promise<Dataset[]>;
  cancelImport(): void;
  dismissImportError(): void;
  selectTable(table: string): void;
  removeDataset(table: string): Promise<void>;
}

export const createDatasetsSlice: StateCreator<WorkbenchState, [], [], DatasetsSlice> = (set, get) => ({
  datasets: [],
  selectedTable: null,
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
        const report = await engine.loadFiles(table, group, { ...opts, signal: controller.signal, onProgress });
        const dataset: Dataset = { table: report.table, rows: report.rows, report };
        loaded.push(dataset);
        set((s) => ({
          datasets: [...s.datasets.filter((d) => d.table !== dataset.table), dataset],
          selectedTable: dataset.table,
        }));
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

  cancelImport() {
    get().importJob?.controller.abort();
  },

  dismissImportError() {
    set({ importError: null });
  },

  selectTable(table) {
    set({ selectedTable: table });
  },

  async removeDataset(table) {
    const engine = await getEngine();
    await engine.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    set((s) => {
      const datasets = s.datasets.filter((d) => d.table !== table);
      return { datasets, selectedTable: s.selectedTable === table ? (datasets[0]?.table ?? null) : s.selectedTable };
    });
  },
});
