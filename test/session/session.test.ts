import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { ChartSpecInput } from '../../src-shared/charts/chart-spec';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { SAMPLE_FILES } from '../../src-shared/sample-data';
import { createSession, type Session } from '../../src-shared/session';
import { parseWorkbook } from '../../src-shared/workbook/parse-workbook';
import { fakePlatform, textHandle, type FakePlatform } from './fake-platform';

/**
 * The workbench session driven in node exactly as the app drives it — with
 * the node engine and a fake platform, no React, no browser: open the sample
 * data, build a chart, run a view, save, reopen, refresh a table whose
 * column was renamed, and recover unsaved work. Values are checked against
 * independent SQL over the same tables.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wb-session-'));

let engine: Engine;
let platform: FakePlatform;
let session: Session;

beforeAll(async () => {
  engine = await openTestEngine();
  platform = fakePlatform();
  session = createSession({ engine, platform });
});
afterAll(async () => {
  await engine?.close();
});

const state = () => session.getState();

async function sql(text: string) {
  return tableToJsonRows(await engine.query(text));
}

function readyRows(id: string) {
  const result = state().chartResults[id];
  if (result?.status !== 'ready') throw new Error(`chart ${id} is ${JSON.stringify(result)}`);
  return result.rows;
}

describe('the workbench session, headless', () => {
  it('opens the sample data: every sample table, the sample workbook’s charts, views and report', async () => {
    await state().openSampleData();
    await session.settled();
    expect(state().importError).toBeNull();
    expect(state().pendingWorkbook).toBeNull();
    const sample = parseWorkbook(readFileSync(path.join(ROOT, 'sample-data/somerset-board-pack.workbook.json'), 'utf8'), 'sample');
    expect(
      state()
        .datasets.map((d) => d.table)
        .sort(),
    ).toEqual([...SAMPLE_FILES.map((s) => s.table), ...sample.derived.map((d) => d.table)].sort());
    expect(state().charts.map((c) => c.id)).toEqual(sample.charts.map((c) => c.id));
    expect(state().views.map((v) => v.id)).toEqual(sample.views.map((v) => v.id));
    expect(state().report.items.map((i) => i.id)).toEqual(sample.report.items.map((i) => i.id));
    expect(Object.values(state().chartResults).map((r) => r.status)).toEqual(sample.charts.map(() => 'ready'));
    expect(Object.values(state().viewResults).map((r) => r.status)).toEqual(sample.views.map(() => 'ready'));
    expect(state().workbook.dirty).toBe(false);
    expect(state().focus).toEqual({ kind: 'report' });
    // The derived table's rows are what its SQL says.
    const derived = state().datasets.find((d) => d.sql !== undefined)!;
    expect(derived.rows).toBe(Number((await sql(`SELECT count(*) AS n FROM ${derived.table}`))[0]!.n));
  }, 240_000);

  it('builds a chart, with undo and redo, and its values match independent SQL', async () => {
    const id = state().createChart('activity');
    const spec: ChartSpecInput = {
      version: 1,
      source: { table: 'activity' },
      type: 'column',
      x: { field: 'financial_year', grain: 'none' },
      y: [{ id: 'n', field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'include', field: 'commissioner_code', values: ['11X'] }],
      sort: { by: 'category', direction: 'asc' },
      format: { title: 'Somerset activity by financial year' },
    };
    state().updateChart(id, () => spec);
    await session.settled();
    const expected = await sql("SELECT financial_year, sum(activity) AS n FROM activity WHERE commissioner_code = '11X' GROUP BY 1 ORDER BY 1");
    expect(readyRows(id)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(6);

    state().updateChart(id, (s) => ({ ...s, type: 'bar', y: [{ id: 'n', field: 'cost_gbp', aggregate: 'sum' }] }));
    await session.settled();
    expect(readyRows(id)[0]).toEqual({
      financial_year: expected[0]!.financial_year,
      n: (await sql("SELECT sum(cost_gbp) AS n FROM activity WHERE commissioner_code = '11X' AND financial_year = '2014/15'"))[0]!.n,
    });
    state().undoChart(id);
    await session.settled();
    expect(readyRows(id)).toEqual(expected);
    state().redoChart(id);
    await session.settled();
    expect((state().charts.find((c) => c.id === id)!.spec as { type: string }).type).toBe('bar');
    expect(state().workbook.dirty).toBe(true);
  });

  it('runs a view: peers for 11X gives the same opportunity as the template run directly', async () => {
    const id = state().createView('peers', ['peer_indicators', 'ccg_demographics']);
    state().updateView(id, { params: { home: '11X' } });
    await session.settled();
    const run = state().viewResults[id];
    expect(run?.status).toBe('ready');
    if (run?.status !== 'ready') return;
    const template = (await import('../../src-shared/analysis/registry')).viewTemplate('peers')!;
    const direct = await template.run(engine, { ...state().views.find((v) => v.id === id)!.spec, params: template.parseParams({ home: '11X' }) });
    expect(run.result.json).toEqual(direct.json);
    const total = (run.result.json as { total: { opportunityValue: number } }).total.opportunityValue;
    expect(total).toBeGreaterThan(0);
  });

  it('SQL editor: runs a SELECT through the gate, refuses what reaches outside, and saves it as a derived table', async () => {
    state().setSqlText("SELECT pod, sum(activity) AS activity FROM activity WHERE commissioner_code = '11X' GROUP BY pod ORDER BY activity DESC");
    await state().runSql();
    const result = state().sqlResult;
    if (result.status !== 'ready') throw new Error(JSON.stringify(result));
    expect(result.columns).toEqual(['pod', 'activity']);
    expect(result.rows).toEqual(
      await sql("SELECT pod, sum(activity) AS activity FROM activity WHERE commissioner_code = '11X' GROUP BY pod ORDER BY activity DESC"),
    );
    expect(result.more).toBe(false);
    // More than the preview holds: the first 1,000 rows, and it says there are more.
    state().setSqlText('SELECT * FROM activity');
    await state().runSql();
    const big = state().sqlResult;
    expect(big.status === 'ready' && [big.rows.length, big.more]).toEqual([1000, true]);
    // The gate: a file read is refused with one line, and nothing is saved from it.
    state().setSqlText("SELECT * FROM read_csv('/etc/passwd')");
    await state().runSql();
    const refused = state().sqlResult;
    expect(refused.status === 'error' && refused.message).toMatch(/read_csv\(\) is not allowed here|reaches outside the loaded tables/);
    expect(await state().addDerivedTable('passwd', "SELECT * FROM read_csv('/etc/passwd')")).toMatch(/not allowed|outside/);
    expect(state().datasets.some((d) => d.table === 'passwd')).toBe(false);
    // Saved: a table of the workbook, saved as its SQL.
    expect(await state().addDerivedTable('activity', 'SELECT 1 AS x')).toMatch(/imported table/);
    expect(await state().addDerivedTable('pod totals', 'SELECT 1 AS x')).toMatch(/letters, digits and underscores/);
    const query = "SELECT pod, sum(activity) AS activity FROM activity WHERE commissioner_code = '11X' GROUP BY pod";
    expect(await state().addDerivedTable('pod_totals_11x', query)).toBeNull();
    expect(state().datasets.find((d) => d.table === 'pod_totals_11x')).toMatchObject({ sql: query, rows: result.rows.length });
    expect(state().focus).toEqual({ kind: 'table', table: 'pod_totals_11x' });
    expect((await state().buildWorkbook()).derived).toContainEqual({ table: 'pod_totals_11x', sql: query });
    await state().removeDataset('pod_totals_11x');
  });

  it('SQL editor: runs the selected statement, points at a mistake by line and column, keeps a history, and cancels', async () => {
    const text = 'SELECT 1 AS one;\nSELECT pod, count(*) AS n\nFROM activty\nGROUP BY pod';
    state().setSqlText(text);
    // The selection: the first statement only.
    await state().runSql({ from: 0, to: 'SELECT 1 AS one'.length });
    expect(state().sqlResult).toMatchObject({ status: 'ready', columns: ['one'], rows: [{ one: 1 }] });
    // The second statement, with its mistake placed in the whole text.
    const from = text.indexOf('SELECT pod');
    await state().runSql({ from, to: text.length });
    const mistake = state().sqlResult;
    if (mistake.status !== 'error') throw new Error(JSON.stringify(mistake));
    expect(mistake.message).toMatch(/^Catalog error: Table with name activty does not exist! Did you mean "activity"\?$/);
    expect(mistake.at).toEqual({ offset: text.indexOf('activty'), line: 3, column: 6 });
    // The history: each query once, newest first.
    await state().runSql({ from: 0, to: 'SELECT 1 AS one'.length });
    expect(
      state()
        .sqlHistory.slice(0, 2)
        .map((h) => h.sql),
    ).toEqual(['SELECT 1 AS one', 'SELECT * FROM activity']);
    expect(state().sqlHistory.filter((h) => h.sql === 'SELECT 1 AS one')).toHaveLength(1);
    // Cancelled mid-query: said so, and the next query runs.
    state().setSqlText('SELECT count(*) AS n FROM range(3000000000) a');
    const running = state().runSql();
    await vi.waitFor(() => expect(state().sqlResult.status).toBe('running'));
    state().cancelSql();
    await running;
    expect(state().sqlResult).toEqual({ status: 'error', message: 'Cancelled: the query was stopped before it finished.' });
    state().setSqlText('SELECT 2 AS two');
    await state().runSql();
    expect(state().sqlResult).toMatchObject({ status: 'ready', rows: [{ two: 2 }] });
  });

  it('saves, and reopens with the same charts and the same values', async () => {
    state().setWorkbookTitle('Session board pack');
    expect(await state().saveWorkbook({ saveAs: true, snapshot: false })).toBe(true);
    const saved = platform.saved.at(-1)!;
    expect(saved.name).toBe('session_board_pack.workbook.json');
    expect(state().workbook.dirty).toBe(false);
    const wb = parseWorkbook(saved.text, saved.name);
    expect(wb.title).toBe('Session board pack');
    expect(wb.charts.length).toBe(state().charts.length);
    const before = Object.fromEntries(state().charts.map((c) => [c.id, readyRows(c.id)]));

    const reopened = createSession({ engine, platform: fakePlatform() });
    await reopened.getState().openWorkbook(textHandle(saved.name, saved.text));
    // In the browser, files have no paths; these are the app's own sample files, the very ones the
    // workbook was saved with (same content), so they are found without asking.
    await reopened.settled();
    expect(reopened.getState().notice).toBe(`Used the app’s sample data for ${wb.sources.length} files: the same files the workbook was saved with.`);
    expect(reopened.getState().pendingWorkbook).toBeNull();
    const after = Object.fromEntries(
      reopened.getState().charts.map((c) => {
        const r = reopened.getState().chartResults[c.id];
        return [c.id, r?.status === 'ready' ? r.rows : r];
      }),
    );
    expect(after).toEqual(before);
    expect(reopened.getState().workbook).toMatchObject({ title: 'Session board pack', name: saved.name, dirty: false });
  }, 240_000);

  it('refreshes a table from a newer extract whose column was renamed, and the chart follows the rename', async () => {
    const original = readFileSync(path.join(ROOT, 'sample-data/activity.csv'), 'utf8');
    const renamed = original.replace(/^commissioner_code,/, 'ccg_code,');
    const file = path.join(tmp, 'activity_2024.csv');
    writeFileSync(file, renamed);
    const chart = state().charts.find((c) => (c.spec as { format?: { title?: string } }).format?.title === 'Somerset activity by financial year')!;
    const before = readyRows(chart.id);
    const diff = await state().refreshTable('activity', await nodeFileSource(file));
    await session.settled();
    expect(diff?.renamed.map((r) => [r.from, r.to])).toEqual([['commissioner_code', 'ccg_code']]);
    const spec = state().charts.find((c) => c.id === chart.id)!.spec as { filters: { field: string }[] };
    expect(spec.filters[0]!.field).toBe('ccg_code');
    expect(state().chartResults[chart.id]?.status).toBe('ready');
    expect(readyRows(chart.id).map((r) => r.financial_year)).toEqual(before.map((r) => r.financial_year));
  });

  it('keeps a recovery copy of unsaved work and restores it in a new session', async () => {
    state().setWorkbookTitle('Unsaved changes');
    await state().writeRecoveryNow();
    const copy = [...platform.recoveries.values()].at(-1)!;
    expect(parseWorkbook(copy.text, 'recovery').title).toBe('Unsaved changes');

    const restarted = createSession({ engine, platform });
    await restarted.getState().checkRecoveries();
    expect(restarted.getState().recoveries.map((r) => r.key)).toContain(copy.key);
    await restarted.getState().restoreRecovery(copy);
    // The renamed extract is not a sample file: only it is asked for; the rest came from the sample data on their own.
    expect(restarted.getState().pendingWorkbook?.missing.map((m) => m.name)).toEqual(['activity_2024.csv']);
    expect(restarted.getState().pendingWorkbook?.fromSample?.length).toBeGreaterThan(3);
    // Asking for sample copies of what is left finds none, and says so.
    await restarted.getState().locateFromSampleData();
    expect(restarted.getState().pendingWorkbook?.message).toBe('The app has no copies of these files: choose them with Locate files…');
    await restarted.getState().locateSourceFiles([await nodeFileSource(path.join(tmp, 'activity_2024.csv'))]);
    await restarted.settled();
    expect(restarted.getState().pendingWorkbook).toBeNull();
    expect(restarted.getState().workbook).toMatchObject({ title: 'Unsaved changes', dirty: true });
    expect(restarted.getState().recoveries).toEqual([]);
    expect(Object.values(restarted.getState().chartResults).filter((r) => r.status !== 'ready')).toEqual([]);
  }, 240_000);
});
