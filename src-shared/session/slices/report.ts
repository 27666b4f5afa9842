import type { Workbook } from '../../workbook/workbook-schema';
import type { SessionContext } from '../context';

export type ReportItem = Workbook['report']['items'][number];
/** A report item before it has an id (distributes Omit over the kinds). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewReportItem = DistributiveOmit<ReportItem, 'id'>;

export interface ReportSlice {
  report: { columns: number; items: ReportItem[] };
  addReportItem(item: NewReportItem): void;
  updateReportItem(id: string, patch: Partial<ReportItem>): void;
  moveReportItem(id: string, by: -1 | 1): void;
  removeReportItem(id: string): void;
}

export function reportSlice({ set, get, newId }: SessionContext): ReportSlice {
  return {
    report: { columns: 2, items: [] },

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
