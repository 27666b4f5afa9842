import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChartOption } from '../../src-shared/charts/build-chart-option';
import { chartExportTable } from '../../src-shared/charts/chart-export';
import { chartPivotDisplay, chartPivotResult, scaleFill } from '../../src-shared/charts/chart-pivot';
import { parseChartSpec, validateChartSpec, type ChartSpecInput } from '../../src-shared/charts/chart-spec';
import { compileChartSql } from '../../src-shared/charts/compile-chart-sql';
import { discloseChartRows } from '../../src-shared/charts/chart-disclosure';
import { buildBoardPack } from '../../src-shared/export/board-pack/board-pack';
import { discloseRun } from '../../src-shared/workbook/disclose-run';
import { chartRunOf, reportItems } from '../../src-shared/workbook/report-run';
import type { Engine } from '../../src-shared/engine/engine';
import { toCsv } from '../../src-shared/export/delimited';
import { NHS_DISCLOSURE } from '../../src-shared/export/disclosure';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { openTestEngine } from '../engine-under-test';
import { loadActivitySmall } from './activity-small';

/*
 * The chart builder's pivot table (type "pivot") on the 13-row fixture, every figure worked by
 * hand from test/fixtures/charts/activity-small.csv:
 *
 *            2015/16  2016/17  2017/18  Total
 *   11J            –      270        –    270   (AE 200, NEL 50, EL 20 — all 2016/17)
 *   11X          100      200      130    430   (AE 100/120/130, NEL 30+40, EL 10)
 *   99A            –      360        5    365   (AE 300, NEL 60, EL 5 in 2017/18)
 *   (blank)        –        7        –      7
 *   Total        100      837      135   1072
 */

function pivot(partial: Partial<ChartSpecInput>) {
  return parseChartSpec({
    version: 1,
    source: { table: 'activity_small' },
    type: 'pivot',
    x: { field: 'ccg' },
    series: { field: 'month', grain: 'financial_year' },
    y: [{ field: 'activity', aggregate: 'sum' }],
    ...partial,
  });
}

