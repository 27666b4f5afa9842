import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/cli/args';
import { CHART_MULTI_VALUE_OPTIONS, CHART_VALUE_OPTIONS, runChartWith } from '../../src-main/cli/commands/chart';
import type { CliDatabase, DatabaseScope } from '../../src-main/cli/database';
import { createImportService } from '../../src-shared/import/import-service';
import { registerFiles } from '../../src-main/cli/register-files';
import { openTestEngine } from '../engine-under-test';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import type { ImportReport } from '../../src-shared/import/types';

/**
 * The `chart` command over the example specs in sample-data/examples, with
 * the data imported by the app's importer. One engine serves the whole file,
 * and each data file is imported once (the examples share activity.csv).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLES = path.join(ROOT, 'sample-data/examples');
const example = (name: string) => path.join(EXAMPLES, `${name}.chart.json`);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wb-chart-'));

let engine: Engine;
const imported = new Map<string, Promise<ImportReport>>();
/** The engine, with an importer that remembers what it already imported (same file, table and options). */
let shared: CliDatabase;
const withShared: DatabaseScope = (fn) => fn(shared);

function args(...argv: string[]) {
  return parseArgs(['chart', ...argv], new Set(CHART_VALUE_OPTIONS), new Set(CHART_MULTI_VALUE_OPTIONS));
}

async function chart(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const run = await runChartWith(args(...argv), { out: (t) => out.push(t), err: (t) => err.push(t) }, withShared);
  return { run, out: out.join('\n'), err: err.join('\n') };
}

/** Text as ECharts writes it into an SVG text element. */
function text(s: string): string {
  return `>${s.replaceAll('&', '&amp;')}</text>`;
}

function csvLines(file: string): string[] {
  const body = readFileSync(file, 'utf8');
  expect(body.startsWith('\uFEFF')).toBe(true);
  return body.slice(1).split('\r\n');
}

beforeAll(async () => {
  engine = await openTestEngine();
  const importer = createImportService(engine);
  shared = {
    engine,
    importer: {
      ...importer,
      importFiles(table, sources, opts) {
        const key = JSON.stringify([sources.map((s) => s.path), table, opts ?? {}]);
        const known = imported.get(key) ?? importer.importFiles(table, sources, opts);
        imported.set(key, known);
        return known;
      },
    },
  };
  // Import the shared data file up front, as the examples will (same table name and options).
  await registerFiles(shared.importer, [path.join(ROOT, 'sample-data/activity.csv')]);
});
afterAll(async () => {
  await engine?.close();
});

