import { contextBridge, ipcRenderer } from 'electron';
import type { EngineEvent, MenuCommand } from '../src-shared/ipc/channels';
import {
  ENGINE_EVENT_CHANNEL,
  ENGINE_PORT_CHANNEL,
  ENGINE_PORT_MESSAGE,
  MENU_COMMAND_CHANNEL,
  PRELOAD_GLOBAL,
  type PreloadApi,
} from '../src-shared/ipc/preload-api';

/**
 * The whole surface the renderer gets from Electron: one named function per
 * typed channel. No ipcRenderer, no Node APIs. Main validates every request.
 */
const api: PreloadApi = {
  openDialog: (request) => ipcRenderer.invoke('file/open-dialog', request),
  readFile: (request) => ipcRenderer.invoke('file/read', request),
  saveFile: (request) => ipcRenderer.invoke('file/save', request),
  writeClipboard: (request) => ipcRenderer.invoke('clipboard/write', request),
  openWorkbookDialog: () => ipcRenderer.invoke('workbook/open-dialog', {}),
  openWorkbookPath: (request) => ipcRenderer.invoke('workbook/open-path', request),
  allowWorkbookReads: (request) => ipcRenderer.invoke('workbook/allow-reads', request),
  saveWorkbook: (request) => ipcRenderer.invoke('workbook/save', request),
  writeRecovery: (request) => ipcRenderer.invoke('workbook/recovery-write', request),
  listRecoveries: () => ipcRenderer.invoke('workbook/recovery-list', {}),
  deleteRecovery: (request) => ipcRenderer.invoke('workbook/recovery-delete', request),
  onMenuCommand: (listener) => {
    const handler = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(MENU_COMMAND_CHANNEL, handler);
    return () => ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, handler);
  },
  connectEngine: () => ipcRenderer.invoke('engine/connect', {}),
  onEngineEvent: (listener) => {
    const handler = (_event: unknown, event: EngineEvent) => listener(event);
    ipcRenderer.on(ENGINE_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(ENGINE_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);

// A MessagePort cannot cross the context bridge; the page gets it as a message to itself (Electron's documented way).
ipcRenderer.on(ENGINE_PORT_CHANNEL, (event) => {
  window.postMessage({ [ENGINE_PORT_MESSAGE]: true }, window.location.origin === 'null' ? '*' : window.location.origin, event.ports);
});
