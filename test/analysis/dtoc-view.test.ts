import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { dtocTemplate } from '../../src-shared/analysis/dtoc/template';
import type { Engine } from '../../src-shared/engine/engine';
import type { ResultTable } from '../../src-shared/analysis/view-types';
import { cliView, csv, fixture, load, nativeRows, objectOf, rowsOf, runSpec, SAMPLE } from './view-test-helpers';

const HEADER =
  'Year,Period Name,Provider Parent Org Code,Provider Parent Name,Provider Org Code,Provider Org Name,Local Authority Code,Local Authority Name,Acute Or Non Acute Description,Reason For Delay,NHS A SUM,NHS B SUM,Social Care A SUM,Social Care B SUM,Both A SUM,Both B SUM';
const TITLE = 'Title:,Delayed Transfers of Care\r\nPeriod:,test\r\n\r\n';
const row = (fy: string, month: string, prov: string, la: string, laName: string, setting: string, reason: string, b: [number, number, number]) =>
  `${fy},${month},Y58,SOUTH WEST,${prov},${prov} TRUST,${la},${laName},${setting},${reason},1,${b[0]},1,${b[1]},0,${b[2]}`;

// Two financial years in two files, imported as two tables.
const FY1516 = [
  row('2015-16', 'JUNE', 'RBA', 'E10000027', 'Somerset', 'Acute', 'A_COMPLETION_ASSESSMENT', [100, 50, 10]), // 160
  row('2015-16', 'JUNE', 'RH5', 'E10000027', 'Somerset', 'Non-Acute', 'DII_NURSING_HOME', [40, 200, 0]), // 240
  row('2015-16', 'JANUARY', 'RBA', 'E10000027', 'Somerset', 'Acute', 'E_CARE_PACKAGE_IN_HOME', [30, 300, 20]), // 350
  row('2015-16', 'JANUARY', 'RA4', 'E10000008', 'Devon', 'Acute', 'C_FURTHER_NON_ACUTE_NHS', [250, 0, 0]), // 250
];
const FY1617 = [
  row('2016-17', 'JUNE', 'RBA', 'E10000027', 'Somerset', 'Acute', 'A_COMPLETION_ASSESSMENT', [500, 300, 100]), // 900
  row('2016-17', 'JUNE', 'RA4', 'E10000027', 'Somerset', 'Acute', 'DI_RESIDENTIAL_HOME', [400, 500, 200]), // 1,100
  row('2016-17', 'JANUARY', 'RBA', 'E10000027', 'Somerset', 'Acute', 'DII_NURSING_HOME', [200, 400, 0]), // 600
  row('2016-17', 'JANUARY', 'RH5', 'E10000027', 'Somerset', 'Non-Acute', 'G_PATIENT_FAMILY_CHOICE', [100, 100, 0]), // 200
  row('2016-17', 'JANUARY', 'RA4', 'E10000008', 'Devon', 'Acute', 'I_HOUSING', [0, 0, 100]), // 100
];

