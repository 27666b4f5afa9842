import { describe, expect, it } from 'vitest';
import {
  basenameOf,
  derivePattern,
  dirnameOf,
  isAbsolutePath,
  joinPath,
  matchesPattern,
  newestMatching,
  normalisePath,
  pathStyle,
  rebaseSourcePath,
  relativePath,
  resolveSourcePath,
  storedSourcePath,
} from '../../src-shared/workbook/source-paths';

describe('source paths (POSIX)', () => {
  it('normalises, splits and joins', () => {
    expect(normalisePath('/data//extracts/./a/../ae.csv')).toBe('/data/extracts/ae.csv');
    expect(normalisePath('../x/../../y.csv')).toBe('../../y.csv');
    expect(normalisePath('/..')).toBe('/');
    expect(dirnameOf('/data/ae.csv')).toBe('/data');
    expect(dirnameOf('/ae.csv')).toBe('/');
    expect(basenameOf('/data/ae.csv')).toBe('ae.csv');
    expect(joinPath('/data/packs', '../extracts/ae.csv')).toBe('/data/extracts/ae.csv');
    expect(joinPath('/data/packs', '/elsewhere/ae.csv')).toBe('/elsewhere/ae.csv');
    expect(isAbsolutePath('/a')).toBe(true);
    expect(isAbsolutePath('a/b')).toBe(false);
  });

  it('stores paths relative to the workbook and resolves them back', () => {
    const wb = '/home/ana/packs/board.workbook.json';
    expect(storedSourcePath(wb, '/home/ana/extracts/activity.csv')).toBe('../extracts/activity.csv');
    expect(storedSourcePath(wb, '/home/ana/packs/activity.csv')).toBe('activity.csv');
    expect(storedSourcePath(wb, '/home/ana/packs/data/dtoc/x.csv')).toBe('data/dtoc/x.csv');
    expect(resolveSourcePath(wb, '../extracts/activity.csv')).toBe('/home/ana/extracts/activity.csv');
    expect(resolveSourcePath(wb, '..\\extracts\\activity.csv')).toBe('/home/ana/extracts/activity.csv');
    expect(relativePath('/a/b', '/a/b')).toBe('.');
    expect(relativePath('/a/b', 'rel.csv')).toBeNull();
  });

  it('rebases stored paths when the workbook is saved elsewhere', () => {
    expect(rebaseSourcePath('/p/one/wb.workbook.json', '/p/two/deeper/wb.workbook.json', '../data/ae.csv')).toBe('../../data/ae.csv');
  });
});

describe('source paths (Windows)', () => {
  it('recognises drives and shares', () => {
    expect(pathStyle('C:\\Users\\ana\\ae.csv')).toBe('windows');
    expect(pathStyle('\\\\server\\share\\ae.csv')).toBe('windows');
    expect(pathStyle('/home/ana')).toBe('posix');
    expect(isAbsolutePath('C:/Users/ana/ae.csv')).toBe(true);
    expect(isAbsolutePath('\\\\server\\share\\ae.csv')).toBe(true);
    expect(normalisePath('c:/Users\\ana/./x/..\\ae.csv')).toBe('C:\\Users\\ana\\ae.csv');
    expect(dirnameOf('C:\\Users\\ana\\ae.csv')).toBe('C:\\Users\\ana');
    expect(dirnameOf('C:\\ae.csv')).toBe('C:\\');
    expect(basenameOf('C:\\Users\\ana\\ae.csv')).toBe('ae.csv');
  });

  it('stores relative paths with / and compares case-insensitively', () => {
    const wb = 'C:\\Users\\Ana\\Packs\\board.workbook.json';
    expect(storedSourcePath(wb, 'c:\\users\\ana\\Extracts\\activity.csv')).toBe('../Extracts/activity.csv');
    expect(resolveSourcePath(wb, '../Extracts/activity.csv')).toBe('C:\\Users\\Ana\\Extracts\\activity.csv');
    expect(storedSourcePath('\\\\nhs\\finance\\packs\\b.workbook.json', '\\\\NHS\\finance\\data\\ae.csv')).toBe('../data/ae.csv');
  });

  it('keeps a path on another drive or share absolute', () => {
    const wb = 'C:\\Users\\ana\\board.workbook.json';
    expect(storedSourcePath(wb, 'D:\\extracts\\ae.csv')).toBe('D:\\extracts\\ae.csv');
    expect(storedSourcePath(wb, '\\\\server\\share\\ae.csv')).toBe('\\\\server\\share\\ae.csv');
    expect(resolveSourcePath(wb, 'D:\\extracts\\ae.csv')).toBe('D:\\extracts\\ae.csv');
    expect(relativePath('C:\\a', '/a')).toBeNull();
  });
});

describe('name patterns', () => {
  it('derives the pattern of an extract series', () => {
    expect(derivePattern('dtoc-sitrep-2016-10-OCTOBER.csv')).toBe('dtoc-sitrep-*.csv');
    expect(derivePattern('/data/dtoc_combined_2014-04_to_2020-02.csv')).toBe('dtoc_combined_*.csv');
    expect(derivePattern('A&E 2016-17.xlsx')).toBe('A&E *.xlsx');
    expect(derivePattern('activity_OCT.csv.gz')).toBe('activity_*.csv.gz');
    expect(derivePattern('budget 2016-17.xlsm')).toBe('budget *.xlsm');
    expect(derivePattern('extract-2024-01.jsonl')).toBe('extract-*.jsonl');
    expect(derivePattern('activity.csv')).toBeNull();
    expect(derivePattern('2016-10 activity.csv')).toBeNull();
  });

  it('matches names and picks the newest', () => {
    expect(matchesPattern('dtoc-sitrep-2016-11-NOVEMBER.csv', 'dtoc-sitrep-*.csv')).toBe(true);
    expect(matchesPattern('DTOC-SITREP-2016-11-NOVEMBER.CSV', 'dtoc-sitrep-*.csv')).toBe(true);
    expect(matchesPattern('dtoc-sitrep-2016-11.xlsx', 'dtoc-sitrep-*.csv')).toBe(false);
    expect(matchesPattern('a+b (1).csv', 'a+b (?).csv')).toBe(true);
    const files = [
      { name: 'dtoc-sitrep-2016-10-OCTOBER.csv', modified: 100 },
      { name: 'dtoc-sitrep-2016-12-DECEMBER.csv', modified: 300 },
      { name: 'dtoc-sitrep-2016-11-NOVEMBER.csv', modified: 200 },
      { name: 'other-2017.csv', modified: 999 },
    ];
    expect(newestMatching(files, 'dtoc-sitrep-*.csv')?.name).toBe('dtoc-sitrep-2016-12-DECEMBER.csv');
    expect(
      newestMatching(
        [
          { name: 'x-1.csv', modified: 5 },
          { name: 'x-2.csv', modified: 5 },
        ],
        'x-*.csv',
      )?.name,
    ).toBe('x-2.csv');
    expect(newestMatching(files, 'nothing-*.csv')).toBeUndefined();
  });
});
