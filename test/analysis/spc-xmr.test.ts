import { describe, expect, it } from 'vitest';
import { assuranceOf, partOf, runEnds, trendEnds, twoInThree, xmr, type XmrOptions } from '../../src-shared/analysis/spc/xmr';

/*
 * Reference values for the XmR engine. Sources (public, read not copied):
 * - ../shared/DOMAIN.md's worked example;
 * - nhs-r-community/NHSRplotthedots v0.2.2 (commit 050b07d7): vignettes/deviations.Rmd (F1),
 *   tests/testthat/test-ptd_spc_standard.R (F2), tests/testthat/_snaps/ptd_spc_standard.md and
 *   _snaps/ptd_spc.md (F3, values of `set.seed(123); rnorm(20)` to 8 dp), tests/testthat/
 *   test-ptd_calculate_point_type.R (the rule helpers), test-ptd_calculate_assurance_type.R;
 * - cases marked "worked" follow the package's documented rules by hand.
 * Expected figures are exact where the source gives them exactly, else to the digits it prints.
 */

const close = (a: number, b: number, digits: number) => expect(a).toBeCloseTo(b, digits);
const types = (values: number[], opts: XmrOptions = {}) => xmr(values, opts).points.map((p) => p.pointType);

describe('XmR limits', () => {
  const worked = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];

  it('DOMAIN.md / deviations vignette: mean 1.94; screened limits 4.60 and −0.72; unscreened 6.95 and −3.06', () => {
    const screened = xmr(worked);
    const p = screened.points[0]!;
    expect(p.mean).toBe(35 / 18);
    expect(screened.meanMovingRanges).toEqual([1]); // the moving ranges of 8 and 9 are dropped
    expect(p.upl).toBeCloseTo(35 / 18 + 2.66, 12);
    expect(p.lpl).toBeCloseTo(35 / 18 - 2.66, 12);
    close(p.upl, 4.6, 2);
    close(p.lpl, -0.72, 2);
    close(p.nearUpper, 3.7177778, 7);
    const raw = xmr(worked, { screenOutliers: false });
    expect(raw.meanMovingRanges[0]).toBeCloseTo(32 / 17, 12);
    close(raw.points[0]!.upl, 6.9515033, 7);
    close(raw.points[0]!.lpl, -3.0626144, 7);
    // Point 5 (10) is above the limit: an improvement when up is better; every other point is common cause.
    for (const r of [screened, raw])
      expect(r.points.map((q) => q.pointType)).toEqual(worked.map((_, i) => (i === 4 ? 'special_cause_improvement' : 'common_cause')));
  });

  it('rnorm(20) snapshot: mean 0.1416238, limits −3.01138 and 3.294627, all common cause', () => {
    const y = [
      -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.2240818, 0.35981383,
      0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.7013559, -0.47279141,
    ];
    const r1 = xmr(y);
    close(r1.points[0]!.mean, 0.1416238, 7);
    close(r1.points[0]!.lpl, -3.01138, 5);
    close(r1.points[0]!.upl, 3.294627, 6);
    expect(r1.points.slice(0, 15).map((p) => p.relativeToMean)).toEqual([-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]);
    expect(new Set(r1.points.map((p) => p.pointType))).toEqual(new Set(['common_cause']));
    // y[15] = 10: screened 0.6694159 / −2.383666 / 3.722497; unscreened −4.596625 / 5.935457.
    const y2 = [...y];
    y2[14] = 10;
    const r2 = xmr(y2);
    close(r2.points[0]!.mean, 0.6694159, 7);
    close(r2.points[0]!.lpl, -2.383666, 6);
    close(r2.points[0]!.upl, 3.722497, 6);
    const r3 = xmr(y2, { screenOutliers: false });
    close(r3.points[0]!.lpl, -4.596625, 6);
    close(r3.points[0]!.upl, 5.935457, 6);
    expect(r2.points[14]!.pointType).toBe('special_cause_improvement');
    // Facets are separate series: the first and second ten.
    const f0 = xmr(y.slice(0, 10)).points[0]!;
    const f1 = xmr(y.slice(10)).points[0]!;
    expect([f0.mean, f0.lpl, f0.upl].map((v) => Number(v.toFixed(2)))).toEqual([0.07, -2.6, 2.75]);
    expect([f1.mean, f1.lpl, f1.upl].map((v) => Number(v.toFixed(2)))).toEqual([0.21, -3.28, 3.7]);
    expect(xmr(y.slice(0, 10)).warnings).toEqual(['The series has 10 points: fewer than 12, so its limits are trial limits.']);
  });

  it('rebase: each segment its own mean and limits, and rules do not run across it', () => {
    const before = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9];
    const after = [20, 21, 19, 20, 21, 19, 20, 21, 19, 20, 21, 19];
    const r = xmr([...before, ...after], { rebaseAt: [12] });
    expect(r.points[0]!.mean).toBe(10);
    expect(r.points[12]!.mean).toBe(20);
    expect(r.points[12]!.segment).toBe(1);
    expect(r.points[12]!.movingRange).toBeNull(); // a segment starts afresh
    expect(new Set(r.points.map((p) => p.pointType))).toEqual(new Set(['common_cause']));
    // Without the rebase the step is special cause (the later points are a run above the mean).
    expect(
      types([...before, ...after])
        .slice(12)
        .every((t) => t === 'special_cause_improvement'),
    ).toBe(true);
  });

  it('fixAfter: limits from the first N points apply to the whole series; rules still read every point', () => {
    const y = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 30, 31];
    const r = xmr(y, { fixAfter: 12 });
    expect(r.points[0]!.mean).toBe(5.5);
    expect(r.meanMovingRanges).toEqual([1]);
    expect(r.points[13]!.upl).toBe(5.5 + 2.66);
    expect(r.points.slice(12).map((p) => p.specialCauseType)).toEqual(['Above UCL', 'Above UCL']);
    expect(() => xmr(y, { fixAfter: 8 })).toThrow(/12 or more/);
  });
});

