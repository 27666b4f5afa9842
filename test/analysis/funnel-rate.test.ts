import { describe, expect, it } from 'vitest';
import { axisPoints, axisRange, rCharacters, roundHalfEven, signifCeiling, signifFloor } from '../../src-shared/analysis/funnel/axis';
import { logGamma, lowerGammaRegularised, upperGammaRegularised } from '../../src-shared/analysis/funnel/gamma';
import { DSR_TOO_FEW, rateFunnelTable, rateLimitsAt, rateSignificances, type RateUnit } from '../../src-shared/analysis/funnel/rate';
import { poissonBetween, poissonFunnel, ratioLimitsAt } from '../../src-shared/analysis/funnel/ratio';

/*
 * Reference values from ukhsa-collaboration/PHEindicatormethods (public, read not copied):
 * - tests/testthat/testdata_funnel_rate_input_funnels.csv (commit 8ac28e54): 50 units, events `ev` and DSR `rate`;
 * - tests/testthat/testdata_funnel_rate_outputs.csv (commit 39d5df1f): `calculate_funnel_limits(ev, rate = rate,
 *   multiplier = 1e5, statistic = "rate", rate_type = "dsr", years_of_data = 3)` — 100 rows printed to 10
 *   significant figures;
 * - tests/testthat/testdata_funnel_rate_dsr_inputs.csv (commit 5adcb8c4): 40 units' count, DSR, population, crude
 *   rates per 100,000 and per 100, and the package's significance for each variant;
 * - testdata_funnel_prop_outputs.csv and testdata_funnel_ratio_outputs.csv: the Population and Observed_events axes.
 */

const relative = (actual: number, expected: number, tolerance = 1e-9) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));

// prettier-ignore
const FUNNEL_INPUT: [number, number][] = [
  [414, 184], [462, 102], [178, 83], [525, 118], [194, 121], [937, 125], [817, 112], [117, 190], [298, 146], [228, 140],
  [243, 87], [13, 70], [373, 90], [664, 139], [601, 109], [602, 65], [767, 165], [708, 143], [90, 55], [952, 135],
  [347, 135], [648, 88], [988, 167], [354, 99], [839, 83], [25, 53], [518, 62], [425, 118], [648, 176], [765, 101],
  [210, 71], [931, 138], [589, 74], [592, 84], [554, 161], [870, 79], [372, 189], [843, 170], [142, 159], [543, 113],
  [489, 191], [620, 116], [774, 200], [904, 171], [936, 128], [841, 134], [22, 185], [922, 100], [955, 123], [308, 155],
];

// prettier-ignore
const EVENTS_AXIS = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 32, 34, 36,
  38, 40, 42, 44, 46, 49, 52, 55, 58, 61, 64, 68, 72, 76, 80, 84, 89, 94, 99, 104, 110, 116, 122, 129, 136, 143, 151,
  159, 168, 177, 187, 197, 208, 219, 231, 244, 257, 271, 286, 302, 319, 337, 356, 376, 397, 419, 442, 466, 492, 519,
  548, 578, 610, 643, 678, 715, 754, 796, 840, 886, 935, 986, 1040, 1097, 1158, 1222, 1289, 1360,
];

// events, lower95 population/year, lower95, upper95 population/year, upper95, lower99.8 population/year, lower99.8, upper99.8 population/year, upper99.8
// prettier-ignore
const RATE_ROWS: [number, number, number, number, number, number, number, number, number][] = [
  [1, 1598.675694, 20.85059119, 7.264481402, 4588.535848, 2649.348525, 12.58170943, 0.287087625, 116108.569],
  [2, 2072.984403, 32.15975314, 69.49732367, 959.2695538, 3221.906682, 20.69168143, 13.02722321, 5117.48863],
  [10, 5276.757672, 63.17010446, 1375.943768, 242.2579623, 6924.776769, 48.13632908, 849.4639547, 392.4043292],
  [30, 12288.34267, 81.37793899, 5807.727562, 172.1843853, 14657.31486, 68.22532023, 4553.350694, 219.6184891],
  [143, 48334.01896, 98.61929071, 34581.83173, 137.8373102, 52780.37239, 90.31134968, 31239.52031, 152.5845025],
  [678, 209749.9174, 107.7473607, 180169.3117, 125.4375664, 218750.7422, 103.3139352, 172266.309, 131.1922229],
  [1360, 411529.9259, 110.158048, 369759.5622, 122.6021934, 424043.2424, 106.9073359, 358342.3275, 126.5084525],
];

