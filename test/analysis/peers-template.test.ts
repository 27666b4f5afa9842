import path from 'node:path';
import { createImportService } from '../../src-shared/import/import-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { hydrateChartOption } from '../../src-shared/charts/hydrate';
import { HIGHLIGHT_COLOUR, MUTED_COLOUR } from '../../src-shared/charts/palette';
import type { Engine } from '../../src-shared/engine/engine';
import type { JsonValue } from '../../src-shared/format/plain-json';
import { peersTemplate } from '../../src-shared/analysis/peers';
import { indicatorRowsSql, orgColumnsSql } from '../../src-shared/analysis/peers/sql';
import type { FieldMapping, ViewResult } from '../../src-shared/analysis/view-types';

/*
 * Fixture test/fixtures/peers/indicators.csv, period 2016/17 (2015/16 rows are
 * decoys: H00 = 500 on ADM), home H00, peers P01…P06, populations from
 * populations.csv (H00: population 123,457, weighted population 130,001).
 *
 * ADM — emergency admissions per 1,000, lower is better, unit cost £1,234.56
 *   (unit_cost column), no numerator/denominator → scaled by the population.
 *   H00 120; P01 100, P02 90, P03 105, P04 105, P05 95, P06 105.
 *   peer average 600/6 = 100
 *   best 5: 90 (P02), 95 (P05), 100 (P01), 105 (P03), 105 (P04) — P03, P04 and
 *     P06 tie on 105 at 4th–6th place; codes keep P03 and P04 → 495/5 = 99
 *   lower quartile of 90, 95, 100, 105, 105, 105: h = 1.25 → 95 + 0.25·5 = 96.25
 *   average: gap 20 → 20 × 123,457/1,000 = 2,469.14 admissions
 *            × £1,234.56 = £3,048,301.4784 → £3,048,301.48
 *   best 5:  gap 21 → 2,592.597 → £3,200,716.55232 → £3,200,716.55
 *   quartile: gap 23.75 → 2,932.10375 → £3,619,858.0056 → £3,619,858.01
 *
 * SCR — screening coverage %, higher is better; numerator/denominator → the
 *   home denominator (400) is the base; £25 per person (unitCosts param).
 *   H00 70 (280/400); P01 80, P02 75, P03 `..` (missing), P04 72, P05 78, P06 74.
 *   peer average (80+75+72+78+74)/5 = 379/5 = 75.8; best 5 = the same five = 75.8
 *   upper quartile of 72, 74, 75, 78, 80: h = 3 → 78
 *   average/best 5: gap 5.8 → 5.8 × 400/100 = 23.2 people → £580.00
 *   quartile: gap 8 → 32 people → £800.00
 *   Wilson interval of 280/400: 95% 65.34–74.28 (75.8 outside: significant);
 *   99.8% 62.52–76.55 (75.8 inside: not significant).
 *
 * SPD — £ per weighted head, lower is better → the weighted population.
 *   H00 210.50; P01 200.00, P02 190.25, P03 205.75, P04 215.00, P05 180.10, P06 199.99
 *   peer average 1,191.09/6 = 198.515 → gap 11.985 × 130,001 = £1,558,061.985 → £1,558,061.99
 *   best 5: 180.10+190.25+199.99+200.00+205.75 = 976.09/5 = 195.218 → gap 15.282
 *     × 130,001 = £1,986,675.282 → £1,986,675.28
 *   lower quartile of 180.10, 190.25, 199.99, 200, 205.75, 215: h = 1.25 →
 *     190.25 + 0.25 × 9.74 = 192.685 → gap 17.815 × 130,001 = £2,315,967.815 → £2,315,967.82
 *
 * REA — readmissions %, lower is better; home better than every benchmark.
 *   H00 7.0; P01 8, P02 9, P03 8.5, P04 7.5, P05 10, P06 8
 *   average 51/6 = 8.5 (gap −1.5); best 5: 7.5+8+8+8.5+9 = 41/5 = 8.2;
 *   lower quartile of 7.5, 8, 8, 8.5, 9, 10: h = 1.25 → 8 → all gaps negative:
 *   activity 0 (of 1,000 denominator), no £ (no unit cost).
 *
 * Totals (sum of unrounded values, then rounded):
 *   average  £3,048,301.4784 + £580 + £1,558,061.985 = £4,606,943.4634 → £4,606,943.46;
 *            activity 2,469.14 + 23.2 + 0 = 2,492.34
 *   best 5   £3,200,716.55232 + £580 + £1,986,675.282 = £5,187,971.83432 → £5,187,971.83;
 *            activity 2,592.597 + 23.2 = 2,615.797 → 2,615.80
 *   quartile £3,619,858.0056 + £800 + £2,315,967.815 = £5,936,625.8206 → £5,936,625.82;
 *            activity 2,932.10375 + 32 = 2,964.10375 → 2,964.10
 */

