import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './store';

/** What the main panel shows. */
export type Focus =
  | { kind: 'table'; table: string }
  | { kind: 'chart'; id: string }
  | { kind: 'view'; id: string }
  | { kind: 'report' }
  | null;

export interface UiSlice {
  focus: Focus;
  setFocus(focus: Focus): void;
  /** A short message shown at the bottom of the window (e.g. "Copied"). */
  notice: string | null;
  notify(message: string): void;
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

export const createUiSlice: StateCreator<WorkbenchState, [], [], UiSlice> = (set) => ({
  focus: null,
  setFocus(focus) {
    set({ focus });
  },
  notice: null,
  notify(message) {
    clearTimeout(noticeTimer);
    set({ notice: message });
    noticeTimer = setTimeout(() => set({ notice: null }), 4000);
  },
});