function table(result: { tables: ResultTable[] }, id: string): ResultTable {
  const t = result.tables.find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

describe('DTOC view on a small sitrep fixture', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openTestEngine();
    await load(engine, 'dtoc_1516', fixture('dtoc-2015-16.csv', `${TITLE}${HEADER}\r\n${FY1516.join('\r\n')}\r\n`));
    await load(engine, 'dtoc_1617', fixture('dtoc-2016-17.csv', `${TITLE}${HEADER}\r\n${FY1617.join('\r\n')}\r\n`));
    await load(
      engine,
      'pop',
      fixture('pop.csv', 'org_code,org_name,population_18_plus\nE10000027,Somerset,447300\nE10000008,Devon,637900\n11X,NHS Somerset CCG,\n'),
    );
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('reads both tables, puts January of 2016-17 in 2017 and sums by month, reason and agency', async () => {
    const r = await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617']);
    expect(r.mapping).toMatchObject({ month: 'Month', reason: 'Reason For Delay', nhsDays: 'NHS B SUM' });
    const json = objectOf(r.json);
    const months = rowsOf(json.months);
    expect(months.map((m) => [m.month, m.bedDays])).toEqual([
      ['2015-06', 400],
      ['2016-01', 600],
      ['2016-06', 2000],
      ['2017-01', 900],
    ]);
    // Hand-summed: A 160 + 900, Di 1,100, Dii 240 + 600, E 350, C 250, G 200, I 100.
    expect(rowsOf(json.byReason).map((x) => [x.code, x.label, x.bedDays])).toEqual([
      ['Di', 'Residential home placement', 1100],
      ['A', 'Completion of assessment', 1060],
      ['Dii', 'Nursing home placement', 840],
      ['E', 'Care package in own home', 350],
      ['C', 'Further non-acute NHS care', 250],
      ['G', 'Patient or family choice', 200],
      ['I', 'Housing', 100],
    ]);
    expect(rowsOf(json.byReason).map((x) => x.cumulativeBedDays)).toEqual([1100, 2160, 3000, 3350, 3600, 3800, 3900]);
    expect(rowsOf(json.byReason).at(-1)!.cumulativeShare).toBe(1);
    // NHS 100+40+30+250+500+400+200+100; social care 50+200+300+300+500+400+100; both 10+20+100+200+100.
    expect(rowsOf(json.byAgency).map((x) => [x.agency, x.bedDays])).toEqual([
      ['NHS', 1620],
      ['Social Care', 1850],
      ['Both', 430],
    ]);
    expect(rowsOf(json.bySetting).map((x) => [x.setting, x.bedDays])).toEqual([
      ['Acute', 3460],
      ['Non-acute', 440],
    ]);
    expect(rowsOf(json.byProvider).map((x) => [x.code, x.bedDays])).toEqual([
      ['RBA', 2010],
      ['RA4', 1450],
      ['RH5', 440],
    ]);
    expect(objectOf(json.totals).bedDays).toBe(3900);
    expect(objectOf(json.period)).toEqual({ from: '2015-06', to: '2017-01', months: 4, days: 30 + 31 + 30 + 31 });
  });

  it('gives cost, average beds occupied and the change against the same month last year', async () => {
    const r = await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617']);
    const months = rowsOf(objectOf(r.json).months);
    const june = months.find((m) => m.month === '2016-06')!;
    expect(june).toMatchObject({
      bedDays: 2000,
      cost: 300_000,
      daysInMonth: 30,
      averageBedsOccupied: 2000 / 30,
      lastYearBedDays: 400,
      change: 1600,
      changePct: 4,
      nhs: 900,
      socialCare: 800,
      both: 300,
      acute: 2000,
      nonAcute: 0,
    });
    const jan = months.find((m) => m.month === '2017-01')!;
    expect(jan).toMatchObject({ bedDays: 900, cost: 135_000, averageBedsOccupied: 900 / 31, lastYearBedDays: 600, change: 300, changePct: 0.5 });
    expect(months[0]).toMatchObject({ lastYearBedDays: null, change: null, changePct: null });
    const at300 = await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { costPerBedDay: '300' });
    expect(objectOf(at300.json).costPerBedDay).toBe(300);
    expect(rowsOf(objectOf(at300.json).months).find((m) => m.month === '2016-06')!.cost).toBe(600_000);
  });

  it('measures progress against a 50% reduction from June 2016 and draws the target line', async () => {
    const r = await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { target: '-0.5', baseline: '2016-06' });
    const target = objectOf(objectOf(r.json).target);
    expect(target).toEqual({
      target: -0.5,
      path: 'linear',
      baselineMonth: '2016-06',
      baselineBedDays: 2000,
      targetMonth: '2017-06',
      targetBedDays: 1000,
      latestMonth: '2017-01',
      latestBedDays: 900,
      trajectoryBedDays: 2000 - (1000 * 7) / 12,
      changeSinceBaseline: -0.55,
      progress: 1.1,
      gapToTrajectory: 900 - (2000 - (1000 * 7) / 12),
      onTrajectory: true,
      targetMonthBedDays: null,
      met: null,
    });
    expect(rowsOf(objectOf(r.json).months).map((m) => m.target)).toEqual([null, null, 2000, 2000 - (1000 * 7) / 12]);
    const chart = r.charts.find((c) => c.id === 'dtoc-monthly-by-reason')!;
    const series = chart.option.series as { name: string; type: string; data: unknown[]; stack?: string }[];
    expect(series.at(-1)).toMatchObject({ name: 'Target', type: 'line', data: [null, null, 2000, 2000 - (1000 * 7) / 12] });
    expect(series.filter((s) => s.type === 'bar').map((s) => s.name)).toEqual([
      'A Completion of assessment',
      'C Further non-acute NHS care',
      'Di Residential home placement',
      'Dii Nursing home placement',
      'E Care package in own home',
      'G Patient or family choice',
      'I Housing',
    ]);
    expect(JSON.parse(JSON.stringify(chart.option))).toEqual(chart.option); // plain JSON, no functions
    await expect(runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { target: '-0.5', baseline: '2014-06' })).rejects.toThrow(
      /baseline month 2014-06 is not in the data/,
    );
    const step = await runSpec(
      engine,
      dtocTemplate,
      ['dtoc_1516', 'dtoc_1617'],
      {},
      { target: '-50%', baseline: '2016-06', targetMonth: '2017-01', targetPath: 'step' },
    );
    expect(rowsOf(objectOf(step.json).months).map((m) => m.target)).toEqual([null, null, 2000, 1000]);
    expect(objectOf(objectOf(step.json).target)).toMatchObject({ targetMonthBedDays: 900, met: true, progress: 1.1 });
    const stepLine = (step.charts.find((c) => c.id === 'dtoc-monthly-by-agency')!.option.series as Record<string, unknown>[]).at(-1);
    expect(stepLine).toMatchObject({ name: 'Target', step: 'end' });
  });

  it('draws a Pareto with the cumulative share on a second axis', async () => {
    const r = await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617']);
    const pareto = r.charts.find((c) => c.id === 'dtoc-pareto')!;
    const series = pareto.option.series as { type: string; yAxisIndex?: number; data: unknown[] }[];
    expect(series[0]!.type).toBe('bar');
    expect((series[0]!.data as { value: number }[]).map((d) => d.value)).toEqual([1100, 1060, 840, 350, 250, 200, 100]);
    expect(series[1]).toMatchObject({ type: 'line', yAxisIndex: 1 });
    expect(series[1]!.data).toEqual([1100 / 3900, 2160 / 3900, 3000 / 3900, 3350 / 3900, 3600 / 3900, 3800 / 3900, 1]);
    expect((pareto.option.yAxis as Record<string, unknown>[])[1]).toMatchObject({ max: 1, axisLabel: { formatter: { $format: 'percent', kind: 'axis' } } });
    expect(r.tables.map((t) => t.id)).toEqual([
      'dtoc-months',
      'dtoc-monthly-by-reason',
      'dtoc-by-reason',
      'dtoc-by-agency',
      'dtoc-by-setting',
      'dtoc-by-provider',
      'dtoc-by-local-authority',
    ]);
    expect(table(r, 'dtoc-monthly-by-reason').rows[2]).toEqual({ month: '2016-06', A: 900, C: 0, Di: 1100, Dii: 0, E: 0, G: 0, I: 0, total: 2000 });
  });

  it('filters by provider, local authority and setting', async () => {
    const rba = objectOf((await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { provider: 'rba' })).json);
    expect(objectOf(rba.totals).bedDays).toBe(2010);
    expect(rowsOf(rba.months).map((m) => m.bedDays)).toEqual([160, 350, 900, 600]);
    const nonAcute = objectOf((await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { setting: 'non-acute' })).json);
    expect(objectOf(nonAcute.totals).bedDays).toBe(440);
    const devonOrNursing = objectOf((await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { localAuthority: 'Devon' })).json);
    expect(rowsOf(devonOrNursing.byReason).map((x) => [x.code, x.bedDays])).toEqual([
      ['C', 250],
      ['I', 100],
    ]);
    const reasons = objectOf((await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { reason: 'Dii,A', agency: 'social care' })).json);
    expect(objectOf(reasons.totals).bedDays).toBe(50 + 200 + 300 + 400);
  });

  it('gives rates per 100,000 aged 18+ from a population table or a parameter', async () => {
    const r = await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617', 'pop'], {}, { localAuthority: 'E10000027' });
    expect(r.mapping).toMatchObject({ population18: 'population_18_plus', populationArea: 'org_code' });
    const json = objectOf(r.json);
    expect(json.population18).toBe(447_300);
    const june = rowsOf(json.months).find((m) => m.month === '2016-06')!;
    expect(june.ratePer100k).toBe((2000 * 100_000) / 447_300);
    expect(june.bedsPer100k).toBe(((2000 / 30) * 100_000) / 447_300);
    expect(rowsOf(json.byLocalAuthority)).toMatchObject([{ code: 'E10000027', population18: 447_300, bedDays: 3550, ratePer100k: (3550 * 100_000) / 447_300 }]);
    const both = await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617', 'pop']);
    expect(objectOf(both.json).population18).toBe(447_300 + 637_900);
    expect(both.warnings.join(' ')).toMatch(/combined population aged 18\+ of the 2 local authorities/);
    const param = objectOf((await runSpec(engine, dtocTemplate, ['dtoc_1516', 'dtoc_1617'], {}, { population18: '500000' })).json);
    expect(objectOf(param.totals).ratePer100k).toBe((3900 * 100_000) / 500_000);
  });

  it('computes the month from Year and Period Name when there is no derived Month column', async () => {
    await engine.exec(`CREATE OR REPLACE TABLE plain_sitrep AS SELECT * FROM (VALUES
      ('2016-17', 'JANUARY', 'RBA', 'Acute', 'DI_RESIDENTIAL_HOME', 10, 20, 30),
      ('2016-17', 'MARCH', 'RBA', 'Acute', 'A_COMPLETION_ASSESSMENT', 1, 2, 3),
      ('2016-17', 'APRIL', 'RBA', 'Acute', 'A_COMPLETION_ASSESSMENT', 5, 5, 5)
    ) t("Year", "Period Name", "Provider Org Code", "Acute Or Non Acute Description", "Reason For Delay", "NHS B SUM", "Social Care B SUM", "Both B SUM")`);
    const r = await runSpec(engine, dtocTemplate, ['plain_sitrep']);
    expect(r.mapping).toMatchObject({ month: 'Period Name', year: 'Year' });
    expect(rowsOf(objectOf(r.json).months).map((m) => [m.month, m.bedDays])).toEqual([
      ['2016-04', 15],
      ['2017-01', 60],
      ['2017-03', 6],
    ]);
  });

  it('reads a long layout mapped by hand: one bed-days column and an agency column', async () => {
    await engine.exec(`CREATE OR REPLACE TABLE long_dtoc AS SELECT * FROM (VALUES
      (DATE '2016-04-01', 'Awaiting nursing home placement', 'NHS', 100.0),
      (DATE '2016-04-15', 'Awaiting nursing home placement', 'Social care', 50.0),
      (DATE '2016-05-01', 'Housing', 'Both', 31.0)
    ) t(period_start, delay_reason, attributable_to, days_lost)`);
    const r = await runSpec(engine, dtocTemplate, ['long_dtoc'], {
      month: 'period_start',
      reason: 'delay_reason',
      agency: 'attributable_to',
      bedDays: 'days_lost',
    });
    const json = objectOf(r.json);
    expect(rowsOf(json.months).map((m) => [m.month, m.bedDays, m.nhs, m.socialCare, m.both, m.averageBedsOccupied])).toEqual([
      ['2016-04', 150, 100, 50, 0, 5],
      ['2016-05', 31, 0, 0, 31, 1],
    ]);
    expect(rowsOf(json.byReason).map((x) => x.code)).toEqual(['Dii', 'I']);
    expect(json.bySetting).toEqual([]);
  });
});

