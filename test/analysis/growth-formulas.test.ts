import { describe, expect, it } from 'vitest';
import { annualFactor, cagr, forecastPath, forecastValue, indexValue, ratePer, ratesFor } from '../../src-shared/analysis/growth/formulas';
import { buildSeries, changeRow, yearToDate } from '../../src-shared/analysis/growth/measures';
import { growthParams } from '../../src-shared/analysis/growth/params';
import { growthTemplate } from '../../src-shared/analysis/growth/template';
import { wholePercent } from '../../src-shared/analysis/view-kit/numbers';
import { roundHalfAway } from '../../src-shared/format/rounding';
import { monthIndex } from '../../src-shared/analysis/view-kit/months';

describe('growth formulas', () => {
  it('computes CAGR, index and rates', () => {
    expect(cagr(1000, 1331, 3)).toBeCloseTo(0.1, 12);
    expect(cagr(226_564, 259_558, 4)).toBeCloseTo((259_558 / 226_564) ** 0.25 - 1, 15);
    expect(cagr(0, 10, 2)).toBeNull();
    expect(cagr(10, 20, 0)).toBeNull();
    expect(indexValue(121, 100)).toBe(121);
    expect(indexValue(5, 0)).toBeNull();
    expect(ratePer(226_564, 560_000)).toBe((226_564 * 1000) / 560_000);
    expect(ratePer(10, null)).toBeNull();
  });

  it('compounds the forecast yearly from demographic and non-demographic growth', () => {
    const r = { growth: 0, demographic: 0.1, nonDemographic: 0.05 };
    expect(forecastValue(1000, r, 1)).toBeCloseTo(1155, 9);
    expect(forecastValue(1000, r, 2)).toBeCloseTo(1334.025, 9); // 1000 × 1.1² × 1.05²
    expect(forecastPath(1000, r, 2).map((v) => Math.round(v * 1000) / 1000)).toEqual([1000, 1155, 1334.025]);
    expect(annualFactor(r)).toBeCloseTo(1.155, 12);
    expect(forecastValue(72_991, { growth: 0.017, demographic: 0, nonDemographic: 0 }, 4)).toBeCloseTo(72_991 * 1.017 ** 4, 9);
  });

  it("picks each group's own rate, else the default for all, else 0", () => {
    const params = { growth: { AE: 0.017, '*': 0.01 }, demographic: { nel: 0.02 }, nonDemographic: {} };
    expect(ratesFor('AE', params)).toEqual({ growth: 0.017, demographic: 0, nonDemographic: 0 });
    expect(ratesFor('NEL', params)).toEqual({ growth: 0.01, demographic: 0.02, nonDemographic: 0 });
  });

  it('rounds percentages to whole numbers as the plan does', () => {
    expect(wholePercent(0.145)).toBe(15);
    expect(wholePercent(-0.145)).toBe(-15);
    expect(wholePercent(0.0338)).toBe(3);
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
  });

  it('rolls months up to financial years and computes year to date', () => {
    const raw = ['2016-03', '2016-04', '2016-05', '2017-04', '2017-05'].map((period, i) => ({ group: 'AE', label: 'A&E', period, value: (i + 1) * 10 }));
    const { series, spine, monthsInYear } = buildSeries({ grain: 'year', mode: 'month' }, raw);
    expect(spine).toEqual([2015, 2016, 2017]);
    expect([...series[0]!.values]).toEqual([
      [2015, 10],
      [2016, 50],
      [2017, 90],
    ]);
    expect(monthsInYear.get(2016)).toBe(2);
    const monthly = series[0]!.monthly!;
    expect(yearToDate(monthly, monthIndex('2017-05'))).toBe(90);
    expect(yearToDate(monthly, monthIndex('2016-05'))).toBe(50);
    expect(yearToDate(monthly, monthIndex('2016-06'))).toBeNull(); // June 2016 missing
    expect(changeRow({ grain: 'year', mode: 'month' }, series[0]!, 2016, 2017)).toMatchObject({
      from: '2016/17',
      to: '2017/18',
      years: 1,
      startValue: 50,
      endValue: 90,
      change: 40,
      changePct: 0.8,
      changePctRounded: 80,
    });
  });
});

describe('growth parameters', () => {
  it('reads per-group rates, per-period populations and filters from the command line, idempotently', () => {
    const p = growthParams.parse({
      forecastTo: '20/21',
      'growth.AE': '0.017',
      'demographic.NEL': '1.5%',
      nonDemographic: '0.01',
      'population.2016-17': '560000',
      area: '11X',
      'filter.provider_code': 'RBA,RA4',
    });
    expect(p).toMatchObject({
      grain: 'year',
      forecastTo: '2020/21',
      growth: { AE: 0.017 },
      demographic: { NEL: 0.015 },
      nonDemographic: { '*': 0.01 },
      population: { '2016/17': 560_000 },
      area: ['11X'],
      filters: { provider_code: ['RBA', 'RA4'] },
    });
    const json = growthTemplate.parseParams({ forecastTo: '2020/21', 'growth.AE': '0.017', 'population.2016/17': '1', 'filter.x': 'a' });
    expect(growthTemplate.parseParams(json)).toEqual(json);
  });

  it('names the bad parameter', () => {
    expect(() => growthParams.parse({ grain: 'week' })).toThrow(/"grain" must be one of year, month/);
    expect(() => growthParams.parse({ forecastTo: '2020' })).not.toThrow();
    expect(() => growthParams.parse({ forecastTo: 'soon' })).toThrow(/"forecastTo" must be a financial year/);
    expect(() => growthParams.parse({ 'growth.AE': 'fast' })).toThrow(/"growth.AE" must be a number/);
    expect(() => growthParams.parse({ grain: 'month', baseYear: '2016/17' })).toThrow(/"baseYear" must be a month/);
    expect(() => growthParams.parse({ forcastTo: '2020/21' })).toThrow(/Unknown parameter "forcastTo"/);
  });
});