describe('funnel axis (calculate_funnel_limits)', () => {
  it("counts characters as R's nchar does, scientific form included", () => {
    expect([rCharacters(743), rCharacters(115500), rCharacters(100000), rCharacters(120000), rCharacters(0)]).toEqual([3, 6, 5, 6, 1]);
    expect([roundHalfEven(2.5), roundHalfEven(3.5), roundHalfEven(-2.5), roundHalfEven(2.4)]).toEqual([2, 4, -2, 2]);
  });

  it('rounds the axis ends to neat values', () => {
    expect(signifCeiling(706.7669173)).toBe(750);
    expect(signifCeiling(104_000)).toBe(110_000);
    expect(signifFloor(5000)).toBe(4000);
    expect(axisRange(4.293052052, 706.7669173)).toEqual({ minimum: 0, maximum: 750 });
    expect(axisRange(600, 1000)).toEqual({ minimum: 500, maximum: 1100 });
  });

  it('proportions: the Population column of the package fixture', () => {
    const axis = axisPoints(0, 110_000);
    expect(axis.slice(0, 16)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18]);
    expect(axis.slice(-6)).toEqual([65309, 72486, 80452, 89294, 99108, 110000]);
  });

  it('ratios: the Observed_events column (ratio steps stop one short of the maximum)', () => {
    const axis = axisPoints(0, axisRange(4.293052052, 706.7669173).maximum, true);
    expect(axis.slice(30, 36)).toEqual([31, 32, 33, 35, 37, 39]);
    expect(axis.slice(-3)).toEqual([653, 684, 716]);
  });
});

describe('Poisson tails at real counts (incomplete gamma)', () => {
  it('gives Poisson tails at whole counts (checked against sums of the probability mass)', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    const mass = (lambda: number, k: number) => Math.exp(k * Math.log(lambda) - lambda - logGamma(k + 1));
    for (const [k, lambda] of [
      [1, 5.571644585],
      [7, 3.2],
      [30, 42.8],
      [400, 350],
    ] as const) {
      let below = 0;
      for (let i = 0; i <= k; i++) below += mass(lambda, i);
      let above = 0;
      for (let i = k; i < k + 2000; i++) above += mass(lambda, i);
      relative(upperGammaRegularised(k + 1, lambda), below, 1e-11);
      relative(lowerGammaRegularised(k, lambda), above, 1e-11);
      relative(poissonBetween(lambda, k, Number.MAX_SAFE_INTEGER), above, 1e-11);
      relative(poissonBetween(lambda, 0, k), below, 1e-11);
    }
  });

  // The package finds each expected count z by halving a step in v (z = (1 + O)·v / (1 − v)) until it is below 1e-7,
  // so its printed z is only that precise: within 5e-5 relative at O = 1 (measured: the exact root of its own
  // equation differs from the printed 0.001000547 by 4.7e-5), within 1e-6 from O = 10. The curve is held to that.
  it("a limit curve at any denominator passes through the package's points (ratio fixture, O = 1, 10 and 716)", () => {
    // Observed O, the expected events where each limit is reached, from testdata_funnel_ratio_outputs.csv.
    for (const [o, l95, u95, l998, u998] of [
      [1, 5.571644585, 0.025317898, 9.233410143, 0.001000547],
      [10, 18.39035799, 4.795387629, 24.13397235, 2.960519925],
      [716, 770.4222128, 664.5083011, 802.60414, 636.1521174],
    ] as const) {
      const tolerance = o === 1 ? 5e-5 : 1e-6;
      relative(ratioLimitsAt(l95).lower95, o / l95, tolerance);
      relative(ratioLimitsAt(u95).upper95, o / u95, tolerance);
      relative(ratioLimitsAt(l998).lower998, o / l998, tolerance);
      relative(ratioLimitsAt(u998).upper998, o / u998, tolerance);
    }
    expect(ratioLimitsAt(0.5).lower95).toBe(0);
  });
});

