import { describe, expect, it } from 'vitest';
import { bestFive, computeBenchmarks, quantileInclusive, rankBest } from '../../src-shared/analysis/peers/benchmarks';
import { capAtMeanPlus5Sd, closestPeers, peerDistances, transformVariable } from '../../src-shared/analysis/peers/distance';
import { choosePopulation, opportunityFor, totalOpportunity, worseGap } from '../../src-shared/analysis/peers/opportunity';
import { peersParams } from '../../src-shared/analysis/peers/params';
import { roundMoney } from '../../src-shared/format/rounding';
import { byarInterval, isSignificant, valueInterval, wilsonInterval, Z_SCORES } from '../../src-shared/analysis/peers/significance';
import { parseDirection, parseUnit } from '../../src-shared/analysis/peers/units';

const SQRT2 = Math.SQRT2;

describe('peer distances (cap at mean + 5 SD, square root, z-score, weighted Euclidean)', () => {
  /*
   * Hand-worked table. Five organisations, two variables chosen so that the
   * square roots are whole numbers.
   *
   *            var1  √var1   var2  √var2
   *   HOM        4     2       4     2
   *   AAA        1     1       9     3
   *   BBB        9     3      16     4
   *   CCC       16     4       0     0
   *   DDD        0     0       1     1
   *
   * Cap: var1 mean = 30/5 = 6, population variance = (4+25+9+100+36)/5 = 34.8,
   * SD = 5.899…, cap = 6 + 5 × 5.899 = 35.496 → nothing capped. var2 has the same
   * mean and SD (its squared deviations are 4, 9, 100, 36, 25), same cap.
   *
   * z of √var1: mean 2, variance (0+1+1+4+4)/5 = 2, SD √2 → z = 0, −1/√2, 1/√2, √2, −√2.
   * z of √var2: mean 2, variance (0+1+4+4+1)/5 = 2, SD √2 → z = 0, 1/√2, √2, −√2, −1/√2.
   *
   * Equal weights, d² = Δz1² + Δz2² from HOM (z = 0, 0):
   *   AAA 0.5 + 0.5 = 1   → d = 1
   *   BBB 0.5 + 2   = 2.5 → d = 1.5811388300841898
   *   CCC 2   + 2   = 4   → d = 2
   *   DDD 2   + 0.5 = 2.5 → d = 1.5811388300841898 (ties with BBB: BBB first by code)
   *   ranking AAA, BBB, DDD, CCC; nearest 2 = AAA, BBB.
   *
   * Weight 3 on var2, d² = Δz1² + 3 Δz2²:
   *   AAA 0.5 + 1.5 = 2   → 1.4142135623730951
   *   BBB 0.5 + 6   = 6.5 → 2.5495097567963922
   *   CCC 2   + 6   = 8   → 2.8284271247461903
   *   DDD 2   + 1.5 = 3.5 → 1.8708286933869707
   *   ranking AAA, DDD, BBB, CCC; nearest 2 = AAA, DDD.
   */
  const orgs = ['AAA', 'BBB', 'CCC', 'DDD', 'HOM'];
  const var1 = [1, 9, 16, 0, 4];
  const var2 = [9, 16, 0, 1, 4];

  it('reproduces the hand-worked distance table with equal weights', () => {
    const result = peerDistances(
      orgs,
      [
        { name: 'var1', values: var1 },
        { name: 'var2', values: var2 },
      ],
      'HOM',
    );
    expect(result.rows.map((r) => [r.org, r.rank])).toEqual([
      ['HOM', 0],
      ['AAA', 1],
      ['BBB', 2],
      ['DDD', 3],
      ['CCC', 4],
    ]);
    const d = Object.fromEntries(result.rows.map((r) => [r.org, r.distance]));
    expect(d.HOM).toBe(0);
    expect(d.AAA).toBeCloseTo(1, 12);
    expect(d.BBB).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(d.DDD).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(d.CCC).toBeCloseTo(2, 12);
    const z = Object.fromEntries(result.rows.map((r) => [r.org, r.z]));
    expect(z.AAA![0]).toBeCloseTo(-1 / SQRT2, 12);
    expect(z.AAA![1]).toBeCloseTo(1 / SQRT2, 12);
    expect(z.CCC![0]).toBeCloseTo(SQRT2, 12);
    expect(z.CCC![1]).toBeCloseTo(-SQRT2, 12);
    const v1 = result.variables[0]!;
    expect(v1.mean).toBe(6);
    expect(v1.sd).toBeCloseTo(Math.sqrt(34.8), 12);
    expect(v1.cap).toBeCloseTo(6 + 5 * Math.sqrt(34.8), 12);
    expect(v1.cappedCount).toBe(0);
    expect(v1.rootMean).toBe(2);
    expect(v1.rootSd).toBeCloseTo(SQRT2, 12);
    expect(closestPeers(result, 2)).toEqual(['AAA', 'BBB']);
  });

  it('applies weights to the squared z differences', () => {
    const result = peerDistances(
      orgs,
      [
        { name: 'var1', values: var1 },
        { name: 'var2', values: var2, weight: 3 },
      ],
      'HOM',
    );
    expect(result.rows.map((r) => r.org)).toEqual(['HOM', 'AAA', 'DDD', 'BBB', 'CCC']);
    const d = Object.fromEntries(result.rows.map((r) => [r.org, r.distance]));
    expect(d.AAA).toBeCloseTo(Math.sqrt(2), 12);
    expect(d.DDD).toBeCloseTo(Math.sqrt(3.5), 12);
    expect(d.BBB).toBeCloseTo(Math.sqrt(6.5), 12);
    expect(d.CCC).toBeCloseTo(Math.sqrt(8), 12);
    expect(closestPeers(result, 2)).toEqual(['AAA', 'DDD']);
  });

  it('caps a value above mean + 5 population SD', () => {
    // 26 zeros and one 27: mean 1, variance (26 × 1² + 26²)/27 = 702/27 = 26, SD √26,
    // cap 1 + 5√26 = 26.495097567963924 < 27, so the 27 becomes 26.4950975…
    const values = [...new Array<number>(26).fill(0), 27];
    const { cap, capped } = capAtMeanPlus5Sd(values);
    expect(cap).toBeCloseTo(1 + 5 * Math.sqrt(26), 12);
    expect(capped[26]).toBeCloseTo(26.495097567963924, 12);
    expect(capped.slice(0, 26).every((v) => v === 0)).toBe(true);
    const t = transformVariable(values);
    expect(t.cappedCount).toBe(1);
    // roots: 26 zeros and √26.495… = 5.14734…; z of the outlier = √26 (one non-zero among 27).
    expect(t.z[26]).toBeCloseTo(Math.sqrt(26), 10);
  });

  it('gives z = 0 for a variable that does not vary', () => {
    expect(transformVariable([5, 5, 5]).z).toEqual([0, 0, 0]);
  });
});

