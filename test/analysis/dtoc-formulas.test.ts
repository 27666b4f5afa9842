import { describe, expect, it } from 'vitest';
import {
  averageBedsOccupied,
  costOf,
  monthRows,
  pareto,
  ratePer100k,
  targetProgress,
  trajectoryValue,
  type MonthInput,
  type TargetSpec,
} from '../../src-shared/analysis/dtoc/measures';
import { dtocParams } from '../../src-shared/analysis/dtoc/params';
import { classifyAgency, classifyReason, classifySetting } from '../../src-shared/analysis/dtoc/reasons';
import { recogniseDtoc } from '../../src-shared/analysis/dtoc/roles';
import { dtocTemplate } from '../../src-shared/analysis/dtoc/template';
import type { TableInfo } from '../../src-shared/analysis/view-types';

describe('DTOC categories', () => {
  it('maps extract reason values, codes and labels to A–I', () => {
    const cases: [string, string][] = [
      ['A_COMPLETION_ASSESSMENT', 'A'],
      ['B_PUBLIC_FUNDING', 'B'],
      ['C_FURTHER_NON_ACUTE_NHS', 'C'],
      ['C_WAITING_FURTHER_NHS_CARE', 'C'],
      ['DI_RESIDENTIAL_HOME', 'Di'],
      ['DI_AWAITING_RESIDENTIAL_HOME', 'Di'],
      ['DII_NURSING_HOME', 'Dii'],
      ['D(ii) Awaiting nursing home placement', 'Dii'],
      ['Di) Residential home', 'Di'],
      ['E_CARE_PACKAGE_IN_HOME', 'E'],
      ['F_COMMUNITY_EQUIPMENT_ADAPTIONS', 'F'],
      ['G_PATIENT_FAMILY_CHOICE', 'G'],
      ['H_DISPUTES', 'H'],
      ['I_HOUSING', 'I'],
      ['O_OTHER', 'O'],
      ['Completion of assessment', 'A'],
      ['Awaiting care package in own home', 'E'],
      ['Patient or family choice', 'G'],
      ['Housing - patients not covered by Care Act', 'I'],
      ['dii', 'Dii'],
    ];
    for (const [raw, code] of cases) expect(classifyReason(raw).code, raw).toBe(code);
    expect(classifyReason('DII_NURSING_HOME').label).toBe('Nursing home placement');
    expect(classifyReason('F_COMMUNITY_EQUIPMENT_ADAPTIONS').label).toBe('Community equipment and adaptations');
    expect(classifyReason('Z_SOMETHING_ELSE')).toEqual({ code: 'Z_SOMETHING_ELSE', label: 'Z_SOMETHING_ELSE', known: false });
    expect(classifyReason(null).code).toBe('Not stated');
  });

  it('maps agencies and settings', () => {
    expect(['NHS', 'nhs', 'Social Care', 'SOCIAL_CARE', 'LA', 'Both', 'NHS and social care', 'Joint'].map(classifyAgency)).toEqual([
      'NHS',
      'NHS',
      'Social Care',
      'Social Care',
      'Social Care',
      'Both',
      'Both',
      'Both',
    ]);
    expect(['Acute', 'Non-Acute', 'NON ACUTE', 'nonacute', 'A', 'NA'].map(classifySetting)).toEqual([
      'Acute',
      'Non-acute',
      'Non-acute',
      'Non-acute',
      'Acute',
      'Non-acute',
    ]);
  });

  it("recognises the sitrep layout, preferring the importer's derived Month", () => {
    const col = (name: string, kind: 'string' | 'number' | 'date') => ({
      name,
      kind,
      sqlType: kind === 'number' ? 'BIGINT' : kind === 'date' ? 'DATE' : 'VARCHAR',
    });
    const base = [
      col('Year', 'string'),
      col('Period Name', 'string'),
      col('Provider Org Code', 'string'),
      col('Local Authority Code', 'string'),
      col('Acute Or Non Acute Description', 'string'),
      col('Reason For Delay', 'string'),
      col('NHS B SUM', 'number'),
      col('Social Care B SUM', 'number'),
      col('Both B SUM', 'number'),
    ];
    const withMonth: TableInfo = { table: 'a', columns: [...base, col('Month', 'date')] };
    const without: TableInfo = { table: 'b', columns: base };
    expect(recogniseDtoc([withMonth])).toMatchObject({
      month: 'Month',
      reason: 'Reason For Delay',
      nhsDays: 'NHS B SUM',
      socialCareDays: 'Social Care B SUM',
      bothDays: 'Both B SUM',
      setting: 'Acute Or Non Acute Description',
      provider: 'Provider Org Code',
      localAuthority: 'Local Authority Code',
    });
    expect(recogniseDtoc([without])).toMatchObject({ month: 'Period Name', year: 'Year' });
    expect(recogniseDtoc([withMonth, without])).toMatchObject({ month: 'Period Name', year: 'Year' });
    expect(recogniseDtoc([{ table: 'c', columns: [col('x', 'string')] }])).toBeNull();
  });
});

