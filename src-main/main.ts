import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { dataFileDialogFilters } from '../src-shared/import/file-formats';
import type { MenuCommand } from '../src-shared/ipc/channels';
import { ENGINE_EVENT_CHANNEL, MENU_COMMAND_CHANNEL } from '../src-shared/ipc/preload-api';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, handleAppRequest } from './app-protocol';
import { atomicWriteFile } from './atomic-write';
import { FileGrants } from './file-grants';
import { EngineService, engineMemoryLimit } from './engine/engine-service';
import { connectWindowToEngine, spawnUtilityEngine, type UtilityEngineHandle } from './engine/utility-engine';
import { enginePreference, readSettings, writeSettings } from './settings';
import type { EngineKind } from '../src-shared/engine/engine';
import { workbenchMounts } from './mounted-path';
import { registerIpcHandlers, type Handlers } from './ipc-router';
import { collectLicences } from './licences';
import { buildMenuTemplate } from './menu';
import { RecentFiles } from './recent-files';
import { guardWebContents, installSessionGuards } from './request-guard';
import { recoveryFolder } from './workbook/recovery';
import { workbookHandlers, WriteGrants } from './workbook-handlers';
import { mainWindowOptions } from './window-options';

/**
 * The Electron shell. Everything with logic lives in the modules imported
 * above (tested in node); this file only wires them to Electron.
 */

const APP_NAME = 'Commissioning Workbench';
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
const rendererRoot = path.join(__dirname, '../renderer');
// Sample extracts ship beside the app (extraResources when packaged) and are served read-only.
const sampleDataRoot = app.isPackaged ? path.join(process.resourcesPath, 'sample-data') : path.join(app.getAppPath(), 'sample-data');

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.setName(APP_NAME);

let engine: EngineService<UtilityEngineHandle> | null = null;
let engineKind: EngineKind = 'native';
// Every file the user grants is also granted to the engine process, which reads it in place by path.
const grants = new FileGrants((absolute) => engine?.grant(absolute));
const writeGrants = new WriteGrants();
let recent: RecentFiles;
let mainWindow: BrowserWindow | null = null;

