import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { growthTemplate } from '../../src-shared/analysis/growth/template';
import type { Engine } from '../../src-shared/engine/engine';
import { cliView, csv, fixture, load, nativeRows, objectOf, rowsOf, runSpec, SAMPLE } from './view-test-helpers';

// DOMAIN.md: Somerset's activity 2016/17 and forecast 2020/21, with the plan's rounded % change.
const SOMERSET: [string, number, number, number][] = [
  ['A&E', 226_564, 259_558, 15],
  ['Non-elective IP', 72_991, 83_230, 14],
  ['Elective IP', 90_162, 98_277, 9],
  ['Outpatient', 760_303, 824_705, 8],
  ['Acute other', 317_155, 334_489, 5],
  ['Mental health', 212_426, 228_907, 8],
  ['Community', 902_781, 1_035_124, 15],
  ['CHC', 417_255, 489_458, 17],
  ['GP', 3_352_311, 3_606_412, 8],
  ['Prescribing', 11_425_586, 12_291_632, 8],
  ['Social care', 673_706, 730_289, 8],
  ['Other programme', 443_130, 458_118, 3],
];

describe('growth view on fixtures', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openTestEngine();
    await load(
      engine,
      'cagr',
      fixture('cagr.csv', 'pod,year,value\nAE,2016/17,1000\nAE,2017/18,1100\nAE,2018/19,1210\nAE,2019/20,1331\nNEL,2016/17,500\nNEL,2019/20,400\n'),
    );
    await load(engine, 'base', fixture('base.csv', 'pod,year,value\nAE,2016/17,1000\nNEL,2016/17,2000\nEL,2016/17,400\n'));
    await load(engine, 'pop', fixture('pop.csv', 'population year,population\n2016/17,50000\n2017/18,55000\n'));
    await engine.exec(`CREATE TABLE monthly AS SELECT * FROM (VALUES
      (DATE '2016-04-01', 'AE', 10.0), (DATE '2016-05-01', 'AE', 20.0), (DATE '2016-06-01', 'AE', 30.0),
      (DATE '2017-04-01', 'AE', 11.0), (DATE '2017-05-01', 'AE', 22.0), (DATE '2017-06-01', 'AE', 33.0),
      (DATE '2017-06-15', 'AE', 3.0)
    ) t(month, pod, attendances)`);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it("reproduces every % in Somerset's activity table from its two columns, through the CLI runner", async () => {
    const file = fixture('somerset.csv', `pod,year,value\n${SOMERSET.flatMap(([pod, a, b]) => [`${pod},2016/17,${a}`, `${pod},2020/21,${b}`]).join('\n')}\n`);
    const { json, err } = await cliView([growthTemplate], ['growth', '--data', file]);
    expect(err).toEqual([]);
    const changes = objectOf(json.changes);
    expect([changes.from, changes.to]).toEqual(['2016/17', '2020/21']);
    const rows = rowsOf(changes.rows);
    expect(rows.map((r) => [r.group, r.startValue, r.endValue, r.changePctRounded])).toEqual(SOMERSET.map(([pod, a, b, pct]) => [pod, a, b, pct]));
    for (const r of rows) {
      expect(r.years).toBe(4);
      expect(r.changePct).toBe(((r.endValue as number) - (r.startValue as number)) / (r.startValue as number));
      expect(r.cagr).toBeCloseTo(((r.endValue as number) / (r.startValue as number)) ** 0.25 - 1, 14);
    }
  }, 120_000);

  it('gives year-on-year change, CAGR, index and rates per 1,000', async () => {
    const r = await runSpec(engine, growthTemplate, ['cagr'], {}, { 'population.2016/17': '50000', 'population.2017/18': '55000' });
    const json = objectOf(r.json);
    expect(json.periods).toEqual(['2016/17', '2017/18', '2018/19', '2019/20']);
    const ae = rowsOf(json.series).filter((s) => s.group === 'AE');
    expect(ae.map((s) => s.value)).toEqual([1000, 1100, 1210, 1331]);
    expect(ae.map((s) => s.previous)).toEqual([null, 1000, 1100, 1210]);
    expect(ae.map((s) => s.change)).toEqual([null, 100, 110, 121]);
    expect(ae[1]!.changePct).toBeCloseTo(0.1, 14);
    expect(ae.map((s) => s.index)).toEqual([100, 110, 121, 133.1]);
    expect(ae.map((s) => s.rate)).toEqual([20, 20, null, null]); // 1,000 ÷ 50,000 × 1,000; 1,100 ÷ 55,000 × 1,000
    const nel = rowsOf(json.series).filter((s) => s.group === 'NEL');
    expect(nel.map((s) => [s.period, s.previous, s.index])).toEqual([
      ['2016/17', null, 100],
      ['2019/20', null, 80],
    ]);
    const changes = rowsOf(objectOf(json.changes).rows);
    expect(changes[0]).toMatchObject({ group: 'AE', years: 3, startValue: 1000, endValue: 1331, change: 331, changePctRounded: 33 });
    expect(changes[0]!.cagr).toBeCloseTo(0.1, 12);
    expect(changes[1]!.cagr).toBeCloseTo(0.8 ** (1 / 3) - 1, 14);
    const based = objectOf((await runSpec(engine, growthTemplate, ['cagr'], {}, { baseYear: '2017/18', from: '2017/18', to: '2018/19' })).json);
    expect(
      rowsOf(based.series)
        .filter((s) => s.group === 'AE')
        .map((s) => s.index),
    ).toEqual([(1000 * 100) / 1100, 100, 110, 121]);
    expect(rowsOf(objectOf(based.changes).rows)[0]).toMatchObject({ from: '2017/18', to: '2018/19', years: 1, changePct: 0.1, changePctRounded: 10 });
  });

  it('takes the population from a population table', async () => {
    const r = await runSpec(engine, growthTemplate, ['cagr', 'pop'], { population: 'population', populationPeriod: 'population year' });
    const ae = rowsOf(objectOf(r.json).series).filter((s) => s.group === 'AE');
    expect(ae.map((s) => s.population)).toEqual([50_000, 55_000, null, null]);
    expect(ae.map((s) => s.rate)).toEqual([20, 20, null, null]);
  });

  it('forecasts by compounding demographic and non-demographic growth, with a Somerset-style table', async () => {
    const r = await runSpec(
      engine,
      growthTemplate,
      ['base'],
      {},
      { forecastTo: '2018/19', 'demographic.AE': '0.1', 'nonDemographic.AE': '0.05', 'growth.NEL': '0.017', demographic: '1%' },
    );
    const forecast = objectOf(objectOf(r.json).forecast);
    expect([forecast.baseline, forecast.forecastTo, forecast.years]).toEqual(['2016/17', '2018/19', 2]);
    const rows = rowsOf(forecast.rows);
    expect(rows.map((x) => [x.group, x.baseline, x.demographic, x.nonDemographic, x.growth])).toEqual([
      ['AE', 1000, 0.1, 0.05, 0],
      ['NEL', 2000, 0.01, 0, 0.017],
      ['EL', 400, 0.01, 0, 0],
    ]);
    expect(rows[0]!.forecast).toBeCloseTo(1334.025, 9); // 1000 × 1.1² × 1.05²
    expect(rows[0]!.changePctRounded).toBe(33);
    expect(rows[1]!.forecast).toBeCloseTo(2000 * 1.017 ** 2 * 1.01 ** 2, 9);
    expect(rows[1]!.changePctRounded).toBe(6); // 1.017² × 1.01² = 1.0551 → 5.5% → 6%
    expect(rows[2]!.forecast).toBeCloseTo(400 * 1.0201, 9);
    const path = rowsOf(forecast.path).filter((p) => p.group === 'AE');
    expect(path.map((p) => p.period)).toEqual(['2016/17', '2017/18', '2018/19']);
    expect(path[1]!.value).toBeCloseTo(1155, 9);
    const table = r.tables.find((t) => t.id === 'growth-forecast')!;
    // One % change column (the whole-number figure plans print stays in the JSON).
    expect(table.columns.slice(0, 4).map((c) => c.label)).toEqual(['Point of delivery', 'Activity 2016/17', 'Forecast 2018/19', 'Change %']);
    expect(table.columns.filter((c) => /change/i.test(c.label) && c.format !== 'integer')).toHaveLength(1);
    // The line chart continues each group as a dashed line over the forecast years.
    const chart = r.charts.find((c) => c.id === 'growth-lines')!;
    expect((chart.option.xAxis as { data: string[] }).data).toEqual(['2016/17', '2017/18', '2018/19']);
    const series = chart.option.series as { name: string; lineStyle: { type?: string; color: string }; data: (number | null)[] }[];
    const dashed = series.find((s) => s.name === 'AE (forecast)')!;
    expect(dashed.lineStyle.type).toBe('dashed');
    expect(dashed.lineStyle.color).toBe(series.find((s) => s.name === 'AE')!.lineStyle.color);
    expect(dashed.data[0]).toBe(1000);
    expect(dashed.data[2]).toBeCloseTo(1334.025, 9);
    expect(series.find((s) => s.name === 'AE')!.data).toEqual([1000, null, null]);
    expect(JSON.parse(JSON.stringify(chart.option))).toEqual(chart.option);
    expect(r.charts.map((c) => c.id)).toEqual(['growth-lines', 'growth-index', 'growth-change']);
  });

  it('compares months with the same month last year and year to date', async () => {
    const r = await runSpec(engine, growthTemplate, ['monthly'], { value: 'attendances' }, { grain: 'month' });
    const json = objectOf(r.json);
    const series = rowsOf(json.series);
    expect(series.map((s) => [s.period, s.value, s.previous, s.ytdValue, s.ytdPrevious])).toEqual([
      ['2016-04', 10, null, 10, null],
      ['2016-05', 20, null, 30, null],
      ['2016-06', 30, null, 60, null],
      ['2017-04', 11, 10, 11, 10],
      ['2017-05', 22, 20, 33, 30],
      ['2017-06', 36, 30, 69, 60],
    ]);
    expect(series[5]!.changePct).toBe(0.2);
    expect(series[5]!.ytdChangePct).toBe(0.15);
    expect(objectOf(json.yearToDate)).toMatchObject({ throughMonth: '2017-06', year: '2017/18' });
    expect(rowsOf(objectOf(json.yearToDate).rows)[0]).toMatchObject({ months: 3, value: 69, previousValue: 60, change: 9, changePct: 0.15 });
    const yearly = await runSpec(engine, growthTemplate, ['monthly'], { value: 'attendances' });
    expect(rowsOf(objectOf(yearly.json).series).map((s) => [s.period, s.value, s.months, s.complete])).toEqual([
      ['2016/17', 60, 3, false],
      ['2017/18', 69, 3, false],
    ]);
    expect(yearly.warnings.join(' ')).toMatch(/Incomplete financial years .*2016\/17, 2017\/18/);
    await expect(runSpec(engine, growthTemplate, ['cagr'], {}, { grain: 'month' })).rejects.toThrow(/grain=month needs a period column with dates or months/);
  });
});

