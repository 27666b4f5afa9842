/**
 * The one rounding rule of the workbench: half away from zero, on the decimal
 * value a number stands for, not on its binary approximation.
 *
 * A double holds 15 significant decimal digits faithfully (DBL_DIG); digits
 * beyond the 15th are representation noise. So a value is first read at 15
 * significant digits, and that decimal is rounded digit by digit (no
 * multiplying by 10^dp, which adds noise of its own):
 *
 * - 1.005 (stored as 1.00499999999999989…) → 1.01 at 2 dp;
 * - 0.145 × 100 (computed as 14.499999999999998) → 15;
 * - 11.985 × 130,001 (computed as 1,558,061.9849999999) → 1,558,061.99;
 * - −2.5 → −3; −0.001 at 2 dp → 0 (never −0);
 * - 1234.4999999995 → 1234: it is written with 14 significant digits, all of
 *   them meant, and it is below the half. (A rule that adds a small epsilon
 *   before rounding would give 1235.)
 */

/** Significant decimal digits a double represents faithfully. */
const DIGITS = 15;

/** Round half away from zero to `dp` decimal places (0–20), as described above. */
export function roundHalfAway(value: number, dp = 0): number {
  if (!Number.isInteger(dp) || dp < 0 || dp > 20) throw new RangeError(`Decimal places must be a whole number from 0 to 20; got ${dp}.`);
  if (!Number.isFinite(value) || value === 0) return value === 0 ? 0 : value;
  const [mantissa, exponent] = Math.abs(value)
    .toExponential(DIGITS - 1)
    .split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  // Digits to keep: those before the decimal point plus `dp` after it.
  const keep = Number(exponent) + 1 + dp;
  let magnitude: number;
  if (keep >= DIGITS) magnitude = Number(`${mantissa}e${exponent}`);
  else if (keep < 0) magnitude = 0;
  else {
    const kept = Number(digits.slice(0, keep) || '0') + (digits.charCodeAt(keep) >= 53 /* '5' */ ? 1 : 0);
    magnitude = Number(`${kept}e-${dp}`);
  }
  const rounded = value < 0 ? -magnitude : magnitude;
  return rounded === 0 ? 0 : rounded;
}

/** Money: pounds to the penny. */
export const MONEY_DP = 2;
/** Activity (admissions, attendances, people): 2 dp. */
export const ACTIVITY_DP = 2;
/** Rates, benchmarks, gaps and distances: 4 dp. */
export const RATE_DP = 4;

/** Pounds to the penny; null stays null. */
export function roundMoney(value: number | null): number | null {
  return value === null ? null : roundHalfAway(value, MONEY_DP);
}

/** Activity to 2 dp; null stays null. */
export function roundActivity(value: number | null): number | null {
  return value === null ? null : roundHalfAway(value, ACTIVITY_DP);
}

/** Rates, gaps and distances to 4 dp; null stays null. */
export function roundRate(value: number | null): number | null {
  return value === null ? null : roundHalfAway(value, RATE_DP);
}
