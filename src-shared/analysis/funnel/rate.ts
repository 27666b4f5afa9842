import { axisPoints, axisRange } from './axis';
import type { FunnelSignificance } from './proportion';
import { poissonFunnel, ratioBounds, ratioLimitsAt } from './ratio';

/**
 * Funnel plots for rates — crude rates and directly standardised rates
 * (DSRs) — following PHEindicatormethods' `calculate_funnel_limits`,
 * `assign_funnel_significance` and `calculate_funnel_points` conventions:
 * - each unit's denominator is derived from its events and rate
 *   (multiplier × events ÷ rate), or, for a crude rate, taken as given;
 *   a DSR with no events has none;
 * - the baseline is all events over all derived denominators;
 * - limits are exact Poisson limits on the events expected at the baseline;
 * - a unit is compared with the baseline by its rate's confidence interval
 *   (exact below 10 events, Byars' approximation from 10);
 * - DSRs from fewer than 10 events are not assessed and not plotted.
 */

export type RateType = 'crude' | 'dsr';

export const DSR_TOO_FEW = 'Not applicable for events less than 10 for dsrs';
export type RateSignificance = FunnelSignificance | typeof DSR_TOO_FEW;

export interface RateUnit {
  events: number;
  /** The unit's rate per `multiplier` (a DSR, or a crude rate). */
  rate: number | null;
  /** Population (person-years) when known; a crude rate with 0 events needs it. */
  denominator?: number | null;
}

export interface RateSettings {
  multiplier: number;
  rateType: RateType;
}

/** The population behind a unit's rate: multiplier × events ÷ rate, or as given for a crude rate; null for a DSR with no events. */
export function derivedDenominator(unit: RateUnit, settings: RateSettings, preferGiven: boolean): number | null {
  const given = unit.denominator ?? null;
  if (settings.rateType === 'crude' && given !== null && (preferGiven || unit.events === 0)) return given;
  if (unit.events === 0 || unit.rate === null || unit.rate === 0) return settings.rateType === 'crude' ? given : null;
  return (settings.multiplier * unit.events) / unit.rate;
}

function baselineOf(units: readonly RateUnit[], denominators: readonly (number | null)[]): number {
  let events = 0;
  let population = 0;
  units.forEach((u, i) => {
    events += u.events;
    population += denominators[i] ?? 0;
  });
  if (!(population > 0)) throw new Error('A rate funnel needs at least one unit with a population (events and a rate, or a denominator).');
  return events / population;
}

/** The baseline rate (per 1, not per multiplier) of units as the limits see it. */
export function rateBaseline(units: readonly RateUnit[], settings: RateSettings): number {
  return baselineOf(
    units,
    units.map((u) => derivedDenominator(u, settings, true)),
  );
}

/** Each unit's significance against the baseline, as `assign_funnel_significance` gives it for rates. */
export function rateSignificances(units: readonly RateUnit[], settings: RateSettings): RateSignificance[] {
  for (const u of units) {
    if (u.events < 0) throw new Error(`Events must be 0 or more; got ${u.events}`);
    if (u.denominator !== undefined && u.denominator !== null && !(u.denominator > 0)) throw new Error(`Denominators must be above 0; got ${u.denominator}`);
  }
  const denominators = units.map((u) => derivedDenominator(u, settings, false));
  const average = baselineOf(units, denominators);
  return units.map((u, i) => {
    if (settings.rateType === 'dsr' && u.events < 10) return DSR_TOO_FEW;
    const d = denominators[i];
    if (d === null || d === undefined) return 'Not significant';
    const [low998, high998] = ratioBounds(u.events, d, 0.998);
    const [low95, high95] = ratioBounds(u.events, d, 0.95);
    if (average < low998) return 'High (0.001)';
    if (average < low95) return 'High (0.025)';
    if (average > high998) return 'Low (0.001)';
    if (average > high95) return 'Low (0.025)';
    return 'Not significant';
  });
}

/** A row of the package's rate-funnel table: limits at a whole number of events, with the yearly population at which each applies. */
export interface RateFunnelRow {
  events: number;
  lower95Population: number;
  lower95: number;
  upper95Population: number;
  upper95: number;
  lower998Population: number;
  lower998: number;
  upper998Population: number;
  upper998: number;
  baseline: number;
}

/** The package's `calculate_funnel_limits` table for rates: 100 rows stepping through events. */
export function rateFunnelTable(units: readonly RateUnit[], settings: RateSettings & { yearsOfData: number }): RateFunnelRow[] {
  const { multiplier, yearsOfData } = settings;
  const denominators = units.map((u) => derivedDenominator(u, settings, true)).filter((d): d is number => d !== null);
  const average = rateBaseline(units, settings);
  const min = Math.min(...denominators);
  const max = Math.max(...denominators);
  const range = axisRange(min / yearsOfData, max / yearsOfData);
  const minimum = max > 2 * min ? 0 : range.minimum * yearsOfData;
  const maximum = range.maximum * yearsOfData;
  return axisPoints(Math.floor(minimum * average), Math.ceil(maximum * average)).map((events) => {
    const population = (p: number, side: 'low' | 'high') => poissonFunnel(events, p, side) / average;
    const lower95 = population(0.025, 'high');
    const upper95 = population(0.025, 'low');
    const lower998 = population(0.001, 'high');
    const upper998 = population(0.001, 'low');
    return {
      events,
      lower95Population: lower95 / yearsOfData,
      lower95: (events / lower95) * multiplier,
      upper95Population: upper95 / yearsOfData,
      upper95: (events / upper95) * multiplier,
      lower998Population: lower998 / yearsOfData,
      lower998: (events / lower998) * multiplier,
      upper998Population: upper998 / yearsOfData,
      upper998: (events / upper998) * multiplier,
      baseline: average * multiplier,
    };
  });
}

/** The rate limits (per multiplier) at a population `denominator`, for a baseline rate `average` (per 1). */
export function rateLimitsAt(
  denominator: number,
  average: number,
  multiplier: number,
): { lower95: number; upper95: number; lower998: number; upper998: number } {
  const ratio = ratioLimitsAt(denominator * average);
  const scale = average * multiplier;
  return { lower95: ratio.lower95 * scale, upper95: ratio.upper95 * scale, lower998: ratio.lower998 * scale, upper998: ratio.upper998 * scale };
}
