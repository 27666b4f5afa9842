import type { FileSource } from '../../src-shared/engine/engine';
import type { AppInfo, RecentFile } from '../../src-shared/ipc/channels';

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

export type PlatformCommand = { command: 'open' } | { command: 'open-file'; file: PickedFile } | { command: 'about' };

/**
 * What the renderer needs from its host, implemented once for Electron (over
 * the preload API) and once for plain Chromium (file inputs and downloads).
 */
export interface WorkbenchPlatform {
  readonly kind: 'electron' | 'browser';
  pickFiles(opts: { multiple: boolean; purpose: 'data' | 'workbook' }): Promise<PickedFile[]>;
  saveFile(request: SaveRequest): Promise<boolean>;
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
