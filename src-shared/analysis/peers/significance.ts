import type { SignificanceLevel } from './params';
import type { UnitInfo } from './units';

/**
 * Is the home organisation's value significantly different from the
 * benchmark? As in PHE Fingertips, the benchmark is treated as a fixed value
 * and compared with the confidence interval of the home value: a gap is
 * significant when the benchmark lies outside the interval.
 *
 * Interval method by unit (numerator O and denominator n must both be mapped):
 * - percent (a proportion × 100): Wilson score interval
 *     (2O + z² ± z·√(z² + 4O(1 − O/n))) / (2(n + z²)) × 100;
 * - rate per 1,000 / 100,000 (a count of events over a population): Byar's
 *   approximation to the exact Poisson limits of the count,
 *     lower = O·(1 − 1/(9O) − z/(3√O))³        (0 when O = 0),
 *     upper = (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³,
 *   divided by n and × the multiplier;
 * - money (£ per head) and unknown units: not tested — spend is not a count of
 *   independent events, so no sampling interval applies. Such gaps are never
 *   excluded as insignificant.
 *
 * z is the two-sided normal quantile: 1.959963984540054 (95%) and
 * 3.090232306167813 (99.8%), as used for funnel-plot limits.
 */
export const Z_SCORES: Record<Exclude<SignificanceLevel, 'none'>, number> = {
  '95': 1.959963984540054,
  '99.8': 3.090232306167813,
};

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson score interval for the proportion O/n (as a fraction); null when not defined. */
export function wilsonInterval(observed: number, n: number, z: number): Interval | null {
  if (!(n > 0) || observed < 0 || observed > n) return null;
  const p = observed / n;
  const z2 = z * z;
  const centre = 2 * observed + z2;
  const half = z * Math.sqrt(z2 + 4 * observed * (1 - p));
  const denom = 2 * (n + z2);
  return { lower: Math.max(0, (centre - half) / denom), upper: Math.min(1, (centre + half) / denom) };
}

/** Byar's approximate exact-Poisson limits for a count O; null when O is negative. */
export function byarInterval(observed: number, z: number): Interval | null {
  if (!(observed >= 0)) return null;
  const lower = observed === 0 ? 0 : observed * (1 - 1 / (9 * observed) - z / (3 * Math.sqrt(observed))) ** 3;
  const o1 = observed + 1;
  const upper = o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3;
  return { lower: Math.max(0, lower), upper };
}

/** The interval of an indicator value (in the indicator's own units), or null when it cannot be tested. */
export function valueInterval(unit: UnitInfo, numerator: number | null, denominator: number | null, level: SignificanceLevel): Interval | null {
  if (level === 'none' || numerator === null || denominator === null || !(denominator > 0)) return null;
  const z = Z_SCORES[level];
  if (unit.kind === 'percent') {
    const ci = wilsonInterval(numerator, denominator, z);
    return ci && { lower: ci.lower * 100, upper: ci.upper * 100 };
  }
  if (unit.kind === 'rate' && unit.multiplier !== null) {
    const ci = byarInterval(numerator, z);
    const scale = unit.multiplier / denominator;
    return ci && { lower: ci.lower * scale, upper: ci.upper * scale };
  }
  return null;
}

/** True when the benchmark lies outside the interval (a significant difference); null when untested. */
export function isSignificant(interval: Interval | null, benchmark: number | null): boolean | null {
  if (!interval || benchmark === null) return null;
  return benchmark < interval.lower || benchmark > interval.upper;
}
