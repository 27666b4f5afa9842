import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { Engine } from '../../src-shared/engine/engine';
import { createImportService, type ImportService } from '../../src-shared/import/import-service';
import { createSession, type Session } from '../../src-shared/session';
import { fakePlatform } from './fake-platform';

/**
 * The import dialog's sheet picker, headless: a workbook's sheets are listed
 * as soon as it is chosen and apart from the preview, so a sheet can be
 * picked even when the default sheet cannot be previewed.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const DTOC = path.join(FIXTURES, 'dtoc-timeseries.xls');
const SHEETS = ['Delayed Days by Reason', 'Delayed Days by Agency', 'Delayed Patients by Reason', 'Delayed Patients by Agency'];

let engine: Engine;

beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine?.close();
});

/** The importer, except that previewing a workbook's default sheet fails as the DTOC workbook's did before sheets were trimmed. */
function failingDefaultPreview(): ImportService {
  const real = createImportService(engine);
  return {
    ...real,
    preview: (source, opts = {}) =>
      opts.sheet === undefined ? Promise.reject(new Error('Out of Memory error: Allocation failure')) : real.preview(source, opts),
  };
}

function sheetsOf(session: Session) {
  return session.getState().pendingImport?.sheets?.map((s) => [s.name, s.rows, s.columns, s.isDefault]) ?? null;
}

describe('the sheet picker', () => {
  it('lists the sheets when the default sheet’s preview fails, and previews the sheet picked', async () => {
    const session = createSession({ engine, platform: fakePlatform(), importer: failingDefaultPreview() });
    session.getState().beginImport([await nodeFileSource(DTOC)]);
    await session.settled();
    let pending = session.getState().pendingImport!;
    expect(pending.previewError).toBe('Out of Memory error: Allocation failure');
    expect(pending.preview).toBeNull();
    expect(sheetsOf(session)).toEqual([
      ['Delayed Days by Reason', 44, 69, true],
      ['Delayed Days by Agency', 41, 17, false],
      ['Delayed Patients by Reason', 41, 36, false],
      ['Delayed Patients by Agency', 40, 26, false],
    ]);
    session.getState().updateImportChoices({ sheet: 'Delayed Days by Agency' });
    await session.settled();
    pending = session.getState().pendingImport!;
    expect(pending.previewError).toBeNull();
    expect(pending.preview?.report.settings).toMatchObject({ sheet: 'Delayed Days by Agency', sheets: SHEETS, footerLines: 4 });
    expect(pending.preview?.report.columns.slice(0, 3).map((c) => [c.name, c.type])).toEqual([
      ['Year', 'financial_year'],
      ['Month', 'month_name'],
      ['NHS Acute', 'integer'],
    ]);
    expect(pending.preview?.rows).toHaveLength(32);
    expect(sheetsOf(session)).toHaveLength(4);
    await session.getState().confirmImport();
    const dataset = session.getState().datasets.find((d) => d.table === 'dtoc_timeseries');
    expect(dataset?.rows).toBe(32);
    expect(dataset?.report.settings.sheet).toBe('Delayed Days by Agency');
  });

  it('keeps the sheets listed beside the error when a picked sheet cannot be read', async () => {
    const session = createSession({ engine, platform: fakePlatform() });
    session.getState().beginImport([await nodeFileSource(path.join(FIXTURES, 'empty-sheet.xlsx'))]);
    await session.settled();
    expect(session.getState().pendingImport?.preview?.report.settings.sheet).toBe('Values');
    session.getState().updateImportChoices({ sheet: 'Blank' });
    await session.settled();
    const pending = session.getState().pendingImport!;
    expect(pending.previewError).toBe('The sheet has no data (empty-sheet.xlsx, sheet "Blank"). Choose another sheet ("Values").');
    expect(sheetsOf(session)).toEqual([
      ['Blank', 0, 0, false],
      ['Values', 2, 2, true],
    ]);
    session.getState().closeImportPreview();
    expect(session.getState().pendingImport).toBeNull();
  });

  it('lists nothing for files that are not workbooks, or for a damaged workbook (whose preview says why)', async () => {
    const session = createSession({ engine, platform: fakePlatform() });
    session.getState().beginImport([await nodeFileSource(path.join(FIXTURES, 'tabs.tsv'))]);
    await session.settled();
    expect(session.getState().pendingImport?.sheets).toBeNull();
    expect(session.getState().pendingImport?.preview?.report.settings.format).toBe('csv');
    session.getState().beginImport([await nodeFileSource(path.join(FIXTURES, 'corrupt.xlsx'))]);
    await session.settled();
    expect(session.getState().pendingImport?.sheets).toBeNull();
    expect(session.getState().pendingImport?.previewError).toMatch(/^The workbook could not be read/);
  });
});
