import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileGrants } from '../../src-main/file-grants';
import { RecentFiles } from '../../src-main/recent-files';
import { workbookHandlers, WriteGrants } from '../../src-main/workbook-handlers';
import { parseWorkbook } from '../../src-shared/workbook/parse-workbook';

const ROOT = path.resolve(import.meta.dirname, '../..');

const EXAMPLE = path.join('sample-data', 'somerset-board-pack.workbook.json');

function setup(chosen: { open?: (dir: string) => string; save?: (dir: string) => string } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-handlers-'));
  cpSync(path.join(ROOT, 'sample-data'), path.join(dir, 'sample-data'), { recursive: true, filter: (src) => !src.includes('generator') });
  const grants = new FileGrants();
  const handlers = workbookHandlers({
    grants,
    writeGrants: new WriteGrants(),
    recent: new RecentFiles(path.join(dir, 'recent.json')),
    recoveryDir: path.join(dir, 'recovery'),
    dialogs: { chooseWorkbookToOpen: async () => chosen.open?.(dir) ?? null, chooseWorkbookSavePath: async () => chosen.save?.(dir) ?? null },
  });
  return { dir, grants, handlers };
}

describe('workbook channels in main', () => {
  it('opens a workbook and grants exactly the source files it names that exist', async () => {
    expect(await setup().handlers['workbook/open-dialog']({})).toBeNull();
    const s = setup({ open: (dir) => path.join(dir, EXAMPLE) });
    const result = (await s.handlers['workbook/open-dialog']({}))!;
    expect(result.name).toBe('somerset-board-pack.workbook.json');
    const wb = parseWorkbook(result.text, result.name);
    const expected = wb.sources.flatMap((src) => src.files.map((f) => path.resolve(s.dir, 'sample-data', f.path)));
    expect(Object.keys(result.files).sort()).toEqual(expected.sort());
    const first = Object.values(result.files)[0]!;
    expect((await s.grants.read(first.token, 0, 4)).length).toBe(4);
  });

  it('saves to the file it came from, or where the user chooses, with source paths relative to it', async () => {
    const s = setup({ open: (dir) => path.join(dir, EXAMPLE), save: (dir) => path.join(dir, 'saved', 'copy') });
    const source = path.join(s.dir, EXAMPLE);
    const opened = (await s.handlers['workbook/open-dialog']({}))!;
    const savedAs = (await s.handlers['workbook/save']({ token: opened.token, saveAs: true, suggestedName: 'copy', text: opened.text }))!;
    expect(savedAs.name).toBe('copy.workbook.json');
    const copy = parseWorkbook(readFileSync(savedAs.path, 'utf8'), savedAs.name);
    // Paths were relative to sample-data/ and are now relative to saved/.
    expect(copy.sources[0]!.files[0]!.path.startsWith('../')).toBe(true);
    expect(path.resolve(path.dirname(savedAs.path), copy.sources[0]!.files[0]!.path)).toBe(
      path.resolve(path.dirname(source), parseWorkbook(opened.text, 'x').sources[0]!.files[0]!.path),
    );
    // Saving again with the new token writes back to the same file without a dialog.
    const again = (await s.handlers['workbook/save']({ token: savedAs.token, saveAs: false, suggestedName: 'ignored', text: opened.text }))!;
    expect(again.path).toBe(savedAs.path);
  });

  it('refuses to open a workbook path it has not seen, and invalid workbook text on save', async () => {
    const { dir, handlers } = setup({ save: () => path.join(os.tmpdir(), 'never.workbook.json') });
    await expect(handlers['workbook/open-path']({ path: path.join(dir, 'secret.workbook.json') })).rejects.toThrow(/not in the recent files list/);
    await expect(handlers['workbook/save']({ saveAs: true, suggestedName: 'x', text: '{"format":"nope"}' })).rejects.toThrow();
  });

  it('writes, lists and deletes recovery copies', async () => {
    const { dir, handlers } = setup();
    const text = readFileSync(path.join(dir, 'sample-data', 'somerset-board-pack.workbook.json'), 'utf8');
    await handlers['workbook/recovery-write']({ key: 'abc123', workbookPath: null, text });
    const listed = await handlers['workbook/recovery-list']({});
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ key: 'abc123', workbookPath: null, stale: false });
    expect(parseWorkbook(listed[0]!.text, 'r').title).toBe(parseWorkbook(text, 'w').title);
    await handlers['workbook/recovery-delete']({ key: 'abc123', workbookPath: null });
    expect(await handlers['workbook/recovery-list']({})).toEqual([]);
    writeFileSync(path.join(dir, 'unused'), '');
  });
});
