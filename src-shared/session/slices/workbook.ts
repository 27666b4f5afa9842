import { validateChartSpec } from '../../charts/chart-spec';
import type { FileSource } from '../../engine/engine';
import { SAMPLE_FILES, SAMPLE_WORKBOOK } from '../../sample-data';
import { fileStem } from '../../export/file-names';
import { fingerprintSource } from '../../workbook/fingerprint';
import { serializeWorkbook } from '../../workbook/serialize-workbook';
import { createSnapshot } from '../../workbook/snapshot';
import { sourceRecord } from '../../workbook/source-record';
import { basenameOf } from '../../workbook/source-paths';
import { CURRENT_VERSION, WORKBOOK_FORMAT, type Workbook } from '../../workbook/workbook-schema';
import type { SessionContext } from '../context';
import type { RecoveryCopy } from '../platform';

/**
 * The workbook as a file: its name and title, unsaved changes, building the
 * workbook from the session's tables, charts, views and report, saving it
 * (with or without a data snapshot), recovery copies of unsaved work, and
 * the sample data. Opening lives in workbook-open.ts.
 */

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

export interface WorkbookSlice {
  workbook: WorkbookMeta;
  recoveries: RecoveryCopy[];
  /** What long workbook work is doing now (opening, loading, saving), or null. */
  workbookBusy: string | null;
  markDirty(): void;
  setWorkbookTitle(title: string): void;
  /** The workbook as it would be saved (source fingerprints computed now). */
  buildWorkbook(opts?: { snapshot?: boolean }): Promise<Workbook>;
  saveWorkbook(opts: { saveAs: boolean; snapshot: boolean; title?: string }): Promise<boolean>;
  checkRecoveries(): Promise<void>;
  restoreRecovery(copy: RecoveryCopy): Promise<void>;
  discardRecovery(copy: RecoveryCopy): Promise<void>;
  writeRecoveryNow(): Promise<void>;
  /** Load the sample workbook and every sample extract (the app's own read-only copies). */
  openSampleData(): Promise<void>;
}

/** A recovery key for a new, unsaved workbook. */
function newRecoveryKey(ctx: Pick<SessionContext, 'clock' | 'newId'>): string {
  return `u${ctx.clock.now().toString(36)}${ctx.newId('r').replace(/[^A-Za-z0-9]/g, '')}`;
}

/** One recovery copy per workbook file; unsaved workbooks get their own key. */
export function recoveryKeyFor(path: string | null, ctx: Pick<SessionContext, 'clock' | 'newId'>): string {
  if (!path) return newRecoveryKey(ctx);
  let h = 0;
  for (let i = 0; i < path.length; i++) h = (Math.imul(31, h) + path.charCodeAt(i)) | 0;
  return `w${(h >>> 0).toString(36)}`;
}

