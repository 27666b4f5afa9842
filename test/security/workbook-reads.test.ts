import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FileGrants } from '../../src-main/file-grants';
import { RecentFiles } from '../../src-main/recent-files';
import { workbookHandlers, WriteGrants } from '../../src-main/workbook-handlers';
import { classifyWorkbookReads, insideAnyFolder, outsideReason } from '../../src-shared/workbook/read-policy';
import { emptyWorkbook, type Workbook } from '../../src-shared/workbook/workbook-schema';
import { SAMPLE_WORKBOOK, writeText } from '../workbook/helpers';

/**
 * Which files a workbook may have read without asking: only those inside its
 * own folder tree. Decided from the strings alone, for POSIX and Windows paths.
 */

describe('outsideReason', () => {
  const posix: [string, string | null][] = [
    ['ae.csv', null],
    ['extracts/2024/ae.csv', null],
    ['./extracts/../ae.csv', null],
    ['/data/packs/extracts/ae.csv', null],
    ['../ae.csv', 'it leaves the workbook’s folder (..)'],
    ['extracts/../../ae.csv', 'it leaves the workbook’s folder (..)'],
    ['/etc/passwd', 'it is an absolute path outside the workbook’s folder'],
    ['/data/packs-evil/ae.csv', 'it is an absolute path outside the workbook’s folder'],
    ['//server/share/ae.csv', 'it is a network (UNC) path: opening it would connect to another computer'],
    ['NUL', 'it names a Windows device (such as CON or NUL), not a file'],
    ['extracts/con.csv', 'it names a Windows device (such as CON or NUL), not a file'],
    ['.', 'it names the workbook’s folder itself, not a file'],
  ];
  for (const [stored, reason] of posix) {
    it(`POSIX ${stored} → ${reason ?? 'inside'}`, () => {
      const absolute = path.posix.resolve('/data/packs', stored);
      expect(outsideReason('/data/packs', stored, absolute)).toBe(reason);
    });
  }

  const windows: [string, string, string | null][] = [
    ['ae.csv', 'C:\\Packs\\ae.csv', null],
    ['Extracts\\ae.csv', 'C:\\Packs\\Extracts\\ae.csv', null],
    ['c:\\packs\\EXTRACTS\\ae.csv', 'C:\\packs\\EXTRACTS\\ae.csv', null],
    ['..\\ae.csv', 'C:\\ae.csv', 'it leaves the workbook’s folder (..)'],
    ['D:\\Packs\\ae.csv', 'D:\\Packs\\ae.csv', 'it is on another drive or share than the workbook'],
    ['\\\\fileserver\\nhs\\ae.csv', '\\\\fileserver\\nhs\\ae.csv', 'it is a network (UNC) path: opening it would connect to another computer'],
    ['\\\\?\\C:\\Packs\\ae.csv', '\\\\?\\C:\\Packs\\ae.csv', 'it is a Windows device path'],
    ['\\\\.\\COM1', '\\\\.\\COM1', 'it is a Windows device path'],
    ['Extracts\\AUX.csv', 'C:\\Packs\\Extracts\\AUX.csv', 'it names a Windows device (such as CON or NUL), not a file'],
  ];
  for (const [stored, absolute, reason] of windows) {
    it(`Windows ${stored} → ${reason ?? 'inside'}`, () => {
      expect(outsideReason('C:\\Packs', stored, absolute)).toBe(reason);
    });
  }

  it('treats every path of a never-saved workbook as needing agreement', () => {
    expect(outsideReason(null, '/data/ae.csv', '/data/ae.csv')).toBe('the workbook has not been saved, so it has no folder of its own');
  });

  it('knows a folder from one whose name merely starts the same', () => {
    expect(insideAnyFolder('/data/packs/ae.csv', ['/data/packs'])).toBe(true);
    expect(insideAnyFolder('/data/packs2/ae.csv', ['/data/packs'])).toBe(false);
    expect(insideAnyFolder('/data/packs', ['/data/packs'])).toBe(false);
  });
});

describe('classifyWorkbookReads', () => {
  it('covers sources and snapshot files, each with its table', () => {
    const wb = {
      ...emptyWorkbook('x'),
      sources: [{ table: 'ae', files: [{ path: 'ae.csv' }, { path: '/elsewhere/ae2.csv' }], importOptions: {}, columns: [], rows: 0 }],
      snapshot: {
        created: '2026-01-01T00:00:00.000Z',
        storage: 'files',
        tables: [{ table: 'ae', rows: 1, bytes: 1, sha256: '0'.repeat(64), file: '../ae.parquet' }],
      },
    } as unknown as Workbook;
    const { inside, outside } = classifyWorkbookReads(wb, '/data/packs/pack.workbook.json');
    expect(inside.map((r) => r.absolute)).toEqual(['/data/packs/ae.csv']);
    expect(outside.map((r) => [r.kind, r.table, r.absolute])).toEqual([
      ['source', 'ae', '/elsewhere/ae2.csv'],
      ['snapshot', 'ae', '/data/ae.parquet'],
    ]);
  });
});

describe('saving never grants a read', () => {
  it('saves a workbook naming /etc/shadow without granting it, and reopening lists it for the person to decide', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-save-grants-'));
    const grants = new FileGrants();
    const grant = vi.spyOn(grants, 'grant');
    const target = path.join(dir, 'saved.workbook.json');
    const handlers = workbookHandlers({
      grants,
      writeGrants: new WriteGrants(),
      recent: new RecentFiles(path.join(dir, 'recent.json')),
      recoveryDir: path.join(dir, 'recovery'),
      dialogs: { chooseWorkbookToOpen: async () => target, chooseWorkbookSavePath: async () => target },
    });
    const wb = JSON.parse(readFileSync(SAMPLE_WORKBOOK, 'utf8')) as Workbook;
    const hostile = { ...wb, sources: wb.sources.map((s, i) => (i === 0 ? { ...s, files: [{ ...s.files[0]!, path: '/etc/shadow' }] } : s)) };
    writeText(path.join(dir, 'placeholder'), '');
    const saved = await handlers['workbook/save']({ saveAs: true, suggestedName: 'saved', text: JSON.stringify(hostile) });
    expect(saved?.path).toBe(target);
    expect(grant).not.toHaveBeenCalled();
    const reopened = (await handlers['workbook/open-dialog']({}))!;
    expect(reopened.outside.map((o) => o.absolute)).toContain('/etc/shadow');
    expect(grant.mock.calls.map((c) => c[0])).not.toContain('/etc/shadow');
    expect(reopened.files['/etc/shadow']).toBeUndefined();
  });
});