describe('chart: the example specs through the CLI', () => {
  it('stacked monthly activity by point of delivery for 11X', async () => {
    const out = path.join(tmp, 'pod.svg');
    const csv = path.join(tmp, 'pod.csv');
    const r = await chart(example('somerset-monthly-activity-by-pod'), '--out', out, '--csv', csv);
    expect(r.out).toBe(`Wrote ${out} (960×540), ${csv} (216 rows)`);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg width="960" height="540"')).toBe(true);
    for (const t of [
      'Monthly activity by point of delivery',
      'NHS Somerset CCG (11X), April 2018 to March 2020',
      'Attendances, admissions and contacts',
      'Month',
      'Apr 2018',
      'Jan 2020',
      'A&E attendance',
      'Community contact',
      'Outpatient procedure',
      'Source: SUS/SLAM monthly contract-monitoring extract (synthetic sample data).',
    ]) {
      expect(svg).toContain(text(t));
    }
    // 24 months × 9 points of delivery, every one a bar.
    expect(svg.match(/<path [^>]*ecmeta_ssr_type="chart"/g)?.length).toBeGreaterThanOrEqual(216);
    const lines = csvLines(csv);
    expect(lines[0]).toBe('Month,Point of delivery,Activity');
    expect(lines).toHaveLength(218); // header, 216 rows, and the empty string after the last CRLF
    // Every bar is the sum an independent query gives.
    const check = tableToJsonRows(
      await engine.query(
        `SELECT strftime(month, '%Y-%m-%d') || ',' || pod_description || ',' || CAST(sum(activity) AS BIGINT) AS line FROM activity WHERE commissioner_code = '11X' AND month BETWEEN DATE '2018-04-01' AND DATE '2020-03-31' GROUP BY month, pod_description ORDER BY month, pod_description`,
      ),
    ).map((row) => row.line);
    expect(lines.slice(1, -1)).toEqual(check);
    expect(r.run.option).toMatchObject({ xAxis: { data: expect.arrayContaining(['Apr 2018', 'Mar 2020']) } });
    expect((r.run.option.series as { stack: string }[]).every((s) => s.stack === 'sum_activity')).toBe(true);
  });

  it('A&E attendances by financial year, 2016/17 highlighted', async () => {
    const out = path.join(tmp, 'fy.svg');
    const csv = path.join(tmp, 'fy.csv');
    await chart(example('somerset-ae-by-financial-year'), '--out', out, '--csv', csv);
    const svg = readFileSync(out, 'utf8');
    for (const t of [
      'A&E attendances by financial year',
      'A&E attendances',
      'Financial year',
      '2014/15',
      '2016/17',
      '2020/21',
      '227,879',
      'Financial years run April to March. 2020/21 reflects the COVID-19 pandemic.',
    ])
      expect(svg).toContain(text(t));
    expect(svg).toMatch(/<path [^>]*fill="#005EB8"[^>]*ecmeta_data_index="2"/);
    expect(csvLines(csv)).toEqual([
      'Financial year,A&E attendances',
      '2014/15,213254',
      '2015/16,218424',
      '2016/17,227879',
      '2017/18,230546',
      '2018/19,241670',
      '2019/20,246075',
      '2020/21,176924',
      '',
    ]);
    // The financial-year grain agrees with the extract's own financial_year column.
    const check = tableToJsonRows(
      await engine.query(
        `SELECT financial_year || ',' || CAST(sum(activity) AS BIGINT) AS line FROM activity WHERE commissioner_code = '11X' AND pod = 'AE' GROUP BY financial_year ORDER BY financial_year`,
      ),
    ).map((r) => r.line);
    expect(csvLines(csv).slice(1, -1)).toEqual(check);
  });

  it('the same admissions as a funnel plot: each CCG against the rate of all 20, outliers named', async () => {
    const out = path.join(tmp, 'funnel.svg');
    const r = await chart(example('nel-admissions-funnel'), '--out', out, '--json');
    const rows = JSON.parse(r.out) as { 'Org Name': string; admissions: number; population: number }[];
    expect(rows).toHaveLength(20);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain(text('Non-elective admissions per 1,000 population, 2016/17: funnel plot'));
    expect(svg).toContain(text('99.8% limits'));
    // Liverpool (156.9 per 1,000 on 520,000 people) is far above the 99.8% limit: labelled, in the outlier colour.
    const liverpool = rows.find((row) => row['Org Name'] === 'NHS Liverpool CCG')!;
    expect((liverpool.admissions / liverpool.population) * 1000).toBeCloseTo(156.9, 1);
    expect(svg).toContain(text('NHS Liverpool CCG'));
    expect(svg).toContain('fill="#490092"');
  });

  it('non-elective admissions per 1,000, ranked, 11X highlighted, with the average', async () => {
    const out = path.join(tmp, 'ranked.svg');
    const r = await chart(example('nel-admissions-per-1000-ranked'), '--out', out);
    expect(r.err).toContain('warning: peer_indicators.csv: Skipped 3 footnote lines');
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg width="960" height="640"')).toBe(true);
    for (const t of [
      'Non-elective admissions per 1,000 population, 2016/17',
      'CCG',
      'Admissions per 1,000 population',
      'NHS Liverpool CCG',
      'NHS Somerset CCG',
      'NHS Mid Essex CCG',
      '156.9',
      '130.3',
      '110.9',
      'Average of all CCGs: 129.2',
    ])
      expect(svg).toContain(text(t));
    expect(svg.match(/<path [^>]*fill="#005EB8"/g)).toHaveLength(1);
    expect(svg.match(/<path [^>]*fill="#AEB7BD"/g)).toHaveLength(19);
    expect(svg).toMatch(/<path [^>]*stroke="#425563"[^>]*stroke-dasharray/);
    expect(r.run.rows.slice(0, 2)).toEqual([
      { 'Org Name': 'NHS Liverpool CCG', rate: 156.9 },
      { 'Org Name': 'NHS Lincolnshire East CCG', rate: 143.3 },
    ]);
    expect(r.run.rows).toHaveLength(20);
  });

  it('non-elective admissions and cost: columns and a £m line on a second axis', async () => {
    const out = path.join(tmp, 'combo.svg');
    const r = await chart(example('somerset-nel-activity-and-cost'), '--out', out, '--json');
    const rows = JSON.parse(r.out) as { month: string; admissions: number; cost: number }[];
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({ month: '2019-04-01', admissions: 6192 });
    expect(rows[0]!.cost).toBeCloseTo(10623711.66, 2);
    const svg = readFileSync(out, 'utf8');
    for (const t of ['Non-elective admissions and their cost, 2019/20', 'Admissions', 'Cost (£m)', 'Cost', 'Apr 2019', '£12m', '6,000'])
      expect(svg).toContain(text(t));
  });

  it('A&E by month of the financial year, one line per year', async () => {
    const r = await chart(example('somerset-ae-year-on-year'), '--json');
    const rows = JSON.parse(r.out) as { month_financial_month: string; month_financial_year: string; sum_activity: number }[];
    expect(rows.slice(0, 3).map((x) => [x.month_financial_month, x.month_financial_year])).toEqual([
      ['Apr', '2017/18'],
      ['Apr', '2018/19'],
      ['Apr', '2019/20'],
    ]);
    expect(rows.at(-1)).toMatchObject({ month_financial_month: 'Mar', month_financial_year: '2019/20' });
    const svg = r.run.svg;
    for (const t of ['Apr', 'Dec', 'Mar', '2017/18', '2019/20', 'Planning threshold: 20,000']) expect(svg).toContain(text(t));
    expect(svg.match(/<path [^>]*stroke="#005EB8"[^>]*stroke-width="3.5"/g)?.length).toBe(1);
  });
});