function send(command: MenuCommand): void {
  mainWindow?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

async function refreshMenu(): Promise<void> {
  const template = buildMenuTemplate(
    {
      open: () => send({ command: 'open' }),
      exportReport: (format) => send({ command: 'export-report', format }),
      openRecent: (filePath) => {
        if (filePath.toLowerCase().endsWith('.workbook.json')) {
          send({ command: 'open-recent-workbook', path: filePath });
          return;
        }
        void grants.grant(filePath).then(
          (file) => send({ command: 'open-recent', file }),
          () => void dialog.showMessageBox({ type: 'warning', message: `${filePath} can no longer be found.` }),
        );
      },
      clearRecent: () => void recent.clear().then(refreshMenu),
      about: () => void showAbout(),
      quit: () => app.quit(),
    },
    await recent.list(),
    process.platform,
    APP_NAME,
    { current: engineKind, choose: (kind) => void chooseEngine(kind) },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function settingsFile(): string {
  return path.join(app.getPath('userData'), 'settings.json');
}

/** View › Engine: saved, and applied by restarting the app when the person agrees. */
async function chooseEngine(kind: EngineKind): Promise<void> {
  await writeSettings(settingsFile(), { ...(await readSettings(settingsFile())), engine: kind });
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Restart now', 'Later'],
    defaultId: 0,
    cancelId: 1,
    message: `The app will use ${kind === 'native' ? 'native DuckDB' : 'DuckDB-Wasm'} from its next start.`,
    detail: 'Your workbook is kept: a recovery copy is saved as you work.',
  });
  if (response === 0) {
    app.relaunch();
    app.quit();
  }
}

/** The engine: native DuckDB in a supervised utility process, or DuckDB-Wasm in the window (setting, or fallback). */
function startEngine(kind: EngineKind): EngineService<UtilityEngineHandle> {
  const service = new EngineService<UtilityEngineHandle>({
    preference: kind,
    spawn: () =>
      spawnUtilityEngine(path.join(__dirname, 'engine-process.js'), {
        WORKBENCH_ENGINE_DIR: path.join(app.getPath('userData'), 'engine'),
        WORKBENCH_ENGINE_SESSION: `engine-${process.pid}-app`,
        // Half the machine's memory for DuckDB; beyond that it spills to its private folder, so the window and the OS keep the rest.
        WORKBENCH_ENGINE_MEMORY: engineMemoryLimit(os.totalmem()),
      }),
    connectWindow: (handle, hello) => connectWindowToEngine(handle, mainWindow?.webContents, hello),
    notifyWindow: (event) => mainWindow?.webContents.send(ENGINE_EVENT_CHANNEL, event),
  });
  service.start();
  return service;
}

async function showAbout(): Promise<void> {
  const { app: own, libraries } = await collectLicences(app.getAppPath());
  await dialog.showMessageBox({
    type: 'info',
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail: [
      'Everything runs on this computer: no data is sent anywhere.',
      `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}.`,
      `${own.name} is ${own.license} licensed. It includes:`,
      ...libraries.map((l) => `  ${l.name} ${l.version} (${l.license})`),
    ].join('\n'),
  });
}

function createHandlers(): Handlers {
  return {
    'file/open-dialog': async ({ multiple, purpose }) => {
      const filters = purpose === 'workbook' ? [{ name: 'Workbooks', extensions: ['json'] }] : dataFileDialogFilters();
      const result = await dialog.showOpenDialog({ properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'], filters });
      if (result.canceled) return [];
      const opened = await Promise.all(result.filePaths.map((p) => grants.grant(p)));
      for (const f of opened) await recent.add(f.path);
      await refreshMenu();
      return opened;
    },
    'file/read': ({ token, offset, length }) => grants.read(token, offset, length),
    'engine/connect': () => engine!.connect(),
    'file/save': async ({ suggestedName, data, filters }) => {
      const result = await dialog.showSaveDialog({ defaultPath: suggestedName, filters });
      if (result.canceled || !result.filePath) return { saved: false };
      await atomicWriteFile(result.filePath, data);
      return { saved: true, path: result.filePath };
    },
    'clipboard/write': async (request) => {
      if ('text' in request) await clipboard.writeText(request.text);
      else await clipboard.write([new ClipboardItem({ 'image/png': new Blob([new Uint8Array(request.png)], { type: 'image/png' }) })]);
      return { copied: true };
    },
    ...workbookHandlers({
      grants,
      writeGrants,
      recent,
      recoveryDir: recoveryFolder(app.getPath('userData')),
      dialogs: {
        async chooseWorkbookToOpen() {
          const r = await dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: 'Workbooks', extensions: ['json'] }] });
          return r.canceled ? null : (r.filePaths[0] ?? null);
        },
        async chooseWorkbookSavePath(suggestedName) {
          const r = await dialog.showSaveDialog({ defaultPath: suggestedName, filters: [{ name: 'Workbooks', extensions: ['json'] }] });
          return r.canceled || !r.filePath ? null : r.filePath;
        },
      },
      onSaved: () => void refreshMenu(),
    }),
  };
}

async function createWindow(): Promise<void> {
  mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, '../preload/preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // The renderer asks before unloading when the workbook has unsaved changes.
  mainWindow.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(mainWindow!, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      message: 'The workbook has unsaved changes.',
      detail: 'A recovery copy is kept, but unsaved changes to charts and the report are not in the workbook file.',
    });
    if (choice === 0) event.preventDefault();
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

app.on('web-contents-created', (_event, contents) => guardWebContents(contents, devOrigin));

void app.whenReady().then(async () => {
  recent = new RecentFiles(path.join(app.getPath('userData'), 'recent-files.json'));
  engineKind = enginePreference(await readSettings(settingsFile()), process.argv, process.env);
  engine = startEngine(engineKind);
  installSessionGuards(session.defaultSession, devOrigin, (message) => console.warn(message));
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(workbenchMounts(rendererRoot, sampleDataRoot), request.url));
  registerIpcHandlers(ipcMain, createHandlers(), devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]);
  await refreshMenu();
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

// The engine process closes its DuckDB and removes its private folder (spill files, links) on the way out.
app.on('will-quit', () => engine?.stop());

app.on('window-all-closed', () => {
  grants.revokeAll();
  if (process.platform !== 'darwin') app.quit();
});