describe('XmR special-cause rules (NHSRplotthedots rule tests)', () => {
  it('runs: seven points on one side', () => {
    expect(runEnds([1, 1, 1, 1, 1, 1, 1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0]);
    expect(runEnds([1, 1, 1, 1, 1, 1])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(runEnds([1, 1, 1, 1, 1, 1, -1])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(partOf([0, 0, 0, 0, 0, 0, 1, 0])).toEqual([true, true, true, true, true, true, true, false]);
    expect(partOf([0, 0, 0, 0, 0, 0, 0, -1, 0])).toEqual([false, true, true, true, true, true, true, true, false]);
  });

  it('trends: seven points strictly rising or falling; a tie breaks one', () => {
    expect(trendEnds([1, 2, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trendEnds([1, 2, 3, 3, 4, 5, 6])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(trendEnds([1, 2, 3, 4, 5, 6, 7])).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(trendEnds([2, 1, 2, 3, 4, 5, 6, 7, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(trendEnds([7, 6, 5, 4, 3, 2, 1])).toEqual([0, 0, 0, 0, 0, 0, -1]);
    expect(trendEnds([2, 7, 6, 5, 4, 3, 2, 1, 3])).toEqual([0, 0, 0, 0, 0, 0, 0, -1, 0]);
  });

  it('two in three: only the points in the near-limit band, all three on one side', () => {
    const side = (n: number) => Array.from({ length: n }, () => 1);
    expect(twoInThree([true, false, true], side(3))).toEqual([true, false, true]);
    expect(twoInThree([false, false, true, false, true, false, false], side(7))).toEqual([false, false, true, false, true, false, false]);
    expect(twoInThree([true, false, false, true], side(4))).toEqual([false, false, false, false]);
    expect(twoInThree([true, false, false, true, true], side(5))).toEqual([false, false, false, true, true]);
    expect(twoInThree([true, false, true], [1, -1, 1])).toEqual([false, false, false]);
    // test-ptd_spc_standard.R: 5.5 and −5.5 near opposite limits are not two in three.
    const y = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 5.5, -5.5];
    expect(types(y).slice(-2)).toEqual(['common_cause', 'common_cause']);
  });

  it('precedence: outside limits, then trend, then two in three, then run (worked)', () => {
    // y = 0..7: the first below the limit, the middle six a rising trend, the last above the limit.
    expect(xmr([0, 1, 2, 3, 4, 5, 6, 7]).points.map((p) => p.specialCauseType)).toEqual([
      'Below LCL',
      ...Array<string>(6).fill('7 Point Trend (Increasing)'),
      'Above UCL',
    ]);
    expect(types([0, 1, 2, 3, 4, 5, 6, 7])).toEqual(['special_cause_concern', ...Array<string>(7).fill('special_cause_improvement')]);
    // A peak: the top point is outside the limits; the points after it belong to the falling trend.
    expect(xmr([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1]).points.map((p) => p.specialCauseType)).toEqual([
      'Below LCL',
      ...Array<string>(5).fill('7 Point Trend (Increasing)'),
      'Above UCL',
      ...Array<string>(5).fill('7 Point Trend (Decreasing)'),
      'Below LCL',
    ]);
  });

  it('a run of seven above the mean, and a point on the mean breaking one (worked)', () => {
    const run = [8, 12, 8, 12, 8, 12, 11, 11, 11, 11, 11, 11, 11, 8, 12, 8, 12, 8, 12, 7];
    const r = xmr(run);
    expect(r.points[0]!.mean).toBeCloseTo(10.2, 12);
    expect(r.points.map((p, i) => (p.pointType === 'common_cause' ? null : i))).toEqual(run.map((_, i) => (i >= 5 && i <= 12 ? i : null)));
    const broken = [-2, 2, -2, 2, -2, 2, 1, 1, 1, 0, 1, 1, 1, -2, 2, -2, 2, -2, 2, -6];
    expect(xmr(broken).points[0]!.mean).toBe(0);
    expect(new Set(types(broken))).toEqual(new Set(['common_cause']));
    const seven = [-2, 2, -2, 2, -2, 2, 1, 1, 1, 1, 1, 1, 1, -2, 2, -2, 2, -2, 2, -7];
    expect(types(seven, { improvement: 'decrease' }).slice(5, 13)).toEqual(Array(8).fill('special_cause_concern'));
    expect(types(seven, { improvement: 'neutral' }).slice(5, 13)).toEqual(Array(8).fill('special_cause_neutral_high'));
  });

  it('two in three in a series (worked): the band points flagged, the point between them not', () => {
    const y = [10, 9, 10, 11, 10, 9, 10, 11, 10, 9, 10, 13.5, 10.5, 13.5, 10, 9, 10, 11, 10, 9];
    const r = xmr(y);
    close(r.points[0]!.nearUpper, 12.8883333, 7);
    expect(r.points.flatMap((p, i) => (p.pointType === 'common_cause' ? [] : [[i, p.specialCauseType]]))).toEqual([
      [11, '2 in 3 Above CL'],
      [13, '2 in 3 Above CL'],
    ]);
    const below = [...y];
    below[12] = 10;
    expect(new Set(types(below))).toEqual(new Set(['common_cause']));
  });
});

describe('XmR icons', () => {
  it('assurance: target against the last limits (test-ptd_calculate_assurance_type.R)', () => {
    const cases: [number, number][] = [
      [1, 3],
      [5, 7],
      [1, 5],
    ];
    expect(cases.map(([l, u]) => assuranceOf(l, u, 4, 'increase'))).toEqual(['consistent_fail', 'consistent_pass', 'inconsistent']);
    expect(cases.map(([l, u]) => assuranceOf(l, u, 4, 'decrease'))).toEqual(['consistent_pass', 'consistent_fail', 'inconsistent']);
    expect(cases.map(([l, u]) => assuranceOf(l, u, 4, 'neutral'))).toEqual([null, null, null]);
    expect(assuranceOf(1, 3, null, 'increase')).toBeNull();
  });

  it("variation is the last point's type; assurance uses the series' last segment", () => {
    const y = [5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 20];
    const r = xmr(y, { target: 2 });
    expect(r.variation).toBe('special_cause_improvement');
    expect(r.assurance).toBe('consistent_pass');
    expect(xmr(y, { target: 2, improvement: 'decrease' })).toMatchObject({ variation: 'special_cause_concern', assurance: 'consistent_fail' });
  });
});
