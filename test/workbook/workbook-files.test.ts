import { spawnSync } from 'node:child_process';
import { createImportService, type ImportService } from '../../src-shared/import/import-service';
import { promises as fsp, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { findNewerExtracts, useNewerExtracts } from '../../src-main/workbook/newer-files';
import { loadSourcesFromDisk, openWorkbook, recordSourceStateFromDisk } from './open-from-disk';
import { deleteRecovery, findRecovery, listRecoveries, readRecovery, recoveryFilePath, writeRecovery } from '../../src-main/workbook/recovery';
import { saveWorkbook, snapshotFolder } from '../../src-main/workbook/save-workbook';
import { readWorkbookFile, saveWorkbookFile, withAbsoluteSourcePaths } from '../../src-main/workbook/workbook-files';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { parseWorkbook } from '../../src-shared/workbook/parse-workbook';
import { remapWorkbook } from '../../src-shared/workbook/remap';
import type { WorkbookRun } from '../../src-shared/workbook/report-run';
import { renamesOf } from '../../src-shared/workbook/schema-diff';
import { SNAPSHOT_WARNING } from '../../src-shared/workbook/snapshot';
import { WorkbookError } from '../../src-shared/workbook/workbook-error';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { computeWorkbook, AE_CSV, ROOT, SAMPLE_WORKBOOK, smallWorkbook, tempDir, writeText } from './helpers';

let engine: Engine;
let importer: ImportService;

beforeAll(async () => {
  engine = await openTestEngine();
  importer = createImportService(engine);
});

afterAll(async () => {
  await engine?.close();
});

/** What a run shows, without the SQL text (which names tables the same way either side). */
function results(run: WorkbookRun): unknown {
  return JSON.parse(JSON.stringify({ items: run.items, charts: run.charts, views: run.views, errors: run.errors, derived: run.derived }));
}

describe('save and open', () => {
  it('round-trips the sample workbook: the same specs and the same results after Save As elsewhere', async () => {
    const original = await readWorkbookFile(SAMPLE_WORKBOOK);
    const first = await loadSourcesFromDisk(importer, original.workbook, original.file);
    expect(first.problems).toEqual([]);
    expect(first.sources.map((s) => [s.table, s.loadedFrom, s.files.map((f) => f.state), s.diff?.same])).toEqual([
      ['activity', 'files', ['unchanged'], true],
      ['dtoc', 'files', ['unchanged'], true],
      ['peer_indicators', 'files', ['unchanged'], true],
      ['ccg_demographics', 'files', ['unchanged'], true],
      ['performance', 'files', ['unchanged'], true],
    ]);
    const before = await computeWorkbook(engine, original.workbook, { file: original.file });
    expect(before.errors).toEqual([]);

    const target = path.join(tempDir('roundtrip'), 'copies', 'board.workbook.json');
    const written = await saveWorkbookFile(target, original.workbook, { relativeTo: original.file });
    const rel = path.relative(path.dirname(target), path.join(ROOT, 'sample-data/activity.csv')).split(path.sep).join('/');
    expect(written.sources[0]!.files[0]!.path).toBe(rel);

    const reopened = await openWorkbook(target, importer);
    expect(reopened.loaded.problems).toEqual([]);
    expect(reopened.workbook).toEqual(written);
    expect(withAbsoluteSourcePaths(reopened.workbook, target)).toEqual(withAbsoluteSourcePaths(original.workbook, original.file));
    const { sources: _a, ...specsBefore } = original.workbook;
    const { sources: _b, ...specsAfter } = reopened.workbook;
    expect(specsAfter).toEqual(specsBefore);
    const after = await computeWorkbook(engine, reopened.workbook, { file: target });
    expect(results(after)).toEqual(results(before));
  }, 240_000);

  it('writes deterministic JSON and reads back exactly what it wrote', async () => {
    const dir = tempDir('small');
    const csv = writeText(path.join(dir, 'data', 'ae.csv'), AE_CSV);
    const wb = await smallWorkbook(engine, csv);
    const target = path.join(dir, 'packs', 'small.workbook.json');
    const saved = await saveWorkbookFile(target, wb);
    expect(saved.sources[0]!.files[0]!.path).toBe('../data/ae.csv');
    const text = readFileSync(target, 'utf8');
    await saveWorkbookFile(target, saved);
    expect(readFileSync(target, 'utf8')).toBe(text);
    expect(parseWorkbook(text, 'small.workbook.json')).toEqual(saved);
    const opened = await openWorkbook(target, importer);
    expect(opened.loaded.sources[0]!.files[0]).toMatchObject({ stored: '../data/ae.csv', absolute: csv, state: 'unchanged' });
    expect(results(await computeWorkbook(engine, opened.workbook, { file: target }))).toEqual(results(await computeWorkbook(engine, wb)));
  });

  it('opens the version 1 fixture, migrated, and computes its charts', async () => {
    const opened = await openWorkbook(path.join(ROOT, 'test/fixtures/workbook/somerset-activity.v1.workbook.json'), importer);
    expect(opened.fromVersion).toBe(1);
    expect(opened.loaded.problems).toEqual([]);
    expect(opened.loaded.sources.map((s) => [s.table, s.files[0]!.state, s.diff])).toEqual([
      ['activity', 'unknown', null],
      ['peer_indicators', 'unknown', null],
    ]);
    const run = await computeWorkbook(engine, opened.workbook, { file: opened.file });
    expect(run.errors).toEqual([]);
    const ae = run.charts[0]!;
    if (ae.status !== 'ok') throw new Error(ae.message);
    const expected = tableToJsonRows(
      await engine.query("SELECT financial_year, sum(activity) AS n FROM activity WHERE commissioner_code = '11X' AND pod = 'AE' GROUP BY 1 ORDER BY 1"),
    );
    expect(ae.rows.map((r) => [r.month_financial_year, r.sum_activity])).toEqual(expected.map((r) => [r.financial_year, r.n]));
    // Recording the source state gives a version 2 workbook with fingerprints and columns.
    const recorded = await recordSourceStateFromDisk(opened.workbook, opened.loaded);
    expect(recorded.sources[0]!.files[0]!.fingerprint?.hash.algorithm).toBe('sha-256');
    expect(recorded.sources[0]!.columns?.map((c) => c.name)).toContain('commissioner_code');
  });
});

describe('a damaged workbook', () => {
  it('is refused with a clear error and left as it was', async () => {
    const dir = tempDir('damaged');
    const full = readFileSync(SAMPLE_WORKBOOK, 'utf8');
    const truncated = writeText(path.join(dir, 'cut.workbook.json'), full.slice(0, Math.floor(full.length / 2)));
    const before = readFileSync(truncated);
    const error = await readWorkbookFile(truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).kind).toBe('truncated');
    expect((error as WorkbookError).message).toMatch(/^Cannot open cut\.workbook\.json: the file is incomplete: it stops at line \d+, column \d+/);
    expect(readFileSync(truncated)).toEqual(before);

    const invalid = writeText(path.join(dir, 'bad.workbook.json'), full.replace('"version": 2,', '"version": 2'));
    await expect(readWorkbookFile(invalid)).rejects.toThrow(
      /^Cannot open bad\.workbook\.json: it is not valid JSON: expected "," or "}" after a property value but found """ at line 4, column 3$/,
    );
    await expect(readWorkbookFile(path.join(dir, 'none.workbook.json'))).rejects.toThrow(`Workbook not found: ${path.join(dir, 'none.workbook.json')}`);
  });

  it('is never overwritten by a save that fails validation', async () => {
    const dir = tempDir('invalid-save');
    const target = path.join(dir, 'pack.workbook.json');
    const wb = parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'x');
    await saveWorkbookFile(target, wb, { relativeTo: SAMPLE_WORKBOOK });
    const before = readFileSync(target, 'utf8');
    const broken = { ...wb, report: { ...wb.report, items: [{ kind: 'chart' as const, id: 'x', chart: 'no-such-chart' }] } };
    await expect(saveWorkbookFile(target, broken)).rejects.toThrow(
      'Cannot save pack.workbook.json: it is not a valid workbook: report.items[0].chart: no chart "no-such-chart" in the workbook',
    );
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['pack.workbook.json']);
  });
});

describe('a crash while saving', () => {
  it('leaves the old workbook whole when the rename fails', async () => {
    const dir = tempDir('rename');
    const target = path.join(dir, 'pack.workbook.json');
    const wb = parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'x');
    await saveWorkbookFile(target, wb, { relativeTo: SAMPLE_WORKBOOK });
    const before = readFileSync(target, 'utf8');
    const spy = vi.spyOn(fsp, 'rename').mockRejectedValueOnce(new Error('power cut'));
    await expect(saveWorkbookFile(target, { ...wb, title: 'Changed' }, { relativeTo: SAMPLE_WORKBOOK })).rejects.toThrow('power cut');
    spy.mockRestore();
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['pack.workbook.json']);
    expect(parseWorkbook(readFileSync(target, 'utf8'), 'pack.workbook.json').title).toBe(wb.title);
  });

  it('leaves the old workbook whole when the process is killed between writing and renaming', async () => {
    const dir = tempDir('kill');
    const target = path.join(dir, 'pack.workbook.json');
    const wb = parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'x');
    await saveWorkbookFile(target, wb, { relativeTo: SAMPLE_WORKBOOK });
    const before = readFileSync(target, 'utf8');
    const child = writeText(
      path.join(dir, 'child.mts'),
      [
        "import { promises as fs } from 'node:fs';",
        `import { saveWorkbookFile } from ${JSON.stringify(path.join(ROOT, 'src-main/workbook/workbook-files.ts'))};`,
        `import { parseWorkbook } from ${JSON.stringify(path.join(ROOT, 'src-shared/workbook/parse-workbook.ts'))};`,
        `const wb = parseWorkbook(await fs.readFile(${JSON.stringify(target)}, 'utf8'), 'x');`,
        "fs.rename = async () => { process.kill(process.pid, 'SIGKILL'); await new Promise(() => undefined); };",
        `await saveWorkbookFile(${JSON.stringify(target)}, { ...wb, title: 'Half saved' });`,
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, ['--import', 'tsx', child], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(result.signal).toBe('SIGKILL');
    expect(readFileSync(target, 'utf8')).toBe(before);
    // The killed process could not tidy its temporary file, but it is the only leftover, and is not a workbook name.
    expect(
      readdirSync(dir)
        .filter((f) => f !== 'child.mts' && f !== 'pack.workbook.json')
        .every((f) => f.startsWith('.pack.workbook.json.') && f.endsWith('.tmp')),
    ).toBe(true);
  });
});

describe('refreshing after the extract changed', () => {
  it('treats new content as a refresh, and reports changed columns exactly', async () => {
    const dir = tempDir('refresh');
    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const target = path.join(dir, 'pack.workbook.json');
    await saveWorkbookFile(target, await smallWorkbook(engine, csv));

    // Same columns, new rows: a refresh.
    writeText(csv, `${AE_CSV}99A,NEL,2017-04-01,95,j\n`);
    const refreshed = await openWorkbook(target, importer);
    expect(refreshed.loaded.problems).toEqual([]);
    expect(refreshed.loaded.sources[0]).toMatchObject({ loadedFrom: 'files', files: [{ state: 'changed' }], diff: { same: true } });
    expect(refreshed.loaded.sources[0]!.report?.rows).toBe(10);

    // New layout: ORG (case), delivery_point (same place), attendances now text, notes gone, extra added.
    writeText(csv, 'ORG,delivery_point,month,attendances,extra\n11X,AE,2016-04-01,lots,1\n11X,NEL,2016-05-01,40,2\n');
    const changed = await openWorkbook(target, importer);
    const diff = changed.loaded.sources[0]!.diff!;
    expect(diff.renamed).toEqual([
      { from: 'org', to: 'ORG', type: 'text', reason: 'similar-name' },
      { from: 'pod', to: 'delivery_point', type: 'text', reason: 'same-position' },
    ]);
    expect(diff.retyped).toEqual([{ name: 'attendances', from: 'integer', to: 'text', compatible: false }]);
    expect(diff.missing).toEqual([{ name: 'notes', type: 'text' }]);
    expect(diff.added).toEqual([{ name: 'extra', type: 'integer' }]);
    expect(changed.loaded.problems).toEqual([
      {
        kind: 'shape',
        table: 'ae',
        diff,
        message:
          'Source "ae" (ae.csv) has changed shape: missing "notes"; renamed "org" → "ORG", "pod" → "delivery_point"; retyped "attendances" (Whole number → Text); new "extra"',
      },
    ]);

    // The user accepts the renames: charts and views follow, and the renames no longer show as changes.
    const remapped = remapWorkbook(changed.workbook, 'ae', renamesOf(diff)).workbook;
    expect(remapped.charts[0]!.spec.x?.field).toBe('delivery_point');
    expect(remapped.views[0]!.spec.mapping).toMatchObject({ group: 'delivery_point', area: 'ORG' });
    const again = await loadSourcesFromDisk(importer, remapped, target);
    expect(again.sources[0]!.diff?.renamed).toEqual([]);
  });

  it('says which file is missing, with its full path', async () => {
    const dir = tempDir('missing');
    const csv = writeText(path.join(dir, 'data', 'ae.csv'), AE_CSV);
    const target = path.join(dir, 'pack.workbook.json');
    await saveWorkbookFile(target, await smallWorkbook(engine, csv));
    rmSync(csv);
    const opened = await openWorkbook(target, importer);
    expect(opened.loaded.problems).toEqual([{ kind: 'missing', table: 'ae', path: csv, message: `Source file not found: ${csv} (table "ae")` }]);
    expect(opened.loaded.sources[0]).toMatchObject({ loadedFrom: null, files: [{ state: 'missing', absolute: csv }] });
  });

  it('finds a newer extract of the same series', async () => {
    const dir = tempDir('newer');
    const oct = writeText(path.join(dir, 'dtoc-sitrep-2016-10-OCTOBER.csv'), AE_CSV);
    const nov = writeText(path.join(dir, 'dtoc-sitrep-2016-11-NOVEMBER.csv'), AE_CSV);
    writeText(path.join(dir, 'unrelated-2020.csv'), AE_CSV);
    utimesSync(oct, new Date('2016-11-05'), new Date('2016-11-05'));
    utimesSync(nov, new Date('2016-12-05'), new Date('2016-12-05'));
    const target = path.join(dir, 'pack.workbook.json');
    const wb = await smallWorkbook(engine, oct);
    const withPattern: Workbook = { ...wb, sources: [{ ...wb.sources[0]!, pattern: 'dtoc-sitrep-*.csv' }] };
    const newer = await findNewerExtracts(withPattern, target);
    expect(newer).toEqual([{ table: 'ae', current: oct, newer: nov, modified: new Date('2016-12-05').getTime() }]);
    expect(useNewerExtracts(withPattern, newer).sources[0]!.files).toEqual([{ path: nov }]);
    utimesSync(nov, new Date('2016-10-01'), new Date('2016-10-01'));
    expect(await findNewerExtracts(withPattern, target)).toEqual([]);
  });
});

describe('data snapshot', () => {
  it('is off by default, and when asked for stores each source table as Parquet beside the workbook', async () => {
    const dir = tempDir('snapshot');
    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const target = path.join(dir, 'pack.workbook.json');
    const wb = await smallWorkbook(engine, csv);
    const expected = results(await computeWorkbook(engine, wb));

    const plain = await saveWorkbook(target, wb);
    expect(plain.snapshot).toBeUndefined();
    expect(existsSync(snapshotFolder(target))).toBe(false);

    const withData = await saveWorkbook(target, wb, { snapshot: 'files', db: engine, created: new Date('2024-05-01T09:00:00Z') });
    const entry = withData.snapshot!.tables[0]!;
    expect(withData.snapshot).toMatchObject({ created: '2024-05-01T09:00:00.000Z', storage: 'files' });
    expect(entry).toMatchObject({ table: 'ae', rows: 9 });
    expect(entry.file).toMatch(/^pack\.workbook\.data\/ae-[0-9a-f]{12}\.parquet$/);
    expect(readdirSync(snapshotFolder(target))).toEqual([path.basename(entry.file!)]);
    expect(SNAPSHOT_WARNING).toContain('copies the rows of every source table into the workbook');

    // Without the extract, the table comes from the snapshot and every result is the same.
    rmSync(csv);
    const opened = await openWorkbook(target, importer);
    expect(opened.loaded.problems).toEqual([]);
    expect(opened.loaded.sources[0]!.loadedFrom).toBe('snapshot');
    expect(opened.loaded.sources[0]!.warnings).toEqual([`${csv} is missing, so table "ae" was loaded from the data snapshot taken on 2024-05-01.`]);
    expect(results(await computeWorkbook(engine, opened.workbook, { file: target }))).toEqual(expected);
    expect((await openWorkbook(target, importer, { snapshot: 'never' })).loaded.problems.map((p) => p.kind)).toEqual(['missing']);

    // A tampered snapshot is refused.
    const parquet = path.join(dir, entry.file!);
    const bytes = readFileSync(parquet);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 0xff, bytes.length - 20);
    writeFileSync(parquet, bytes);
    expect((await openWorkbook(target, importer)).loaded.problems[0]?.message).toBe(
      'Source "ae" could not be loaded: The snapshot of table "ae" is damaged or was replaced (its size or SHA-256 does not match the workbook)',
    );

    // Embedded in the JSON instead; saving without data removes the files.
    const embedded = await saveWorkbook(target, { ...wb, sources: wb.sources }, { snapshot: 'embedded', db: engine });
    expect(embedded.snapshot?.tables[0]?.data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(existsSync(snapshotFolder(target))).toBe(false);
    const fromJson = await openWorkbook(target, importer, { snapshot: 'always' });
    expect(fromJson.loaded.sources[0]!.loadedFrom).toBe('snapshot');
    expect(results(await computeWorkbook(engine, fromJson.workbook, { file: target, snapshot: 'always' }))).toEqual(expected);
    const withoutData = await saveWorkbook(target, fromJson.workbook);
    expect(withoutData.snapshot).toBeUndefined();
    expect(readFileSync(target, 'utf8')).not.toContain('"snapshot"');
  });
});

describe('recovery files', () => {
  it('writes, finds, lists, reads and deletes autosaved copies', async () => {
    const dir = tempDir('recovery');
    const folder = path.join(dir, 'userData', 'recovery');
    const workbookPath = path.join(dir, 'pack.workbook.json');
    const wb = parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'x');
    await saveWorkbookFile(workbookPath, wb, { relativeTo: SAMPLE_WORKBOOK });
    const edited = {
      ...wb,
      title: 'Edited, not saved',
      snapshot: {
        created: '2024-01-01T00:00:00Z',
        storage: 'embedded' as const,
        tables: [{ table: 'activity', rows: 1, bytes: 1, sha256: '0'.repeat(64), data: 'AA==' }],
      },
    };

    const file = await writeRecovery(folder, { workbookPath }, edited, new Date(Date.now() + 60_000));
    expect(file).toBe(recoveryFilePath(folder, { workbookPath }));
    expect(path.basename(file)).toMatch(/^wb-[0-9a-f]{16}\.recovery\.json$/);
    expect(readFileSync(file, 'utf8')).not.toContain('"snapshot"');
    await writeRecovery(folder, { untitledId: 'new-1' }, { ...wb, title: 'Untitled draft' }, new Date(Date.now() - 60_000));
    writeText(path.join(folder, 'wb-broken.recovery.json'), '{"format": "commissioning-workbench/recovery", "savedAt": "2024-01-01T00:00:00Z", "workbook": {');

    const found = await findRecovery(folder, { workbookPath });
    expect(found).toMatchObject({ workbookPath, stale: false });
    expect(found!.workbook.title).toBe('Edited, not saved');
    expect(found!.workbook.snapshot).toBeUndefined();

    const listed = await listRecoveries(folder);
    expect(listed.map((r) => ('error' in r ? `error: ${r.error}` : r.workbook.title))).toEqual([
      'Edited, not saved',
      'Untitled draft',
      'error: The recovery file ' + path.join(folder, 'wb-broken.recovery.json') + ' is damaged (not valid JSON)',
    ]);

    // Saving the workbook after the autosave makes the recovery copy stale; deleting removes it.
    const stale = await writeRecovery(folder, { workbookPath }, edited, new Date(Date.now() - 3_600_000));
    expect((await readRecovery(stale)).stale).toBe(true);
    await deleteRecovery(folder, { workbookPath });
    expect(await findRecovery(folder, { workbookPath })).toBeNull();
    expect(() => recoveryFilePath(folder, { untitledId: '../x' })).toThrow();
  });
});

describe('a workbook computed in a session', () => {
  it('computes items in report order, and keeps failures to the items they affect', async () => {
    const dir = tempDir('run');
    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const wb = await smallWorkbook(engine, csv);
    const run = await computeWorkbook(engine, wb);
    expect(run.errors).toEqual([]);
    expect(run.derived).toEqual([{ table: 'ae_11x', status: 'ok', rows: 6 }]);
    expect(run.items.map((i) => [i.kind, i.id, i.title, i.width])).toEqual([
      ['text', 'intro', 'Introduction', 2],
      ['chart', 'i-pod', 'Attendances by POD', 1],
      ['chart', 'i-monthly', 'Monthly attendances, 11X', 1],
      ['view-chart', 'i-growth', 'Activity', 2],
    ]);
    const monthly = run.items[2]!;
    if (monthly.kind !== 'chart') throw new Error('not a chart');
    expect(monthly.chart.rows).toEqual([
      { month: '2016-04-01', n: 140 },
      { month: '2016-05-01', n: 152 },
      { month: '2017-04-01', n: 165 },
    ]);
    expect(monthly.chart.data.columns.map((c) => c.label)).toEqual(['Month', 'Attendances']);

    const broken = {
      ...wb,
      derived: [{ table: 'ae_11x', sql: 'SELECT * FROM no_such_table' }],
      charts: [...wb.charts, { id: 'bad-field', spec: { ...wb.charts[0]!.spec, x: { field: 'podd', grain: 'none' as const } } }],
      views: [{ id: 'growth', spec: { ...wb.views[0]!.spec, template: 'nope' } }],
      report: { ...wb.report, items: [...wb.report.items, { kind: 'chart' as const, id: 'i-bad', chart: 'bad-field' }] },
    };
    const failed = await computeWorkbook(engine, broken);
    expect(failed.derived[0]).toMatchObject({ table: 'ae_11x', status: 'error' });
    expect(failed.errors).toEqual([
      expect.stringMatching(/^Derived table "ae_11x" failed: Catalog error: Table with name no_such_table does not exist/),
      expect.stringMatching(/^Chart "Monthly attendances, 11X" \(monthly-11x\): it reads derived table "ae_11x", which failed: Catalog error/),
      'Chart "Attendances by POD" (bad-field): x.field: no column "podd" in table ae',
      'View "growth" (growth): there is no view template "nope" (templates: peers, dtoc, growth, workforce, spc, funnel)',
    ]);
    expect(failed.items.map((i) => i.kind)).toEqual(['text', 'chart', 'error', 'error', 'error']);
  });

  it('refuses derived SQL that is not a single query', async () => {
    const dir = tempDir('run-sql');
    const wb = await smallWorkbook(engine, writeText(path.join(dir, 'ae.csv'), AE_CSV));
    const run = await computeWorkbook(engine, {
      ...wb,
      derived: [{ table: 'ae_11x', sql: 'SELECT 1; DROP TABLE ae' }],
      charts: wb.charts.filter((c) => c.spec.source.table !== 'ae_11x'),
      report: { ...wb.report, items: wb.report.items.filter((i) => i.kind !== 'chart' || i.chart !== 'monthly-11x') },
    });
    expect(run.derived).toEqual([
      {
        table: 'ae_11x',
        status: 'error',
        message:
          'Derived table "ae_11x" failed: the SQL holds more than one statement, or one that is not a query: only one SELECT query (or WITH … SELECT) that reads the loaded tables can run',
      },
    ]);
    expect(tableToJsonRows(await engine.query('SELECT count(*) AS n FROM ae'))).toEqual([{ n: 9 }]);
  });
});
