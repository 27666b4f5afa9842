import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { ChartSpecInput } from '../../src-shared/charts/chart-spec';
import { chartExportTable } from '../../src-shared/charts/chart-export';
import { buildChartOption } from '../../src-shared/charts/build-chart-option';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { createSession, type Session } from '../../src-shared/session';
import { parseWorkbook } from '../../src-shared/workbook/parse-workbook';
import { openTestEngine } from '../engine-under-test';
import { AE_FIXTURE, expectedPerformance } from '../charts/ae-extract';
import { fakePlatform, textHandle, type FakePlatform } from './fake-platform';

/*
 * Calculated columns, display names and value labels on an A&E extract in the layout of NHS
 * England's monthly A&E attendances CSV (test/charts/ae-extract.ts). Four-hour performance by
 * financial year, worked out there independently of DuckDB, must match the chart to 1e-9.
 */

const FIXTURE = AE_FIXTURE;

const ATTENDANCES = 'coalesce([A&E attendances Type 1], 0) + coalesce([A&E attendances Type 2], 0) + coalesce([A&E attendances Other A&E Department], 0)';
const BREACHES =
  'coalesce([Attendances over 4hrs Type 1], 0) + coalesce([Attendances over 4hrs Type 2], 0) + coalesce([Attendances over 4hrs Other Department], 0)';

const CHART: ChartSpecInput = {
  version: 1,
  source: { table: 'ae_monthly' },
  type: 'line',
  x: { field: 'Period', grain: 'financial_year' },
  series: { field: 'Org Code' },
  y: [{ id: 'four_hour', expr: '100 * (1 - sum([Total breaches]) / sum([Total attendances]))', label: 'Four-hour performance (%)' }],
};

let engine: Engine;
let platform: FakePlatform;
let session: Session;
const state = () => session.getState();

function ready(id: string) {
  const r = state().chartResults[id];
  if (r?.status !== 'ready') throw new Error(`chart ${id} is ${JSON.stringify(r)}`);
  return r;
}

beforeAll(async () => {
  engine = await openTestEngine();
  platform = fakePlatform();
  session = createSession({ engine, platform });
  await state().importFiles([await nodeFileSource(FIXTURE)]);
});
afterAll(async () => {
  await engine?.close();
});