describe('benchmarks', () => {
  // Peers P01…P06 = 100, 90, 105, 105, 95, 105 (lower is better).
  const adm = [
    { org: 'P01', value: 100 },
    { org: 'P02', value: 90 },
    { org: 'P03', value: 105 },
    { org: 'P04', value: 105 },
    { org: 'P05', value: 95 },
    { org: 'P06', value: 105 },
  ];

  it('takes exactly five for best 5, breaking a tie at fifth place by code', () => {
    // Best first: P02 90, P05 95, P01 100, then P03, P04, P06 all 105. Five are kept:
    // P03 and P04 (codes before P06). Average (90+95+100+105+105)/5 = 495/5 = 99.
    // (Keeping every tied peer would give 600/6 = 100.)
    expect(bestFive(adm, 'lower')).toEqual({ members: ['P02', 'P05', 'P01', 'P03', 'P04'], average: 99 });
  });

  it('ranks higher-is-better indicators from the top', () => {
    expect(
      rankBest(
        [
          { org: 'B', value: 1 },
          { org: 'A', value: 3 },
          { org: 'C', value: 3 },
        ],
        'higher',
      ).map((v) => v.org),
    ).toEqual(['A', 'C', 'B']);
    // 80, 78, 75, 74, 72, 71 → best five 80+78+75+74+72 = 379 → 75.8.
    const scr = [80, 75, 72, 78, 74, 71].map((value, i) => ({ org: `P0${i + 1}`, value }));
    expect(bestFive(scr, 'higher').average).toBeCloseTo(75.8, 12);
  });

  it('uses type 7 (Excel QUARTILE.INC) quartiles: lower when lower is better, upper when higher', () => {
    // Sorted 90, 95, 100, 105, 105, 105; h = 5 × 0.25 = 1.25 → 95 + 0.25 × (100 − 95) = 96.25.
    expect(
      quantileInclusive(
        adm.map((a) => a.value),
        0.25,
      ),
    ).toBe(96.25);
    // 72, 74, 75, 78, 80: h = 4 × 0.75 = 3 → 78.
    expect(quantileInclusive([80, 75, 72, 78, 74], 0.75)).toBe(78);
    // 1, 2, 3, 4: h = 3 × 0.75 = 2.25 → 3 + 0.25 × 1 = 3.25.
    expect(quantileInclusive([4, 1, 3, 2], 0.75)).toBe(3.25);
    const b = computeBenchmarks(adm, 'lower')!;
    expect(b).toEqual({ count: 6, peerAverage: 100, best5: 99, best5Members: ['P02', 'P05', 'P01', 'P03', 'P04'], quartile: 96.25 });
    expect(
      computeBenchmarks(
        [
          { org: 'A', value: 1 },
          { org: 'B', value: 2 },
          { org: 'C', value: 3 },
          { org: 'D', value: 4 },
        ],
        'higher',
      )!.quartile,
    ).toBe(3.25);
    expect(computeBenchmarks([], 'lower')).toBeNull();
  });
});