describe('DTOC view on the sample data through the CLI runner', () => {
  const combined = path.join(SAMPLE, 'dtoc_combined_2014-04_to_2020-02.csv');
  const DTOC = csv('dtoc_combined_2014-04_to_2020-02.csv', 6);
  const B = '("NHS B SUM" + "Social Care B SUM" + "Both B SUM")';
  const one = async (sql: string): Promise<number> => Number((await nativeRows(sql))[0]!.d);

  it('runs over the combined extract and agrees with independent SQL', async () => {
    const { json, err } = await cliView(
      [dtocTemplate],
      ['dtoc', '--data', combined, '--param', 'target=-0.5', '--param', 'baseline=2016-06', '--param', 'setting=acute'],
    );
    expect(err).toEqual([]);
    const months = rowsOf(json.months);
    expect(months).toHaveLength(71);
    expect(months[0]!.month).toBe('2014-04');
    expect(months.at(-1)!.month).toBe('2020-02');
    const acute = `"Acute Or Non Acute Description" = 'Acute'`;
    const jan17 = await one(`SELECT sum(${B})::DOUBLE AS d FROM ${DTOC} WHERE "Year" = '2016-17' AND "Period Name" = 'JANUARY' AND ${acute}`);
    const jan16 = await one(`SELECT sum(${B})::DOUBLE AS d FROM ${DTOC} WHERE "Year" = '2015-16' AND "Period Name" = 'JANUARY' AND ${acute}`);
    const m = months.find((x) => x.month === '2017-01')!;
    expect(m).toMatchObject({ bedDays: jan17, lastYearBedDays: jan16, change: jan17 - jan16, cost: jan17 * 150, averageBedsOccupied: jan17 / 31 });
    // Somerset's scale: about 2,000 acute bed days a month in 2016/17.
    for (const x of months.filter((x) => (x.month as string) >= '2016-04' && (x.month as string) <= '2017-03')) {
      expect(x.bedDays).toBeGreaterThan(1700);
      expect(x.bedDays).toBeLessThan(2250);
    }
    const nursing = await one(`SELECT sum(${B})::DOUBLE AS d FROM ${DTOC} WHERE "Reason For Delay" = 'DII_NURSING_HOME' AND ${acute}`);
    expect(rowsOf(json.byReason).find((r) => r.code === 'Dii')!.bedDays).toBe(nursing);
    expect(
      rowsOf(json.byReason)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['A', 'B', 'C', 'Di', 'Dii', 'E', 'F', 'G', 'H', 'I']);
    const june16 = await one(`SELECT sum(${B})::DOUBLE AS d FROM ${DTOC} WHERE "Year" = '2016-17' AND "Period Name" = 'JUNE' AND ${acute}`);
    expect(objectOf(json.target)).toMatchObject({
      baselineMonth: '2016-06',
      baselineBedDays: june16,
      targetBedDays: june16 * 0.5,
      targetMonth: '2017-06',
      latestMonth: '2020-02',
    });
    const social = await one(`SELECT sum("Social Care B SUM")::DOUBLE AS d FROM ${DTOC} WHERE ${acute}`);
    expect(rowsOf(json.byAgency).find((a) => a.agency === 'Social Care')!.bedDays).toBe(social);
  }, 240_000);

  it('stacks separately imported monthly files', async () => {
    const files = ['dtoc-sitrep-2016-01-JANUARY.csv', 'dtoc-sitrep-2017-01-JANUARY.csv'].map((f) => path.join(SAMPLE, 'dtoc', f));
    const { json } = await cliView([dtocTemplate], ['dtoc', '--data', ...files]);
    const months = rowsOf(json.months);
    const [jan16, jan17] = (
      await nativeRows(
        `SELECT sum(${B})::DOUBLE AS d FROM ${DTOC} WHERE "Period Name" = 'JANUARY' AND "Year" IN ('2015-16', '2016-17') GROUP BY "Year" ORDER BY "Year"`,
      )
    ).map((r) => Number(r.d));
    expect(months.map((m) => [m.month, m.bedDays])).toEqual([
      ['2016-01', jan16],
      ['2017-01', jan17],
    ]);
    expect(months[1]!.change).toBe(jan17! - jan16!);
  }, 240_000);
});
