import type { NumberFormat } from '../../format/number-format';

/**
 * What an indicator's value measures, read from its unit text (e.g. the
 * Fingertips/RightCare `Unit` column: `per 1,000 population`, `%`,
 * `£ per head`), or failing that from the indicator's name.
 *
 * - `rate`: events per `multiplier` people (per 1,000 → 1000, per 100,000 → 100000).
 * - `percent`: a proportion × 100 (numerator/denominator × 100).
 * - `money`: £ per `multiplier` people (per head → 1, per 1,000 → 1000).
 * - `unknown`: the scale is not known, so no activity or £ can be derived.
 *
 * The value is always numerator / denominator × multiplier.
 */
export type UnitKind = 'rate' | 'percent' | 'money' | 'unknown';

export interface UnitInfo {
  kind: UnitKind;
  multiplier: number | null;
  /** Per weighted (need-adjusted) population, e.g. "£ per weighted head". */
  weighted: boolean;
  /** The text the unit was read from, for display. */
  label: string;
}

export const UNKNOWN_UNIT: UnitInfo = { kind: 'unknown', multiplier: null, weighted: false, label: '' };

/**
 * Read a unit from free text; null when the text says nothing about the scale
 * (so the caller can try the next source). Thousands separators are ignored.
 */
export function parseUnit(text: string | null | undefined): UnitInfo | null {
  if (text === null || text === undefined) return null;
  const label = text.trim();
  if (label === '') return null;
  const t = label.toLowerCase().replace(/(\d)[, ](?=\d{3}\b)/g, '$1');
  const money = /£|\bgbp\b|\bpounds?\b|\bspend\b|\bcost\b|\bexpenditure\b/.test(t);
  const weighted = /\bweighted\b/.test(t);
  let multiplier: number | null = null;
  let percent = false;
  if (/\b100000\b|\b100k\b|hundred thousand/.test(t)) multiplier = 100_000;
  else if (/\b10000\b|ten thousand/.test(t)) multiplier = 10_000;
  else if (/\b1000\b|\bthousand\b/.test(t)) multiplier = 1_000;
  else if (/%|\bper ?cent\b|\bpercentage\b|\bproportion\b/.test(t) && !money) {
    multiplier = 100;
    percent = true;
  } else if (/\bper (weighted )?(head|capita|person|patient|resident)\b/.test(t)) multiplier = 1;
  if (money) return { kind: 'money', multiplier: multiplier ?? 1, weighted, label };
  if (multiplier === null) return null;
  return { kind: percent ? 'percent' : 'rate', multiplier, weighted, label };
}

export type Direction = 'lower' | 'higher';

/** `lower`, `Lower is better`, `low`, `down` → lower; `higher`, `High is good`, `up` → higher; else null. */
export function parseDirection(text: string | null | undefined): Direction | null {
  if (text === null || text === undefined) return null;
  const t = text.trim().toLowerCase();
  const low = /\blow(er)?\b|\bdown\b|\bdecreas|\bless\b|\bsmaller\b|\bminimi/.test(t);
  const high = /\bhigh(er)?\b|\bup\b|\bincreas|\bmore\b|\bgreater\b|\bbigger\b|\bmaximi/.test(t);
  if (low && !high) return 'lower';
  if (high && !low) return 'higher';
  return null;
}

/** The number format for an indicator's values on axes and in tables. */
export function unitFormat(unit: UnitInfo): { format: NumberFormat; decimals: number } {
  if (unit.kind === 'money') return { format: 'gbp', decimals: unit.multiplier === 1 ? 2 : 0 };
  if (unit.kind === 'rate' && unit.multiplier === 1_000) return { format: 'per_1000', decimals: 1 };
  if (unit.kind === 'rate' && unit.multiplier === 100_000) return { format: 'per_100000', decimals: 1 };
  // Percent values are already × 100, so the fraction-based `percent` format does not apply.
  return { format: 'number', decimals: 1 };
}