describe('significance', () => {
  const z95 = Z_SCORES['95'];
  const z998 = Z_SCORES['99.8'];

  it('computes Wilson score intervals', () => {
    /*
     * O = 280, n = 400 (70%), z = 1.959963984540054, z² = 3.841458820694124:
     *   centre term 2O + z² = 563.841458820694
     *   √(z² + 4·O·(1 − p)) = √(3.841458820694 + 336) = √339.841458820694 = 18.434788…
     *   2(n + z²) = 807.682917641388
     *   upper = (563.8414588 + 1.959964 × 18.434788) / 807.6829176 = 0.74283233 → 74.283%
     *   lower = (563.8414588 − 36.1315250) / 807.6829176 = 0.65336275 → 65.336%
     * At 99.8% (z = 3.090232306167813): 62.5206% – 76.5468%.
     */
    const ci95 = wilsonInterval(280, 400, z95)!;
    expect(ci95.lower * 100).toBeCloseTo(65.33627542, 7);
    expect(ci95.upper * 100).toBeCloseTo(74.2832328, 6);
    const ci998 = wilsonInterval(280, 400, z998)!;
    expect(ci998.lower * 100).toBeCloseTo(62.5205595, 6);
    expect(ci998.upper * 100).toBeCloseTo(76.5467537, 6);
    expect(wilsonInterval(0, 0, z95)).toBeNull();
    expect(wilsonInterval(0, 10, z95)!.lower).toBe(0);
  });

  it("computes Byar's Poisson limits", () => {
    /*
     * O = 10, z = 1.959964:
     *   lower = 10 × (1 − 1/90 − 1.959964/(3√10))³ = 10 × (1 − 0.0111111 − 0.2066000)³ = 10 × 0.7822889³ = 4.78745
     *   upper = 11 × (1 − 1/99 + 1.959964/(3√11))³ = 11 × (1 − 0.0101010 + 0.1969867)³ = 11 × 1.1868857³ = 18.39146
     * (exact Poisson limits: 4.7954 and 18.3904.)
     */
    const ci = byarInterval(10, z95)!;
    expect(ci.lower).toBeCloseTo(4.78745, 4);
    expect(ci.upper).toBeCloseTo(18.39146, 4);
    expect(Math.abs(ci.lower - 4.7954)).toBeLessThan(0.01);
    expect(Math.abs(ci.upper - 18.3904)).toBeLessThan(0.01);
    expect(byarInterval(0, z95)!.lower).toBe(0);
  });

  it('picks the interval by unit and tests the benchmark against it', () => {
    const pct = parseUnit('%')!;
    const ci = valueInterval(pct, 280, 400, '95')!;
    expect(ci.upper).toBeCloseTo(74.2832328, 6);
    // Benchmark 75.8 is above the 95% upper limit (significant) but inside the 99.8% interval.
    expect(isSignificant(ci, 75.8)).toBe(true);
    expect(isSignificant(valueInterval(pct, 280, 400, '99.8'), 75.8)).toBe(false);
    // Rate per 1,000: 10 events in 2,000 people → limits × 1000 / 2000.
    const rate = valueInterval(parseUnit('per 1,000 population')!, 10, 2000, '95')!;
    expect(rate.lower).toBeCloseTo(4.78745 / 2, 4);
    // Money and missing counts are not tested.
    expect(valueInterval(parseUnit('£ per head')!, 1e6, 2000, '95')).toBeNull();
    expect(valueInterval(pct, null, 400, '95')).toBeNull();
    expect(valueInterval(pct, 280, 400, 'none')).toBeNull();
    expect(isSignificant(null, 75.8)).toBeNull();
  });
});