describe('chart: --disclosure', () => {
  it('nhs: counts 1–7 become *, other counts the nearest 5, in the CSV, the JSON and the drawn chart', async () => {
    const data = path.join(tmp, 'small_counts.csv');
    writeFileSync(data, 'org,admissions,cost_gbp\nA,0,10.5\nB,1,3\nC,7,4\nD,8,5\nE,12,6\nF,13,7\nG,4,8\nG,4,9\n');
    const spec = path.join(tmp, 'small_counts.chart.json');
    writeFileSync(
      spec,
      JSON.stringify({
        version: 1,
        source: { table: 'small_counts', path: 'small_counts.csv' },
        type: 'column',
        x: { field: 'org' },
        y: [
          { aggregate: 'sum', field: 'admissions' },
          { aggregate: 'sum', field: 'cost_gbp' },
        ],
        format: { dataLabels: true },
      }),
    );
    const csv = path.join(tmp, 'small_counts.csv.out');
    const r = await chart(spec, '--out', path.join(tmp, 'small_counts.svg'), '--csv', csv, '--disclosure', 'nhs');
    const lines = csvLines(csv);
    // G's two rows sum to 8 before rounding: totals are computed, then rounded.
    expect(lines.slice(0, 8)).toEqual(['org,Total admissions,Total cost_gbp', 'A,0,10.5', 'B,*,3', 'C,*,4', 'D,10,5', 'E,10,6', 'F,15,7', 'G,10,17']);
    expect(lines[8]).toBe('');
    expect(lines[9]).toContain("Disclosure control applied (NHS Digital's rule)");
    // The chart draws the published figures and says so; the suppressed bars are gaps.
    expect(r.run.svg).toContain('Disclosure control applied');
    expect(r.run.svg).not.toContain(text('13'));
    expect(r.run.svg).toContain(text('15'));
    const json = await chart(spec, '--json', '--disclosure', 'threshold=9');
    expect(JSON.parse(json.out)).toContainEqual({ org: 'D', sum_admissions: '*', sum_cost_gbp: 5 });
    await expect(chart(spec, '--disclosure', 'some')).rejects.toThrow(/nhs, none or threshold=N/);
  });
});

