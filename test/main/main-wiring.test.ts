import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { dataFileDialogFilters } from '../../src-shared/import/file-formats';
import { channels } from '../../src-shared/ipc/channels';

/**
 * The Electron shell with `electron` mocked: starting the app must register
 * the app:// protocol, install the request guard, validate IPC on every
 * channel and open a sandboxed window on app://workbench.
 */
const h = vi.hoisted(() => {
  const calls = {
    privileged: [] as unknown[],
    handled: [] as string[],
    ipc: [] as string[],
    listeners: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
    windows: [] as { options: Record<string, unknown>; url?: string }[],
    windowObjects: [] as { webContents: { send: ReturnType<typeof vi.fn>; postMessage: ReturnType<typeof vi.fn> } }[],
    webRequestFilters: [] as unknown[],
    permissionHandler: false,
    menuSet: false,
    webContentsCreated: null as null | ((e: unknown, contents: unknown) => void),
  };
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => (readyResolve = r));
  class BrowserWindow {
    static getAllWindows() {
      return [];
    }
    webContents = { send: vi.fn(), on: vi.fn(), postMessage: vi.fn(), isDestroyed: () => false };
    constructor(public options: Record<string, unknown>) {
      calls.windows.push({ options });
      calls.windowObjects.push(this);
    }
    once() {}
    on() {}
    show() {}
    async loadURL(url: string) {
      calls.windows[calls.windows.length - 1]!.url = url;
    }
  }
  /** A utility process as main sees it: messages and exit, recorded. */
  class FakeUtility {
    listeners = new Map<string, ((arg: unknown) => void)[]>();
    posted: { message: unknown; ports?: unknown[] }[] = [];
    killed = false;
    constructor(
      public entry: string,
      public options: { env: Record<string, string>; serviceName: string },
    ) {}
    on(event: string, listener: (arg: unknown) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string, arg: unknown) {
      for (const l of this.listeners.get(event) ?? []) l(arg);
    }
    postMessage(message: unknown, ports?: unknown[]) {
      this.posted.push({ message, ...(ports ? { ports } : {}) });
    }
    kill() {
      this.killed = true;
      return true;
    }
  }
  const utilities: FakeUtility[] = [];
  const electron = {
    utilityProcess: {
      fork: vi.fn((entry: string, _args: string[], options: { env: Record<string, string>; serviceName: string }) => {
        const u = new FakeUtility(entry, options);
        utilities.push(u);
        return u;
      }),
    },
    MessageChannelMain: class {
      port1 = { name: 'port1' };
      port2 = { name: 'port2' };
    },
    app: {
      isPackaged: false,
      setName: vi.fn(),
      on: vi.fn((event: string, cb: (e: unknown, contents: unknown) => void) => {
        if (event === 'web-contents-created') calls.webContentsCreated = cb;
      }),
      whenReady: () => ready,
      getPath: () => '/tmp/wb-user-data-test',
      getAppPath: () => process.cwd(),
      getVersion: () => '0.1.0',
      quit: vi.fn(),
    },
    BrowserWindow,
    clipboard: { writeText: vi.fn(), write: vi.fn() },
    ClipboardItem: class {},
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn(), showMessageBoxSync: vi.fn() },
    ipcMain: {
      handle: vi.fn((channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => {
        calls.ipc.push(channel);
        calls.listeners.set(channel, listener);
      }),
    },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn(() => (calls.menuSet = true)) },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((s: unknown[]) => calls.privileged.push(...s)),
      handle: vi.fn((scheme: string) => calls.handled.push(scheme)),
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: vi.fn((filter: unknown) => calls.webRequestFilters.push(filter)) },
        setPermissionRequestHandler: vi.fn(() => (calls.permissionHandler = true)),
        setPermissionCheckHandler: vi.fn(),
      },
    },
  };
  return { calls, electron, utilities, ready: () => readyResolve() };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));

const fromApp = { senderFrame: { url: 'app://workbench/index.html' } };

