import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { rollUpToYears, measures, emptySums, yearEnds } from '../../src-shared/analysis/workforce/measures';
import { workforceParams } from '../../src-shared/analysis/workforce/params';
import { workforceTemplate } from '../../src-shared/analysis/workforce/template';
import { monthIndex } from '../../src-shared/analysis/view-kit/months';
import type { Engine } from '../../src-shared/engine/engine';
import { cliView, csv, fixture, load, nativeRows, objectOf, rowsOf, runSpec, SAMPLE } from './view-test-helpers';

const TRUST = `Organisation Code,Organisation Name,Month,Staff Group,Staff In Post WTE,Staff In Post Headcount,Vacancies WTE,Funded Establishment WTE,Agency Spend (£),Total Pay Bill (£),Staff Aged 55+ Headcount
RBA,Taunton,Apr-16,Nurses,100.5,110,10.5,111,"10,000","200,000",20
RBA,Taunton,Apr-16,Doctors,50,55,5,55,"30,000","300,000",*
RA4,Yeovil,Apr-16,Nurses,80,90,20,100,"5,000","100,000",15
RBA,Taunton,May-16,Nurses,101,111,9,110,"12,000","210,000",21
RBA,Taunton,May-16,Doctors,50,56,4,54,"25,000","290,000",8
RA4,Yeovil,May-16,Nurses,81,91,19,100,0,"100,000",16
`;

const GP = `Practice Code,Practice Name,CCG Code,Financial Year,Quarter,Quarter End Date,Registered Patients,GP Headcount,GP FTE,Nurse FTE,Direct Patient Care FTE,Admin/Non-Clinical FTE,Total FTE
P1,Alpha,11X,2016/17,Q1,30/06/2016,10000,5,4,2,1,3,10
P2,Beta,11X,2016/17,Q1,30/06/2016,5000,3,2,1,ND,2,ND
P1,Alpha,11X,2016/17,Q2,30/09/2016,10100,5,4.5,2,1.5,3,11
`;

describe('workforce formulas', () => {
  it('takes stocks from the last month of a financial year and adds up flows', () => {
    const s = (wte: number, agency: number) => ({ ...emptySums(), wte, agencySpend: agency, agNum: agency, agDen: 1000 });
    const monthly = new Map([
      [monthIndex('2017-02'), s(10, 1)],
      [monthIndex('2017-03'), s(12, 2)],
      [monthIndex('2017-04'), s(13, 4)],
    ]);
    const years = rollUpToYears(monthly, yearEnds([...monthly.keys()]));
    expect(years.get(2016)).toMatchObject({ wte: 12, agencySpend: 3, agDen: 2000 });
    expect(years.get(2017)).toMatchObject({ wte: 13, agencySpend: 4 });
    expect(measures({ ...emptySums(), wte: 50, vacNum: 5, vacDen: 55, agNum: 1, agDen: 4, o55Num: 1, o55Den: 5 }, 20_000)).toMatchObject({
      vacancyRate: 5 / 55,
      agencyShare: 0.25,
      over55Share: 0.2,
      wtePer10k: 25,
    });
  });

  it('validates parameters', () => {
    expect(workforceParams.parse({ grain: 'year', org: 'RBA,RA4', 'filter.Staff Group': 'Midwives' })).toMatchObject({
      grain: 'year',
      org: ['RBA', 'RA4'],
      filters: { 'Staff Group': ['Midwives'] },
    });
    expect(workforceTemplate.parseParams(workforceTemplate.parseParams({ population: '560000', org: 'RBA' }))).toEqual(
      workforceTemplate.parseParams({ population: '560000', org: 'RBA' }),
    );
    expect(() => workforceParams.parse({ grain: 'week' })).toThrow(/"grain" must be one of period, year/);
    expect(() => workforceParams.parse({ population: '-1' })).toThrow(/"population" must be greater than 0/);
  });
});

