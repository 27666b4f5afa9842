import type { FileSource } from '../../src-shared/engine/engine';
import type { AppInfo, RecentFile } from '../../src-shared/ipc/channels';
import type { OutsideRead } from '../../src-shared/workbook/read-policy';

/** A file the user picked, readable by the importer. As a Blob, DuckDB reads it lazily in its worker. */
export interface PickedFile extends FileSource {
  toBlob?(): Promise<Blob>;
}

export interface SaveRequest {
  suggestedName: string;
  data: Uint8Array | string;
  mimeType: string;
  /** Extensions without dots, e.g. ['png']. */
  extensions: string[];
}

export type PlatformCommand =
  | { command: 'open' }
  | { command: 'open-file'; file: PickedFile }
  | { command: 'open-workbook'; workbook: WorkbookHandle }
  | { command: 'about' };

/** A workbook file the user opened: its text, and the source files the app may read. */
export interface WorkbookHandle {
  name: string;
  /** Absolute path on disk (Electron); null in the browser, where files have no paths. */
  path: string | null;
  /** Lets the app save back to the same file without asking. */
  token?: string;
  text: string;
  /** Source (and snapshot) files the app may read, by absolute path. */
  files: Record<string, PickedFile>;
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

/**
 * What the renderer needs from its host, implemented once for Electron (over
 * the preload API) and once for plain Chromium (file inputs and downloads).
 */
export interface WorkbenchPlatform {
  readonly kind: 'electron' | 'browser';
  pickFiles(opts: { multiple: boolean; purpose: 'data' | 'workbook' }): Promise<PickedFile[]>;
  saveFile(request: SaveRequest): Promise<boolean>;
  openWorkbook(): Promise<WorkbookHandle | null>;
  /** The person agreed to read these files the workbook (by its token) named outside its folder: those that exist, by absolute path. */
  allowWorkbookReads(token: string, paths: string[]): Promise<Record<string, PickedFile>>;
  saveWorkbook(request: { token?: string; saveAs: boolean; suggestedName: string; text: string }): Promise<SavedWorkbook | null>;
  writeRecovery(key: string, workbookPath: string | null, text: string): Promise<void>;
  listRecoveries(): Promise<RecoveryCopy[]>;
  deleteRecovery(key: string, workbookPath: string | null): Promise<void>;
  copyText(text: string): Promise<void>;
  copyImage(png: Uint8Array): Promise<void>;
  recentFiles(): Promise<RecentFile[]>;
  appInfo(): Promise<AppInfo>;
  onCommand(listener: (command: PlatformCommand) => void): () => void;
}

/** Files dropped on the window arrive as browser Files on both platforms. */
export function fileFromBlob(file: File): PickedFile {
  return {
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    toBlob: async () => file,
    async read(start: number, end: number) {
      return new Uint8Array(await file.slice(start, end).arrayBuffer());
    },
  };
}
