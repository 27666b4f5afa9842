import { DATA_FILE_ACCEPT } from '../../src-shared/import/file-formats';
import { SAMPLE_DATA_PATH } from '../../src-shared/sample-data';
import { fetchSampleFile, fileFromBlob, type PickedFile, type PlatformCommand, type RecoveryCopy, type SaveRequest, type WorkbenchPlatform } from './types';

/** Recovery copies in browser mode live in this page's local storage (on this machine only). */
const RECOVERY_PREFIX = 'workbench-recovery:';

const DATA_ACCEPT = DATA_FILE_ACCEPT;

/**
 * The platform in plain Chromium (browser mode and the e2e tests): a hidden
 * file input to pick files, an <a download> to save them. Nothing is uploaded.
 */
export function createBrowserPlatform(): WorkbenchPlatform {
  const listeners = new Set<(command: PlatformCommand) => void>();
  const platform: WorkbenchPlatform = {
    kind: 'browser',
    pickFiles({ multiple, purpose }) {
      return new Promise<PickedFile[]>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.multiple = multiple;
        input.accept = purpose === 'workbook' ? '.json' : DATA_ACCEPT;
        input.style.display = 'none';
        input.dataset.testid = 'file-input';
        input.addEventListener('change', () => {
          resolve(Array.from(input.files ?? [], fileFromBlob));
          input.remove();
        });
        input.addEventListener('cancel', () => {
          resolve([]);
          input.remove();
        });
        document.body.appendChild(input);
        input.click();
      });
    },
    async saveFile({ suggestedName, data, mimeType }: SaveRequest) {
      const blob = new Blob([data as BlobPart], { type: mimeType });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = suggestedName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    },
    async openWorkbook() {
      const [file] = await platform.pickFiles({ multiple: false, purpose: 'workbook' });
      if (!file) return null;
      const text = new TextDecoder().decode(await file.read(0, file.size));
      // In the browser files have no paths: nothing is read by path, the app asks the user to locate the sources.
      return { name: file.name, path: null, text, files: {}, outside: [] };
    },
    async allowWorkbookReads() {
      return {};
    },
    async saveWorkbook({ suggestedName, text }) {
      const name = /\.json$/i.test(suggestedName) ? suggestedName : `${suggestedName}.workbook.json`;
      await platform.saveFile({ suggestedName: name, data: text, mimeType: 'application/json', extensions: ['json'] });
      return { name, path: null };
    },
    async writeRecovery(key, workbookPath, text) {
      const body: RecoveryCopy = { key, workbookPath, savedAt: new Date().toISOString(), text, stale: false };
      localStorage.setItem(`${RECOVERY_PREFIX}${key}`, JSON.stringify(body));
    },
    async listRecoveries() {
      const out: RecoveryCopy[] = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (!k?.startsWith(RECOVERY_PREFIX)) continue;
        try {
          out.push(JSON.parse(localStorage.getItem(k) ?? '') as RecoveryCopy);
        } catch {
          localStorage.removeItem(k);
        }
      }
      return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
    async deleteRecovery(key) {
      localStorage.removeItem(`${RECOVERY_PREFIX}${key}`);
    },
    async copyText(text: string) {
      await navigator.clipboard.writeText(text);
    },
    async copyImage(png: Uint8Array) {
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([png as BlobPart], { type: 'image/png' }) })]);
    },
    sampleFile: (name) => fetchSampleFile(SAMPLE_DATA_PATH, name),
    onCommand(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return platform;
}
