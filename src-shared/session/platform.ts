import type { FileSource } from '../engine/engine';
import type { OutsideRead } from '../workbook/read-policy';

/**
 * What the session needs from its host (the app in Electron or a browser, the
 * CLI, or a test): workbook files, recovery copies, and the app's own sample
 * files. The renderer's platform adapters implement it (with UI-only extras
 * such as file pickers and the clipboard); the CLI and tests have their own.
 */

/** A workbook file the person opened: its text, and the source files the app may read. */
export interface WorkbookHandle {
  name: string;
  /** Absolute path on disk (Electron, CLI); null in the browser, where files have no paths. */
  path: string | null;
  /** Lets the app save back to the same file without asking. */
  token?: string;
  text: string;
  /** Source (and snapshot) files the app may read, by absolute path. */
  files: Record<string, FileSource>;
  /** Files the workbook names outside its own folder: read only if the person agrees. */
  outside: OutsideRead[];
}

export interface SavedWorkbook {
  name: string;
  path: string | null;
  token?: string;
}

export interface RecoveryCopy {
  key: string;
  workbookPath: string | null;
  savedAt: string;
  text: string;
  stale: boolean;
}

export interface SessionPlatform {
  /** Ask the person for a workbook file; null when they cancel. */
  openWorkbook(): Promise<WorkbookHandle | null>;
  /** The person agreed to read these files the workbook (by its token) named outside its folder: those that exist, by absolute path. */
  allowWorkbookReads(token: string, paths: string[]): Promise<Record<string, FileSource>>;
  saveWorkbook(request: { token?: string; saveAs: boolean; suggestedName: string; text: string }): Promise<SavedWorkbook | null>;
  writeRecovery(key: string, workbookPath: string | null, text: string): Promise<void>;
  listRecoveries(): Promise<RecoveryCopy[]>;
  deleteRecovery(key: string, workbookPath: string | null): Promise<void>;
  /** The app's own read-only copy of a sample file (`activity.csv`, the sample workbook), or null when it has none. */
  sampleFile(name: string): Promise<FileSource | null>;
}

/** Time, injected so tests and the CLI control it. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