describe('the Electron main process (electron mocked)', () => {
  beforeAll(async () => {
    delete process.env.ELECTRON_RENDERER_URL;
    await import('../../src-main/main');
    h.ready();
    await vi.waitFor(() => expect(h.calls.windows[0]?.url).toBeDefined(), { timeout: 5000 });
  });

  it('registers app:// as a privileged scheme and serves the renderer from it', () => {
    expect(h.calls.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(h.calls.handled).toEqual(['app']);
    expect(h.calls.windows[0]!.url).toBe('app://workbench/index.html');
  });

  it('opens a sandboxed, context-isolated window with the CommonJS preload', () => {
    const prefs = h.calls.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[\\/]preload\.cjs$/);
  });

  it('guards every request and permission, and every web contents', () => {
    expect(h.calls.webRequestFilters).toEqual([{ urls: ['<all_urls>'] }]);
    expect(h.calls.permissionHandler).toBe(true);
    expect(h.calls.webContentsCreated).toBeTypeOf('function');
  });

  it('handles every typed channel and sets the application menu', () => {
    expect(h.calls.ipc.sort()).toEqual(Object.keys(channels).sort());
    expect(h.calls.menuSet).toBe(true);
  });

  it('offers every registered data file (.xlsm and .jsonl too) in the open dialog', async () => {
    const showOpenDialog = vi.mocked(h.electron.dialog.showOpenDialog);
    showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    const open = h.calls.listeners.get('file/open-dialog')!;
    expect(await open({ senderFrame: { url: 'app://workbench/index.html' } }, { multiple: true, purpose: 'data' })).toEqual([]);
    const filters = (showOpenDialog.mock.calls.at(-1)![0] as unknown as { filters: { name: string; extensions: string[] }[] }).filters;
    expect(filters).toEqual(dataFileDialogFilters());
    expect(filters[0]!.extensions).toEqual(expect.arrayContaining(['csv', 'xlsx', 'xlsm', 'ndjson', 'jsonl', 'gz']));
  });

  it('runs native DuckDB in a utility process (never in main or the window), and connects the window to it by port', async () => {
    const child = h.utilities[0]!;
    expect(child.entry).toMatch(/engine-process\.js$/);
    expect(child.options.env.WORKBENCH_ENGINE_DIR).toBe(path.join('/tmp/wb-user-data-test', 'engine'));
    expect(child.options.env.WORKBENCH_ENGINE_SESSION).toBe(`engine-${process.pid}-app`);
    expect(child.options.env.WORKBENCH_ENGINE_MEMORY).toBe(`${Math.floor(os.totalmem() / 2 / 2 ** 20)}MB`);
    const connect = h.calls.listeners.get('engine/connect')!;
    const answer = connect(fromApp, {});
    child.emit('message', { type: 'ready', hello: { kind: 'native', version: 'v1.4.3', threads: 2 } });
    expect(await answer).toEqual({ mode: 'native', version: 'v1.4.3', threads: 2 });
    expect(child.posted.at(-1)).toEqual({ message: { type: 'connect' }, ports: [{ name: 'port1' }] });
    const window = h.calls.windowObjects[0]!;
    expect(window.webContents.postMessage).toHaveBeenCalledWith('engine/port', { kind: 'native', version: 'v1.4.3', threads: 2 }, [{ name: 'port2' }]);
  });

  it('grants the engine process every file the user opens, and only those', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-main-grant-'));
    const file = path.join(dir, 'ae.csv');
    writeFileSync(file, 'a\n1\n');
    vi.mocked(h.electron.dialog.showOpenDialog).mockResolvedValue({ canceled: false, filePaths: [file] });
    await h.calls.listeners.get('file/open-dialog')!(fromApp, { multiple: false, purpose: 'data' });
    const grantsSent = h.utilities[0]!.posted.filter((p) => (p.message as { type?: string }).type === 'grant').map((p) => p.message);
    expect(grantsSent).toEqual([{ type: 'grant', path: file }]);
  });

  it('when the engine process dies: tells the window, starts a new one with the grants, and hands the window a new port', async () => {
    const first = h.utilities[0]!;
    const window = h.calls.windowObjects[0]!;
    first.emit('exit', 9);
    expect(window.webContents.send).toHaveBeenCalledWith('engine/event', { type: 'stopped', reason: 'the engine process exited with code 9' });
    const second = h.utilities[1]!;
    expect(second).toBeDefined();
    expect(second.posted.map((p) => p.message)).toEqual([{ type: 'grant', path: expect.stringMatching(/ae\.csv$/) }]);
    second.emit('message', { type: 'ready', hello: { kind: 'native', version: 'v1.4.3', threads: 2 } });
    expect(second.posted.at(-1)).toEqual({ message: { type: 'connect' }, ports: [{ name: 'port1' }] });
    expect(window.webContents.postMessage).toHaveBeenCalledTimes(2);
  });
});
