import type { MenuItemConstructorOptions } from 'electron';
import type { EngineKind } from '../src-shared/engine/engine';
import type { RecentFile } from './recent-files';

export interface MenuActions {
  open(): void;
  /** File › Export Report: the report as a board pack. */
  exportReport(format: 'pptx' | 'pdf' | 'html'): void;
  openRecent(path: string): void;
  clearRecent(): void;
  about(): void;
  quit(): void;
}

/** View › Engine: which DuckDB the app runs (takes effect at the next start). */
export interface EngineMenu {
  current: EngineKind;
  choose(kind: EngineKind): void;
}

/** The application menu: File › Open…, Open Recent, Quit; View › zoom and Engine; Help › About. */
export function buildMenuTemplate(
  actions: MenuActions,
  recent: RecentFile[],
  platform: NodeJS.Platform,
  appName: string,
  engine?: EngineMenu,
): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((r, i) => ({ label: `${i + 1}  ${r.name}`, toolTip: r.path, click: () => actions.openRecent(r.path) })),
        { type: 'separator' as const },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No recent files', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      { label: 'Open Recent', submenu: recentItems },
      { type: 'separator' },
      {
        label: 'Export Report',
        submenu: [
          { label: 'PowerPoint (.pptx)…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportReport('pptx') },
          { label: 'PDF (.pdf)…', click: () => actions.exportReport('pdf') },
          { label: 'Web page (.html)…', click: () => actions.exportReport('html') },
        ],
      },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(engine
        ? ([
            { type: 'separator' },
            {
              label: 'Engine',
              submenu: [
                { label: 'Native DuckDB (fastest)', type: 'radio', checked: engine.current === 'native', click: () => engine.choose('native') },
                { label: 'DuckDB-Wasm (in the window)', type: 'radio', checked: engine.current === 'wasm', click: () => engine.choose('wasm') },
              ],
            },
          ] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = { label: '&Help', submenu: [{ label: `About ${appName}`, click: () => actions.about() }] };
  const template: MenuItemConstructorOptions[] = [file, edit, view, help];
  if (platform === 'darwin') {
    template.unshift({
      label: appName,
      submenu: [
        { label: `About ${appName}`, click: () => actions.about() },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'Cmd+Q', click: () => actions.quit() },
      ],
    });
  }
  return template;
}