describe('funnel limits for rates (DSR per 100,000, three years of data)', () => {
  const units: RateUnit[] = FUNNEL_INPUT.map(([events, rate]) => ({ events, rate }));
  const table = rateFunnelTable(units, { multiplier: 1e5, rateType: 'dsr', yearsOfData: 3 });

  it('steps through the same 100 event counts', () => {
    expect(table.map((r) => r.events)).toEqual(EVENTS_AXIS);
  });

  it.each(RATE_ROWS)('at %i events', (events, l95p, l95, u95p, u95, l998p, l998, u998p, u998) => {
    const row = table.find((r) => r.events === events)!;
    relative(row.lower95Population, l95p);
    relative(row.lower95, l95);
    relative(row.upper95Population, u95p);
    relative(row.upper95, u95);
    relative(row.lower998Population, l998p);
    relative(row.lower998, l998);
    relative(row.upper998Population, u998p);
    relative(row.upper998, u998);
    relative(row.baseline, 116.1720835);
  });

  it('the same curves at any population (for plotting against the denominator)', () => {
    const average = 116.1720835 / 1e5;
    const [, l95p, l95, u95p, u95] = RATE_ROWS[3]!;
    relative(rateLimitsAt(l95p * 3, average, 1e5).lower95, l95, 1e-6);
    relative(rateLimitsAt(u95p * 3, average, 1e5).upper95, u95, 1e-6);
  });
});

// count, DSR, population, crude per 100,000, crude per 100, then the package's significance: dsr per 100,000 with 0,
// dsr per 100 with 0, crude per 100,000 with 0, crude per 100 with 0.
// prettier-ignore
const SIGNIFICANCE: [number, number | null, number, number, number, string, string, string, string][] = [
  [2419, 907.6174266, 264102, 915.9339952, 0.915933995, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2337, 948.5620216, 259711, 899.8463677, 0.899846368, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2291, 799.9690496, 289247, 792.056616, 0.792056616, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2242, 852.5637927, 265029, 845.9451607, 0.845945161, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2218, 868.5358183, 284649, 779.2052668, 0.779205267, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2159, 769.6242217, 293578, 735.409329, 0.735409329, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2130, 752.3254955, 286718, 742.8902266, 0.742890227, 'High (0.025)', 'High (0.025)', 'High (0.001)', 'High (0.001)'],
  [2111, 710.2689402, 307381, 686.7698394, 0.686769839, 'Not significant', 'Not significant', 'Not significant', 'Not significant'],
  [2105, 815.3530325, 274145, 767.8418355, 0.767841836, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2083, 717.7035916, 297424, 700.3469794, 0.700346979, 'Not significant', 'Not significant', 'High (0.025)', 'High (0.025)'],
  [2078, 755.8016993, 272628, 762.2107781, 0.762210778, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2062, 825.9742848, 269656, 764.6779601, 0.76467796, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2061, 702.2972468, 294692, 699.3742619, 0.699374262, 'Not significant', 'Not significant', 'High (0.025)', 'High (0.025)'],
  [2033, 785.6210132, 277710, 732.0586223, 0.732058622, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2033, 743.6763018, 259213, 784.2970839, 0.784297084, 'High (0.025)', 'High (0.025)', 'High (0.001)', 'High (0.001)'],
  [2010, 781.8323058, 285516, 703.9885681, 0.703988568, 'High (0.001)', 'High (0.001)', 'High (0.025)', 'High (0.025)'],
  [2004, 772.6781064, 269449, 743.7400027, 0.743740003, 'High (0.001)', 'High (0.001)', 'High (0.001)', 'High (0.001)'],
  [2002, 652.3391553, 290888, 688.2373972, 0.688237397, 'Low (0.001)', 'Low (0.001)', 'Not significant', 'Not significant'],
  [1977, 648.4969973, 287112, 688.5814595, 0.68858146, 'Low (0.001)', 'Low (0.001)', 'Not significant', 'Not significant'],
  [1944, 727.5777428, 286492, 678.5529788, 0.678552979, 'Not significant', 'Not significant', 'Not significant', 'Not significant'],
  [1932, 625.6551186, 287012, 673.1425864, 0.673142586, 'Low (0.001)', 'Low (0.001)', 'Not significant', 'Not significant'],
  [1922, 688.5582424, 291277, 659.8529922, 0.659852992, 'Not significant', 'Not significant', 'Not significant', 'Not significant'],
  [1912, 662.4465438, 289859, 659.631062, 0.659631062, 'Low (0.025)', 'Low (0.025)', 'Not significant', 'Not significant'],
  [1881, 627.1624732, 289653, 649.3977276, 0.649397728, 'Low (0.001)', 'Low (0.001)', 'Not significant', 'Not significant'],
  [1844, 657.1114147, 282519, 652.6994645, 0.652699464, 'Low (0.025)', 'Low (0.025)', 'Not significant', 'Not significant'],
  [1835, 724.8456714, 274220, 669.1707388, 0.669170739, 'Not significant', 'Not significant', 'Not significant', 'Not significant'],
  [1833, 659.7820553, 280271, 654.009869, 0.654009869, 'Low (0.025)', 'Low (0.025)', 'Not significant', 'Not significant'],
  [1825, 654.7053631, 284206, 642.1398563, 0.642139856, 'Low (0.001)', 'Low (0.001)', 'Not significant', 'Not significant'],
  [1816, 624.4435507, 274508, 661.5472045, 0.661547204, 'Low (0.001)', 'Low (0.001)', 'Not significant', 'Not significant'],
  [1809, 646.7588823, 288384, 627.2886152, 0.627288615, 'Low (0.001)', 'Low (0.001)', 'Low (0.025)', 'Low (0.025)'],
  [1798, 703.1689982, 287072, 626.3237097, 0.62632371, 'Not significant', 'Not significant', 'Low (0.025)', 'Low (0.025)'],
  [1754, 567.9922764, 282744, 620.3491498, 0.62034915, 'Low (0.001)', 'Low (0.001)', 'Low (0.001)', 'Low (0.001)'],
  [1746, 617.7750715, 289208, 603.7177395, 0.603717739, 'Low (0.001)', 'Low (0.001)', 'Low (0.001)', 'Low (0.001)'],
  [1709, 610.8327232, 287736, 593.9472294, 0.593947229, 'Low (0.001)', 'Low (0.001)', 'Low (0.001)', 'Low (0.001)'],
  [1694, 608.5089462, 296175, 571.9591458, 0.571959146, 'Low (0.001)', 'Low (0.001)', 'Low (0.001)', 'Low (0.001)'],
  [1688, 662.3775859, 303255, 556.6272609, 0.556627261, 'Low (0.025)', 'Low (0.025)', 'Low (0.001)', 'Low (0.001)'],
  [1649, 667.6454503, 285959, 576.6560941, 0.576656094, 'Low (0.025)', 'Low (0.025)', 'Low (0.001)', 'Low (0.001)'],
  [1553, 604.1141693, 274661, 565.4242867, 0.565424287, 'Low (0.001)', 'Low (0.001)', 'Low (0.001)', 'Low (0.001)'],
  [1332, 469.5645784, 281425, 473.3054988, 0.473305499, 'Low (0.001)', 'Low (0.001)', 'Low (0.001)', 'Low (0.001)'],
  [0, null, 297820, 0, 0, DSR_TOO_FEW, DSR_TOO_FEW, 'Low (0.001)', 'Low (0.001)'],
];