describe('chart: data, output and errors', () => {
  it('--data replaces the spec’s source; without --out the SVG goes to stdout', async () => {
    const all = readFileSync(path.join(ROOT, 'sample-data/activity.csv'), 'utf8').split('\n');
    const small = path.join(tmp, 'april_2014.csv');
    writeFileSync(small, `${all.filter((line, i) => i === 0 || line.includes(',2014-04-01,')).join('\n')}\n`);
    const expected = all
      .filter((l) => l.startsWith('11X,') && l.includes(',AE,') && l.includes(',2014-04-01,'))
      .reduce((sum, l) => sum + Number(l.split(',')[8]), 0);
    expect(expected).toBeGreaterThan(10_000);
    const r = await chart(example('somerset-ae-by-financial-year'), '--data', small);
    expect(r.out.startsWith('<svg ')).toBe(true);
    expect(r.run.rows).toEqual([{ month_financial_year: '2014/15', sum_activity: expected }]);
    expect(r.run.sql).toContain('FROM "april_2014"');
  });

  it('--show-sql prints the compiled query; --width and --height size the SVG', async () => {
    const out = path.join(tmp, 'sized.svg');
    const r = await chart(example('nel-admissions-per-1000-ranked'), '--out', out, '--width', '640', '--height', '480', '--show-sql');
    expect(r.out.split('\n')[0]).toBe('WITH "chart_data" AS (');
    expect(r.out).toContain(`WHERE "Indicator Code" IN ('NEL_ADM_1000') AND "Period" IN ('2016/17')`);
    expect(readFileSync(out, 'utf8').startsWith('<svg width="640" height="480"')).toBe(true);
  });

  it('says which field of an invalid spec is wrong, and why', async () => {
    const bad = path.join(tmp, 'bad.chart.json');
    writeFileSync(
      bad,
      JSON.stringify({ version: 1, source: { table: 'a', path: 'a.csv' }, type: 'pie', x: { field: 'pod' }, y: [{ field: 'activity', aggregate: 'total' }] }),
    );
    await expect(chart(bad)).rejects.toThrow(
      `Invalid chart spec ${bad}: y[0].aggregate: Invalid option: expected one of "sum"|"mean"|"count"|"count_distinct"|"min"|"max"|"median"`,
    );
    writeFileSync(bad, '{ "version": 1, ');
    await expect(chart(bad)).rejects.toThrow(new RegExp(`^Chart spec ${bad.replaceAll('\\', '\\\\')} is not valid JSON: `));
    await expect(chart(path.join(tmp, 'none.chart.json'))).rejects.toThrow(`Chart spec not found: ${path.join(tmp, 'none.chart.json')}`);
  });

  it('names a missing data file, and columns the data does not have', async () => {
    const spec = path.join(tmp, 'missing.chart.json');
    writeFileSync(
      spec,
      JSON.stringify({ version: 1, source: { table: 'x', path: 'nowhere/x.csv' }, type: 'column', x: { field: 'pod' }, y: [{ aggregate: 'count' }] }),
    );
    await expect(chart(spec)).rejects.toThrow(`Data file not found: ${path.join(tmp, 'nowhere/x.csv')}`);

    const wrong = path.join(tmp, 'wrong.chart.json');
    writeFileSync(
      wrong,
      JSON.stringify({
        version: 1,
        source: { table: 'peer_indicators', path: path.join(ROOT, 'sample-data/peer_indicators.csv') },
        type: 'column',
        x: { field: 'org name' },
        y: [{ field: 'Unit', aggregate: 'sum' }],
      }),
    );
    await expect(chart(wrong)).rejects.toThrow(
      `Chart spec ${wrong} does not fit ${path.join(ROOT, 'sample-data/peer_indicators.csv')}: x.field: no column "org name" in table peer_indicators (did you mean "Org Name"?); y[0].field: sum needs a number column, but "Unit" is string`,
    );
  });

  it('usage errors', async () => {
    await expect(chart()).rejects.toThrow('chart needs a spec file (.chart.json)');
    const noPath = path.join(tmp, 'nopath.chart.json');
    writeFileSync(noPath, JSON.stringify({ version: 1, source: { table: 'x' }, type: 'column', x: { field: 'pod' }, y: [{ aggregate: 'count' }] }));
    await expect(chart(noPath)).rejects.toThrow(`${noPath} has no source.path: give the data file with --data <file>`);
    await expect(chart(noPath, '--data', 'a.csv', 'b.csv')).rejects.toThrow('a chart reads one data source; --data was given 2 files');
    await expect(chart(example('somerset-ae-by-financial-year'), '--width', 'wide')).rejects.toThrow(
      '--width must be a whole number of pixels from 200 to 4000, got "wide"',
    );
  });
});
