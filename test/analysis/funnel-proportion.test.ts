import { describe, expect, it } from 'vitest';
import { overallProportion, proportionLimits, proportionSignificance } from '../../src-shared/analysis/funnel/proportion';

/*
 * Reference values from ukhsa-collaboration/PHEindicatormethods v2.1.0 (commit 093fd288):
 * tests/testthat/testdata_funnel_prop_outputs.csv (limits, multiplier 100, overall proportion
 * 0.806424478571495 of testdata_funnel_prop_inputs.csv) and rows of testdata_funnel_prop_inputs.csv
 * (significance). The fixture prints 6–8 significant figures; we match to the last printed digit.
 */

const AVERAGE = 0.806424478571495;

describe('funnel limits for proportions (Wilson score)', () => {
  const rows: [number, number, number, number, number][] = [
    // denominator, lower 95%, upper 95%, lower 99.8%, upper 99.8% (per 100)
    [1, 3.204264, 100, 0, 100],
    [2, 25.885383, 100, 0, 100],
    [3, 35.933491, 100, 10.150815, 100],
    [10, 56.154344, 100, 42.03259, 100],
    [89294, 80.383302, 80.901594, 80.233858, 81.051037],
    [110000, 80.408963, 80.875933, 80.274317, 81.010578],
  ];
  it.each(rows)('at %i: %f–%f (95%%), %f–%f (99.8%%)', (n, l95, u95, l998, u998) => {
    const limits = proportionLimits(AVERAGE, n, 100);
    expect(limits.lower95).toBeCloseTo(l95, 6);
    expect(limits.upper95).toBeCloseTo(u95, 6);
    expect(limits.lower998).toBeCloseTo(l998, 6);
    expect(limits.upper998).toBeCloseTo(u998, 6);
  });

  it('is the point where the Wilson interval reaches the average (the definition, checked at n = 1000)', () => {
    const n = 1000;
    const { lower95 } = proportionLimits(AVERAGE, n);
    const z = 1.959963984540054;
    const p = lower95;
    const wilsonUpper = (p + (z * z) / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    expect(wilsonUpper).toBeCloseTo(AVERAGE, 12);
  });
});

describe('funnel significance for proportions', () => {
  it('labels the reference units as the package does', () => {
    expect(proportionSignificance(35078.488, 41980, AVERAGE)).toBe('High (0.001)');
    expect(proportionSignificance(24803.6256, 31824, AVERAGE)).toBe('Low (0.001)');
    expect(proportionSignificance(50050.7443, 61921, AVERAGE)).toBe('Not significant');
    expect(proportionSignificance(48686.4364, 59804, AVERAGE)).toBe('High (0.001)');
  });

  it('the documented example: four units against their own overall proportion', () => {
    const units = [
      { numerator: 10232, denominator: 15232 },
      { numerator: 12321, denominator: 16123 },
      { numerator: 15123, denominator: 17932 },
      { numerator: 13213, denominator: 18475 },
    ];
    const average = overallProportion(units);
    expect(average).toBeCloseTo(0.7509961, 7);
    expect(units.map((u) => proportionSignificance(u.numerator, u.denominator, average))).toEqual([
      'Low (0.001)',
      'High (0.001)',
      'High (0.001)',
      'Low (0.001)',
    ]);
  });

  it('refuses a numerator above its denominator', () => {
    expect(() => proportionSignificance(11, 10, 0.5)).toThrow(/0 ≤ numerator ≤ denominator/);
  });
});
