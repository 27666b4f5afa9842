/**
 * RightCare-style peer-group derivation (DOMAIN.md), as pure functions over
 * plain arrays:
 *
 *   1. cap each variable at mean + 5 SD (values above are set to the cap);
 *   2. take the square root of the capped values;
 *   3. z-score the roots: z = (√x − mean(√x)) / SD(√x);
 *   4. weighted Euclidean distance from the home organisation:
 *        d(o) = √( Σ_k w_k · (z_k(o) − z_k(home))² )   (w_k defaults to 1);
 *   5. the N organisations with the smallest distance (ties: by code).
 *
 * SD is the POPULATION standard deviation (divide by n, not n − 1): the
 * organisations are the whole set being compared, not a sample, and it is what
 * the sample data's own peer groups use. The choice matters only for the cap:
 * with one common n, sample SD rescales every z-score by √((n−1)/n), so all
 * distances shrink by the same factor and the ranking is unchanged. Note that
 * with population SD no value of n ≤ 26 organisations can exceed mean + 5 SD
 * (the largest possible z-score is √(n − 1)), so the cap only bites in larger
 * (e.g. national) sets. Means and SDs are taken over every organisation with a
 * complete set of variables, the home organisation included.
 */
import { compareCodes, mean, nearlyEqual, populationSd } from './stats';

/** Cap at mean + 5 SD; returns the cap and the capped values. */
export function capAtMeanPlus5Sd(values: readonly number[]): { cap: number; capped: number[] } {
  const cap = mean(values) + 5 * populationSd(values);
  return { cap, capped: values.map((v) => Math.min(v, cap)) };
}

export interface TransformedVariable {
  mean: number;
  sd: number;
  cap: number;
  /** How many values were above the cap. */
  cappedCount: number;
  rootMean: number;
  rootSd: number;
  /** z-scores of the square-rooted capped values (all 0 if they do not vary). */
  z: number[];
}

/**
 * Steps 1–3 for one variable. Negative values (which have no square root) are
 * treated as 0; callers warn about them.
 */
export function transformVariable(values: readonly number[]): TransformedVariable {
  const { cap, capped } = capAtMeanPlus5Sd(values);
  const roots = capped.map((v) => Math.sqrt(Math.max(0, v)));
  const rootMean = mean(roots);
  const rootSd = populationSd(roots);
  return {
    mean: mean(values),
    sd: populationSd(values),
    cap,
    cappedCount: values.filter((v) => v > cap).length,
    rootMean,
    rootSd,
    z: roots.map((r) => (rootSd > 0 ? (r - rootMean) / rootSd : 0)),
  };
}

export interface DemographicVariable {
  name: string;
  /** One value per organisation, in the order of `orgs`. */
  values: number[];
  /** Weight on the squared z-score difference; default 1. */
  weight?: number;
}

export interface DistanceRow {
  org: string;
  /** 0 for the home organisation, then 1, 2, … by distance. */
  rank: number;
  distance: number;
  /** Raw values and z-scores, in the order of the variables. */
  values: number[];
  z: number[];
}

export interface DistanceResult {
  variables: (TransformedVariable & { name: string; weight: number })[];
  /** Home first (distance 0), then every other organisation nearest first; ties by code. */
  rows: DistanceRow[];
}

/** Steps 1–4 for every organisation against `home`. */
export function peerDistances(orgs: readonly string[], variables: readonly DemographicVariable[], home: string): DistanceResult {
  const h = orgs.indexOf(home);
  if (h < 0) throw new Error(`The home organisation ${home} has no complete set of demographic variables.`);
  for (const v of variables)
    if (v.values.length !== orgs.length) throw new Error(`Variable ${v.name} has ${v.values.length} values for ${orgs.length} organisations.`);
  const transformed = variables.map((v) => ({ ...transformVariable(v.values), name: v.name, weight: v.weight ?? 1 }));
  const rows = orgs.map((org, i) => {
    let sum = 0;
    for (const t of transformed) {
      const diff = (t.z[i] ?? 0) - (t.z[h] ?? 0);
      sum += t.weight * diff * diff;
    }
    return { org, rank: 0, distance: Math.sqrt(sum), values: variables.map((v) => v.values[i] ?? NaN), z: transformed.map((t) => t.z[i] ?? 0) };
  });
  const homeRow = rows[h]!;
  // Distances equal but for floating-point noise (sums taken in another order) count as ties.
  const others = rows
    .filter((_, i) => i !== h)
    .sort((a, b) => (nearlyEqual(a.distance, b.distance) ? 0 : a.distance - b.distance) || compareCodes(a.org, b.org));
  others.forEach((r, i) => (r.rank = i + 1));
  return { variables: transformed, rows: [homeRow, ...others] };
}

/** Step 5: the `n` nearest organisations (excluding home). */
export function closestPeers(result: DistanceResult, n: number): string[] {
  return result.rows.filter((r) => r.rank > 0 && r.rank <= n).map((r) => r.org);
}
