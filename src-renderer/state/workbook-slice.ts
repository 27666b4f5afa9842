import type { StateCreator } from 'zustand';
import { tableToRows } from '../../src-shared/engine/arrow-values';
import { validateChartSpec } from '../../src-shared/charts/chart-spec';
import { fingerprintSource } from '../../src-shared/workbook/fingerprint';
import { findMissingFiles, loadWorkbookSources, type SourceFiles, type SourceStatus } from '../../src-shared/workbook/load-sources';
import { parseWorkbookFile } from '../../src-shared/workbook/parse-workbook';
import { remapChartSpec, remapViewSpec, remapWorkbook } from '../../src-shared/workbook/remap';
import { diffColumns, renamesOf, type ColumnDiff } from '../../src-shared/workbook/schema-diff';
import { serializeWorkbook } from '../../src-shared/workbook/serialize-workbook';
import { createSnapshot } from '../../src-shared/workbook/snapshot';
import { sourceRecord, savedColumns } from '../../src-shared/workbook/source-record';
import { CURRENT_VERSION, WORKBOOK_FORMAT, type Workbook } from '../../src-shared/workbook/workbook-schema';
import { createTableFromUserSql } from '../../src-shared/engine/sql-gate';
import type { OutsideRead } from '../../src-shared/workbook/read-policy';
import type { ImportReport } from '../../src-shared/import/types';
import { columnTypeOfSql } from '../../src-shared/sql/column-types';
import { quoteIdent, safeIdentifier } from '../../src-shared/sql/identifiers';
import { getEngine, runQuery } from '../engine/engine-service';
import { createImportService } from '../../src-shared/import/import-service';
import { platform } from '../platform';
import type { PickedFile, RecoveryCopy, WorkbookHandle } from '../platform/types';
import type { Dataset } from './datasets-slice';
import { newId } from './charts-slice';
import type { WorkbenchState } from './store';

type ReportItem = Workbook['report']['items'][number];
/** A report item before it has an id (distributes Omit over the kinds). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewReportItem = DistributiveOmit<ReportItem, 'id'>;

export interface WorkbookMeta {
  title: string;
  notes: string;
  name: string | null;
  path: string | null;
  token?: string;
  dirty: boolean;
  /** Key of this workbook's recovery copy. */
  recoveryKey: string;
}

/** A workbook being opened that needs the user: files outside its folder to allow, files to locate, or columns that changed. */
export interface PendingWorkbook {
  workbook: Workbook;
  handle: WorkbookHandle;
  /** Files the workbook names outside its own folder, not read until the person allows them. */
  outside: OutsideRead[];
  located: Record<string, PickedFile>;
  missing: { table: string; name: string; absolute: string }[];
  shapes: { table: string; diff: ColumnDiff }[];
  statuses: SourceStatus[];
  message: string | null;
}

export interface WorkbookSlice {
  workbook: WorkbookMeta;
  report: { columns: number; items: ReportItem[] };
  pendingWorkbook: PendingWorkbook | null;
  recoveries: RecoveryCopy[];
  workbookBusy: string | null;
  markDirty(): void;
  setWorkbookTitle(title: string): void;
  /** The workbook as it would be saved (source fingerprints computed now). */
  buildWorkbook(opts?: { snapshot?: boolean }): Promise<Workbook>;
  saveWorkbook(opts: { saveAs: boolean; snapshot: boolean }): Promise<boolean>;
  openWorkbook(handle?: WorkbookHandle, located?: Record<string, PickedFile>): Promise<void>;
  locateSourceFiles(files: PickedFile[]): Promise<void>;
  /** The person agreed to the files outside the workbook's folder: read them, then carry on opening. */
  allowOutsideReads(): Promise<void>;
  /** The person did not: carry on opening as if those files were missing (locate them, or use the snapshot). */
  declineOutsideReads(): Promise<void>;
  /** Apply the detected renames for changed sources, then finish opening. */
  acceptShapeChanges(): Promise<void>;
  cancelPendingWorkbook(): void;
  checkRecoveries(): Promise<void>;
  restoreRecovery(copy: RecoveryCopy): Promise<void>;
  discardRecovery(copy: RecoveryCopy): Promise<void>;
  writeRecoveryNow(): Promise<void>;
  addReportItem(item: NewReportItem): void;
  updateReportItem(id: string, patch: Partial<ReportItem>): void;
  moveReportItem(id: string, by: -1 | 1): void;
  removeReportItem(id: string): void;
  /** Re-import a table from a new file; if its columns changed, renames are applied to charts and views. */
  refreshTable(table: string, file: PickedFile): Promise<ColumnDiff | null>;
}