describe('growth view on activity.csv through the CLI runner', () => {
  it("sums Somerset's activity by financial year and forecasts from 2016/17", async () => {
    const { json, err } = await cliView(
      [growthTemplate],
      [
        'growth',
        '--data',
        path.join(SAMPLE, 'activity.csv'),
        '--param',
        'area=11X',
        '--param',
        'forecastTo=2020/21',
        '--param',
        'baseline=2016/17',
        '--param',
        'growth.AE=0.017',
        '--param',
        'population=560000',
      ],
    );
    expect(err).toEqual([]);
    expect(json).toMatchObject({ grain: 'year', periodType: 'month', periods: ['2014/15', '2015/16', '2016/17', '2017/18', '2018/19', '2019/20', '2020/21'] });
    const expected = await nativeRows(
      `SELECT pod, financial_year, sum(activity)::DOUBLE AS n FROM ${csv('activity.csv')} WHERE commissioner_code = '11X' AND financial_year IN ('2016/17', '2017/18') GROUP BY ALL`,
    );
    const value = (pod: string, fy: string) => Number(expected.find((r) => r.pod === pod && r.financial_year === fy)!.n);
    const series = rowsOf(json.series);
    for (const pod of ['AE', 'NEL', 'EL', 'DC', 'OPFA', 'OPFU', 'OPPROC', 'COM', 'MH']) {
      const row = series.find((s) => s.group === pod && s.period === '2017/18')!;
      expect(row).toMatchObject({
        value: value(pod, '2017/18'),
        previous: value(pod, '2016/17'),
        change: value(pod, '2017/18') - value(pod, '2016/17'),
        months: 12,
        complete: true,
      });
    }
    const ae = series.find((s) => s.group === 'AE' && s.period === '2016/17')!;
    expect(ae.label).toBe('A&E attendance');
    expect(ae.rate).toBe((value('AE', '2016/17') * 1000) / 560_000);
    // DOMAIN.md: Somerset's 2016/17 A&E attendances were 226,564; the synthetic data is within 1%.
    expect(Math.abs(value('AE', '2016/17') / 226_564 - 1)).toBeLessThan(0.01);
    const f = rowsOf(objectOf(json.forecast).rows).find((r) => r.group === 'AE')!;
    expect(f.baseline).toBe(value('AE', '2016/17'));
    expect(f.forecast).toBeCloseTo(value('AE', '2016/17') * 1.017 ** 4, 6);
    expect(f.changePctRounded).toBe(7); // 1.017⁴ = 1.0696
    expect(rowsOf(objectOf(json.yearToDate).rows)).toHaveLength(9);
  }, 240_000);
});
