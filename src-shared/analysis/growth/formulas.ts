/**
 * Growth formulas, pure:
 * - year-on-year % = (this − previous) ÷ previous
 * - CAGR = (end ÷ start)^(1 ÷ years) − 1
 * - index = value × 100 ÷ base value
 * - rate per 1,000 = value ÷ population × 1,000
 * - forecast after n years = baseline × (1 + growth)^n × (1 + demographic)^n × (1 + non-demographic)^n
 */

export function cagr(start: number | null, end: number | null, years: number): number | null {
  if (start === null || end === null || !(start > 0) || end < 0 || !(years > 0)) return null;
  return (end / start) ** (1 / years) - 1;
}

export function indexValue(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  // × 100 before ÷ keeps exact results exact (1,100 of 1,000 is 110, not 110.00000000000001).
  return (value * 100) / base;
}

export function ratePer(value: number | null, population: number | null, per = 1000): number | null {
  if (value === null || population === null || !(population > 0)) return null;
  return (value * per) / population;
}

export interface GrowthRates {
  /** A single combined yearly rate, for when the split is not known. */
  growth: number;
  demographic: number;
  nonDemographic: number;
}

/** The yearly growth factor: (1 + growth) × (1 + demographic) × (1 + non-demographic). */
export function annualFactor(r: GrowthRates): number {
  return (1 + r.growth) * (1 + r.demographic) * (1 + r.nonDemographic);
}

/** baseline × (1 + growth)^n × (1 + demographic)^n × (1 + non-demographic)^n, compounded yearly. */
export function forecastValue(baseline: number, r: GrowthRates, years: number): number {
  return baseline * (1 + r.growth) ** years * (1 + r.demographic) ** years * (1 + r.nonDemographic) ** years;
}

/** Values for years 0 … n (year 0 is the baseline itself). */
export function forecastPath(baseline: number, r: GrowthRates, years: number): number[] {
  return Array.from({ length: years + 1 }, (_, k) => (k === 0 ? baseline : forecastValue(baseline, r, k)));
}

/** The rates for a group: its own (`growth.AE`), else the default for all (`growth`), else 0. Names match case-insensitively. */
export function ratesFor(
  group: string,
  params: { growth: Record<string, number>; demographic: Record<string, number>; nonDemographic: Record<string, number> },
): GrowthRates {
  const pick = (m: Record<string, number>): number => {
    const g = group.trim().toLowerCase();
    const own = Object.entries(m).find(([k]) => k.trim().toLowerCase() === g);
    return own ? own[1] : (m['*'] ?? 0);
  };
  return { growth: pick(params.growth), demographic: pick(params.demographic), nonDemographic: pick(params.nonDemographic) };
}
