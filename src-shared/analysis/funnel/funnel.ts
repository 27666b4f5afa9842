import { axisPoints, axisRange } from './axis';
import { overallProportion, proportionLimits, proportionSignificance } from './proportion';
import { derivedDenominator, rateBaseline, rateLimitsAt, rateSignificances, type RateSignificance, type RateType, DSR_TOO_FEW } from './rate';
import { ratioLimitsAt, ratioSignificance } from './ratio';

/**
 * A funnel plot of units (organisations, practices) of different sizes:
 * each unit's value against its denominator, with the 95% and 99.8% limits
 * around the baseline and each unit's significance — for proportions,
 * ratios of observed to expected, and crude or directly standardised rates
 * (proportion.ts, ratio.ts and rate.ts hold the methods). Pure: the view and
 * the chart builder both call it.
 */

export const FUNNEL_STATISTICS = ['proportion', 'ratio', 'rate'] as const;
export type FunnelStatistic = (typeof FUNNEL_STATISTICS)[number];
/** How a ratio is shown: `ratio` O/E (baseline 1), `count` O/E − 1 (baseline 0), `isr` O/E × 100 (baseline 100). */
export const RATIO_TYPES = ['ratio', 'count', 'isr'] as const;
export type FunnelRatioType = (typeof RATIO_TYPES)[number];

export interface FunnelSettings {
  statistic: FunnelStatistic;
  /** Proportions and rates are shown per `multiplier` (100 = percentage; 100,000 for rates per 100,000). */
  multiplier: number;
  ratioType: FunnelRatioType;
  rateType: RateType;
}

export const DEFAULT_MULTIPLIER: Record<FunnelStatistic, number> = { proportion: 100, ratio: 1, rate: 100_000 };

export interface FunnelUnit {
  unit: string | null;
  /** Events, or observed events for a ratio. */
  numerator: number;
  /** Population, or expected events for a ratio; a DSR may leave it out. */
  denominator: number | null;
  /** A DSR (or crude rate) per `multiplier`, for rates. */
  rate?: number | null;
}

export interface FunnelPoint {
  unit: string | null;
  numerator: number;
  /** Where the unit sits on the x axis: its (derived) denominator. */
  denominator: number | null;
  value: number | null;
  significance: RateSignificance;
}

export interface FunnelLimitRow {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export interface FunnelResult {
  settings: FunnelSettings;
  baseline: number;
  points: FunnelPoint[];
  limits: FunnelLimitRow[];
}

function ratioScale(type: FunnelRatioType): (ratio: number) => number {
  if (type === 'count') return (r) => r - 1;
  if (type === 'isr') return (r) => r * 100;
  return (r) => r;
}

/** The axis of denominators the limit curves are drawn over (the package's rule), ending at the largest unit's. */
function limitAxis(denominators: readonly number[]): number[] {
  const present = denominators.filter((d) => d > 0);
  if (present.length === 0) return [];
  const { minimum, maximum } = axisRange(Math.min(...present), Math.max(...present));
  return [...new Set(axisPoints(minimum, Math.max(maximum, 2)))];
}

function requireDenominators(units: readonly FunnelUnit[], what: string): number[] {
  return units.map((u) => {
    if (u.denominator === null || !(u.denominator > 0))
      throw new Error(`${u.unit ?? 'A unit'} has ${u.denominator === null ? 'no' : `a ${u.denominator}`} ${what}: a funnel needs one above 0 for every unit.`);
    return u.denominator;
  });
}

export function computeFunnel(units: readonly FunnelUnit[], settings: FunnelSettings): FunnelResult {
  if (units.length === 0) throw new Error('A funnel plot needs at least one unit with a numerator and a denominator.');
  for (const u of units) if (!(u.numerator >= 0)) throw new Error(`${u.unit ?? 'A unit'} has a numerator of ${u.numerator}: numerators must be 0 or more.`);
  const { multiplier } = settings;
  switch (settings.statistic) {
    case 'proportion': {
      const denominators = requireDenominators(units, 'denominator');
      const average = overallProportion(units.map((u, i) => ({ numerator: u.numerator, denominator: denominators[i]! })));
      return {
        settings,
        baseline: average * multiplier,
        points: units.map((u, i) => ({
          unit: u.unit,
          numerator: u.numerator,
          denominator: denominators[i]!,
          value: (u.numerator / denominators[i]!) * multiplier,
          significance: proportionSignificance(u.numerator, denominators[i]!, average),
        })),
        limits: limitAxis(denominators).map((d) => proportionLimits(average, d, multiplier)),
      };
    }
    case 'ratio': {
      const expected = requireDenominators(units, 'expected count');
      const scale = ratioScale(settings.ratioType);
      return {
        settings,
        baseline: scale(1),
        points: units.map((u, i) => ({
          unit: u.unit,
          numerator: u.numerator,
          denominator: expected[i]!,
          value: scale(u.numerator / expected[i]!),
          significance: ratioSignificance(u.numerator, expected[i]!),
        })),
        limits: limitAxis(expected).map((e) => {
          const l = ratioLimitsAt(e);
          return { denominator: e, lower95: scale(l.lower95), upper95: scale(l.upper95), lower998: scale(l.lower998), upper998: scale(l.upper998) };
        }),
      };
    }
    case 'rate': {
      const rateSettings = { multiplier, rateType: settings.rateType };
      const rateUnits = units.map((u) => ({
        events: u.numerator,
        rate: u.rate ?? (u.denominator !== null && u.denominator > 0 ? (u.numerator / u.denominator) * multiplier : null),
        denominator: u.denominator,
      }));
      for (const [i, u] of rateUnits.entries())
        if (u.rate === null && u.denominator === null) throw new Error(`${units[i]!.unit ?? 'A unit'} has neither a rate nor a denominator.`);
      const average = rateBaseline(rateUnits, rateSettings);
      const significance = rateSignificances(rateUnits, rateSettings);
      const points = rateUnits.map((u, i) => {
        const plotted = significance[i] !== DSR_TOO_FEW;
        return {
          unit: units[i]!.unit,
          numerator: u.events,
          denominator: plotted ? derivedDenominator(u, rateSettings, true) : null,
          value: plotted ? u.rate : null,
          significance: significance[i]!,
        };
      });
      const denominators = points.map((p) => p.denominator).filter((d): d is number => d !== null);
      return {
        settings,
        baseline: average * multiplier,
        points,
        limits: limitAxis(denominators).map((d) => ({ denominator: d, ...rateLimitsAt(d, average, multiplier) })),
      };
    }
  }
}

/** What the value axis shows, in words. */
export function funnelValueLabel(settings: FunnelSettings): string {
  switch (settings.statistic) {
    case 'proportion':
      return settings.multiplier === 100 ? 'Percentage' : `Proportion per ${settings.multiplier.toLocaleString('en-GB')}`;
    case 'ratio':
      return settings.ratioType === 'isr' ? 'Ratio × 100' : settings.ratioType === 'count' ? 'Ratio − 1' : 'Ratio (observed ÷ expected)';
    case 'rate':
      return `${settings.rateType === 'dsr' ? 'Directly standardised rate' : 'Rate'} per ${settings.multiplier.toLocaleString('en-GB')}`;
  }
}
