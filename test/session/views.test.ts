import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { Engine } from '../../src-shared/engine/engine';
import { createSession, type Session } from '../../src-shared/session';
import { openTestEngine } from '../engine-under-test';
import { fakePlatform, textHandle, type FakePlatform } from './fake-platform';

/*
 * Views as a new user meets them: a view moved to another table gets its roles suggested again
 * (not left on the old table's columns), and views have names of their own that no two share.
 */

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');
let engine: Engine;
let platform: FakePlatform;
let session: Session;
const state = () => session.getState();

beforeAll(async () => {
  engine = await openTestEngine();
  platform = fakePlatform();
  session = createSession({ engine, platform });
  await state().importFiles([await nodeFileSource(path.join(SAMPLE, 'workforce_gp_practices.csv'))], { table: 'workforce_gp' });
  await state().importFiles([await nodeFileSource(path.join(SAMPLE, 'workforce_trusts.csv'))], { table: 'workforce_trusts' });
});
afterAll(async () => {
  await engine?.close();
});

describe('views', () => {
  it('moved to another table, a view suggests its roles again and runs on the new table', async () => {
    const id = state().createView('workforce', ['workforce_gp']);
    await session.settled();
    expect(state().viewResults[id]?.status).toBe('ready');
    expect(state().views[0]!.spec.mapping['wte.GPs']).toBe('GP FTE');
    state().updateView(id, { tables: ['workforce_trusts'] });
    await session.settled();
    const mapping = state().views[0]!.spec.mapping;
    expect(mapping).toMatchObject({ period: 'Month', group: 'Staff Group', wte: 'Staff In Post WTE', org: 'Organisation Code' });
    expect(Object.keys(mapping).some((k) => k.startsWith('wte.'))).toBe(false);
    const run = state().viewResults[id];
    expect(run?.status === 'error' ? run.message : run?.status).toBe('ready');
  });

  it('gives views unique names and lets the person rename them, refusing a name another view has', () => {
    const first = state().views[0]!.id;
    const a = state().createView('workforce', ['workforce_trusts']);
    const b = state().createView('workforce', ['workforce_trusts']);
    expect(state().viewName(first)).toBe('Workforce · workforce_trusts');
    expect(state().viewName(a)).toBe('Workforce · workforce_trusts (2)');
    expect(state().viewName(b)).toBe('Workforce · workforce_trusts (3)');
    expect(state().renameView(b, '  workforce · WORKFORCE_TRUSTS ')).toBe(
      'Another view is already called “Workforce · workforce_trusts”: choose another name.',
    );
    expect(state().renameView(b, ' ')).toBe('A view needs a name.');
    expect(state().renameView(b, 'Trust workforce 2016/17')).toBeNull();
    expect(state().viewName(b)).toBe('Trust workforce 2016/17');
    expect(state().workbook.dirty).toBe(true);
  });
});

describe('workbooks as a new user meets them', () => {
  it('an error from one workbook is gone when another opens', async () => {
    await state().openWorkbook(textHandle('broken.workbook.json', '{ "format": "commissioning-workbench/workbook", '));
    expect(state().importError?.files).toEqual(['broken.workbook.json']);
    const good = JSON.stringify({ format: 'commissioning-workbench/workbook', version: 2, title: 'Empty but fine' });
    await state().openWorkbook(textHandle('fine.workbook.json', good));
    await session.settled();
    expect(state().importError).toBeNull();
    expect(state().workbook.title).toBe('Empty but fine');
  });

  it('Save as names the file from the new title, also for a recovered workbook', async () => {
    const recovered = JSON.stringify({ format: 'commissioning-workbench/workbook', version: 2, title: 'Recovered workbook' });
    await state().openWorkbook(textHandle('Recovered workbook', recovered), { unsaved: true });
    expect(await state().saveWorkbook({ saveAs: true, snapshot: false, title: 'Board pack: March 2017' })).toBe(true);
    expect(platform.saved.at(-1)!.name).toBe('board_pack_march_2017.workbook.json');
    expect(state().workbook).toMatchObject({ title: 'Board pack: March 2017', name: 'board_pack_march_2017.workbook.json', dirty: false });
  });

  it('files chosen together are matched by name in one step and loaded under one counted progress line', async () => {
    // Two of the person's own extracts (not the app's sample files): saved, then reopened in the browser, where files have no paths.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-many-'));
    const own = (name: string) => {
      const file = path.join(dir, name);
      const lines = readFileSync(path.join(SAMPLE, name), 'utf8').trimEnd().split('\n');
      // The last row once more: the same layout, other content than the app's sample file.
      writeFileSync(file, `${[...lines, lines.at(-1)].join('\n')}\n`);
      return file;
    };
    const trusts = own('workforce_trusts.csv');
    const practices = own('workforce_gp_practices.csv');
    const first = createSession({ engine, platform });
    await first.getState().importFiles([await nodeFileSource(trusts)]);
    await first.getState().importFiles([await nodeFileSource(practices)]);
    expect(await first.getState().saveWorkbook({ saveAs: true, snapshot: false, title: 'Two extracts' })).toBe(true);
    const saved = platform.saved.at(-1)!;

    const reopened = createSession({ engine, platform: fakePlatform() });
    await reopened.getState().openWorkbook(textHandle(saved.name, saved.text));
    expect(
      reopened
        .getState()
        .pendingWorkbook?.missing.map((m) => m.name)
        .sort(),
    ).toEqual(['workforce_gp_practices.csv', 'workforce_trusts.csv']);
    const busy: string[] = [];
    const stop = reopened.subscribe((s) => {
      if (s.workbookBusy && busy.at(-1) !== s.workbookBusy) busy.push(s.workbookBusy);
    });
    // One choice of both files: no second question.
    await reopened.getState().locateSourceFiles([await nodeFileSource(practices), await nodeFileSource(trusts)]);
    await reopened.settled();
    stop();
    expect(reopened.getState().pendingWorkbook).toBeNull();
    expect(
      reopened
        .getState()
        .datasets.map((d) => d.table)
        .sort(),
    ).toEqual(['workforce_gp_practices', 'workforce_trusts']);
    expect(busy.filter((b) => b.startsWith('Loading'))).toEqual([
      'Loading the workbook’s data…',
      'Loading workforce_trusts (1 of 2)…',
      'Loading workforce_gp_practices (2 of 2)…',
    ]);
  });
});
