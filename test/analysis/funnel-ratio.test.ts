import { describe, expect, it } from 'vitest';
import { asRatioType, poissonFunnel, ratioLimits, ratioSignificance } from '../../src-shared/analysis/funnel/ratio';

/*
 * Reference values from ukhsa-collaboration/PHEindicatormethods v2.1.0 (commit 093fd288):
 * tests/testthat/testdata_funnel_ratio_outputs.csv (rows O = 1 and O = 10: expected events at the
 * limits, and the limits as count ratios and ISRs) and rows of testdata_funnel_ratio_inputs.csv
 * (observed, expected, significance). The fixture prints 8–10 significant figures; each value is matched to its last printed digit.
 */

/** Equal to the digits the fixture prints: within half a unit of its last printed digit (plus float noise). */
function rel(actual: number, expected: number): void {
  const digits = String(Math.abs(expected)).replace('.', '').replace(/^0+/, '').length;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(unit / 2 + Math.abs(expected) * 1e-12);
}

describe('funnel limits for ratios (exact Poisson)', () => {
  it('O = 1: expected events 5.571644585 / 0.025317898 (95%), 9.233410143 / 0.001000547 (99.8%)', () => {
    rel(poissonFunnel(1, 0.025, 'high'), 5.571644585);
    rel(poissonFunnel(1, 0.025, 'low'), 0.025317898);
    rel(poissonFunnel(1, 0.001, 'high'), 9.233410143);
    rel(poissonFunnel(1, 0.001, 'low'), 0.001000547);
    const l = ratioLimits(1);
    rel(asRatioType(l.lower95, 'count'), -0.820519779);
    rel(asRatioType(l.lower95, 'isr'), 17.94802207);
    rel(asRatioType(l.upper95, 'count'), 38.49774946);
    rel(asRatioType(l.upper95, 'isr'), 3949.774946);
    rel(asRatioType(l.lower998, 'count'), -0.891697652);
    rel(asRatioType(l.upper998, 'isr'), 99945.32721);
  });

  it('O = 10', () => {
    const expected = [
      18.39035799, -0.456236795, 54.3763205, 4.795387629, 1.085337156, 208.5337156, 24.13397235, -0.585646331, 41.43536693, 2.960519925, 2.37778507, 337.778507,
    ];
    const l = ratioLimits(10);
    const got = [
      poissonFunnel(10, 0.025, 'high'),
      asRatioType(l.lower95, 'count'),
      asRatioType(l.lower95, 'isr'),
      poissonFunnel(10, 0.025, 'low'),
      asRatioType(l.upper95, 'count'),
      asRatioType(l.upper95, 'isr'),
      poissonFunnel(10, 0.001, 'high'),
      asRatioType(l.lower998, 'count'),
      asRatioType(l.lower998, 'isr'),
      poissonFunnel(10, 0.001, 'low'),
      asRatioType(l.upper998, 'count'),
      asRatioType(l.upper998, 'isr'),
    ];
    got.forEach((g, i) => rel(g, expected[i]!));
  });
});

describe('funnel significance for ratios', () => {
  it.each([
    [8, 6.239860227, 'Not significant'],
    [151, 106.4429719, 'High (0.001)'],
    [159, 232.9329036, 'Low (0.001)'],
    [191, 184.0963855, 'Not significant'],
    [150, 119.5695496, 'High (0.025)'],
    [0, 240.6273499, 'Low (0.001)'],
  ] as const)('%i observed against %f expected: %s', (observed, expected, label) => {
    expect(ratioSignificance(observed, expected)).toBe(label);
  });
});