describe('opportunity', () => {
  it('measures the gap in the worse direction', () => {
    expect(worseGap(120, 100, 'lower')).toBe(20);
    expect(worseGap(70, 75.8, 'higher')).toBeCloseTo(5.8, 12);
    expect(worseGap(7, 8.5, 'lower')).toBe(-1.5);
  });

  it('scales by unit: activity for rates, £ for money, zero for negative gaps and zero populations', () => {
    const per1000 = parseUnit('per 1,000 population')!;
    const per100k = parseUnit('per 100,000 population')!;
    const money = parseUnit('£ per head')!;
    // 20 per 1,000 × 123,457 / 1,000 = 2,469.14 admissions; × £1,234.56 = £3,048,301.4784.
    const o = opportunityFor(20, per1000, 123_457, 1234.56);
    expect(o.activity).toBeCloseTo(2469.14, 9);
    expect(roundMoney(o.value)).toBe(3048301.48);
    // 50 per 100,000 × 560,000 / 100,000 = 280; no unit cost → no £.
    expect(opportunityFor(50, per100k, 560_000, null)).toEqual({ activity: 280, value: null });
    // £8.402 per head × 601,888 = £5,057,062.976 → £5,057,062.98.
    const m = opportunityFor(8.402, money, 601_888, 999);
    expect(m.activity).toBeNull();
    expect(roundMoney(m.value)).toBe(5057062.98);
    expect(opportunityFor(-3, per1000, 100_000, 10)).toEqual({ activity: 0, value: 0 });
    expect(opportunityFor(20, per1000, 0, 10)).toEqual({ activity: 0, value: 0 });
    expect(opportunityFor(20, money, 0, null)).toEqual({ activity: null, value: 0 });
    expect(opportunityFor(20, per1000, null, 10)).toEqual({ activity: null, value: null });
    expect(opportunityFor(20, { kind: 'unknown', multiplier: null, weighted: false, label: '' }, 1000, 10)).toEqual({ activity: null, value: null });
    expect(
      totalOpportunity([
        { activity: 1.5, value: null },
        { activity: null, value: 2.25 },
        { activity: 0, value: 0 },
      ]),
    ).toEqual({ activity: 1.5, value: 2.25 });
  });

  it('chooses the population basis', () => {
    const per1000 = parseUnit('per 1,000')!;
    const weighted = parseUnit('£ per weighted head')!;
    const all = { denominator: 400, population: 1000, weightedPopulation: 1100 };
    expect(choosePopulation('auto', per1000, all)).toEqual({ base: 400, used: 'denominator' });
    expect(choosePopulation('auto', per1000, { ...all, denominator: null })).toEqual({ base: 1000, used: 'population' });
    expect(choosePopulation('auto', weighted, { ...all, denominator: null })).toEqual({ base: 1100, used: 'weightedPopulation' });
    expect(choosePopulation('auto', weighted, { denominator: null, population: 1000, weightedPopulation: null })).toEqual({ base: 1000, used: 'population' });
    expect(choosePopulation('population', per1000, all)).toEqual({ base: 1000, used: 'population' });
    expect(choosePopulation('weightedPopulation', per1000, { ...all, weightedPopulation: null })).toEqual({ base: null, used: null });
  });
});