describe('DTOC formulas', () => {
  it('costs 2,000 days at £150 as £300,000 and averages beds over the days in the month', () => {
    expect(costOf(2000, 150)).toBe(300_000);
    expect(averageBedsOccupied(2000, '2016-04')).toBe(2000 / 30);
    expect(averageBedsOccupied(620, '2017-01')).toBe(20);
    expect(averageBedsOccupied(580, '2016-02')).toBe(20); // leap year: 29 days
    expect(ratePer100k(2000, 447_300)).toBe((2000 * 100_000) / 447_300);
    expect(ratePer100k(2000, null)).toBeNull();
  });

  it('draws the target line straight (or as a step) from the baseline to the target month, then flat', () => {
    const spec: TargetSpec = { target: -0.5, baselineMonth: '2016-06', targetMonth: '2017-06', path: 'linear' };
    expect(trajectoryValue(spec, 2400, '2016-05')).toBeNull();
    expect(trajectoryValue(spec, 2400, '2016-06')).toBe(2400);
    expect(trajectoryValue(spec, 2400, '2016-12')).toBe(1800); // 6 of 12 months: 2400 − 1200 × 6/12
    expect(trajectoryValue(spec, 2400, '2017-06')).toBe(1200);
    expect(trajectoryValue(spec, 2400, '2018-01')).toBe(1200);
    const step = { ...spec, path: 'step' as const };
    expect(trajectoryValue(step, 2400, '2017-05')).toBe(2400);
    expect(trajectoryValue(step, 2400, '2017-06')).toBe(1200);
  });

  it('measures progress against the target', () => {
    const spec: TargetSpec = { target: -0.5, baselineMonth: '2016-06', targetMonth: '2017-06', path: 'linear' };
    const spine = ['2016-06', '2016-07', '2016-08', '2016-09'];
    const days = new Map([
      ['2016-06', 2000],
      ['2016-07', 1900],
      ['2016-08', 1800],
      ['2016-09', 1700],
    ]);
    const p = targetProgress(spec, days, spine);
    expect(p).toEqual({
      target: -0.5,
      path: 'linear',
      baselineMonth: '2016-06',
      baselineBedDays: 2000,
      targetMonth: '2017-06',
      targetBedDays: 1000,
      latestMonth: '2016-09',
      latestBedDays: 1700,
      trajectoryBedDays: 1750, // 2000 − 1000 × 3/12
      changeSinceBaseline: -0.15,
      progress: 0.3, // 300 of the 1,000 days to lose
      gapToTrajectory: -50,
      onTrajectory: true,
      targetMonthBedDays: null,
      met: null,
    });
    expect(() => targetProgress({ ...spec, baselineMonth: '2015-01' }, days, spine)).toThrow(/baseline month 2015-01 is not in the data/);
  });

  it('sorts the Pareto largest first with cumulative shares', () => {
    const rows = pareto([
      { code: 'A', label: 'Completion of assessment', bedDays: 300 },
      { code: 'Dii', label: 'Nursing home placement', bedDays: 950 },
      { code: 'E', label: 'Care package in own home', bedDays: 750 },
      { code: 'C', label: 'Further non-acute NHS care', bedDays: 650 },
      { code: 'H', label: 'Disputes', bedDays: 300 },
    ]);
    expect(rows.map((r) => r.code)).toEqual(['Dii', 'E', 'C', 'A', 'H']);
    expect(rows.map((r) => r.cumulativeBedDays)).toEqual([950, 1700, 2350, 2650, 2950]);
    expect(rows.map((r) => r.cumulativeShare)).toEqual([950 / 2950, 1700 / 2950, 2350 / 2950, 2650 / 2950, 1]);
    expect(rows[0]!.share).toBe(950 / 2950);
  });

  it('compares each month with the same month a year before', () => {
    const input = (month: string, bedDays: number): [string, MonthInput] => [month, { month, bedDays, agency: { NHS: bedDays }, setting: {} }];
    const rows = monthRows(['2015-12', '2016-01', '2016-12', '2017-01'], new Map([input('2015-12', 1000), input('2016-01', 1100), input('2016-12', 1200)]), {
      costPerBedDay: 150,
      population18: null,
      hasAgency: true,
      hasSetting: false,
      target: null,
    });
    expect(rows.map((r) => [r.month, r.bedDays, r.lastYearBedDays, r.change, r.changePct])).toEqual([
      ['2015-12', 1000, null, null, null],
      ['2016-01', 1100, null, null, null],
      ['2016-12', 1200, 1000, 200, 0.2],
      ['2017-01', 0, 1100, -1100, -1], // a month in the data with no rows after filtering has 0 days
    ]);
    expect(rows[2]!.nhs).toBe(1200);
    expect(rows[2]!.acute).toBeNull();
  });
});

describe('DTOC parameters', () => {
  it('fills defaults, reads strings from the command line and is idempotent', () => {
    const p = dtocParams.parse({ target: '-50%', baseline: 'Jun-16', provider: 'RBA, RA4' });
    expect(p).toMatchObject({
      costPerBedDay: 150,
      target: -0.5,
      baseline: '2016-06',
      targetMonth: '2017-06',
      targetPath: 'linear',
      provider: ['RBA', 'RA4'],
      setting: 'all',
    });
    const json = dtocTemplate.parseParams({ costPerBedDay: '300', target: '-0.5', baseline: '2016-06', targetMonth: '2017-03' });
    expect(dtocTemplate.parseParams(json)).toEqual(json);
    expect(json).toMatchObject({ costPerBedDay: 300, targetMonth: '2017-03' });
  });

  it('names the bad parameter', () => {
    expect(() => dtocParams.parse({ costPerBedDay: 'lots' })).toThrow(/"costPerBedDay" must be a number/);
    expect(() => dtocParams.parse({ target: '-0.5' })).toThrow(/"target" needs "baseline"/);
    expect(() => dtocParams.parse({ baseline: '2016-06', targetMonth: '2016-01' })).toThrow(/must come after "baseline"/);
    expect(() => dtocParams.parse({ costPerBeddays: 1 })).toThrow(/Unknown parameter "costPerBeddays"/);
    expect(() => dtocParams.parse({ setting: 'community' })).toThrow(/"setting" must be one of all, acute, non-acute/);
  });
});
