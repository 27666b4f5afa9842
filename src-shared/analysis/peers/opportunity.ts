import type { PopulationBasis } from './params';
import type { Direction, UnitInfo } from './units';

/**
 * Opportunity for one indicator (DOMAIN.md): the gap between the home value
 * and the benchmark in the worse direction, scaled to the home population.
 *
 *   gap = home − benchmark (lower is better) or benchmark − home (higher is better);
 *   a positive gap means the home organisation is worse than the benchmark;
 *   opportunity gap = max(0, gap) — being better than the benchmark is no opportunity.
 *
 * Scaling, with base = the home population the value is "per" (see
 * choosePopulation) and m = the unit's multiplier:
 * - rate per 1,000 / 100,000 / %: activity = gap × base / m (admissions,
 *   attendances, people…); £ = activity × unit cost when a unit cost is known,
 *   else no £ figure;
 * - money (£ per head, £ per 1,000): £ = gap × base / m; no activity figure;
 * - unknown unit: neither.
 * A zero (or negative) base gives zero opportunity, never a division or NaN;
 * an unknown base gives no figure.
 */
export function worseGap(home: number, benchmark: number, direction: Direction): number {
  return direction === 'lower' ? home - benchmark : benchmark - home;
}

export interface Opportunity {
  activity: number | null;
  value: number | null;
}

export const NO_OPPORTUNITY: Opportunity = { activity: null, value: null };

export function opportunityFor(gap: number, unit: UnitInfo, base: number | null, unitCost: number | null): Opportunity {
  if (unit.kind === 'unknown' || unit.multiplier === null || base === null || !Number.isFinite(gap)) return NO_OPPORTUNITY;
  const scaled = base > 0 ? (Math.max(0, gap) * base) / unit.multiplier : 0;
  if (unit.kind === 'money') return { activity: null, value: scaled };
  return { activity: scaled, value: unitCost === null ? null : scaled * unitCost };
}

/** A zero opportunity of the same shape (used when an insignificant gap is excluded). */
export function zeroed(o: Opportunity): Opportunity {
  return { activity: o.activity === null ? null : 0, value: o.value === null ? null : 0 };
}

export type PopulationUsed = 'denominator' | 'population' | 'weightedPopulation';

export interface PopulationSources {
  /** The home organisation's denominator for this indicator. */
  denominator: number | null;
  population: number | null;
  weightedPopulation: number | null;
}

/**
 * The population a gap is scaled by. `auto`: the home denominator for the
 * indicator when there is one (the value is exactly numerator/denominator × m,
 * so this gives the excess count itself — e.g. the eligible women for a
 * screening %, the weighted population for spend per weighted head); otherwise
 * the weighted population for units "per weighted …" and the population for
 * the rest, each falling back to the other when only one is known. The other
 * settings force one source.
 */
export function choosePopulation(basis: PopulationBasis, unit: UnitInfo, sources: PopulationSources): { base: number | null; used: PopulationUsed | null } {
  const pick = (used: PopulationUsed): { base: number | null; used: PopulationUsed | null } =>
    sources[used] === null ? { base: null, used: null } : { base: sources[used], used };
  if (basis !== 'auto') return pick(basis);
  if (sources.denominator !== null) return pick('denominator');
  const order: PopulationUsed[] = unit.weighted ? ['weightedPopulation', 'population'] : ['population', 'weightedPopulation'];
  for (const used of order) if (sources[used] !== null) return pick(used);
  return { base: null, used: null };
}

/** Totals across indicators, from full-precision values (round afterwards). */
export function totalOpportunity(items: readonly Opportunity[]): { activity: number; value: number } {
  let activity = 0;
  let value = 0;
  for (const o of items) {
    if (o.activity !== null) activity += o.activity;
    if (o.value !== null) value += o.value;
  }
  return { activity, value };
}
