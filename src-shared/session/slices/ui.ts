import type { SessionContext } from '../context';

/** What the main panel shows. */
export type Focus =
  { kind: 'table'; table: string } | { kind: 'chart'; id: string } | { kind: 'view'; id: string } | { kind: 'report' } | { kind: 'sql' } | null;

export interface UiSlice {
  focus: Focus;
  setFocus(focus: Focus): void;
  /** A short message shown at the bottom of the window (e.g. "Copied"), cleared after a few seconds. */
  notice: string | null;
  notify(message: string): void;
}

const NOTICE_MS = 4000;

export function uiSlice({ set, clock }: SessionContext): UiSlice {
  let noticeTimer: unknown;
  return {
    focus: null,
    setFocus(focus) {
      set({ focus });
    },
    notice: null,
    notify(message) {
      if (noticeTimer !== undefined) clock.clearTimeout(noticeTimer);
      set({ notice: message });
      noticeTimer = clock.setTimeout(() => set({ notice: null }), NOTICE_MS);
    },
  };
}
