import { isAbortError, type FileSource } from '../../engine/engine';
import { profileTable, type TableProfile } from '../../import/profile';
import { kindOfColumnType, type ImportOptions, type ImportProgress, type ImportReport } from '../../import/types';
import { quoteIdent, tableNameFromFileName } from '../../sql/identifiers';
import type { SessionContext } from '../context';

/** A loaded table: where it came from and what the importer found. */
export interface Dataset {
  table: string;
  rows: number;
  report: ImportReport;
  /** The files it was imported from (none for a table made by SQL or restored from a snapshot). */
  files: FileSource[];
  /** The person's import settings, reused when the workbook is reopened or refreshed. */
  importOptions: ImportOptions;
  /** SQL of a derived table. */
  sql?: string;
  /** A readable name from the workbook (`SUS monthly extract`), kept when it is saved again. */
  title?: string;
  /** The workbook's file-name pattern for newer extracts of this source, kept when it is saved again. */
  pattern?: string;
}

export interface ImportJob {
  files: string[];
  progress: ImportProgress | null;
  /** When the import started (the session clock), for the elapsed time shown beside the progress. */
  startedAt: number;
  controller: AbortController;
}

export type ProfileState = { status: 'loading' } | { status: 'ready'; profile: TableProfile } | { status: 'error'; message: string };

export interface DatasetsSlice {
  datasets: Dataset[];
  /** Column profiles by table, computed on demand. */
  profiles: Record<string, ProfileState>;
  importJob: ImportJob | null;
  /** The last import failure, shown until dismissed; existing tables are untouched. `heading` replaces "Could not open …". */
  importError: { files: string[]; message: string; heading?: string } | null;
  loadProfile(table: string): Promise<void>;
  /** Import files (each its own table, or combined into one); resolves to the tables loaded. */
  importFiles(files: FileSource[], opts?: ImportOptions & { table?: string; combine?: boolean }): Promise<Dataset[]>;
  /** Put tables loaded elsewhere (a workbook) into the list, replacing those of the same name. */
  setDatasets(datasets: Dataset[]): void;
  cancelImport(): void;
  dismissImportError(): void;
  selectTable(table: string): void;
  removeDataset(table: string): Promise<void>;
  /** Columns of a loaded table as charts and views see them. */
  columnsOf(table: string): { name: string; sqlType: string; kind: 'number' | 'string' | 'date' | 'boolean' | 'other' }[];
}

export function datasetsSlice({ set, get, importer, engine, coordinator, clock }: SessionContext): DatasetsSlice {
  return {
    datasets: [],
    profiles: {},
    importJob: null,
    importError: null,

    async importFiles(files, opts = {}) {
      if (files.length === 0) return [];
      if (get().importJob) throw new Error('An import is already running');
      const controller = new AbortController();
      set({ importJob: { files: files.map((f) => f.name), progress: null, controller, startedAt: clock.now() }, importError: null });
      const onProgress = (progress: ImportProgress) => set((s) => (s.importJob ? { importJob: { ...s.importJob, progress } } : {}));
      const loaded: Dataset[] = [];
      try {
        const service = await importer();
        const groups = opts.combine ? [files] : files.map((f) => [f]);
        const { table: chosenTable, combine: _combine, ...importOptions } = opts;
        for (const group of groups) {
          // Opening a file again (or a newer extract of the same name) replaces its table.
          const table = chosenTable ?? tableNameFromFileName(group[0]!.name);
          const report = await service.importFiles(table, group, { ...importOptions, signal: controller.signal, onProgress });
          coordinator.invalidate();
          const dataset: Dataset = { table: report.table, rows: report.rows, report, files: group, importOptions };
          loaded.push(dataset);
          set((s) => {
            const { [dataset.table]: _stale, ...profiles } = s.profiles;
            return {
              datasets: [...s.datasets.filter((d) => d.table !== dataset.table), dataset],
              focus: { kind: 'table' as const, table: dataset.table },
              profiles,
            };
          });
        }
        // A table loaded again keeps its calculated columns.
        for (const d of loaded) {
          const problems = await get().applyCalculatedColumns(d.table);
          if (problems.length > 0) get().notify(problems.join(' '));
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
      coordinator.invalidate();
      set((s) => ({
        datasets: [...s.datasets.filter((d) => !names.has(d.table)), ...datasets],
        profiles: Object.fromEntries(Object.entries(s.profiles).filter(([t]) => !names.has(t))),
      }));
    },

    async loadProfile(table) {
      const current = get().profiles[table];
      if (current && current.status !== 'error') return;
      const dataset = get().datasets.find((d) => d.table === table);
      set((s) => ({ profiles: { ...s.profiles, [table]: { status: 'loading' } } }));
      try {
        const profile = await profileTable(await engine(), table, dataset?.report);
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
      await (await engine()).exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
      coordinator.invalidate();
      set((s) => {
        const datasets = s.datasets.filter((d) => d.table !== table);
        const { [table]: _gone, ...profiles } = s.profiles;
        const focus =
          s.focus?.kind === 'table' && s.focus.table === table ? (datasets[0] ? { kind: 'table' as const, table: datasets[0].table } : null) : s.focus;
        return { datasets, profiles, focus };
      });
    },

    columnsOf(table) {
      const dataset = get().datasets.find((d) => d.table === table);
      return dataset ? tableColumns(dataset.report) : [];
    },
  };
}

/** A loaded table's columns with the value kind charts and views use (timestamps count as dates). */
export function tableColumns(report: ImportReport): ReturnType<DatasetsSlice['columnsOf']> {
  return report.columns.map((c) => {
    const kind = kindOfColumnType(c.type);
    return { name: c.name, sqlType: c.sqlType, kind: kind === 'timestamp' ? 'date' : kind };
  });
}
