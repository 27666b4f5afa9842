/**
 * XmR (individuals) statistical process control the NHS way ("Making Data
 * Count"), following NHSRplotthedots' documented behaviour so results can be
 * checked against it: its names, rule precedence and defaults.
 *
 * Per segment (a rebase starts a new one): centre line = mean; moving range
 * MR_i = |y_i − y_{i−1}| (none for a segment's first point); limits mean ±
 * 2.66 × mean MR, after (by default) dropping moving ranges not below
 * 3.267 × mean MR once; the "near limit" lines at mean ± (2 × 2.66 / 3) × mean
 * MR. With `fixAfter` the mean and MR come from the segment's first N points
 * and those limits apply to the whole segment; the rules look at every point.
 *
 * Special-cause rules, in precedence (each point gets one label):
 *   1. outside the process limits;
 *   2. part of a trend: `trendLength` points (default 7) strictly rising or
 *      strictly falling (a tie breaks it; it may cross the mean);
 *   3. two in three: at least 2 of 3 consecutive points between the near-limit
 *      line and the limit, all 3 strictly on the same side of the mean (only
 *      the points in that band are flagged);
 *   4. part of a run (shift): `runLength` points (default 7) on the same side
 *      of the mean (a point on the mean breaks it).
 * Rules do not carry across a rebase.
 */

export type ImprovementDirection = 'increase' | 'decrease' | 'neutral';

export type PointType = 'common_cause' | 'special_cause_improvement' | 'special_cause_concern' | 'special_cause_neutral_high' | 'special_cause_neutral_low';

export type SpecialCauseType =
  | 'Above UCL'
  | 'Below LCL'
  | '7 Point Trend (Increasing)'
  | '7 Point Trend (Decreasing)'
  | '2 in 3 Above CL'
  | '2 in 3 Below CL'
  | '7 Points Above CL'
  | '7 Points Below CL'
  | 'Common Cause';

export type Assurance = 'consistent_pass' | 'consistent_fail' | 'inconsistent';

export interface XmrOptions {
  /** Which way is better (default `increase`). */
  improvement?: ImprovementDirection;
  /** Drop moving ranges ≥ 3.267 × mean MR once before the limits (default true; Making Data Count's Excel tools do not). */
  screenOutliers?: boolean;
  /** Limits from the first N points of each segment (N ≥ 12); default: all points. */
  fixAfter?: number | null;
  /** Indexes of the first point of each new segment (rebase). */
  rebaseAt?: readonly number[];
  /** Target, for the assurance icon. */
  target?: number | null;
  /** Points in a run on one side of the mean (default 7). */
  runLength?: number;
  /** Points in a rising or falling trend (default 7). */
  trendLength?: number;
}

export interface XmrPoint {
  index: number;
  value: number;
  /** Rebase segment, from 0. */
  segment: number;
  mean: number;
  lpl: number;
  upl: number;
  /** The near-limit ("2 sigma") lines. */
  nearLower: number;
  nearUpper: number;
  /** |y − previous y| within the segment's fixed points; null for the first point (or beyond fixAfter). */
  movingRange: number | null;
  outsideLimits: boolean;
  /** Sign of value − mean: 1 above, −1 below, 0 on the mean. */
  relativeToMean: -1 | 0 | 1;
  /** Between a near-limit line and its limit. */
  closeToLimits: boolean;
  specialCauseType: SpecialCauseType;
  pointType: PointType;
}

export interface XmrResult {
  points: XmrPoint[];
  /** The last point's type (the variation icon), null for no points. */
  variation: PointType | null;
  /** Target against the last segment's limits; null without a target or for a neutral direction. */
  assurance: Assurance | null;
  /** Mean moving range of each segment (after screening). */
  meanMovingRanges: number[];
  warnings: string[];
}