describe('workforce view on fixtures', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openTestEngine();
    await load(engine, 'trust', fixture('trust.csv', TRUST));
    await load(engine, 'gp', fixture('gp.csv', GP));
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('gives WTE, skill mix, vacancy rate, agency share and the share over 55 for a trust file', async () => {
    const r = await runSpec(engine, workforceTemplate, ['trust']);
    expect(r.mapping).toMatchObject({
      period: 'Month',
      group: 'Staff Group',
      wte: 'Staff In Post WTE',
      headcount: 'Staff In Post Headcount',
      vacancies: 'Vacancies WTE',
      establishment: 'Funded Establishment WTE',
      agencySpend: 'Agency Spend (£)',
      payBill: 'Total Pay Bill (£)',
      over55: 'Staff Aged 55+ Headcount',
      org: 'Organisation Code',
    });
    const json = objectOf(r.json);
    expect(json.groups).toEqual(['Nurses', 'Doctors']);
    expect(rowsOf(json.periods)).toEqual([
      {
        period: '2016-04',
        wte: 230.5,
        headcount: 255,
        vacancies: 35.5,
        establishment: 266,
        vacancyRate: 35.5 / 266,
        agencySpend: 45_000,
        payBill: 600_000,
        agencyShare: 0.075,
        over55: 35,
        over55Share: 35 / 200,
        population: null,
        wtePer10k: null,
      },
      {
        period: '2016-05',
        wte: 232,
        headcount: 258,
        vacancies: 32,
        establishment: 264,
        vacancyRate: 32 / 264,
        agencySpend: 37_000,
        payBill: 600_000,
        agencyShare: 37_000 / 600_000,
        over55: 45,
        over55Share: 45 / 258,
        population: null,
        wtePer10k: null,
      },
    ]);
    const april = rowsOf(json.byGroup).filter((g) => g.period === '2016-04');
    expect(april.map((g) => [g.group, g.wte, g.share, g.vacancyRate, g.agencyShare, g.over55Share])).toEqual([
      ['Nurses', 180.5, 180.5 / 230.5, 30.5 / 211, 15_000 / 300_000, 35 / 200],
      ['Doctors', 50, 50 / 230.5, 5 / 55, 0.1, null], // the suppressed `*` leaves doctors without a share over 55
    ]);
    expect(rowsOf(json.byOrganisation).map((o) => [o.code, o.name, o.period, o.wte, o.vacancyRate, o.agencyShare])).toEqual([
      ['RBA', 'Taunton', '2016-05', 151, 13 / 164, 37_000 / 500_000],
      ['RA4', 'Yeovil', '2016-05', 81, 0.19, 0],
    ]);
    expect(r.warnings).toEqual(['1 rows have a suppressed or missing count of staff aged 55+ and are left out of that share.']);
    expect(r.charts.map((c) => c.id)).toEqual(['workforce-wte', 'workforce-skill-mix', 'workforce-rates']);
    const area = r.charts[0]!.option.series as { name: string; stack: string; areaStyle: unknown; data: number[] }[];
    expect(area.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Nurses', 'wte', [180.5, 182]],
      ['Doctors', 'wte', [50, 50]],
    ]);
  });

  it('rolls up to financial years and filters organisations', async () => {
    const year = objectOf((await runSpec(engine, workforceTemplate, ['trust'], {}, { grain: 'year', population: '20000' })).json);
    expect(rowsOf(year.periods)).toMatchObject([
      {
        period: '2016/17',
        wte: 232,
        vacancyRate: 32 / 264,
        agencySpend: 82_000,
        payBill: 1_200_000,
        agencyShare: 82_000 / 1_200_000,
        population: 20_000,
        wtePer10k: 116,
      },
    ]);
    const ra4 = objectOf((await runSpec(engine, workforceTemplate, ['trust'], {}, { org: 'RA4' })).json);
    expect(rowsOf(ra4.periods).map((p) => [p.period, p.wte, p.vacancyRate])).toEqual([
      ['2016-04', 80, 0.2],
      ['2016-05', 81, 0.19],
    ]);
  });

  it('derives funded establishment from staff in post + vacancies when no column gives it', async () => {
    await engine.exec(`CREATE TABLE no_est AS SELECT "Organisation Code", "Month", "Staff Group", "Staff In Post WTE", "Vacancies WTE" FROM trust`);
    const r = objectOf((await runSpec(engine, workforceTemplate, ['no_est'])).json);
    expect(rowsOf(r.periods)[0]).toMatchObject({ wte: 230.5, vacancies: 35.5, establishment: 266, vacancyRate: 35.5 / 266, agencyShare: null });
  });

  it("unpivots the GP practice file's FTE columns and counts registered patients once per practice", async () => {
    const r = await runSpec(engine, workforceTemplate, ['gp']);
    expect(r.mapping).toMatchObject({
      period: 'Quarter End Date',
      population: 'Registered Patients',
      org: 'Practice Code',
      'wte.GPs': 'GP FTE',
      'wte.Nurses': 'Nurse FTE',
      'wte.Direct patient care': 'Direct Patient Care FTE',
      'wte.Admin/non-clinical': 'Admin/Non-Clinical FTE',
    });
    const json = objectOf(r.json);
    expect(json.layout).toBe('wide');
    expect(json.groups).toEqual(['GPs', 'Nurses', 'Direct patient care', 'Admin/non-clinical']);
    expect(rowsOf(json.periods).map((p) => [p.period, p.wte, p.population, p.wtePer10k])).toEqual([
      ['2016-06', 15, 15_000, 10],
      ['2016-09', 11, 10_100, (11 * 10_000) / 10_100],
    ]);
    expect(
      rowsOf(json.byGroup)
        .filter((g) => g.period === '2016-06')
        .map((g) => [g.group, g.wte, g.share, g.wtePer10k]),
    ).toEqual([
      ['GPs', 6, 0.4, 4],
      ['Nurses', 3, 0.2, 2],
      ['Direct patient care', 1, 1 / 15, (1 * 10_000) / 15_000],
      ['Admin/non-clinical', 5, 1 / 3, (5 * 10_000) / 15_000],
    ]);
    expect(r.warnings).toEqual(['1 staff-group values have no WTE (blank or suppressed, e.g. ND) and count as nothing.']);
    expect(r.charts.map((c) => c.id)).toEqual(['workforce-wte', 'workforce-skill-mix', 'workforce-per-population']);
    // Mapped by hand, the same columns give the same result.
    const byHand = await runSpec(engine, workforceTemplate, ['gp'], { 'wte.GP': 'GP FTE', 'wte.Nurse': 'Nurse FTE' });
    expect(objectOf(byHand.json).groups).toEqual(['GPs', 'Nurses', 'Direct patient care', 'Admin/non-clinical', 'GP', 'Nurse']);
  });
});