describe('units and directions', () => {
  it('reads units from text', () => {
    expect(parseUnit('per 1,000 population')).toMatchObject({ kind: 'rate', multiplier: 1000 });
    expect(parseUnit('per 100,000 population')).toMatchObject({ kind: 'rate', multiplier: 100000 });
    expect(parseUnit('%')).toMatchObject({ kind: 'percent', multiplier: 100 });
    expect(parseUnit('£ per head')).toMatchObject({ kind: 'money', multiplier: 1, weighted: false });
    expect(parseUnit('£ per weighted head')).toMatchObject({ kind: 'money', multiplier: 1, weighted: true });
    expect(parseUnit('£ per 1,000 weighted population')).toMatchObject({ kind: 'money', multiplier: 1000, weighted: true });
    expect(parseUnit('Spend on cancers and tumours per weighted head')).toMatchObject({ kind: 'money', multiplier: 1 });
    expect(parseUnit('A&E attendances per 1,000 population')).toMatchObject({ kind: 'rate', multiplier: 1000 });
    expect(parseUnit('Emergency readmissions within 30 days')).toBeNull();
    expect(parseUnit('')).toBeNull();
  });

  it('reads directions from text', () => {
    expect(parseDirection('lower')).toBe('lower');
    expect(parseDirection('Lower is better')).toBe('lower');
    expect(parseDirection('High is good')).toBe('higher');
    expect(parseDirection('higher')).toBe('higher');
    expect(parseDirection('n/a')).toBeNull();
    expect(parseDirection(null)).toBeNull();
  });
});

describe('parameters', () => {
  it('fills defaults', () => {
    expect(peersParams.parse({ home: '11X' })).toEqual({ home: '11X', ...peersParams.defaults });
  });

  it('accepts command-line strings and typed values', () => {
    const p = peersParams.parse({
      home: ' 11X ',
      peers: '11J, 11N;99P',
      peerCount: '5',
      weights: 'imd_score:2,pct_rural=0.5',
      benchmark: 'best5',
      significance: '99.8',
      excludeInsignificant: 'no',
      unitCost: '£1,650',
      unitCosts: 'NEL:1650,AE:145',
      demographics: 'IMD score,pct_rural',
    });
    expect(p).toMatchObject({
      home: '11X',
      peers: ['11J', '11N', '99P'],
      peerCount: 5,
      weights: { imd_score: 2, pct_rural: 0.5 },
      benchmark: 'best5',
      significance: '99.8',
      excludeInsignificant: false,
      unitCost: 1650,
      unitCosts: { NEL: 1650, AE: 145 },
      demographics: ['IMD score', 'pct_rural'],
    });
    expect(peersParams.parse({ home: '11X', peers: ['A', 'B'], significance: 95, weights: { a: 3 } })).toMatchObject({
      peers: ['A', 'B'],
      significance: '95',
      weights: { a: 3 },
    });
  });

  it('names the bad parameter', () => {
    expect(() => peersParams.parse({})).toThrow('Parameter "home"');
    // One wording for every view's parameters (params/values.ts): `Parameter "x" must be …; got ….`
    expect(() => peersParams.parse({ home: '11X', peerCount: '0' })).toThrow('Parameter "peerCount" must be at least 1; got "0".');
    expect(() => peersParams.parse({ home: '11X', peerCount: '2.5' })).toThrow('Parameter "peerCount" must be a whole number; got "2.5".');
    expect(() => peersParams.parse({ home: '11X', benchmark: 'median' })).toThrow(
      'Parameter "benchmark" must be one of average, best5, quartile; got "median".',
    );
    expect(() => peersParams.parse({ home: '11X', significance: '90' })).toThrow('Parameter "significance"');
    expect(() => peersParams.parse({ home: '11X', weights: 'imd' })).toThrow('Parameter "weights"');
    expect(() => peersParams.parse({ home: '11X', homee: 'x' })).toThrow('Unknown parameter "homee"');
  });
});