const FIXTURES = path.resolve(__dirname, '../fixtures/peers');
const MAPPING: FieldMapping = {
  org: 'org_code',
  orgName: 'org_name',
  indicator: 'indicator_code',
  indicatorName: 'indicator_name',
  unit: 'unit',
  direction: 'direction',
  period: 'period',
  numerator: 'numerator',
  denominator: 'denominator',
  value: 'value',
  unitCost: 'unit_cost',
  demographicOrg: 'code',
  population: 'population',
  weightedPopulation: 'weighted_population',
};
const PEERS = 'P01,P02,P03,P04,P05,P06';

let engine: Engine;

beforeAll(async () => {
  engine = await openTestEngine();
  for (const name of ['indicators', 'populations', 'populations_zero', 'derived_demographics', 'derived_indicators']) {
    await createImportService(engine).importFiles(name, [await nodeFileSource(path.join(FIXTURES, `${name}.csv`))]);
  }
});

afterAll(async () => {
  await engine?.close();
});

function run(params: Record<string, JsonValue>, tables = ['indicators', 'populations'], mapping: FieldMapping = MAPPING): Promise<ViewResult> {
  return peersTemplate.run(engine, { template: 'peers', tables, mapping, params: peersTemplate.parseParams(params) });
}

interface JsonIndicator {
  code: string;
  homeRate: number | null;
  peerAverage: number | null;
  best5: number | null;
  benchmark: number | null;
  gap: number | null;
  opportunityActivity: number | null;
  opportunityValue: number | null;
  [key: string]: JsonValue;
}

function json(result: ViewResult): { indicators: JsonIndicator[]; total: { opportunityValue: number; opportunityActivity: number }; [key: string]: JsonValue } {
  return result.json as never;
}

const pick = (i: JsonIndicator) => ({
  code: i.code,
  homeRate: i.homeRate,
  peerAverage: i.peerAverage,
  best5: i.best5,
  benchmark: i.benchmark,
  gap: i.gap,
  opportunityActivity: i.opportunityActivity,
  opportunityValue: i.opportunityValue,
});

