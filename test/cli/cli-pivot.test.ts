import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/run-cli';
import { nativeRows } from '../analysis/view-test-helpers';

/*
 * `cli pivot`: rows × a column at a time grain, values in the calculated-field language, with
 * subtotals and totals computed from the rows (so a total of a mean is the mean of all rows).
 * Every figure is checked against an independent native DuckDB query of the sample CSV.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACTIVITY = path.join(ROOT, 'sample-data/activity.csv');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wb-pivot-'));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface PivotJson {
  rowFields: string[];
  columnKeys: string[];
  rows: { keys: (string | null)[]; cells: unknown[]; total: unknown; subtotal?: true }[];
  columnTotals: unknown[];
  grandTotal: unknown;
}

const csvSql = `read_csv('${ACTIVITY}')`;

describe('cli pivot', () => {
  it('sum of activity by point of delivery × financial year, with row, column and grand totals', async () => {
    const r = await cli('pivot', ACTIVITY, '--rows', 'pod', '--cols', 'month:fy', '--values', 'sum(activity)', '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as PivotJson;
    expect(Object.keys(p)).toEqual(['rowFields', 'columnKeys', 'rows', 'columnTotals', 'grandTotal']);
    expect(p.rowFields).toEqual(['pod']);
    expect(p.columnKeys).toEqual(['2014/15', '2015/16', '2016/17', '2017/18', '2018/19', '2019/20', '2020/21']);
    const cells = await nativeRows(`SELECT pod, financial_year AS fy, sum(activity)::DOUBLE AS n FROM ${csvSql} GROUP BY ALL`);
    for (const row of p.rows)
      p.columnKeys.forEach((fy, i) => expect(row.cells[i], `${row.keys[0]} ${fy}`).toBe(cells.find((c) => c.pod === row.keys[0] && c.fy === fy)!.n));
    const totals = await nativeRows(`SELECT pod, sum(activity)::DOUBLE AS n FROM ${csvSql} GROUP BY pod ORDER BY pod`);
    expect(p.rows.map((row) => [row.keys[0], row.total])).toEqual(totals.map((t) => [t.pod, t.n]));
    const byYear = await nativeRows(`SELECT financial_year AS fy, sum(activity)::DOUBLE AS n FROM ${csvSql} GROUP BY 1 ORDER BY 1`);
    expect(p.columnTotals).toEqual(byYear.map((t) => t.n));
    expect(p.grandTotal).toBe((await nativeRows(`SELECT sum(activity)::DOUBLE AS n FROM ${csvSql}`))[0]!.n);
  });

  it('two row fields: subtotals per first field, and totals of a mean are means of all rows (not of cells)', async () => {
    const r = await cli('pivot', ACTIVITY, '--rows', 'commissioner_code,pod', '--values', 'mean(activity), round(sum(cost_gbp) / sum(activity), 2)', '--json');
    const p = JSON.parse(r.out) as PivotJson;
    const subtotal = p.rows.find((row) => row.keys[0] === '11X' && row.subtotal)!;
    expect(subtotal.keys).toEqual(['11X', null]);
    const somerset = (
      await nativeRows(`SELECT avg(activity) AS m, round(sum(cost_gbp) / sum(activity), 2) AS c FROM ${csvSql} WHERE commissioner_code = '11X'`)
    )[0]!;
    expect(subtotal.total).toEqual([somerset.m, somerset.c]);
    // The subtotal follows the rows it sums.
    const i = p.rows.indexOf(subtotal);
    expect(p.rows.slice(0, i).every((row) => row.keys[0] === '11X' || row.keys[0]! < '11X')).toBe(true);
    expect((p.grandTotal as number[])[0]).toBeCloseTo((await nativeRows(`SELECT avg(activity) AS m FROM ${csvSql}`))[0]!.m as number, 9);
  });

  it('writes CSV and Excel with real numbers, and explains a mistake', async () => {
    const csv = path.join(tmp, 'pivot.csv');
    const xlsx = path.join(tmp, 'pivot.xlsx');
    const r = await cli('pivot', ACTIVITY, '--rows', 'pod', '--cols', 'month:year', '--values', 'sum(activity)', '--csv', csv, '--xlsx', xlsx);
    expect(r.out).toMatch(/^Wrote .*pivot\.csv and .*pivot\.xlsx \(9 rows × 8 columns and totals\)$/);
    const lines = readFileSync(csv, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('pod,2014,2015,2016,2017,2018,2019,2020,2021,Total');
    expect(lines.at(-2)!.startsWith('Total,')).toBe(true);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const bad = await cli('pivot', ACTIVITY, '--rows', 'pod', '--values', 'sum(activty)');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/There is no field "activty": did you mean \[activity\]\?/);
    const noColumn = await cli('pivot', ACTIVITY, '--rows', 'podd', '--values', 'sum(activity)');
    expect(noColumn.err).toMatch(/has no column "podd"/);
  });
});
