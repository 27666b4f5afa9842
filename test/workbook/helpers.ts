/** Shared by the workbook tests: temporary folders, small extracts, and a workbook built over them. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createImportService } from '../../src-shared/import/import-service';
import os from 'node:os';
import path from 'node:path';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { Engine } from '../../src-shared/engine/engine';
import { fingerprintSource } from '../../src-shared/workbook/fingerprint';
import { validateWorkbook } from '../../src-shared/workbook/parse-workbook';
import { sourceRecord } from '../../src-shared/workbook/source-record';
import { emptyWorkbook, type Workbook } from '../../src-shared/workbook/workbook-schema';
import { VIEW_TEMPLATES } from '../../src-shared/analysis/registry';
import { diskWorkbookHandle } from '../../src-main/workbook/workbook-reads';
import { createSession, sessionReport, type WorkbookHandle } from '../../src-shared/session';
import type { SnapshotUse } from '../../src-shared/workbook/load-sources';
import type { WorkbookRun } from '../../src-shared/workbook/report-run';
import { serializeWorkbook } from '../../src-shared/workbook/serialize-workbook';
import { fakePlatform } from '../session/fake-platform';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SAMPLE_WORKBOOK = path.join(ROOT, 'sample-data/somerset-board-pack.workbook.json');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `wb-${prefix}-`));
}

export function writeText(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A small activity extract: two orgs, two pods, three months. */
export const AE_CSV = [
  'org,pod,month,attendances,notes',
  '11X,AE,2016-04-01,100,a',
  '11X,NEL,2016-04-01,40,b',
  '11X,AE,2016-05-01,110,c',
  '11X,NEL,2016-05-01,42,d',
  '11X,AE,2017-04-01,120,e',
  '11X,NEL,2017-04-01,45,f',
  '99A,AE,2016-04-01,300,g',
  '99A,NEL,2016-04-01,90,h',
  '99A,AE,2017-04-01,330,i',
  '',
].join('\n');

/**
 * A workbook over `ae.csv` (loaded into `engine` as table `ae`): a derived
 * table, two charts, a growth view, text, in a 2-column report. Source paths
 * are absolute (as the app holds them in memory).
 */
export async function smallWorkbook(engine: Engine, csvFile: string): Promise<Workbook> {
  const source = await nodeFileSource(csvFile);
  const report = await createImportService(engine).importFiles('ae', [source]);
  return validateWorkbook({
    ...emptyWorkbook('Small pack'),
    sources: [
      sourceRecord({ table: 'ae', files: [{ path: source.path!, fingerprint: await fingerprintSource(source) }], importOptions: { dateOrder: 'YMD' }, report }),
    ],
    derived: [{ table: 'ae_11x', sql: "SELECT * FROM ae WHERE org = '11X'" }],
    charts: [
      {
        id: 'by-pod',
        spec: {
          version: 1,
          source: { table: 'ae' },
          type: 'column',
          x: { field: 'pod' },
          series: { field: 'org' },
          y: [{ field: 'attendances', aggregate: 'sum' }],
          format: { title: 'Attendances by POD' },
        },
      },
      {
        id: 'monthly-11x',
        spec: {
          version: 1,
          source: { table: 'ae_11x' },
          type: 'line',
          x: { field: 'month', grain: 'month' },
          y: [{ id: 'n', field: 'attendances', aggregate: 'sum', label: 'Attendances' }],
          format: { title: 'Monthly attendances, 11X' },
        },
      },
    ],
    views: [
      { id: 'growth', spec: { template: 'growth', tables: ['ae'], mapping: { group: 'pod', period: 'month', value: 'attendances', area: 'org' }, params: {} } },
    ],
    report: {
      columns: 2,
      items: [
        { kind: 'text', id: 'intro', title: 'Introduction', text: 'Small <pack>' },
        { kind: 'chart', id: 'i-pod', chart: 'by-pod', width: 1, commentary: 'By POD.' },
        { kind: 'chart', id: 'i-monthly', chart: 'monthly-11x', width: 1 },
        { kind: 'view', id: 'i-growth', view: 'growth' },
      ],
    },
    notes: 'Notes here.',
  });
}

/**
 * Open a workbook in a session over `engine` and compute it, as the app and
 * `cli render` do. With `file`, its paths resolve against that file (files in
 * the repository's sample-data and the temporary folder are allowed too); without, its paths are
 * absolute and every file that exists is handed over.
 */
export async function computeWorkbook(engine: Engine, wb: Workbook, opts: { file?: string; snapshot?: SnapshotUse } = {}): Promise<WorkbookRun> {
  let handle: WorkbookHandle;
  if (opts.file) handle = await diskWorkbookHandle(wb, opts.file, [path.join(ROOT, 'sample-data'), os.tmpdir()]);
  else {
    const files: WorkbookHandle['files'] = {};
    for (const f of wb.sources.flatMap((s) => s.files)) {
      try {
        files[f.path] = await nodeFileSource(f.path);
      } catch {
        // missing: the snapshot stands in, or the session reports it
      }
    }
    handle = { name: 'test.workbook.json', path: null, text: serializeWorkbook(wb), files, outside: [] };
  }
  const session = createSession({ engine, platform: fakePlatform() });
  await session.getState().openWorkbook(handle, opts.snapshot ? { snapshot: opts.snapshot } : {});
  const pending = session.getState().pendingWorkbook;
  if (pending)
    throw new Error(
      pending.message ??
        `The workbook did not open: ${JSON.stringify({ outside: pending.outside, missing: pending.missing, shapes: pending.shapes.map((s) => s.table) })}`,
    );
  await session.settled();
  return sessionReport(session.getState(), VIEW_TEMPLATES);
}