describe('peers view on hand-worked fixtures', () => {
  it('reproduces the opportunity table against the peer average', async () => {
    const result = await run({ home: 'H00', peers: PEERS, unitCosts: 'SCR:25' });
    const out = json(result);
    expect(out.period).toBe('2016/17');
    expect(out.peers).toEqual(['P01', 'P02', 'P03', 'P04', 'P05', 'P06']);
    expect(out.indicators.map(pick)).toEqual([
      { code: 'ADM', homeRate: 120, peerAverage: 100, best5: 99, benchmark: 100, gap: 20, opportunityActivity: 2469.14, opportunityValue: 3048301.48 },
      {
        code: 'SPD',
        homeRate: 210.5,
        peerAverage: 198.515,
        best5: 195.218,
        benchmark: 198.515,
        gap: 11.985,
        opportunityActivity: null,
        opportunityValue: 1558061.99,
      },
      { code: 'SCR', homeRate: 70, peerAverage: 75.8, best5: 75.8, benchmark: 75.8, gap: 5.8, opportunityActivity: 23.2, opportunityValue: 580 },
      { code: 'REA', homeRate: 7, peerAverage: 8.5, best5: 8.2, benchmark: 8.5, gap: -1.5, opportunityActivity: 0, opportunityValue: null },
    ]);
    expect(out.total).toEqual({ opportunityValue: 4606943.46, opportunityActivity: 2492.34 });
    expect(out.indicators.map((i) => [i.code, i.quartile, i.direction, i.peersWithValue, i.population, i.unitCost])).toEqual([
      ['ADM', 96.25, 'lower', 6, 123457, 1234.56],
      ['SPD', 192.685, 'lower', 6, 130001, null],
      ['SCR', 78, 'higher', 5, 400, 25],
      ['REA', 8, 'lower', 6, 1000, null],
    ]);
    // The peer missing SCR is left out of its benchmarks and named in a warning.
    expect(result.warnings).toContain('SCR: no value for peer P03, left out of its benchmarks.');

    const table = result.tables.find((t) => t.id === 'opportunity')!;
    expect(table.rows.map((r) => [r.code, r.opportunityValue])).toEqual([
      ['ADM', 3048301.48],
      ['SPD', 1558061.99],
      ['SCR', 580],
      ['REA', null],
      ['', 4606943.46],
    ]);
    expect(table.rows.at(-1)).toMatchObject({ name: 'Total', opportunityActivity: 2492.34 });
  });

  it('reproduces the opportunity table against the best 5 and the quartile', async () => {
    const best5 = json(await run({ home: 'H00', peers: PEERS, unitCosts: 'SCR:25', benchmark: 'best5' }));
    expect(best5.indicators.map((i) => [i.code, i.benchmark, i.gap, i.opportunityActivity, i.opportunityValue])).toEqual([
      ['ADM', 99, 21, 2592.6, 3200716.55],
      ['SPD', 195.218, 15.282, null, 1986675.28],
      ['SCR', 75.8, 5.8, 23.2, 580],
      ['REA', 8.2, -1.2, 0, null],
    ]);
    expect(best5.total).toEqual({ opportunityValue: 5187971.83, opportunityActivity: 2615.8 });

    const quartile = json(await run({ home: 'H00', peers: PEERS, unitCosts: 'SCR:25', benchmark: 'quartile' }));
    expect(quartile.indicators.map((i) => [i.code, i.benchmark, i.gap, i.opportunityActivity, i.opportunityValue])).toEqual([
      ['ADM', 96.25, 23.75, 2932.1, 3619858.01],
      ['SPD', 192.685, 17.815, null, 2315967.82],
      ['SCR', 78, 8, 32, 800],
      ['REA', 8, -1, 0, null],
    ]);
    expect(quartile.total).toEqual({ opportunityValue: 5936625.82, opportunityActivity: 2964.1 });
  });

  it('marks exactly five peers as best 5 when three tie at fifth place', async () => {
    const result = await run({ home: 'H00', peers: PEERS });
    const values = result.tables.find((t) => t.id === 'peer-values')!.rows.filter((r) => r.indicator === 'ADM');
    expect(values.map((r) => [r.rank, r.org, r.value, r.inBest5])).toEqual([
      [1, 'P02', 90, 'yes'],
      [2, 'P05', 95, 'yes'],
      [3, 'P01', 100, 'yes'],
      [4, 'P03', 105, 'yes'],
      [5, 'P04', 105, 'yes'],
      [6, 'P06', 105, 'no'],
      [7, 'H00', 120, ''],
    ]);
    // The missing peer is listed last without a rank.
    const scr = result.tables.find((t) => t.id === 'peer-values')!.rows.filter((r) => r.indicator === 'SCR');
    expect(scr.at(-1)).toMatchObject({ org: 'P03', rank: null, value: null });
  });

  it('flags and excludes gaps that are not significant', async () => {
    const at95 = json(await run({ home: 'H00', peers: PEERS, unitCosts: 'SCR:25', significance: '95' }));
    const scr95 = at95.indicators.find((i) => i.code === 'SCR')!;
    expect([scr95.significant, scr95.excluded, scr95.opportunityValue]).toEqual([true, false, 580]);
    expect(at95.total.opportunityValue).toBe(4606943.46);
    // Money and indicators without numerator/denominator are not tested and never excluded.
    expect(at95.indicators.find((i) => i.code === 'SPD')!.significant).toBeNull();
    expect(at95.indicators.find((i) => i.code === 'ADM')!.significant).toBeNull();

    const at998 = json(await run({ home: 'H00', peers: PEERS, unitCosts: 'SCR:25', significance: '99.8' }));
    const scr998 = at998.indicators.find((i) => i.code === 'SCR')!;
    expect([scr998.significant, scr998.excluded, scr998.gap, scr998.opportunityActivity, scr998.opportunityValue]).toEqual([false, true, 5.8, 0, 0]);
    // £4,606,943.4634 − £580 = £4,606,363.4634; activity 2,469.14 + 0.
    expect(at998.total).toEqual({ opportunityValue: 4606363.46, opportunityActivity: 2469.14 });

    const flagged = json(await run({ home: 'H00', peers: PEERS, unitCosts: 'SCR:25', significance: '99.8', excludeInsignificant: 'false' }));
    expect(flagged.indicators.find((i) => i.code === 'SCR')).toMatchObject({ significant: false, excluded: false, opportunityValue: 580 });
  });

  it('gives zero opportunity (no NaN) for a zero population', async () => {
    const result = await run({ home: 'H00', peers: PEERS, unitCosts: 'SCR:25' }, ['indicators', 'populations_zero']);
    const out = json(result);
    expect(out.indicators.map((i) => [i.code, i.gap, i.opportunityActivity, i.opportunityValue])).toEqual([
      // SCR is scaled by its own denominator (400), which is not zero.
      ['SCR', 5.8, 23.2, 580],
      ['ADM', 20, 0, 0],
      ['SPD', 11.985, null, 0],
      ['REA', -1.5, 0, null],
    ]);
    expect(out.total).toEqual({ opportunityValue: 580, opportunityActivity: 23.2 });
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('uses the period parameter instead of the latest period', async () => {
    const out = json(await run({ home: 'H00', peers: PEERS, period: '2015/16' }));
    expect(out.period).toBe('2015/16');
    expect(out.indicators).toHaveLength(1);
    expect(out.indicators[0]).toMatchObject({ code: 'ADM', homeRate: 500, peerAverage: 1, gap: 499 });
    await expect(run({ home: 'H00', peers: PEERS, period: '2014/15' })).rejects.toThrow(
      'Parameter "period": 2014/15 is not in the data; periods: 2015/16, 2016/17.',
    );
  });

  it('explains unknown organisations and unusable mappings', async () => {
    await expect(run({ home: 'ZZZ', peers: PEERS })).rejects.toThrow('Parameter "home": ZZZ has no indicator rows in 2016/17');
    await expect(run({ home: 'H00', peers: 'P01,XYZ' })).rejects.toThrow('Parameter "peers": XYZ is not an organisation in the data.');
    const { value: _v, numerator: _n, ...noValue } = MAPPING;
    await expect(run({ home: 'H00', peers: PEERS }, undefined, noValue)).rejects.toThrow('Map a value column');
  });

  it('builds ranked bar charts and a spend-vs-outcome quadrant as plain JSON', async () => {
    const result = await run({ home: 'H00', peers: PEERS });
    expect(result.charts.map((c) => c.id)).toEqual(['rank-ADM', 'rank-SPD', 'rank-SCR', 'rank-REA', 'quadrant']);
    for (const chart of result.charts) expect(JSON.parse(JSON.stringify(chart.option))).toEqual(chart.option);

    const bar = result.charts[0]!.option as {
      xAxis: { data: string[] };
      series: { data: { name: string; value: number; itemStyle: { color: string } }[]; markLine: { data: { name: string; yAxis: number }[] } }[];
    };
    // Bars named for the board; the code is in each bar's tooltip.
    expect(bar.xAxis.data).toEqual(['Peer Two CCG', 'Peer Five CCG', 'Peer One CCG', 'Peer Three CCG', 'Peer Four CCG', 'Peer Six CCG', 'Home CCG']);
    expect(bar.series[0]!.data.map((d) => d.name).slice(0, 2)).toEqual(['Peer Two CCG (P02)', 'Peer Five CCG (P05)']);
    const series = bar.series[0]!;
    expect(series.data.map((d) => d.itemStyle.color)).toEqual([...new Array<string>(6).fill(MUTED_COLOUR), HIGHLIGHT_COLOUR]);
    expect(series.markLine.data.map((l) => [l.name, l.yAxis])).toEqual([
      ['Peer average', 100],
      ['Best 5', 99],
    ]);
    const hydrated = hydrateChartOption(result.charts[0]!.option) as { yAxis: { axisLabel: { formatter: (v: number) => string } } };
    expect(hydrated.yAxis.axisLabel.formatter(100)).toBe('100');

    // Defaults: x = the £ indicator (SPD), y = the first higher-is-better indicator (SCR).
    const quadrant = result.tables.find((t) => t.id === 'quadrant')!;
    expect(quadrant.title).toBe('Spend on everything per weighted head vs Screening coverage');
    expect(quadrant.rows.map((r) => [r.org, r.x, r.y])).toEqual([
      ['H00', 210.5, 70],
      ['P01', 200, 80],
      ['P02', 190.25, 75],
      ['P04', 215, 72],
      ['P05', 180.1, 78],
      ['P06', 199.99, 74],
    ]);
    const q = result.charts.at(-1)!.option as {
      series: { name: string; data: { name: string; value: number[] }[]; markLine?: { data: Record<string, unknown>[] } }[];
    };
    expect(q.series[0]!.markLine!.data.map((l) => [l.name, l.xAxis, l.yAxis])).toEqual([
      ['Peer average', 198.515, undefined],
      ['Peer average', undefined, 75.8],
    ]);
    expect(q.series[1]).toMatchObject({ name: 'H00', data: [{ name: 'H00', value: [210.5, 70] }] });

    const chosen = await run({ home: 'H00', peers: PEERS, quadrantX: 'ADM', quadrantY: 'REA' });
    expect(chosen.tables.find((t) => t.id === 'quadrant')!.title).toBe('Emergency admissions per 1000 population vs Emergency readmissions within 30 days');
  });
});

describe('peers view with a derived peer group', () => {
  /*
   * derived_demographics.csv is the hand-worked table of peers-formulas.test.ts
   * (HOM, AAA, BBB, CCC, DDD on var1 and var2; population is mapped, so it is
   * not a variable). Indicator X per 1,000, lower is better: HOM 50, AAA 40,
   * BBB 44, CCC 10, DDD 46; HOM population 10,000; unit cost £12.34.
   *   peerCount 2, equal weights → AAA, BBB (BBB beats DDD on code at d = √2.5):
   *     average 42, gap 8 → 8 × 10,000/1,000 = 80 → £987.20
   *   weights var2:3 → AAA (√2), DDD (√3.5): average 43, gap 7 → 70 → £863.80
   */
  const mapping: FieldMapping = {
    org: 'org',
    indicator: 'indicator',
    unit: 'unit',
    direction: 'direction',
    value: 'value',
    demographicOrg: 'ccg',
    population: 'population',
  };
  const tables = ['derived_indicators', 'derived_demographics'];

  it('takes the nearest N on the demographic variables and returns the distance table', async () => {
    const result = await run({ home: 'HOM', peerCount: '2', unitCost: '12.34' }, tables, mapping);
    const out = json(result);
    expect(out.peerSource).toBe('derived');
    expect(out.peers).toEqual(['AAA', 'BBB']);
    expect(out.indicators.map(pick)).toEqual([
      { code: 'X', homeRate: 50, peerAverage: 42, best5: 42, benchmark: 42, gap: 8, opportunityActivity: 80, opportunityValue: 987.2 },
    ]);
    const distances = result.tables.find((t) => t.id === 'distances')!;
    expect(distances.rows.map((r) => [r.rank, r.org, r.group, r.distance])).toEqual([
      [0, 'HOM', 'home', 0],
      [1, 'AAA', 'peer', 1],
      [2, 'BBB', 'peer', 1.5811],
      [3, 'DDD', '', 1.5811],
      [4, 'CCC', '', 2],
    ]);
    expect(distances.rows[1]).toMatchObject({ 'value:var1': 1, 'z:var1': -0.7071, 'value:var2': 9, 'z:var2': 0.7071 });
    expect(result.tables.find((t) => t.id === 'distance-variables')!.rows).toEqual([
      { variable: 'var1', weight: 1, mean: 6, sd: 5.8992, cap: 35.4958, cappedCount: 0, rootMean: 2, rootSd: 1.4142 },
      { variable: 'var2', weight: 1, mean: 6, sd: 5.8992, cap: 35.4958, cappedCount: 0, rootMean: 2, rootSd: 1.4142 },
    ]);
    expect(result.warnings).toContain('X: only 2 peers have a value; "best 5" averages all of them.');
  });

  it('lets weights change the peer group', async () => {
    const out = json(await run({ home: 'HOM', peerCount: 2, unitCost: 12.34, weights: 'var2:3' }, tables, mapping));
    expect(out.peers).toEqual(['AAA', 'DDD']);
    expect(out.indicators.map(pick)).toEqual([
      { code: 'X', homeRate: 50, peerAverage: 43, best5: 43, benchmark: 43, gap: 7, opportunityActivity: 70, opportunityValue: 863.8 },
    ]);
    await expect(run({ home: 'HOM', weights: 'var3:1' }, tables, mapping)).rejects.toThrow(
      'Parameter "weights": "var3" is not one of the demographic variables (var1, var2).',
    );
  });

  it('takes every organisation when fewer than peerCount exist, and honours a demographics list', async () => {
    const all = await run({ home: 'HOM' }, tables, mapping);
    expect(json(all).peers).toEqual(['AAA', 'BBB', 'DDD', 'CCC']);
    expect(all.warnings).toContain('Only 4 organisations are available for a peer group of 10.');
    // On var1 alone: |z − 0| = 0.7071 for AAA and BBB, √2 for CCC and DDD.
    expect(json(await run({ home: 'HOM', peerCount: 3, demographics: 'var1' }, tables, mapping)).peers).toEqual(['AAA', 'BBB', 'CCC']);
  });
});

describe('peers SQL', () => {
  it('quotes identifiers and literals and casts numbers to DOUBLE', () => {
    const sql = indicatorRowsSql(
      {
        table: 'my "table"',
        org: 'Org Code',
        indicator: 'Indicator Code',
        indicatorName: null,
        value: 'Value',
        numerator: null,
        denominator: null,
        direction: 'Direction',
        period: 'Period',
        unit: null,
        unitCost: null,
      },
      "2016/17 'x'",
    );
    expect(sql).toBe(
      [
        'SELECT',
        '  trim(CAST("Org Code" AS VARCHAR)) AS org,',
        '  trim(CAST("Indicator Code" AS VARCHAR)) AS indicator,',
        '  CAST(NULL AS VARCHAR) AS indicator_name,',
        '  CAST(NULL AS VARCHAR) AS unit,',
        '  min(CAST("Direction" AS VARCHAR)) AS direction,',
        '  avg(TRY_CAST("Value" AS DOUBLE)) AS value,',
        '  CAST(NULL AS DOUBLE) AS numerator,',
        '  CAST(NULL AS DOUBLE) AS denominator,',
        '  CAST(NULL AS DOUBLE) AS unit_cost,',
        '  CAST(count(*) AS DOUBLE) AS n_rows',
        'FROM "my ""table"""',
        `WHERE "Org Code" IS NOT NULL AND "Indicator Code" IS NOT NULL AND CAST("Period" AS VARCHAR) = '2016/17 ''x'''`,
        'GROUP BY 1, 2',
        'ORDER BY 2, 1',
      ].join('\n'),
    );
    expect(orgColumnsSql('demo', 'ccg code', ['pop'], ['name'])).toBe(
      'SELECT trim(CAST("ccg code" AS VARCHAR)) AS org, avg(TRY_CAST("pop" AS DOUBLE)) AS n0, min(CAST("name" AS VARCHAR)) AS t0, CAST(count(*) AS DOUBLE) AS n_rows FROM "demo" WHERE "ccg code" IS NOT NULL GROUP BY 1 ORDER BY 1',
    );
  });
});