/** NHSRplotthedots' constants. */
export const LIMIT = 2.66;
export const NEAR_LIMIT = (2 * LIMIT) / 3;
export const SCREEN_LIMIT = 3.267;
/** Segments shorter than this have trial limits (the package's documented "n < 12"). */
export const SHORT_SERIES = 12;

function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

const sign = (x: number): -1 | 0 | 1 => (x > 0 ? 1 : x < 0 ? -1 : 0);

/** End of a run: point i and the `length − 1` before it on the same (non-zero) side. Returns the side, or 0. */
export function runEnds(relativeToMean: readonly number[], length = 7): number[] {
  return relativeToMean.map((s, i) => {
    if (i < length - 1 || s === 0) return 0;
    for (let k = i - length + 1; k < i; k++) if (relativeToMean[k] !== s) return 0;
    return s;
  });
}

/** End of a trend: the `length − 1` differences ending at i all rising (1) or all falling (−1); ties break it. */
export function trendEnds(values: readonly number[], length = 7): number[] {
  return values.map((_, i) => {
    if (i < length - 1) return 0;
    let up = true;
    let down = true;
    for (let k = i - length + 2; k <= i; k++) {
      const d = values[k]! - values[k - 1]!;
      if (!(d > 0)) up = false;
      if (!(d < 0)) down = false;
    }
    return up ? 1 : down ? -1 : 0;
  });
}

/** Every point of a run or trend whose end is marked (the end and the `length − 1` points before it). */
export function partOf(ends: readonly number[], length = 7): boolean[] {
  return ends.map((_, i) => {
    for (let k = i; k < Math.min(ends.length, i + length); k++) if (ends[k] !== 0) return true;
    return false;
  });
}

/** Two in three: points in the near-limit band that share a 3-point window, all strictly one side of the mean, with another such point. */
export function twoInThree(close: readonly boolean[], relativeToMean: readonly number[]): boolean[] {
  const n = close.length;
  const windowQualifies = (start: number) => {
    if (start < 0 || start + 3 > n) return false;
    let closeCount = 0;
    let side = 0;
    for (let k = start; k < start + 3; k++) {
      if (close[k]) closeCount++;
      side += relativeToMean[k]!;
    }
    return closeCount >= 2 && Math.abs(side) === 3;
  };
  return close.map((c, i) => c && (windowQualifies(i - 2) || windowQualifies(i - 1) || windowQualifies(i)));
}

/** The assurance icon: the target against the process limits (strict; on a limit is inconsistent). */
export function assuranceOf(lpl: number, upl: number, target: number | null | undefined, improvement: ImprovementDirection): Assurance | null {
  if (target === null || target === undefined || !Number.isFinite(target) || improvement === 'neutral') return null;
  if (target > upl) return improvement === 'increase' ? 'consistent_fail' : 'consistent_pass';
  if (target < lpl) return improvement === 'increase' ? 'consistent_pass' : 'consistent_fail';
  return 'inconsistent';
}

function pointTypeOf(type: SpecialCauseType, improvement: ImprovementDirection): PointType {
  const v = /Above|Increasing/.test(type) ? 1 : /Below|Decreasing/.test(type) ? -1 : 0;
  if (v === 0) return 'common_cause';
  if (improvement === 'neutral') return v > 0 ? 'special_cause_neutral_high' : 'special_cause_neutral_low';
  const good = v * (improvement === 'increase' ? 1 : -1);
  return good > 0 ? 'special_cause_improvement' : 'special_cause_concern';
}

interface SegmentLimits {
  mean: number;
  amr: number;
  movingRanges: (number | null)[];
}

function segmentLimits(values: readonly number[], fixAfter: number, screen: boolean): SegmentLimits {
  const fixed = values.slice(0, Math.min(values.length, fixAfter));
  const centre = mean(fixed);
  const movingRanges: (number | null)[] = values.map((v, i) => (i === 0 || i >= fixed.length ? null : Math.abs(v - values[i - 1]!)));
  const present = movingRanges.filter((m): m is number => m !== null);
  let amr = present.length ? mean(present) : NaN;
  if (screen && present.length) {
    const kept = present.filter((m) => m < SCREEN_LIMIT * amr);
    amr = kept.length ? mean(kept) : NaN;
  }
  return { mean: centre, amr, movingRanges };
}

