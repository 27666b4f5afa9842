import type { FileSource } from '../../src-shared/engine/engine';
import type { PreloadApi } from '../../src-shared/ipc/preload-api';
import type { SessionPlatform, WorkbookHandle } from '../../src-shared/session';
import type { PackFormat } from '../../src-shared/export/board-pack/export-pack';

export type { RecoveryCopy, SavedWorkbook, WorkbookHandle } from '../../src-shared/session';

/** A file the person picked, readable by the importer. As a Blob, DuckDB reads it lazily in its worker. */
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
  | { command: 'export-report'; format: PackFormat };

/**
 * What the renderer needs from its host, implemented once for Electron (over
 * the preload API) and once for plain Chromium (file inputs and downloads):
 * the session's platform, plus what only a window has — pickers, downloads,
 * the clipboard and menu commands.
 */
export interface WorkbenchPlatform extends SessionPlatform {
  readonly kind: 'electron' | 'browser';
  pickFiles(opts: { multiple: boolean; purpose: 'data' | 'workbook' }): Promise<PickedFile[]>;
  saveFile(request: SaveRequest): Promise<boolean>;
  copyText(text: string): Promise<void>;
  copyImage(png: Uint8Array): Promise<void>;
  onCommand(listener: (command: PlatformCommand) => void): () => void;
  /** The desktop app's engine process (native DuckDB); absent in the browser. */
  readonly engineApi?: Pick<PreloadApi, 'connectEngine' | 'onEngineEvent'>;
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

/** The app's own read-only copy of a sample file, fetched from where the app serves it; null when it has none. */
export async function fetchSampleFile(samplePath: string, name: string): Promise<PickedFile | null> {
  const response = await fetch(`${samplePath}/${name.split('/').map(encodeURIComponent).join('/')}`);
  if (!response.ok) return null;
  return fileFromBlob(new File([await response.blob()], name.replace(/^.*\//, '')));
}