describe('funnel significance for rates', () => {
  const column = (i: 5 | 6 | 7 | 8) => SIGNIFICANCE.map((r) => r[i]);
  it('DSRs per 100,000 and per 100 (a DSR from fewer than 10 events is not assessed)', () => {
    const units = SIGNIFICANCE.map(([events, rate, denominator]) => ({ events, rate, denominator }));
    expect(rateSignificances(units, { multiplier: 1e5, rateType: 'dsr' })).toEqual(column(5));
    const per100 = SIGNIFICANCE.map(([events, rate, denominator]) => ({ events, rate: rate === null ? null : rate / 1000, denominator }));
    expect(rateSignificances(per100, { multiplier: 100, rateType: 'dsr' })).toEqual(column(6));
  });

  it('crude rates per 100,000 and per 100, a unit with no events judged on its population', () => {
    const crude = (i: 3 | 4) => SIGNIFICANCE.map((r) => ({ events: r[0], rate: r[i], denominator: r[2] }));
    expect(rateSignificances(crude(3), { multiplier: 1e5, rateType: 'crude' })).toEqual(column(7));
    expect(rateSignificances(crude(4), { multiplier: 100, rateType: 'crude' })).toEqual(column(8));
  });

  it('refuses negative events and a zero population', () => {
    expect(() => rateSignificances([{ events: -1, rate: 1 }], { multiplier: 1, rateType: 'crude' })).toThrow(/0 or more/);
    expect(() => rateSignificances([{ events: 1, rate: 1, denominator: 0 }], { multiplier: 1, rateType: 'crude' })).toThrow(/above 0/);
  });
});

it('poissonFunnel is still the package search (sanity: O = 1 at 2.5%)', () => {
  relative(poissonFunnel(1, 0.025, 'high'), 5.571644585);
});
