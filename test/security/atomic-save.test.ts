/**
 * Saving keeps what it found on disk: an existing workbook's mode and owner,
 * a symbolic link (written through, not replaced), the old file when the save
 * fails, and every file in the data folder that the workbook did not write.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { atomicWriteFile } from '../../src-main/atomic-write';
import { openTestEngine } from '../engine-under-test';
import { saveWorkbook, snapshotFolder } from '../../src-main/workbook/save-workbook';
import { readWorkbookFile, saveWorkbookFile } from '../../src-main/workbook/workbook-files';
import type { Engine } from '../../src-shared/engine/engine';
import { parseWorkbook } from '../../src-shared/workbook/parse-workbook';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { AE_CSV, SAMPLE_WORKBOOK, smallWorkbook, tempDir, writeText } from '../workbook/helpers';

let engine: Engine;
const dirs: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine();
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  await engine?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function scratch(prefix: string): string {
  const dir = tempDir(`atomic-${prefix}`);
  dirs.push(dir);
  return dir;
}

const sample = (): Workbook => parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'sample');
const modeOf = (file: string) => statSync(file).mode & 0o777;
const titleOf = (file: string) => parseWorkbook(readFileSync(file, 'utf8'), path.basename(file)).title;
const tempFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** A workbook saved at `dir/name`, then given `mode`. */
async function savedWorkbook(dir: string, name: string, mode?: number): Promise<string> {
  const file = path.join(dir, name);
  await saveWorkbookFile(file, sample(), { relativeTo: SAMPLE_WORKBOOK });
  if (mode !== undefined) chmodSync(file, mode);
  return file;
}

describe('an existing workbook keeps its mode and owner', () => {
  it.each(['600', '640', '664'])('a %s workbook is still %s after saving', async (mode) => {
    const file = await savedWorkbook(scratch('mode'), 'pack.workbook.json', parseInt(mode, 8));
    await saveWorkbookFile(file, { ...sample(), title: 'Changed' }, { relativeTo: SAMPLE_WORKBOOK });
    expect(titleOf(file)).toBe('Changed');
    expect(modeOf(file).toString(8)).toBe(mode);
  });

  it('saveWorkbook (with and without data) keeps a 0600 workbook private', async () => {
    const dir = scratch('mode-snapshot');
    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const file = path.join(dir, 'pack.workbook.json');
    const wb = await smallWorkbook(engine, csv);
    await saveWorkbook(file, wb);
    chmodSync(file, 0o600);
    await saveWorkbook(file, wb, { snapshot: 'embedded', db: engine });
    expect(modeOf(file).toString(8)).toBe('600');
    await saveWorkbook(file, { ...wb, title: 'Again' });
    expect(modeOf(file).toString(8)).toBe('600');
    expect(titleOf(file)).toBe('Again');
  });

  it.runIf(process.getuid?.() === 0)('keeps the owner and group of a file owned by someone else (when running as root)', async () => {
    const file = await savedWorkbook(scratch('owner'), 'pack.workbook.json', 0o640);
    chownSync(file, 4321, 8765);
    await saveWorkbookFile(file, { ...sample(), title: 'Changed' }, { relativeTo: SAMPLE_WORKBOOK });
    const stats = statSync(file);
    expect([stats.uid, stats.gid, (stats.mode & 0o777).toString(8)]).toEqual([4321, 8765, '640']);
    expect(titleOf(file)).toBe('Changed');
  });

  it('creates a new file with the usual mode, and a new workbook with data (and its Parquet files) private', async () => {
    const dir = scratch('new');
    const usual = (0o666 & ~process.umask()).toString(8);
    const plain = await savedWorkbook(dir, 'plain.workbook.json');
    expect(modeOf(plain).toString(8)).toBe(usual);
    await atomicWriteFile(path.join(dir, 'chart.svg'), '<svg/>');
    expect(modeOf(path.join(dir, 'chart.svg')).toString(8)).toBe(usual);

    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const wb = await smallWorkbook(engine, csv);
    const embedded = path.join(dir, 'embedded.workbook.json');
    await saveWorkbook(embedded, wb, { snapshot: 'embedded', db: engine });
    expect(modeOf(embedded).toString(8)).toBe('600');

    const withFiles = path.join(dir, 'files.workbook.json');
    const saved = await saveWorkbook(withFiles, wb, { snapshot: 'files', db: engine });
    expect(modeOf(withFiles).toString(8)).toBe('600');
    expect(modeOf(path.join(dir, saved.snapshot!.tables[0]!.file!)).toString(8)).toBe('600');
    expect(modeOf(snapshotFolder(withFiles)).toString(8)).toBe('700');
  });
});

