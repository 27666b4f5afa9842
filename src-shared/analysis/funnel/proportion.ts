/**
 * Funnel plots for proportions, following PHEindicatormethods'
 * `calculate_funnel_limits` / `assign_funnel_significance` conventions: the
 * limits around the overall proportion are the observed proportions at which
 * a Wilson score interval (95%: z = qnorm(0.975); 99.8%: z = qnorm(0.999))
 * just reaches the overall proportion, so a unit outside them differs
 * significantly from it. Limits are clamped to 0 and to the scale
 * (`multiplier`: 1 for fractions, 100 for percentages).
 */

/** qnorm(0.975) and qnorm(0.999), to double precision. */
export const Z_95 = 1.959963984540054;
export const Z_998 = 3.090232306167813;

export type FunnelSignificance = 'Low (0.001)' | 'Low (0.025)' | 'High (0.001)' | 'High (0.025)' | 'Not significant';

export interface ProportionLimits {
  /** The denominator the limits are for. */
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/** The unclamped lower and upper limits (as fractions) at a denominator for the overall proportion `average`. */
function wilsonLimits(average: number, n: number, z: number): [number, number] {
  const z2 = z * z;
  const first = average * (n / z2 + 1);
  const last = 1 / z2 + 1 / n;
  const adjust = Math.sqrt((-8 * average * (n / z2 + 1)) ** 2 - 64 * (1 / z2 + 1 / n) * average * (n * (average * (n / z2 + 2) - 1) + z2 * (average - 1)));
  return [(first - adjust / 8) / last / n, (first + adjust / 8) / last / n];
}

export function proportionLimits(average: number, denominator: number, multiplier = 1): ProportionLimits {
  if (!(denominator > 0)) throw new Error(`A funnel limit needs a denominator above 0; got ${denominator}`);
  const [l95, u95] = wilsonLimits(average, denominator, Z_95);
  const [l998, u998] = wilsonLimits(average, denominator, Z_998);
  const clamp = (v: number) => Math.min(multiplier, Math.max(0, v * multiplier));
  return { denominator, lower95: clamp(l95), upper95: clamp(u95), lower998: clamp(l998), upper998: clamp(u998) };
}

/** The overall proportion: all numerators over all denominators. */
export function overallProportion(units: readonly { numerator: number; denominator: number }[]): number {
  let num = 0;
  let den = 0;
  for (const u of units) {
    num += u.numerator;
    den += u.denominator;
  }
  return num / den;
}

/** A unit's significance against the overall proportion `average` (the package's labels and order). */
export function proportionSignificance(numerator: number, denominator: number, average: number): FunnelSignificance {
  if (numerator < 0 || !(denominator > 0) || numerator > denominator)
    throw new Error(`A proportion needs 0 ≤ numerator ≤ denominator and a denominator above 0; got ${numerator} of ${denominator}`);
  const p = numerator / denominator;
  const limits = proportionLimits(average, denominator);
  if (p < limits.lower998) return 'Low (0.001)';
  if (p < limits.lower95) return 'Low (0.025)';
  if (p > limits.upper998) return 'High (0.001)';
  if (p > limits.upper95) return 'High (0.025)';
  return 'Not significant';
}