describe('workforce view on the sample data through the CLI runner', () => {
  const money = (col: string) => `TRY_CAST(replace(CAST("${col}" AS VARCHAR), ',', '') AS DOUBLE)`;

  it('reads workforce_trusts.csv and agrees with independent SQL', async () => {
    const { json, err } = await cliView([workforceTemplate], ['workforce', '--data', path.join(SAMPLE, 'workforce_trusts.csv')]);
    expect(err).toEqual(['warning: 120 rows have a suppressed or missing count of staff aged 55+ and are left out of that share.']);
    expect(json.groups).toHaveLength(7);
    const periods = rowsOf(json.periods);
    expect(periods).toHaveLength(60);
    expect([periods[0]!.period, periods.at(-1)!.period]).toEqual(['2016-04', '2021-03']);
    const [x] = await nativeRows(`SELECT sum("Staff In Post WTE")::DOUBLE AS wte, (sum("Vacancies WTE") / sum("Funded Establishment WTE"))::DOUBLE AS vac,
      (sum(${money('Agency Spend (£)')}) / sum(${money('Total Pay Bill (£)')}))::DOUBLE AS agency,
      (sum(TRY_CAST("Staff Aged 55+ Headcount" AS DOUBLE)) / sum("Staff In Post Headcount") FILTER (WHERE TRY_CAST("Staff Aged 55+ Headcount" AS DOUBLE) IS NOT NULL))::DOUBLE AS o55
      FROM ${csv('workforce_trusts.csv')} WHERE "Month" = 'Mar-21'`);
    const last = periods.at(-1)!;
    expect(last.wte).toBeCloseTo(x!.wte as number, 6);
    expect(last.vacancyRate).toBeCloseTo(x!.vac as number, 12);
    expect(last.agencyShare).toBeCloseTo(x!.agency as number, 12);
    expect(last.over55Share).toBeCloseTo(x!.o55 as number, 12);
    // README: vacancy rates 3–12%, agency share 1–15%.
    for (const g of rowsOf(json.byGroup)) {
      expect(g.vacancyRate).toBeGreaterThan(0.02);
      expect(g.vacancyRate).toBeLessThan(0.13);
      expect(g.agencyShare).toBeLessThan(0.16);
    }
    expect(rowsOf(json.byOrganisation).map((o) => o.code)).toEqual(['RBA', 'RH5', 'RA4']);
  }, 240_000);

  it('recognises workforce_gp_practices.csv and gives FTE per 10,000 registered patients', async () => {
    const { json } = await cliView([workforceTemplate], ['workforce', '--data', path.join(SAMPLE, 'workforce_gp_practices.csv'), '--param', 'grain=year']);
    expect(json).toMatchObject({ layout: 'wide', grain: 'year', groups: ['GPs', 'Nurses', 'Direct patient care', 'Admin/non-clinical'] });
    const [x] = await nativeRows(
      `SELECT sum("GP FTE")::DOUBLE AS gp, sum("Registered Patients")::DOUBLE AS patients FROM ${csv('workforce_gp_practices.csv')} WHERE "Financial Year" = '2020/21' AND "Quarter" = 'Q4'`,
    );
    const last = rowsOf(json.byGroup).find((g) => g.period === '2020/21' && g.group === 'GPs')!;
    expect(last.wte).toBeCloseTo(x!.gp as number, 6);
    expect(last.population).toBe(x!.patients);
    expect(last.wtePer10k).toBeCloseTo(((x!.gp as number) * 10_000) / (x!.patients as number), 9);
    // DOMAIN.md: GP FTE falls from about 310 to about 254 over the plan.
    expect(last.wte).toBeGreaterThan(240);
    expect(last.wte).toBeLessThan(270);
  }, 240_000);
});
