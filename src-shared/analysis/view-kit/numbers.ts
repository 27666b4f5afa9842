import { roundHalfAway } from '../../format/rounding';

/** Small numeric helpers for the views' pure formulas. */

/** a ÷ b, or null when either is missing or b is 0. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a / b;
}

/** (now − before) ÷ before, or null. */
export function pctChange(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return ratio(now - before, before);
}

/** A fraction as a whole percentage, as plans print it (half away from zero, src-shared/format/rounding.ts): 0.1456 → 15. */
export function wholePercent(fraction: number | null): number | null {
  return fraction === null ? null : roundHalfAway(fraction * 100, 0);
}

export function sum(values: (number | null | undefined)[]): number {
  let s = 0;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) s += v;
  return s;
}

/** A number read from a query row (numbers, numeric strings); null otherwise. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function str(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