export function workbookSlice(ctx: SessionContext): WorkbookSlice {
  const { set, get, platform, engine } = ctx;
  return {
    workbook: { title: 'Untitled workbook', notes: '', name: null, path: null, dirty: false, recoveryKey: newRecoveryKey(ctx) },
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
        const title = d.title !== undefined ? { title: d.title } : {};
        if (d.sql) {
          derived.push({ table: d.table, ...title, sql: d.sql });
          continue;
        }
        if (d.files.length === 0) continue;
        const files = [];
        for (const f of d.files) files.push({ path: f.path ?? f.name, fingerprint: await fingerprintSource(f) });
        // Calculated columns are the workbook's own, not the extract's: the saved shape is the file's.
        const calculated = new Set(state.fieldSettingsOf(d.table).flatMap((f) => (f.expr !== undefined ? [f.column.toLowerCase()] : [])));
        const report = { ...d.report, columns: d.report.columns.filter((c) => !calculated.has(c.name.toLowerCase())) };
        sources.push(sourceRecord({ table: d.table, ...title, files, importOptions: d.importOptions, report, pattern: d.pattern ?? true }));
      }
      const tables = new Set([...sources.map((s) => s.table), ...derived.map((d) => d.table)]);
      const charts: Workbook['charts'] = [];
      for (const c of state.charts) {
        const v = validateChartSpec(c.spec);
        if (v.ok && tables.has(v.spec.source.table)) charts.push({ id: c.id, ...(c.title !== undefined ? { title: c.title } : {}), spec: v.spec });
      }
      const views = state.views
        .filter((v) => v.spec.tables.every((t) => tables.has(t)))
        .map((v) => ({ id: v.id, ...(v.title !== undefined ? { title: v.title } : {}), spec: v.spec }));
      const chartIds = new Set(charts.map((c) => c.id));
      const viewIds = new Set(views.map((v) => v.id));
      const items = state.report.items.filter((i) => (i.kind === 'chart' ? chartIds.has(i.chart) : i.kind === 'view' ? viewIds.has(i.view) : true));
      const workbook: Workbook = {
        format: WORKBOOK_FORMAT,
        version: CURRENT_VERSION,
        title: state.workbook.title,
        sources,
        derived,
        fields: state.fieldSettings.filter((f) => tables.has(f.table)),
        charts,
        views,
        report: { ...state.report, items },
        notes: state.workbook.notes,
      };
      if (!opts.snapshot) return workbook;
      const { snapshot } = await createSnapshot(await engine(), workbook, {
        storage: 'embedded',
        workbookFileName: state.workbook.name ?? 'workbook.workbook.json',
      });
      return { ...workbook, snapshot };
    },

    async saveWorkbook({ saveAs, snapshot, title }) {
      if (title !== undefined && title !== get().workbook.title) get().setWorkbookTitle(title);
      set({ workbookBusy: 'Saving…' });
      try {
        const wb = await get().buildWorkbook({ snapshot });
        const meta = get().workbook;
        // Save As suggests a name from the (possibly new) title; Save keeps the file's name.
        const fromTitle = `${fileStem(meta.title, 'workbook')}.workbook.json`;
        const suggestedName = saveAs || !meta.name ? fromTitle : meta.name;
        const saved = await platform.saveWorkbook({
          ...(meta.token ? { token: meta.token } : {}),
          saveAs: saveAs || !meta.token,
          suggestedName,
          text: serializeWorkbook(wb),
        });
        if (!saved) return false;
        await platform.deleteRecovery(meta.recoveryKey, meta.path).catch(() => undefined);
        set((s) => ({
          workbook: {
            ...s.workbook,
            name: saved.name,
            path: saved.path,
            ...(saved.token ? { token: saved.token } : {}),
            dirty: false,
            recoveryKey: saved.path ? recoveryKeyFor(saved.path, ctx) : s.workbook.recoveryKey,
          },
        }));
        get().notify(`Saved ${saved.name}`);
        return true;
      } catch (error) {
        get().notify(`Could not save: ${(error as Error).message}`);
        return false;
      } finally {
        set({ workbookBusy: null });
      }
    },

    async checkRecoveries() {
      const recoveries = await platform.listRecoveries().catch(() => []);
      set({ recoveries: recoveries.filter((r) => !r.stale) });
    },

    async restoreRecovery(copy) {
      set((s) => ({ recoveries: s.recoveries.filter((r) => r.key !== copy.key) }));
      await get().openWorkbook(
        { name: copy.workbookPath ? basenameOf(copy.workbookPath) : 'Recovered workbook', path: copy.workbookPath, text: copy.text, files: {}, outside: [] },
        { unsaved: true },
      );
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

    async openSampleData() {
      // The sample workbook brings the extracts it uses with its charts, views and report;
      // the remaining sample extracts are imported beside it.
      const sample = async (name: string): Promise<FileSource> => {
        const file = await platform.sampleFile(name);
        if (!file) throw new Error(`${name} is missing from the app`);
        return file;
      };
      try {
        const workbookFile = await sample(SAMPLE_WORKBOOK);
        const text = new TextDecoder().decode(await workbookFile.read(0, workbookFile.size));
        const located: Record<string, FileSource> = {};
        for (const s of SAMPLE_FILES) located[s.file] = await sample(s.file);
        await get().openWorkbook({ name: basenameOf(SAMPLE_WORKBOOK), path: null, text, files: {}, outside: [] }, { located });
        const have = new Set(get().datasets.map((d) => d.table));
        for (const s of SAMPLE_FILES) {
          if (have.has(s.table)) continue;
          await get().importFiles([located[s.file]!], { table: s.table });
          if (get().importError) return;
        }
        // Nothing of the person's yet: no unsaved changes to warn about.
        set((s) => ({ focus: { kind: 'report' }, workbook: { ...s.workbook, dirty: false } }));
      } catch (error) {
        set({ importError: { files: ['sample data'], message: (error as Error).message } });
      }
    },
  };
}
