import type { OpenedFile, OpenedWorkbook } from '../../src-shared/ipc/channels';
import { MAX_READ_CHUNK, type PreloadApi } from '../../src-shared/ipc/preload-api';
import { SAMPLE_DATA_PATH } from '../../src-shared/sample-data';
import { fetchSampleFile, type PickedFile, type PlatformCommand, type WorkbenchPlatform, type WorkbookHandle } from './types';

const CHUNK = Math.min(MAX_READ_CHUNK, 8 * 1024 * 1024);

/**
 * A file granted by main, read through the preload API in chunks. For DuckDB
 * the chunks are gathered into a Blob, which Chromium keeps outside the
 * JavaScript heap (spilling large blobs to disk).
 */
function grantedFile(api: PreloadApi, opened: OpenedFile): PickedFile {
  const read = (start: number, end: number) => api.readFile({ token: opened.token, offset: start, length: Math.max(1, Math.min(CHUNK, end - start)) });
  let blob: Promise<Blob> | null = null;
  return {
    name: opened.name,
    size: opened.size,
    lastModified: opened.lastModified,
    path: opened.path,
    async read(start: number, end: number) {
      if (end - start <= CHUNK) return end > start ? read(start, end) : new Uint8Array();
      const parts: Uint8Array[] = [];
      for (let s = start; s < end; s += CHUNK) parts.push(await read(s, Math.min(end, s + CHUNK)));
      const out = new Uint8Array(end - start);
      let offset = 0;
      for (const p of parts) {
        out.set(p, offset);
        offset += p.length;
      }
      return out;
    },
    async toBlob(): Promise<Blob> {
      blob ??= (async () => {
        const parts: BlobPart[] = [];
        for (let s = 0; s < opened.size; s += CHUNK) parts.push((await read(s, Math.min(opened.size, s + CHUNK))) as BlobPart);
        return new Blob(parts);
      })();
      return blob;
    },
  };
}

function workbookHandle(api: PreloadApi, opened: OpenedWorkbook): WorkbookHandle {
  const files: Record<string, PickedFile> = {};
  for (const [abs, file] of Object.entries(opened.files)) files[abs] = grantedFile(api, file);
  return { name: opened.name, path: opened.path, token: opened.token, text: opened.text, files, outside: opened.outside };
}

export function createElectronPlatform(api: PreloadApi): WorkbenchPlatform {
  return {
    async openWorkbook() {
      const opened = await api.openWorkbookDialog();
      return opened ? workbookHandle(api, opened) : null;
    },
    async allowWorkbookReads(token, paths) {
      const granted = await api.allowWorkbookReads({ token, paths });
      return Object.fromEntries(Object.entries(granted).map(([abs, file]) => [abs, grantedFile(api, file)]));
    },
    async saveWorkbook(request) {
      const saved = await api.saveWorkbook(request);
      return saved ? { name: saved.name, path: saved.path, token: saved.token } : null;
    },
    async writeRecovery(key, workbookPath, text) {
      await api.writeRecovery({ key, workbookPath, text });
    },
    listRecoveries: () => api.listRecoveries(),
    async deleteRecovery(key, workbookPath) {
      await api.deleteRecovery({ key, workbookPath });
    },
    kind: 'electron',
    engineApi: {
      connectEngine: () => api.connectEngine(),
      onEngineEvent: (listener) => api.onEngineEvent(listener),
    },
    async pickFiles({ multiple, purpose }) {
      const opened = await api.openDialog({ multiple, purpose });
      return opened.map((o) => grantedFile(api, o));
    },
    async saveFile({ suggestedName, data, extensions }) {
      const result = await api.saveFile({
        suggestedName,
        data: data as string | Uint8Array<ArrayBuffer>,
        filters: [{ name: extensions.join(', ').toUpperCase(), extensions }],
      });
      return result.saved;
    },
    async copyText(text) {
      await api.writeClipboard({ text });
    },
    async copyImage(png) {
      await api.writeClipboard({ png: png as Uint8Array<ArrayBuffer> });
    },
    sampleFile: (name) => fetchSampleFile(SAMPLE_DATA_PATH, name),
    onCommand(listener: (command: PlatformCommand) => void) {
      return api.onMenuCommand((command) => {
        if (command.command === 'open-recent') listener({ command: 'open-file', file: grantedFile(api, command.file) });
        else if (command.command === 'open-recent-workbook') {
          void api.openWorkbookPath({ path: command.path }).then((opened) => listener({ command: 'open-workbook', workbook: workbookHandle(api, opened) }));
        } else listener(command);
      });
    },
  };
}