function basename(p: string): string {
  return p.replace(/^.*[\\/]/, '');
}

function reportFromDescribe(table: string, rows: number, described: Record<string, unknown>[]): ImportReport {
  return {
    table,
    rows,
    files: [],
    settings: { format: 'csv', compression: 'none', encoding: 'binary', delimiter: null, quote: null, headerRow: 0, skippedLines: 0, footerLines: 0, decimal: '.', thousands: ',', dateOrder: 'DMY', sheet: null, sheets: [], suppressionMarkers: [] },
    columns: described.map((d) => {
      const sqlType = String(d.column_type);
      return { name: String(d.column_name), type: columnTypeOfSql(sqlType), sqlType, suppressed: 0 };
    }),
    warnings: [],
    elapsedMs: 0,
  };
}

export const createWorkbookSlice: StateCreator<WorkbenchState, [], [], WorkbookSlice> = (set, get) => {
  function sourceFiles(pending: Pick<PendingWorkbook, 'handle' | 'located'>): SourceFiles {
    return {
      async open(absolute) {
        return pending.handle.files[absolute] ?? pending.located[basename(absolute)] ?? null;
      },
    };
  }

  /** Load sources, then either ask the user (missing files, changed columns) or finish. */
  async function proceed(pending: PendingWorkbook): Promise<void> {
    const files = sourceFiles(pending);
    const missing = await findMissingFiles(pending.workbook, pending.handle.path, files);
    const snapshotTables = new Set(pending.workbook.snapshot?.tables.map((t) => t.table.toLowerCase()) ?? []);
    const unresolved = missing.filter((m) => !snapshotTables.has(m.table.toLowerCase()));
    if (unresolved.length > 0) {
      set({ pendingWorkbook: { ...pending, missing: unresolved.map((m) => ({ table: m.table, name: basename(m.absolute), absolute: m.absolute })) }, workbookBusy: null });
      return;
    }
    set({ workbookBusy: 'Loading the workbook’s data…' });
    const engine = await getEngine();
    const loaded = await loadWorkbookSources(createImportService(engine), pending.workbook, pending.handle.path, files, { snapshot: 'when-missing', onProgress: (m) => set({ workbookBusy: m }) });
    const failures = loaded.problems.filter((p) => p.kind !== 'shape');
    if (failures.length > 0) {
      set({ pendingWorkbook: { ...pending, missing: [], statuses: loaded.sources, message: failures.map((f) => f.message).join(' ') }, workbookBusy: null });
      return;
    }
    const shapes = loaded.problems.flatMap((p) => (p.kind === 'shape' ? [{ table: p.table, diff: p.diff }] : []));
    if (shapes.length > 0) {
      set({ pendingWorkbook: { ...pending, missing: [], shapes, statuses: loaded.sources, message: null }, workbookBusy: null });
      return;
    }
    await finish(pending.workbook, pending.handle, loaded.sources, pending.located);
  }

  async function finish(wb: Workbook, handle: WorkbookHandle, statuses: SourceStatus[], located: Record<string, PickedFile>): Promise<void> {
    const engine = await getEngine();
    const datasets: Dataset[] = [];
    for (const status of statuses) {
      if (!status.report) continue;
      const source = wb.sources.find((s) => s.table === status.table)!;
      const files = status.files.flatMap((f) => {
        const file = handle.files[f.absolute] ?? located[basename(f.absolute)];
        return file ? [file] : [];
      });
      datasets.push({ table: status.table, rows: status.report.rows, report: status.report, files, importOptions: source.importOptions });
    }
    for (const d of wb.derived) {
      await createTableFromUserSql(engine, d.table, d.sql).catch((error: Error) => {
        throw new Error(`Derived table "${d.table}" of this workbook was not created: ${error.message}`);
      });
      const rows = Number(tableToRows(await runQuery(`SELECT count(*) AS n FROM ${quoteIdent(d.table)}`))[0]?.n ?? 0);
      const described = tableToRows(await runQuery(`DESCRIBE ${quoteIdent(d.table)}`));
      datasets.push({ table: d.table, rows, report: reportFromDescribe(d.table, rows, described), files: [], importOptions: {}, sql: d.sql });
    }
    for (const c of get().charts) get().deleteChart(c.id);
    for (const v of get().views) get().deleteView(v.id);
    get().setDatasets(datasets);
    for (const c of wb.charts) get().addChart(c.spec, c.id);
    for (const v of wb.views) get().addView(v.spec, v.id);
    set({
      report: { columns: wb.report.columns, items: wb.report.items },
      workbook: { title: wb.title, notes: wb.notes, name: handle.name, path: handle.path, ...(handle.token ? { token: handle.token } : {}), dirty: false, recoveryKey: recoveryKeyFor(handle.path) },
      pendingWorkbook: null,
      workbookBusy: null,
      focus: { kind: 'report' },
    });
  }

  return {
    workbook: { title: 'Untitled workbook', notes: '', name: null, path: null, dirty: false, recoveryKey: newRecoveryKey() },
    report: { columns: 2, items: [] },
    pendingWorkbook: null,
    recoveries: [],
    workbookBusy: null,

    markDirty() {
      if (!get().workbook.dirty) set((s) => ({ workbook: { ...s.workbook, dirty: true } }));
    },

    setWorkbookTitle(title) {
      set((s) => ({ workbook: { ...s.workbook, title, dirty: true } }));
    },

    async buildWorkbook(opts = {}) {
      const state = get();
      const sources: Workbook['sources'] = [];
      const derived: Workbook['derived'] = [];
      for (const d of state.datasets) {
        if (d.sql) {
          derived.push({ table: d.table, sql: d.sql });
          continue;
        }
        if (d.files.length === 0) continue;
        const files = [];
        for (const f of d.files) files.push({ path: f.path ?? f.name, fingerprint: await fingerprintSource(f) });
        sources.push(sourceRecord({ table: d.table, files, importOptions: d.importOptions, report: d.report, pattern: true }));
      }
      const tables = new Set([...sources.map((s) => s.table), ...derived.map((d) => d.table)]);
      const charts: Workbook['charts'] = [];
      for (const c of state.charts) {
        const v = validateChartSpec(c.spec);
        if (v.ok && tables.has(v.spec.source.table)) charts.push({ id: c.id, spec: v.spec });
      }
      const views = state.views.filter((v) => v.spec.tables.every((t) => tables.has(t))).map((v) => ({ id: v.id, spec: v.spec }));
      const chartIds = new Set(charts.map((c) => c.id));
      const viewIds = new Set(views.map((v) => v.id));
      const items = state.report.items.filter((i) => (i.kind === 'chart' ? chartIds.has(i.chart) : i.kind === 'view' ? viewIds.has(i.view) : true));
      const workbook: Workbook = {
        format: WORKBOOK_FORMAT,
        version: CURRENT_VERSION,
        title: state.workbook.title,
        sources,
        derived,
        charts,
        views,
        report: { columns: state.report.columns, items },
        notes: state.workbook.notes,
      };
      if (!opts.snapshot) return workbook;
      const { snapshot } = await createSnapshot(await getEngine(), workbook, { storage: 'embedded', workbookFileName: state.workbook.name ?? 'workbook.workbook.json' });
      return { ...workbook, snapshot };
    },

    async saveWorkbook({ saveAs, snapshot }) {
      set({ workbookBusy: 'Saving…' });
      try {
        const wb = await get().buildWorkbook({ snapshot });
        const meta = get().workbook;
        const suggestedName = meta.name ?? `${safeIdentifier(meta.title) || 'workbook'}.workbook.json`;
        const saved = await platform.saveWorkbook({ ...(meta.token ? { token: meta.token } : {}), saveAs: saveAs || !meta.token, suggestedName, text: serializeWorkbook(wb) });
        if (!saved) return false;
        await platform.deleteRecovery(meta.recoveryKey, meta.path).catch(() => undefined);
        set((s) => ({ workbook: { ...s.workbook, name: saved.name, path: saved.path, ...(saved.token ? { token: saved.token } : {}), dirty: false, recoveryKey: recoveryKeyFor(saved.path) ?? s.workbook.recoveryKey } }));
        get().notify(`Saved ${saved.name}`);
        return true;
      } catch (error) {
        get().notify(`Could not save: ${(error as Error).message}`);
        return false;
      } finally {
        set({ workbookBusy: null });
      }
    },

    async openWorkbook(handle, located = {}) {
      const chosen = handle ?? (await platform.openWorkbook());
      if (!chosen) return;
      let workbook: Workbook;
      try {
        workbook = parseWorkbookFile(chosen.text, chosen.name).workbook;
      } catch (error) {
        set({ importError: { files: [chosen.name], message: (error as Error).message } });
        return;
      }
      const pending: PendingWorkbook = { workbook, handle: chosen, outside: chosen.outside, located, missing: [], shapes: [], statuses: [], message: null };
      if (pending.outside.length > 0) {
        // Ask first: nothing outside the workbook's folder is read until the person agrees.
        set({ pendingWorkbook: pending, workbookBusy: null, importError: null });
        return;
      }
      set({ workbookBusy: 'Opening the workbook…' });
      try {
        await proceed(pending);
      } catch (error) {
        set({ workbookBusy: null, importError: { files: [chosen.name], message: (error as Error).message } });
      }
    },

    async locateSourceFiles(files) {
      const pending = get().pendingWorkbook;
      if (!pending) return;
      const located = { ...pending.located };
      for (const f of files) located[f.name] = f;
      try {
        await proceed({ ...pending, located, missing: [], message: null });
      } catch (error) {
        set({ workbookBusy: null, pendingWorkbook: { ...pending, located, missing: [], message: (error as Error).message } });
      }
    },

    async allowOutsideReads() {
      const pending = get().pendingWorkbook;
      if (!pending || pending.outside.length === 0) return;
      set({ workbookBusy: 'Opening the workbook…' });
      try {
        const granted = pending.handle.token ? await platform.allowWorkbookReads(pending.handle.token, pending.outside.map((r) => r.absolute)) : {};
        const handle = { ...pending.handle, files: { ...pending.handle.files, ...granted }, outside: [] };
        await proceed({ ...pending, handle, outside: [] });
      } catch (error) {
        set({ workbookBusy: null, pendingWorkbook: { ...pending, message: (error as Error).message } });
      }
    },

    async declineOutsideReads() {
      const pending = get().pendingWorkbook;
      if (!pending) return;
      set({ workbookBusy: 'Opening the workbook…' });
      try {
        await proceed({ ...pending, handle: { ...pending.handle, outside: [] }, outside: [] });
      } catch (error) {
        set({ workbookBusy: null, pendingWorkbook: { ...pending, outside: [], message: (error as Error).message } });
      }
    },

    async acceptShapeChanges() {
      const pending = get().pendingWorkbook;
      if (!pending) return;
      let wb = pending.workbook;
      for (const s of pending.shapes) wb = remapWorkbook(wb, s.table, renamesOf(s.diff)).workbook;
      // Record the new columns so the workbook no longer reports the change once saved.
      wb = { ...wb, sources: wb.sources.map((src) => {
        const status = pending.statuses.find((st) => st.table === src.table);
        return status?.report ? { ...src, columns: savedColumns(status.report), rows: status.report.rows } : src;
      }) };
      await finish(wb, pending.handle, pending.statuses, pending.located);
      get().markDirty();
    },

    cancelPendingWorkbook() {
      set({ pendingWorkbook: null, workbookBusy: null });
    },

    async checkRecoveries() {
      const recoveries = await platform.listRecoveries().catch(() => []);
      set({ recoveries: recoveries.filter((r) => !r.stale) });
    },

    async restoreRecovery(copy) {
      set((s) => ({ recoveries: s.recoveries.filter((r) => r.key !== copy.key) }));
      await get().openWorkbook({ name: copy.workbookPath ? basename(copy.workbookPath) : 'Recovered workbook', path: copy.workbookPath, text: copy.text, files: {}, outside: [] });
      set((s) => ({ workbook: { ...s.workbook, dirty: true } }));
    },

    async discardRecovery(copy) {
      await platform.deleteRecovery(copy.key, copy.workbookPath);
      set((s) => ({ recoveries: s.recoveries.filter((r) => r.key !== copy.key) }));
    },

    async writeRecoveryNow() {
      const meta = get().workbook;
      if (!meta.dirty) return;
      const wb = await get().buildWorkbook();
      await platform.writeRecovery(meta.recoveryKey, meta.path, serializeWorkbook(wb));
    },

    addReportItem(item) {
      const id = newId('item');
      set((s) => ({ report: { ...s.report, items: [...s.report.items, { ...item, id } as ReportItem] } }));
      get().markDirty();
      get().notify('Added to the report');
    },

    updateReportItem(id, patch) {
      set((s) => ({ report: { ...s.report, items: s.report.items.map((i) => (i.id === id ? ({ ...i, ...patch } as ReportItem) : i)) } }));
      get().markDirty();
    },

    moveReportItem(id, by) {
      set((s) => {
        const items = [...s.report.items];
        const i = items.findIndex((it) => it.id === id);
        const j = i + by;
        if (i < 0 || j < 0 || j >= items.length) return {};
        [items[i], items[j]] = [items[j]!, items[i]!];
        return { report: { ...s.report, items } };
      });
      get().markDirty();
    },

    removeReportItem(id) {
      set((s) => ({ report: { ...s.report, items: s.report.items.filter((i) => i.id !== id) } }));
      get().markDirty();
    },

    async refreshTable(table, file) {
      const dataset = get().datasets.find((d) => d.table === table);
      if (!dataset) return null;
      const before = savedColumns(dataset.report);
      const loaded = await get().importFiles([file], { ...dataset.importOptions, table });
      const after = loaded[0];
      if (!after) return null;
      const diff = diffColumns(before, savedColumns(after.report));
      const renames = renamesOf(diff);
      if (Object.keys(renames).length > 0) {
        set((s) => ({
          charts: s.charts.map((c) => {
            const v = validateChartSpec(c.spec);
            return v.ok && v.spec.source.table === table ? { ...c, spec: remapChartSpec(v.spec, renames) } : c;
          }),
          views: s.views.map((v) => (v.spec.tables.includes(table) ? { ...v, spec: remapViewSpec(v.spec, renames) } : v)),
        }));
      }
      for (const c of get().charts) void get().runChart(c.id);
      for (const v of get().views) void get().runView(v.id);
      get().markDirty();
      return diff;
    },
  };
};

function newRecoveryKey(): string {
  return `untitled-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.replace(/^untitled-/, 'u');
}

/** One recovery copy per workbook file; unsaved workbooks get their own key. */
function recoveryKeyFor(path: string | null): string {
  if (!path) return newRecoveryKey();
  let h = 0;
  for (let i = 0; i < path.length; i++) h = (Math.imul(31, h) + path.charCodeAt(i)) | 0;
  return `w${(h >>> 0).toString(36)}`;
}
