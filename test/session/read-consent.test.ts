import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { saveWorkbookFile } from '../../src-main/workbook/workbook-files';
import { diskWorkbookHandle } from '../../src-main/workbook/workbook-reads';
import type { Engine } from '../../src-shared/engine/engine';
import { createSession } from '../../src-shared/session';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { AE_CSV, smallWorkbook, tempDir, writeText } from '../workbook/helpers';
import { fakePlatform } from './fake-platform';

/**
 * A workbook naming a file outside its folder, opened in the session: nothing
 * outside is read until the person agrees; if they do not, the file is treated
 * as missing (they can choose it themselves); if they do, only the files the
 * workbook listed are asked for.
 */

let engine: Engine;
let file: string;
let outside: string;
let workbook: Workbook;

beforeAll(async () => {
  engine = await openTestEngine();
  const dir = tempDir('consent');
  outside = writeText(path.join(dir, 'elsewhere', 'ae.csv'), AE_CSV);
  file = path.join(dir, 'packs', 'pack.workbook.json');
  // As written to disk: the source path is relative, ../elsewhere/ae.csv.
  workbook = await saveWorkbookFile(file, await smallWorkbook(engine, outside));
  await engine.exec('DROP TABLE ae');
});
afterAll(async () => {
  await engine?.close();
});

describe('files outside the workbook’s folder', () => {
  it('are listed and not read until the person decides; declining treats them as missing', async () => {
    const handle = await diskWorkbookHandle(workbook, file);
    expect(handle.outside.map((o) => [o.table, o.absolute, o.reason])).toEqual([['ae', outside, 'it leaves the workbook’s folder (..)']]);
    expect(handle.files).toEqual({});
    const session = createSession({ engine, platform: fakePlatform() });
    await session.getState().openWorkbook(handle);
    expect(session.getState().pendingWorkbook?.outside.map((o) => o.absolute)).toEqual([outside]);
    expect(session.getState().datasets).toEqual([]);
    await session.getState().declineOutsideReads();
    expect(session.getState().pendingWorkbook?.missing.map((m) => m.absolute)).toEqual([outside]);
    expect(session.getState().datasets).toEqual([]);
    // The person chooses the file themselves: that is their grant.
    await session.getState().locateSourceFiles([await nodeFileSource(outside)]);
    await session.settled();
    expect(session.getState().pendingWorkbook).toBeNull();
    expect(session.getState().datasets.find((d) => d.table === 'ae')?.rows).toBe(9);
  });

  it('allowing asks the platform for exactly the listed files, then opens', async () => {
    const platform = fakePlatform();
    platform.grantable[outside] = await nodeFileSource(outside);
    const session = createSession({ engine, platform });
    await session.getState().openWorkbook({ ...(await diskWorkbookHandle(workbook, file)), token: 'a'.repeat(32) });
    await session.getState().allowOutsideReads();
    await session.settled();
    expect(platform.allowed).toEqual([[outside]]);
    expect(session.getState().pendingWorkbook).toBeNull();
    expect(session.getState().datasets.find((d) => d.table === 'ae')?.rows).toBe(9);
    expect(Object.values(session.getState().chartResults).map((r) => r.status)).toEqual(['ready', 'ready']);
  });
});