/** One series (in period order) through the XmR rules. */
export function xmr(values: readonly number[], options: XmrOptions = {}): XmrResult {
  const improvement = options.improvement ?? 'increase';
  const screen = options.screenOutliers ?? true;
  const fixAfter = options.fixAfter ?? Infinity;
  const runLength = options.runLength ?? 7;
  const trendLength = options.trendLength ?? 7;
  if (options.fixAfter !== undefined && options.fixAfter !== null && !(Number.isInteger(options.fixAfter) && options.fixAfter >= 12))
    throw new Error(`fixAfter must be a whole number of points, 12 or more; got ${options.fixAfter}`);
  const starts = [...new Set([0, ...(options.rebaseAt ?? []).filter((i) => i > 0 && i < values.length)])].sort((a, b) => a - b);
  const points: XmrPoint[] = [];
  const meanMovingRanges: number[] = [];
  const warnings: string[] = [];
  starts.forEach((start, segment) => {
    const end = starts[segment + 1] ?? values.length;
    const ys = values.slice(start, end);
    const { mean: centre, amr, movingRanges } = segmentLimits(ys, fixAfter, screen);
    meanMovingRanges.push(amr);
    if (ys.length < SHORT_SERIES)
      warnings.push(
        `${starts.length > 1 ? `Segment ${segment + 1} has` : 'The series has'} ${ys.length} point${ys.length === 1 ? '' : 's'}: fewer than ${SHORT_SERIES}, so its limits are trial limits.`,
      );
    const lpl = centre - LIMIT * amr;
    const upl = centre + LIMIT * amr;
    const nearLower = centre - NEAR_LIMIT * amr;
    const nearUpper = centre + NEAR_LIMIT * amr;
    const outside = ys.map((y) => y > upl || y < lpl);
    const rtm = ys.map((y) => sign(y - centre));
    const close = ys.map((y, i) => !outside[i] && (y < nearLower || y > nearUpper));
    const inTrend = partOf(trendEnds(ys, trendLength), trendLength);
    const inTwoOfThree = twoInThree(close, rtm);
    const inRun = partOf(runEnds(rtm, runLength), runLength);
    ys.forEach((y, i) => {
      let type: SpecialCauseType = 'Common Cause';
      if (outside[i]) type = rtm[i] === 1 ? 'Above UCL' : 'Below LCL';
      else if (inTrend[i]) {
        // The direction of the trend the point is in: toward the next point when it is in the trend too, else from the previous.
        const rising = i + 1 < ys.length && inTrend[i + 1] ? ys[i + 1]! - y > 0 : i > 0 && y - ys[i - 1]! > 0;
        type = rising ? '7 Point Trend (Increasing)' : '7 Point Trend (Decreasing)';
      } else if (inTwoOfThree[i]) type = rtm[i]! > 0 ? '2 in 3 Above CL' : '2 in 3 Below CL';
      else if (inRun[i]) type = rtm[i]! > 0 ? '7 Points Above CL' : '7 Points Below CL';
      points.push({
        index: start + i,
        value: y,
        segment,
        mean: centre,
        lpl,
        upl,
        nearLower,
        nearUpper,
        movingRange: movingRanges[i]!,
        outsideLimits: outside[i]!,
        relativeToMean: rtm[i]!,
        closeToLimits: close[i]!,
        specialCauseType: type,
        pointType: pointTypeOf(type, improvement),
      });
    });
  });
  const last = points.at(-1);
  return {
    points,
    variation: last?.pointType ?? null,
    assurance: last ? assuranceOf(last.lpl, last.upl, options.target, improvement) : null,
    meanMovingRanges,
    warnings,
  };
}
