import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/cli/args';
import { RENDER_VALUE_OPTIONS, runRenderWith } from '../../src-main/cli/commands/render';
import { openTestEngine } from '../engine-under-test';
import { VIEW_TEMPLATES } from '../../src-shared/analysis/registry';
import type { Engine } from '../../src-shared/engine/engine';
import { createImportService } from '../../src-shared/import/import-service';
import { createSession, sessionReport } from '../../src-shared/session';
import type { WorkbookRun } from '../../src-shared/workbook/report-run';
import { SAMPLE_WORKBOOK, tempDir } from '../workbook/helpers';
import { fakePlatform } from './fake-platform';

/**
 * The app and `cli render` open and compute a workbook by one implementation
 * (the session), so they must show the same tables and chart data. The app
 * side here is the session as the app drives it ("Open sample data", files
 * located by name as in the browser); the CLI side is `render` reading the
 * files by path.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine?.close();
});

/** What a reader of the report sees: each chart's rows and each view's tables, by id. */
function shown(run: WorkbookRun) {
  return {
    charts: Object.fromEntries(run.charts.map((c) => [c.id, c.status === 'ok' ? { title: c.title, rows: c.rows, data: c.data } : c.message])),
    views: Object.fromEntries(
      run.views.map((v) => [v.id, v.status === 'ok' ? { title: v.title, tables: v.result.tables, charts: v.result.charts.map((c) => c.option) } : v.message]),
    ),
    items: run.items.map((i) => [i.kind, i.id, i.title]),
    errors: run.errors,
  };
}

describe('the app and the CLI', () => {
  it('produce the same tables and chart data for the sample workbook', async () => {
    const out = tempDir('app-cli');
    const io = { out: () => undefined, err: () => undefined };
    const cli = await runRenderWith(parseArgs(['render', SAMPLE_WORKBOOK, '--out', path.join(out, 'pack')], new Set(RENDER_VALUE_OPTIONS)), io, (fn) =>
      fn({ engine, importer: createImportService(engine) }),
    );

    const app = createSession({ engine, platform: fakePlatform() });
    await app.getState().openSampleData();
    await app.settled();
    const appRun = sessionReport(app.getState(), VIEW_TEMPLATES);

    expect(cli.run.errors).toEqual([]);
    expect(cli.run.charts.length).toBeGreaterThanOrEqual(3);
    expect(shown(appRun)).toEqual(shown(cli.run));
  }, 300_000);
});