describe('field settings: calculated columns, display names and value labels', () => {
  it('adds calculated columns to the table, refusing unknown names and aggregates with their place', async () => {
    expect(state().datasets.map((d) => d.table)).toEqual(['ae_monthly']);
    expect(await state().saveCalculatedColumn('ae_monthly', 'Total attendances', ATTENDANCES)).toBeNull();
    expect(await state().saveCalculatedColumn('ae_monthly', 'Total breaches', BREACHES)).toBeNull();
    expect(await state().saveCalculatedColumn('ae_monthly', 'Oops', '[Attendences Type 1] * 2')).toMatch(/There is no field "Attendences Type 1"/);
    expect(await state().saveCalculatedColumn('ae_monthly', 'Oops', 'sum([Total breaches])')).toMatch(
      /belongs in a measure, not a calculated column \(at character 1\)/,
    );
    expect(await state().saveCalculatedColumn('ae_monthly', 'Org Code', '1')).toBe('The table already has a field "Org Code": choose another name.');
    const columns = state().columnsOf('ae_monthly');
    expect(columns.slice(-2).map((c) => [c.name, c.kind])).toEqual([
      ['Total attendances', 'number'],
      ['Total breaches', 'number'],
    ]);
    // Blanks count as none: RH5 has no type 1 department.
    const rows = tableToJsonRows(
      await engine.query(`SELECT "Total attendances" AS a, "Total breaches" AS b FROM ae_monthly WHERE "Org Code" = 'RH5' AND "Period" = DATE '2019-04-01'`),
    );
    expect(rows).toEqual([{ a: 1253, b: 1 }]);
  });

  it('charts four-hour performance by financial year from a calculated measure, matching the extract computed by hand', async () => {
    const id = state().addChart(CHART);
    await session.settled();
    const r = ready(id);
    for (const code of ['RBA', 'RH5', 'RA9']) {
      const expected = expectedPerformance(code);
      const got = r.rows.filter((row) => row['Org Code'] === code);
      expect(got.map((row) => row.Period_financial_year)).toEqual(Object.keys(expected));
      got.forEach((row) => expect(row.four_hour as number).toBeCloseTo(expected[row.Period_financial_year as string]!, 9));
    }
  });

  it('display names and value labels reach the legend, the axis title and the export; the data keeps its codes', async () => {
    state().setValueLabel('ae_monthly', 'Org Code', 'RBA', 'Taunton');
    state().setValueLabel('ae_monthly', 'Org Code', 'RH5', 'Somerset FT');
    state().setFieldLabel('ae_monthly', 'Org Code', 'Trust');
    await session.settled();
    const id = state().charts[0]!.id;
    const r = ready(id);
    const option = buildChartOption(r.spec, r.rows);
    const legend = (option.series as { name: string }[]).map((s) => s.name);
    expect(legend).toEqual(['RA9', 'Taunton', 'Somerset FT']);
    const exported = chartExportTable(r.spec, r.rows);
    expect(exported.columns.map((c) => c.label)).toEqual(['Financial year', 'Trust', 'Four-hour performance (%)']);
    expect(r.rows.some((row) => row['Org Code'] === 'RBA')).toBe(true);
    // A sum of a field with an underscore reads without it; a renamed field reads as renamed.
    state().setFieldLabel('ae_monthly', 'Total breaches', 'Breaches over 4 hours');
    const sumId = state().addChart({ ...CHART, type: 'column', series: undefined, y: [{ field: 'Total breaches', aggregate: 'sum' }] });
    await session.settled();
    const s = ready(sumId);
    expect(chartExportTable(s.spec, s.rows).columns.map((c) => c.label)).toEqual(['Financial year', 'Breaches over 4 hours']);
    // Clearing a label goes back to the field's own name.
    state().setFieldLabel('ae_monthly', 'Org Code', '');
    expect(
      state()
        .fieldSettingsOf('ae_monthly')
        .find((f) => f.column === 'Org Code'),
    ).toEqual({
      table: 'ae_monthly',
      column: 'Org Code',
      values: { RBA: 'Taunton', RH5: 'Somerset FT' },
    });
    state().setFieldLabel('ae_monthly', 'Org Code', 'Trust');
    state().setFieldHidden('ae_monthly', 'Parent Org', true);
  });

  it('saves the settings in the workbook and reopens with the calculated columns made again and the same values', async () => {
    const before = ready(state().charts[0]!.id).rows;
    expect(await state().saveWorkbook({ saveAs: true, snapshot: false })).toBe(true);
    const saved = platform.saved.at(-1)!;
    const wb = parseWorkbook(saved.text, saved.name);
    expect(wb.fields.map((f) => [f.column, f.label ?? null, f.expr !== undefined, f.hidden ?? false])).toEqual([
      ['Total attendances', null, true, false],
      ['Total breaches', 'Breaches over 4 hours', true, false],
      ['Org Code', 'Trust', false, false],
      ['Parent Org', null, false, true],
    ]);
    // The source's saved shape is the extract's own: calculated columns are not in it.
    expect(wb.sources[0]!.columns!.map((c) => c.name)).not.toContain('Total attendances');

    const again = createSession({ engine, platform });
    await again.getState().openWorkbook(
      { ...textHandle(saved.name, saved.text), files: { [path.resolve(FIXTURE)]: await nodeFileSource(FIXTURE) } },
      {
        located: { 'ae-monthly.csv': await nodeFileSource(FIXTURE) },
      },
    );
    await again.settled();
    expect(again.getState().pendingWorkbook?.message ?? null).toBeNull();
    expect(again.getState().importError).toBeNull();
    const r = again.getState().chartResults[again.getState().charts[0]!.id];
    expect(r?.status).toBe('ready');
    if (r?.status === 'ready') expect(r.rows).toEqual(before);
    expect(again.getState().fieldSettingsOf('ae_monthly')).toEqual(state().fieldSettingsOf('ae_monthly'));
  });

  it('removes a calculated column from the table and its settings', async () => {
    await state().removeCalculatedColumn('ae_monthly', 'Total breaches');
    expect(
      state()
        .columnsOf('ae_monthly')
        .map((c) => c.name),
    ).not.toContain('Total breaches');
    await expect(engine.query('SELECT "Total breaches" FROM ae_monthly')).rejects.toThrow(/Total breaches/);
    expect(
      state()
        .columnsOf('ae_monthly')
        .map((c) => c.name),
    ).toContain('Total attendances');
  });

  it("a colleague's workbook cannot use a calculated column to reach files or run SQL: refused by the expression compiler, the rest opens", async () => {
    const saved = platform.saved.at(-1)!;
    const hostile = JSON.parse(saved.text) as { fields: { table: string; column: string; expr?: string }[] };
    hostile.fields = [
      { table: 'ae_monthly', column: 'Passwords', expr: "read_text('/etc/passwd')" },
      { table: 'ae_monthly', column: 'Dropped', expr: '[Org Code]) FROM ae_monthly; DROP TABLE ae_monthly; --' },
      { table: 'ae_monthly', column: 'Doubled', expr: '2 * [A&E attendances Type 1]' },
    ];
    // Last: this session loads ae_monthly again into the same engine.
    const other = createSession({ engine, platform: fakePlatform() });
    await other
      .getState()
      .openWorkbook(textHandle('hostile.workbook.json', JSON.stringify(hostile)), { located: { 'ae-monthly.csv': await nodeFileSource(FIXTURE) } });
    await other.settled();
    const error = other.getState().importError;
    expect(error?.heading).toBe('Opened hostile.workbook.json without some calculated columns.');
    expect(error?.message).toMatch(/Calculated column "Passwords" of ae_monthly: There is no function read_text\(\)/);
    expect(error?.message).toMatch(/Calculated column "Dropped" of ae_monthly: /);
    const columns = other
      .getState()
      .columnsOf('ae_monthly')
      .map((c) => c.name);
    expect(columns).toContain('Doubled');
    expect(columns).not.toContain('Passwords');
    expect(columns).not.toContain('Dropped');
    // The table is whole: nothing was dropped.
    expect(tableToJsonRows(await engine.query('SELECT count(*) AS n FROM ae_monthly'))).toEqual([{ n: 72 }]);
  });
});
