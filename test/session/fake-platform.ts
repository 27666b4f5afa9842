import path from 'node:path';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { FileSource } from '../../src-shared/engine/engine';
import type { RecoveryCopy, SavedWorkbook, SessionPlatform, WorkbookHandle } from '../../src-shared/session';

const SAMPLE_DATA = path.resolve(import.meta.dirname, '../../sample-data');

/**
 * A platform for driving the session in node, as the browser platform does in
 * the app: workbooks are "downloaded" into `saved`, recovery copies kept in a
 * map, the next workbook to open and the files to grant are set by the test,
 * and the app's sample files come from sample-data/.
 */
export interface FakePlatform extends SessionPlatform {
  saved: { name: string; text: string; token?: string }[];
  recoveries: Map<string, RecoveryCopy>;
  /** What openWorkbook() returns next. */
  nextWorkbook: WorkbookHandle | null;
  /** Files allowWorkbookReads grants, by absolute path. */
  grantable: Record<string, FileSource>;
  allowed: string[][];
  /** Whether a saved workbook keeps a token (as in Electron) or not (as in the browser). */
  tokens: boolean;
}

export function fakePlatform(opts: { tokens?: boolean } = {}): FakePlatform {
  let saves = 0;
  const platform: FakePlatform = {
    saved: [],
    recoveries: new Map(),
    nextWorkbook: null,
    grantable: {},
    allowed: [],
    tokens: opts.tokens ?? false,
    async openWorkbook() {
      const next = platform.nextWorkbook;
      platform.nextWorkbook = null;
      return next;
    },
    async allowWorkbookReads(_token, paths) {
      platform.allowed.push(paths);
      return Object.fromEntries(paths.flatMap((p) => (platform.grantable[p] ? [[p, platform.grantable[p]]] : [])));
    },
    async saveWorkbook({ suggestedName, text, token, saveAs }): Promise<SavedWorkbook> {
      const name = token && !saveAs ? (platform.saved.find((s) => s.token === token)?.name ?? suggestedName) : suggestedName;
      const saved = { name, text, ...(platform.tokens ? { token: token && !saveAs ? token : `${'0'.repeat(31)}${++saves}`.slice(-32) } : {}) };
      platform.saved.push(saved);
      return { name, path: null, ...(saved.token ? { token: saved.token } : {}) };
    },
    async writeRecovery(key, workbookPath, text) {
      platform.recoveries.set(key, { key, workbookPath, savedAt: new Date().toISOString(), text, stale: false });
    },
    async listRecoveries() {
      return [...platform.recoveries.values()];
    },
    async deleteRecovery(key) {
      platform.recoveries.delete(key);
    },
    async sampleFile(name) {
      try {
        return await nodeFileSource(path.join(SAMPLE_DATA, name));
      } catch {
        return null;
      }
    },
  };
  return platform;
}

/** A browser-style handle for workbook text: no path, no files (the person locates them). */
export function textHandle(name: string, text: string): WorkbookHandle {
  return { name, path: null, text, files: {}, outside: [] };
}
