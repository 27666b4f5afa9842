import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { atomicWriteFile } from '../../src-main/atomic-write';
import { FileGrants } from '../../src-main/file-grants';
import { buildMenuTemplate } from '../../src-main/menu';
import { RecentFiles } from '../../src-main/recent-files';
import { mainWindowOptions } from '../../src-main/window-options';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-main-'));

describe('main window options', () => {
  it('isolates and sandboxes the renderer with no Node access', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('file grants', () => {
  it('reads only granted files, by token, in ranges', async () => {
    const file = path.join(dir, 'ae.csv');
    writeFileSync(file, 'org,n\n11X,5\n');
    const grants = new FileGrants();
    const opened = await grants.grant(file);
    expect(opened).toMatchObject({ name: 'ae.csv', size: 12, path: file });
    expect(opened.token).toMatch(/^[a-f0-9]{32}$/);
    expect(new TextDecoder().decode(await grants.read(opened.token, 6, 3))).toBe('11X');
    expect((await grants.read(opened.token, 10, 100)).length).toBe(2);
    await expect(grants.read('b'.repeat(32), 0, 1)).rejects.toThrow(/not been opened/);
    grants.revokeAll();
    await expect(grants.read(opened.token, 0, 1)).rejects.toThrow(/not been opened/);
  });
});

describe('recent files', () => {
  it('keeps the ten most recent, newest first, without duplicates', async () => {
    const store = path.join(dir, 'recent.json');
    const recent = new RecentFiles(store);
    for (let i = 0; i < 12; i++) await recent.add(path.join(dir, `f${i}.csv`));
    await recent.add(path.join(dir, 'f5.csv'));
    const list = await new RecentFiles(store).list();
    expect(list).toHaveLength(10);
    expect(list[0]!.name).toBe('f5.csv');
    expect(list.filter((e) => e.name === 'f5.csv')).toHaveLength(1);
    expect(await recent.includes(path.join(dir, 'f0.csv'))).toBe(false);
    writeFileSync(store, '{not json');
    expect(await new RecentFiles(store).list()).toEqual([]);
  });
});

describe('atomic writes', () => {
  it('replaces the file whole and leaves no temporary files', async () => {
    const target = path.join(dir, 'out', 'workbook.json');
    await atomicWriteFile(target, 'first');
    await atomicWriteFile(target, 'second');
    expect(readFileSync(target, 'utf8')).toBe('second');
    expect(readdirSync(path.dirname(target))).toEqual(['workbook.json']);
  });

  it('leaves the old file intact when the write fails before the rename', async () => {
    const target = path.join(dir, 'keep.json');
    await atomicWriteFile(target, 'original');
    const spy = vi.spyOn(fs, 'rename').mockRejectedValueOnce(new Error('disk unplugged'));
    await expect(atomicWriteFile(target, 'new content')).rejects.toThrow('disk unplugged');
    spy.mockRestore();
    expect(readFileSync(target, 'utf8')).toBe('original');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('application menu', () => {
  it('has File › Open…, Open Recent, Quit and Help › About wired to actions', () => {
    const actions = { open: vi.fn(), exportReport: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), about: vi.fn(), quit: vi.fn() };
    const template = buildMenuTemplate(actions, [{ path: '/d/ae.csv', name: 'ae.csv' }], 'linux', 'Commissioning Workbench');
    const file = template.find((m) => m.label === '&File')!;
    const items = file.submenu as { label?: string; accelerator?: string; click?: () => void; submenu?: { label?: string; click?: () => void }[] }[];
    const open = items.find((i) => i.label === 'Open…')!;
    expect(open.accelerator).toBe('CmdOrCtrl+O');
    open.click!();
    expect(actions.open).toHaveBeenCalled();
    const recent = items.find((i) => i.label === 'Open Recent')!;
    recent.submenu![0]!.click!();
    expect(actions.openRecent).toHaveBeenCalledWith('/d/ae.csv');
    const exportItems = items.find((i) => i.label === 'Export Report')!.submenu!;
    expect(exportItems.map((i) => i.label)).toEqual(['PowerPoint (.pptx)…', 'PDF (.pdf)…', 'Web page (.html)…']);
    exportItems[1]!.click!();
    expect(actions.exportReport).toHaveBeenCalledWith('pdf');
    items.find((i) => i.label === 'Quit')!.click!();
    expect(actions.quit).toHaveBeenCalled();
    const help = template.find((m) => m.label === '&Help')!;
    (help.submenu as { click?: () => void }[])[0]!.click!();
    expect(actions.about).toHaveBeenCalled();
    const choose = vi.fn();
    const withEngine = buildMenuTemplate(actions, [], 'linux', 'W', { current: 'native', choose });
    const view = withEngine.find((m) => m.label === '&View')!.submenu as {
      label?: string;
      submenu?: { label?: string; checked?: boolean; click?: () => void }[];
    }[];
    const engineItems = view.find((i) => i.label === 'Engine')!.submenu!;
    expect(engineItems.map((i) => [i.label, i.checked])).toEqual([
      ['Native DuckDB (fastest)', true],
      ['DuckDB-Wasm (in the window)', false],
    ]);
    engineItems[1]!.click!();
    expect(choose).toHaveBeenCalledWith('wasm');
    const empty = buildMenuTemplate(actions, [], 'linux', 'W');
    const emptyRecent = (empty[0]!.submenu as { label?: string; submenu?: { label?: string; enabled?: boolean }[] }[]).find((i) => i.label === 'Open Recent')!;
    expect(emptyRecent.submenu![0]).toMatchObject({ label: 'No recent files', enabled: false });
  });
});
