import type { ChannelRequest, ChannelResponse, EngineEvent, MenuCommand, OpenedFile, OpenedWorkbook } from './channels';

/**
 * Constants and the API type shared by the preload script and the renderer.
 * Deliberately free of runtime imports: a sandboxed preload can require only
 * `electron`, so nothing here may pull in a library.
 */
export const MAX_READ_CHUNK = 16 * 1024 * 1024;
export const MENU_COMMAND_CHANNEL = 'menu/command';
export const PRELOAD_GLOBAL = 'workbench';
/** Main → preload: a MessagePort to the engine process (with the engine's version and threads). */
export const ENGINE_PORT_CHANNEL = 'engine/port';
/** Main → renderer: the engine process stopped, or native DuckDB is unavailable. */
export const ENGINE_EVENT_CHANNEL = 'engine/event';
/** The preload hands the engine port to the page with window.postMessage, tagged with this key. */
export const ENGINE_PORT_MESSAGE = 'workbench-engine-port';

/** The API the preload script exposes as `window.workbench`. */
export interface PreloadApi {
  openDialog(request: ChannelRequest<'file/open-dialog'>): Promise<OpenedFile[]>;
  readFile(request: ChannelRequest<'file/read'>): Promise<Uint8Array>;
  saveFile(request: ChannelRequest<'file/save'>): Promise<ChannelResponse<'file/save'>>;
  writeClipboard(request: ChannelRequest<'clipboard/write'>): Promise<ChannelResponse<'clipboard/write'>>;
  openWorkbookDialog(): Promise<OpenedWorkbook | null>;
  openWorkbookPath(request: ChannelRequest<'workbook/open-path'>): Promise<OpenedWorkbook>;
  allowWorkbookReads(request: ChannelRequest<'workbook/allow-reads'>): Promise<ChannelResponse<'workbook/allow-reads'>>;
  saveWorkbook(request: ChannelRequest<'workbook/save'>): Promise<ChannelResponse<'workbook/save'>>;
  writeRecovery(request: ChannelRequest<'workbook/recovery-write'>): Promise<ChannelResponse<'workbook/recovery-write'>>;
  listRecoveries(): Promise<ChannelResponse<'workbook/recovery-list'>>;
  deleteRecovery(request: ChannelRequest<'workbook/recovery-delete'>): Promise<ChannelResponse<'workbook/recovery-delete'>>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Connect to the engine process; its port then arrives as a window message tagged ENGINE_PORT_MESSAGE. */
  connectEngine(): Promise<ChannelResponse<'engine/connect'>>;
  onEngineEvent(listener: (event: EngineEvent) => void): () => void;
}
