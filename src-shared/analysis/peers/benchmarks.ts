import { compareCodes, mean } from './stats';
import type { Direction } from './units';
import type { BenchmarkKind } from './params';

/**
 * Benchmarks for one indicator, computed from the PEERS' values only (the home
 * organisation is never part of its own benchmark, as in RightCare packs).
 * Peers without a value for the indicator are left out before anything is
 * computed.
 *
 * - Peer average: the unweighted arithmetic mean of the peers' values (each
 *   organisation counts once, whatever its size — RightCare's convention).
 * - Best 5: the mean of the five best peers by the indicator's direction.
 *   Exactly five are taken: peers are ranked by value (best first) and then by
 *   organisation code, and the first five kept. When several peers tie at fifth
 *   place they have the same value, so which of them is kept does not change
 *   the average; the code order only makes the "in best 5" flag deterministic.
 *   (Including every tied peer would instead change the average, and the
 *   benchmark would no longer be a five-organisation average.) With fewer than
 *   five peers, all of them are averaged (the caller warns).
 * - Quartile: the lower quartile (25th percentile) of the peers' values when
 *   lower is better, the upper quartile (75th) when higher is better, by linear
 *   interpolation between order statistics — Hyndman & Fan type 7, the method
 *   of Excel's QUARTILE.INC / PERCENTILE.INC, R's default and DuckDB's
 *   quantile_cont: h = (n − 1)·p, Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
 *   over the values sorted ascending (0-based).
 */

export interface OrgValue {
  org: string;
  value: number;
}

/** Linear-interpolation quantile (type 7, as Excel's PERCENTILE.INC). */
export function quantileInclusive(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/** Values ordered best first by `direction`, ties by organisation code. */
export function rankBest(values: readonly OrgValue[], direction: Direction): OrgValue[] {
  return [...values].sort((a, b) => (direction === 'lower' ? a.value - b.value : b.value - a.value) || compareCodes(a.org, b.org));
}

/** The best five (fewer if there are fewer) and their average. */
export function bestFive(values: readonly OrgValue[], direction: Direction): { members: string[]; average: number } {
  const best = rankBest(values, direction).slice(0, 5);
  return { members: best.map((v) => v.org), average: mean(best.map((v) => v.value)) };
}

export interface Benchmarks {
  /** Peers with a value. */
  count: number;
  peerAverage: number;
  best5: number;
  best5Members: string[];
  /** Lower quartile when lower is better, upper when higher is better. */
  quartile: number;
}

/** All three benchmarks; null when no peer has a value. */
export function computeBenchmarks(peerValues: readonly OrgValue[], direction: Direction): Benchmarks | null {
  if (peerValues.length === 0) return null;
  const values = peerValues.map((v) => v.value);
  const best = bestFive(peerValues, direction);
  return {
    count: values.length,
    peerAverage: mean(values),
    best5: best.average,
    best5Members: best.members,
    quartile: quantileInclusive(values, direction === 'lower' ? 0.25 : 0.75),
  };
}

export function benchmarkValue(b: Benchmarks, kind: BenchmarkKind): number {
  return kind === 'average' ? b.peerAverage : kind === 'best5' ? b.best5 : b.quartile;
}