describe('pivot table charts', () => {
  let engine: Engine;
  const run = async (spec: ReturnType<typeof pivot>) => tableToJsonRows(await engine.query(compileChartSql(spec)));
  beforeAll(async () => {
    engine = await openTestEngine();
    await loadActivitySmall(engine);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('cells, row totals, column totals and the grand total match the hand-worked table', async () => {
    const spec = pivot({});
    const p = chartPivotResult(spec, await run(spec));
    expect(p.columnKeys).toEqual(['2015/16', '2016/17', '2017/18']);
    expect(p.rows.map((r) => [r.keys[0], ...r.cells, r.total])).toEqual([
      ['11J', null, 270, null, 270],
      ['11X', 100, 200, 130, 430],
      ['99A', null, 360, 5, 365],
      ['(blank)', null, 7, null, 7],
    ]);
    expect(p.columnTotals).toEqual([100, 837, 135]);
    expect(p.grandTotal).toBe(1072);
    const csv = toCsv(chartExportTable(spec, await run(spec)))
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toBe('ccg,2015/16,2016/17,2017/18,Total');
    expect(csv[2]).toBe('11X,100,200,130,430');
    expect(csv[5]).toBe('Total,100,837,135,1072');
  });

  it('two row fields with subtotals, a filter, a calculated measure and rows sorted by total', async () => {
    const spec = pivot({
      x: { field: 'ccg', label: 'CCG' },
      series: undefined,
      pivot: { rows: [{ field: 'pod', label: 'Point of delivery' }] },
      filters: [{ kind: 'exclude', field: 'pod', values: ['EL'] }],
      y: [
        { field: 'activity', aggregate: 'sum', label: 'Activity' },
        { id: 'unit_cost', expr: 'sum([cost_gbp]) / sum([activity])', label: 'Cost per unit', format: 'gbp' },
      ],
      sort: { by: 'value', direction: 'desc' },
    });
    const rows = await run(spec);
    const p = chartPivotResult(spec, rows);
    // Groups by their subtotal, largest first (11X 420, 99A 360, 11J 250, blank 7); inside a group, rows by their own total.
    expect(p.rows.map((r) => [...r.keys, (r.total as (number | null)[])[0]])).toEqual([
      ['11X', 'AE', 350],
      ['11X', 'NEL', 70],
      ['11X', null, 420],
      ['99A', 'AE', 300],
      ['99A', 'NEL', 60],
      ['99A', null, 360],
      ['11J', 'AE', 200],
      ['11J', 'NEL', 50],
      ['11J', null, 250],
      ['(blank)', 'AE', 7],
      ['(blank)', null, 7],
    ]);
    // The subtotal's unit cost is the ratio of its sums, not an average of the rows' ratios.
    expect((p.rows[2]!.total as number[])[1]).toBe((14500.5 + 17400 + 18850 + 49500 + 66000) / 420); // 395.83
    expect(p.grandTotal).toEqual([1037, (14500.5 + 17400 + 18850 + 49500 + 66000 + 29000 + 82500 + 43500 + 99000 + 1015) / 1037]);

    const shown = chartPivotDisplay(spec, rows);
    expect(shown.columns.map((c) => c.label)).toEqual(['CCG', 'Point of delivery', 'Activity', 'Cost per unit']);
    expect(shown.rows[2]).toMatchObject({ kind: 'subtotal', cells: ['11X total', '', '420', '£396'] });
    expect(shown.rows.at(-1)).toMatchObject({ kind: 'total', cells: ['Total', '', '1,037', '£406'] });
  });

  it('without subtotals or totals only the cells remain; colour shades each value from its smallest to largest cell', async () => {
    const spec = pivot({ pivot: { subtotals: false, totals: false, colour: 'scale' } });
    const shown = chartPivotDisplay(spec, await run(spec));
    expect(shown.columns.map((c) => c.label)).toEqual(['ccg', '2015/16', '2016/17', '2017/18']);
    expect(shown.rows.map((r) => r.kind)).toEqual(['row', 'row', 'row', 'row']);
    // 11X: 100, 200, 130 over the range 5 … 360.
    expect(shown.rows[1]!.fills).toEqual([null, scaleFill(95 / 355), scaleFill(195 / 355), scaleFill(125 / 355)]);
    expect(shown.rows[2]!.fills[2]).toBe(scaleFill(1));
    expect(scaleFill(0)).toBe('#FFFFFF');
    expect(scaleFill(1)).toBe('#8DD3F0');
    expect(shown.rows[0]!.fills[1]).toBeNull();
  });

  it('draws as a table in SVG exports, and disclosure control reaches its counts and totals', async () => {
    const spec = pivot({});
    const rows = await run(spec);
    const option = buildChartOption(spec, rows);
    const texts = JSON.stringify(option.graphic);
    for (const t of ['2016/17', '11X', '1,072', 'Total']) expect(texts).toContain(`"text":"${t}"`);
    const disclosed = discloseChartRows(rows, new Set(['sum_activity']), NHS_DISCLOSURE);
    const p = chartPivotResult(spec, disclosed);
    // 7 (the blank CCG) is suppressed; 270 rounds to 270, 1072 to 1070.
    expect(p.rows[3]!.total).toBe('*');
    expect(p.grandTotal).toBe(1070);
  });

  it('goes into a board pack as a table, disclosed when the report says so', async () => {
    const spec = pivot({ format: { title: 'Activity by CCG' } });
    const rows = tableToJsonRows(await engine.query(compileChartSql(spec)));
    const charts = [chartRunOf('p', 'Activity by CCG', spec, compileChartSql(spec), rows, ['sum_activity'])];
    const workbook = { title: 'Pack', report: { columns: 2, items: [{ kind: 'chart' as const, id: 'i1', chart: 'p' }] } };
    const run = { derived: [], charts, views: [], items: reportItems(workbook, charts, []), errors: [] };
    const page = buildBoardPack(workbook, discloseRun(workbook, run, NHS_DISCLOSURE), { generated: new Date('2026-12-01T00:00:00Z') }).pages[0]!;
    expect(page.kind).toBe('table');
    if (page.kind !== 'table') return;
    expect(page.columns).toEqual([
      { label: 'ccg', numeric: false },
      { label: '2015/16', numeric: true },
      { label: '2016/17', numeric: true },
      { label: '2017/18', numeric: true },
      { label: 'Total', numeric: true },
    ]);
    expect(page.rows).toEqual([
      ['11J', '', '270', '', '270'],
      ['11X', '100', '200', '130', '430'],
      ['99A', '', '360', '*', '365'],
      ['(blank)', '', '*', '', '*'],
      ['Total', '100', '835', '135', '1,070'],
    ]);
  });

  it('refuses a field used twice as a row or column', () => {
    const v = validateChartSpec({
      version: 1,
      source: { table: 't' },
      type: 'pivot',
      x: { field: 'ccg' },
      pivot: { rows: [{ field: 'ccg' }] },
      y: [{ aggregate: 'count' }],
    });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0]!.message).toBe('"ccg" is used twice as a row or column field');
  });
});
