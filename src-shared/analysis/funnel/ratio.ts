import { lowerGammaRegularised, solveCount, upperGammaRegularised } from './gamma';
import { Z_95, Z_998, type FunnelSignificance } from './proportion';

/**
 * Funnel plots for ratios of observed to expected events (standardised
 * ratios), following PHEindicatormethods' conventions:
 * - limits: exact Poisson. For O observed events, the expected counts at
 *   which O would just be significant, found as the package does by halving
 *   steps on v in z = (1 + O)·v/(1 − v) until the step is below 1e-7 (the
 *   published figures carry that search's precision); limit = O / expected.
 *   `count` ratios are given as the ratio − 1, `isr` ones × 100.
 * - significance of a unit: exact (chi-square) for fewer than 10 observed
 *   events, Byars' approximation from 10.
 */

export type RatioType = 'count' | 'isr';

export interface RatioLimits {
  observed: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** P(a ≤ X ≤ b) for X ~ Poisson(lambda), from the incomplete gamma function (no truncated sums, so small tails keep their digits). */
export function poissonBetween(lambda: number, a: number, b: number): number {
  if (lambda === 0) return a <= 0 ? 1 : 0;
  const atLeast = (k: number) => (k <= 0 ? 1 : lowerGammaRegularised(k, lambda));
  if (b >= Number.MAX_SAFE_INTEGER) return atLeast(a);
  if (a <= 0) return upperGammaRegularised(b + 1, lambda);
  return Math.max(0, atLeast(a) - atLeast(b + 1));
}

/**
 * The expected count at which `observed` is just significant at tail
 * probability `p`: side `low` finds it where P(X ≥ O) = p (an upper limit
 * on the ratio), side `high` where P(X ≤ O) = p (a lower limit).
 */
export function poissonFunnel(observed: number, p: number, side: 'low' | 'high'): number {
  let v = 0.5;
  let step = 0.5;
  const z = () => ((1 + observed) * v) / (1 - v);
  while (step > 1e-7) {
    step /= 2;
    const tail = side === 'low' ? poissonBetween(z(), observed, Number.MAX_SAFE_INTEGER) : poissonBetween(z(), 0, observed);
    const down = side === 'low' ? tail > p : tail < p;
    v += down ? -step : step;
  }
  return z();
}

/** Funnel limits of the ratio for `observed` events (plain ratios; see `asRatioType`). */
export function ratioLimits(observed: number): RatioLimits {
  return {
    observed,
    lower95: observed / poissonFunnel(observed, 0.025, 'high'),
    upper95: observed / poissonFunnel(observed, 0.025, 'low'),
    lower998: observed / poissonFunnel(observed, 0.001, 'high'),
    upper998: observed / poissonFunnel(observed, 0.001, 'low'),
  };
}

/** A ratio as the package reports it: `count` = ratio − 1, `isr` = ratio × 100. */
export function asRatioType(ratio: number, type: RatioType): number {
  return type === 'count' ? ratio - 1 : ratio * 100;
}

/** λ where P(X ≥ k | λ) = q (k ≥ 1), by bisection to full double precision: the exact lower bound of a Poisson mean. */
function poissonLowerBound(k: number, q: number): number {
  let lo = 0;
  let hi = k + 50 + 20 * Math.sqrt(k);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (poissonBetween(mid, k, Number.MAX_SAFE_INTEGER) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** λ where P(X ≤ k | λ) = q: the exact upper bound of a Poisson mean. */
function poissonUpperBound(k: number, q: number): number {
  let lo = 0;
  let hi = k + 50 + 20 * Math.sqrt(k + 1);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (poissonBetween(mid, 0, k) > q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Bounds of the observed count at two-sided confidence `confidence` (0.95, 0.998), divided by `expected`. */
export function ratioBounds(observed: number, expected: number, confidence: number, z: number = confidence === 0.95 ? Z_95 : Z_998): [number, number] {
  const tail = 0.5 - confidence / 2;
  let low: number;
  let high: number;
  if (observed < 10) {
    low = observed === 0 ? 0 : poissonLowerBound(observed, tail);
    high = poissonUpperBound(observed, tail);
  } else {
    // Byars' approximation.
    low = observed * (1 - 1 / (9 * observed) - z / 3 / Math.sqrt(observed)) ** 3;
    const o1 = observed + 1;
    high = o1 * (1 - 1 / (9 * o1) + z / 3 / Math.sqrt(o1)) ** 3;
  }
  return [low / expected, high / expected];
}

/** A unit's significance: its ratio's confidence interval against 1 (the package's labels, in its order). */
export function ratioSignificance(observed: number, expected: number): FunnelSignificance {
  if (observed < 0 || !(expected > 0)) throw new Error(`A ratio needs observed ≥ 0 and expected above 0; got ${observed} and ${expected}`);
  const [low998, high998] = ratioBounds(observed, expected, 0.998, Z_998);
  const [low95, high95] = ratioBounds(observed, expected, 0.95, Z_95);
  if (1 < low998) return 'High (0.001)';
  if (1 < low95) return 'High (0.025)';
  if (1 > high998) return 'Low (0.001)';
  if (1 > high95) return 'Low (0.025)';
  return 'Not significant';
}

/**
 * The funnel limits of a ratio at `expected` events: the same curves as
 * `ratioLimits` (which steps through whole observed counts, as the published
 * tables do), evaluated at any denominator by treating the count as real:
 * the upper limit is k/E where P(X ≥ k | E) = p, the lower k/E where
 * P(X ≤ k | E) = p (0 when even no events is not that unlikely).
 */
export function ratioLimitsAt(expected: number): { lower95: number; upper95: number; lower998: number; upper998: number } {
  if (!(expected > 0)) throw new Error(`A ratio limit needs expected events above 0; got ${expected}`);
  const ceiling = expected + 60 + 30 * Math.sqrt(expected);
  // P(X ≥ k) = P(k, E) falls as k grows; P(X ≤ k) = 1 − P(k + 1, E) rises.
  const upper = (p: number) => solveCount((k) => (k <= 0 ? 1 : lowerGammaRegularised(k, expected)), p, false, 0, ceiling) / expected;
  const lower = (p: number) => (Math.exp(-expected) >= p ? 0 : solveCount((k) => upperGammaRegularised(k + 1, expected), p, true, 0, ceiling) / expected);
  return { lower95: lower(0.025), upper95: upper(0.025), lower998: lower(0.001), upper998: upper(0.001) };
}
