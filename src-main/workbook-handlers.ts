import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ChannelRequest, ChannelResponse, OpenedWorkbook } from '../src-shared/ipc/channels';
import { parseWorkbook } from '../src-shared/workbook/parse-workbook';
import type { OutsideRead } from '../src-shared/workbook/read-policy';
import { serializeWorkbook } from '../src-shared/workbook/serialize-workbook';
import { WORKBOOK_EXTENSION } from '../src-shared/workbook/workbook-schema';
import type { FileGrants } from './file-grants';
import type { RecentFiles } from './recent-files';
import { readWorkbookFile, saveWorkbookFile } from './workbook/workbook-files';
import { decideWorkbookReads } from './workbook/workbook-reads';
import { deleteRecovery, listRecoveries, writeRecovery, type RecoveryTarget } from './workbook/recovery';

/** Files the user chose to save a workbook to, by token: the renderer can write only there. */
export class WriteGrants {
  private readonly paths = new Map<string, string>();

  grant(filePath: string): string {
    const token = randomBytes(16).toString('hex');
    this.paths.set(token, path.resolve(filePath));
    return token;
  }

  pathFor(token: string): string {
    const p = this.paths.get(token);
    if (!p) throw new Error('That workbook file has not been opened or chosen in this session');
    return p;
  }
}

export interface WorkbookDialogs {
  chooseWorkbookToOpen(): Promise<string | null>;
  chooseWorkbookSavePath(suggestedName: string): Promise<string | null>;
}

type Handler<C extends keyof HandlerMap> = (request: ChannelRequest<C>) => Promise<ChannelResponse<C>>;
interface HandlerMap {
  'workbook/open-dialog': unknown;
  'workbook/open-path': unknown;
  'workbook/allow-reads': unknown;
  'workbook/save': unknown;
  'workbook/recovery-write': unknown;
  'workbook/recovery-list': unknown;
  'workbook/recovery-delete': unknown;
}

function recoveryTarget(key: string, workbookPath: string | null): RecoveryTarget {
  return workbookPath ? { workbookPath } : { untitledId: key };
}

/**
 * The workbook channels: open (main reads and checks the file, then grants
 * the renderer the source files inside the workbook's folder that exist, and
 * lists the others for the person to allow or not), allow-reads, save (which
 * never grants a read) (atomic, to the
 * file it came from or one the user chose), and recovery copies for crashes.
 */
export function workbookHandlers(deps: {
  grants: FileGrants;
  writeGrants: WriteGrants;
  recent: RecentFiles;
  recoveryDir: string;
  dialogs: WorkbookDialogs;
  onSaved?: () => void;
}): { [C in keyof HandlerMap]: Handler<C> } {
  const { grants, writeGrants, recent, recoveryDir, dialogs } = deps;
  const knownWorkbooks = new Set<string>();

  /** Files each opened workbook (by write token) named outside its folder: the only paths allow-reads may grant. */
  const awaitingConsent = new Map<string, Map<string, OutsideRead>>();

  async function grantExisting(paths: readonly string[]): Promise<OpenedWorkbook['files']> {
    const files: OpenedWorkbook['files'] = {};
    for (const abs of paths) {
      try {
        files[abs] = await grants.grant(abs);
      } catch {
        // Missing: the renderer reports it and offers to locate the file.
      }
    }
    return files;
  }

  /**
   * Read and check the workbook here (the renderer gets it in the current
   * format), then grant only the files inside its folder tree that exist.
   * Files it names anywhere else are listed, not looked at: the renderer asks
   * the person, and allow-reads grants them only if they agree.
   */
  async function open(file: string): Promise<OpenedWorkbook> {
    const absolute = path.resolve(file);
    const { workbook } = await readWorkbookFile(absolute);
    const text = serializeWorkbook(workbook);
    const { allowed, refused } = await decideWorkbookReads(workbook, absolute);
    const files = await grantExisting([...new Set(allowed.map((r) => r.absolute))]);
    await recent.add(absolute);
    knownWorkbooks.add(absolute);
    const token = writeGrants.grant(absolute);
    if (refused.length > 0) awaitingConsent.set(token, new Map(refused.map((r) => [r.absolute, r])));
    return { path: absolute, name: path.basename(absolute), token, text, files, outside: refused };
  }

  return {
    'workbook/open-dialog': async () => {
      const chosen = await dialogs.chooseWorkbookToOpen();
      return chosen ? open(chosen) : null;
    },
    'workbook/open-path': async ({ path: file }) => {
      const absolute = path.resolve(file);
      if (!knownWorkbooks.has(absolute) && !(await recent.includes(absolute))) throw new Error('That workbook is not in the recent files list');
      return open(absolute);
    },
    'workbook/allow-reads': async ({ token, paths }) => {
      const listed = awaitingConsent.get(token);
      const unknown = paths.filter((p) => !listed?.has(p));
      if (unknown.length > 0) throw new Error(`The workbook did not ask to read ${unknown[0]}; only files it listed can be allowed`);
      for (const p of paths) listed!.delete(p);
      return grantExisting(paths);
    },
    'workbook/save': async ({ token, saveAs, suggestedName, text }) => {
      let target: string;
      let relativeTo: string | undefined;
      if (token && !saveAs) target = writeGrants.pathFor(token);
      else {
        const name = suggestedName.endsWith(WORKBOOK_EXTENSION) ? suggestedName : `${suggestedName.replace(/\.json$/i, '')}${WORKBOOK_EXTENSION}`;
        const chosen = await dialogs.chooseWorkbookSavePath(name);
        if (!chosen) return null;
        // Save dialogs on some platforms return the name as typed, without the extension.
        target = path.resolve(/\.json$/i.test(chosen) ? chosen : `${chosen}${WORKBOOK_EXTENSION}`);
        if (token) relativeTo = writeGrants.pathFor(token);
      }
      const workbook = parseWorkbook(text, path.basename(target));
      await saveWorkbookFile(target, workbook, relativeTo ? { relativeTo } : {});
      await recent.add(target);
      knownWorkbooks.add(target);
      deps.onSaved?.();
      return { token: token && !saveAs ? token : writeGrants.grant(target), path: target, name: path.basename(target) };
    },
    'workbook/recovery-write': async ({ key, workbookPath, text }) => {
      await writeRecovery(recoveryDir, recoveryTarget(key, workbookPath), parseWorkbook(text, 'recovery'));
      return { written: true };
    },
    'workbook/recovery-list': async () => {
      const listed = await listRecoveries(recoveryDir);
      const out: ChannelResponse<'workbook/recovery-list'> = [];
      for (const r of listed) {
        if (!('workbook' in r)) continue;
        if (r.workbookPath) knownWorkbooks.add(r.workbookPath);
        const key = path
          .basename(r.file)
          .replace(/\.recovery\.json$/, '')
          .replace(/^untitled-/, '');
        out.push({ key, workbookPath: r.workbookPath, savedAt: r.savedAt, text: JSON.stringify(r.workbook), stale: r.stale });
      }
      return out;
    },
    'workbook/recovery-delete': async ({ key, workbookPath }) => {
      await deleteRecovery(recoveryDir, recoveryTarget(key, workbookPath));
      return { deleted: true };
    },
  };
}