describe('a symbolic link to a workbook', () => {
  it.each([
    ['absolute', (real: string) => real],
    ['relative', (real: string, link: string) => path.relative(path.dirname(link), real)],
  ])('stays a link (%s), and the file it points to gets the new content', async (_kind, linkText) => {
    const dir = scratch('link');
    mkdirSync(path.join(dir, 'real'));
    mkdirSync(path.join(dir, 'links'));
    const real = await savedWorkbook(path.join(dir, 'real'), 'pack.workbook.json', 0o640);
    const link = path.join(dir, 'links', 'pack.workbook.json');
    symlinkSync(linkText(real, link), link);
    const pointsTo = readlinkSync(link);

    await saveWorkbookFile(link, { ...sample(), title: 'Through the link' }, { relativeTo: SAMPLE_WORKBOOK });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(pointsTo);
    expect(titleOf(real)).toBe('Through the link');
    expect(modeOf(real).toString(8)).toBe('640');
    expect(readdirSync(path.join(dir, 'real'))).toEqual(['pack.workbook.json']);
    expect(readdirSync(path.join(dir, 'links'))).toEqual(['pack.workbook.json']);
  });

  it('is refused, with a clear error, when it points to a file that does not exist', async () => {
    const dir = scratch('dangling');
    const link = path.join(dir, 'pack.workbook.json');
    const missing = path.join(dir, 'elsewhere', 'gone.workbook.json');
    symlinkSync(missing, link);
    await expect(saveWorkbookFile(link, sample(), { relativeTo: SAMPLE_WORKBOOK })).rejects.toThrow(
      `Cannot save ${link}: it is a link to ${missing}, which does not exist`,
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(dir, 'elsewhere'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['pack.workbook.json']);
  });
});

describe('a failed save', () => {
  it('leaves a folder in the way as it was, and no temporary file', async () => {
    const dir = scratch('folder');
    const target = path.join(dir, 'pack.workbook.json');
    writeText(path.join(target, 'inside.txt'), 'keep me');
    await expect(saveWorkbookFile(target, sample(), { relativeTo: SAMPLE_WORKBOOK })).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    expect(readdirSync(dir)).toEqual(['pack.workbook.json']);
    expect(readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('keep me');
  });

  it('leaves the old workbook whole, with its mode, and no temporary file when the rename fails', async () => {
    const dir = scratch('rename');
    const file = await savedWorkbook(dir, 'pack.workbook.json', 0o600);
    const before = readFileSync(file, 'utf8');
    vi.spyOn(fsp, 'rename').mockRejectedValueOnce(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    await expect(saveWorkbookFile(file, { ...sample(), title: 'Changed' }, { relativeTo: SAMPLE_WORKBOOK })).rejects.toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(modeOf(file).toString(8)).toBe('600');
    expect(tempFiles(dir)).toEqual([]);
  });
});

describe('the write itself', () => {
  it('creates the temporary file exclusively, flushes it, renames it, then flushes the folder', async () => {
    const dir = scratch('sync');
    const file = await savedWorkbook(dir, 'pack.workbook.json');
    const events: string[] = [];
    const name = (p: unknown) =>
      String(p) === dir ? '<folder>' : /^\.pack\.workbook\.json\.[0-9a-f]{32}\.tmp$/.test(path.basename(String(p))) ? '<temp>' : String(p);
    const open = fsp.open.bind(fsp);
    const rename = fsp.rename.bind(fsp);
    vi.spyOn(fsp, 'open').mockImplementation(async (p, flags, mode) => {
      const handle = await open(p, flags, mode);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        events.push(`sync ${name(p)}`);
        return sync();
      };
      events.push(`open ${name(p)} ${String(flags)}`);
      return handle;
    });
    vi.spyOn(fsp, 'rename').mockImplementation(async (from, to) => {
      events.push(`rename ${name(from)} ${name(to)}`);
      return rename(from, to);
    });
    await saveWorkbookFile(file, { ...sample(), title: 'Flushed' }, { relativeTo: SAMPLE_WORKBOOK });
    expect(events).toEqual(['open <temp> wx', 'sync <temp>', `rename <temp> ${file}`, 'open <folder> r', 'sync <folder>']);
    expect(titleOf(file)).toBe('Flushed');
  });
});

describe('pruning the data folder', () => {
  it('deletes only the snapshot files the previous save wrote, never a file someone else put there', async () => {
    const dir = scratch('prune');
    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const file = path.join(dir, 'pack.workbook.json');
    const folder = snapshotFolder(file);
    const first = await saveWorkbook(file, await smallWorkbook(engine, csv), { snapshot: 'files', db: engine });
    const firstSnapshot = path.basename(first.snapshot!.tables[0]!.file!);
    const foreign = ['README.txt', 'ae-000000000000.parquet', 'notes.parquet'];
    for (const name of foreign) writeText(path.join(folder, name), `not the workbook's: ${name}`);

    // New data, a new snapshot: the first snapshot's file goes, the strangers' files stay.
    writeText(csv, `${AE_CSV}99A,NEL,2017-04-01,95,j\n`);
    const second = await saveWorkbook(file, await smallWorkbook(engine, csv), { snapshot: 'files', db: engine });
    const secondSnapshot = path.basename(second.snapshot!.tables[0]!.file!);
    expect(secondSnapshot).not.toBe(firstSnapshot);
    expect(readdirSync(folder).sort()).toEqual([...foreign, secondSnapshot].sort());

    // Without data: the second snapshot's file goes; the folder stays because it is not empty.
    await saveWorkbook(file, second);
    expect(readdirSync(folder).sort()).toEqual(foreign);
    for (const name of foreign) expect(readFileSync(path.join(folder, name), 'utf8')).toBe(`not the workbook's: ${name}`);

    // Once only the workbook's own files were there, the folder is removed too.
    for (const name of foreign) rmSync(path.join(folder, name));
    await saveWorkbook(file, second, { snapshot: 'files', db: engine });
    await saveWorkbook(file, second);
    expect(existsSync(folder)).toBe(false);
  });

  it('does not delete a file outside the data folder that an edited workbook names as its snapshot', async () => {
    const dir = scratch('prune-outside');
    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const file = path.join(dir, 'pack.workbook.json');
    const saved = await saveWorkbook(file, await smallWorkbook(engine, csv), { snapshot: 'files', db: engine });
    const inside = saved.snapshot!.tables[0]!.file!;
    const victim = writeText(path.join(dir, 'victim.parquet'), 'precious');
    writeFileSync(file, readFileSync(file, 'utf8').replace(JSON.stringify(inside), JSON.stringify(`${path.dirname(inside)}/../victim.parquet`)));
    expect((await readWorkbookFile(file)).workbook.snapshot!.tables[0]!.file).toBe('pack.workbook.data/../victim.parquet');

    await saveWorkbook(file, saved);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    // The real snapshot file was no longer named by the workbook on disk, so it is not the save's to delete.
    expect(readdirSync(snapshotFolder(file))).toEqual([path.basename(inside)]);
  });
});
