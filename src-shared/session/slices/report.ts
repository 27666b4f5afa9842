import type { PackToolkit } from '../../export/board-pack/export-pack';
import { PACK_MIME, workbookStem, type PackFormat } from '../../export/board-pack/pack-formats';
import type { Workbook } from '../../workbook/workbook-schema';
import type { SessionContext } from '../context';
import { sessionReport } from '../report';

export type ReportItem = Workbook['report']['items'][number];
/** A report item before it has an id (distributes Omit over the kinds). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewReportItem = DistributiveOmit<ReportItem, 'id'>;

/** What goes on every exported page: marking, organisation, disclosure control. */
export type PackSettings = Pick<Workbook['report'], 'marking' | 'organisation' | 'disclosure'>;

/** A board pack ready to save. */
export interface PackFile {
  name: string;
  data: Uint8Array;
  mimeType: string;
}

export interface ReportSlice {
  report: Workbook['report'];
  /** The board pack being written, for the progress shown on the report page. */
  packExport: { format: PackFormat } | null;
  setPackSettings(patch: Partial<PackSettings>): void;
  /**
   * The report as a board pack (PowerPoint, PDF or HTML), disclosure control
   * applied as the workbook says; null if the pack failed (the message is
   * shown). `toolkit` is the pack writer with this environment's renderers
   * (the app loads it on first export).
   */
  exportReport(format: PackFormat, toolkit: PackToolkit, opts?: { orientation?: 'landscape' | 'portrait' }): Promise<PackFile | null>;
  addReportItem(item: NewReportItem): void;
  updateReportItem(id: string, patch: Partial<ReportItem>): void;
  moveReportItem(id: string, by: -1 | 1): void;
  removeReportItem(id: string): void;
}

export function reportSlice({ set, get, newId, clock, templates, coordinator }: SessionContext): ReportSlice {
  return {
    report: { columns: 2, items: [] },
    packExport: null,

    setPackSettings(patch) {
      set((s) => {
        const report = { ...s.report, ...patch };
        // Empty text and "none" are the defaults: left out, so a workbook only says what was set.
        for (const key of ['marking', 'organisation'] as const) if (report[key] !== undefined && report[key].trim() === '') delete report[key];
        if (report.disclosure === 'none') delete report.disclosure;
        return { report };
      });
    },

    async exportReport(format, toolkit, opts = {}) {
      if (get().packExport) return null;
      set({ packExport: { format } });
      try {
        // Charts and views still computing are waited for, so none goes out as "not computed".
        await coordinator.settled();
        const state = get();
        const workbook = { title: state.workbook.title, report: state.report };
        const data = await toolkit.write(format, workbook, sessionReport(state, templates), { generated: new Date(clock.now()), ...opts }, toolkit.renderers);
        const stem = workbookStem(state.workbook.name ?? state.workbook.title);
        return { name: `${stem}.${format}`, data, mimeType: PACK_MIME[format] };
      } catch (error) {
        get().notify(`Could not export the report as ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      } finally {
        set({ packExport: null });
      }
    },

    addReportItem(item) {
      const id = newId('item');
      set((s) => ({ report: { ...s.report, items: [...s.report.items, { ...item, id }] } }));
      get().notify('Added to the report');
    },

    updateReportItem(id, patch) {
      set((s) => ({ report: { ...s.report, items: s.report.items.map((i) => (i.id === id ? ({ ...i, ...patch } as ReportItem) : i)) } }));
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
    },

    removeReportItem(id) {
      set((s) => ({ report: { ...s.report, items: s.report.items.filter((i) => i.id !== id) } }));
    },
  };
}
