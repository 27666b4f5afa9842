/**
 * Explicit output rounding for the peers view. Everything is computed at full
 * double precision; values are rounded only when they leave the view (JSON,
 * tables, charts), and totals are summed from the unrounded values and then
 * rounded (DOMAIN.md: "totals are computed then rounded"), so a total can
 * differ by a penny from the sum of its rounded rows.
 *
 * Rule: round half away from zero at `dp` decimal places, after removing
 * binary floating-point noise by first reducing the value to 15 significant
 * digits (so 11.985 × 130,001 = 1,558,061.985 rounds to 1,558,061.99 even if
 * the double is 1,558,061.98499999…).
 */
export function roundHalfAway(value: number, dp: number): number {
  if (!Number.isFinite(value)) return value;
  const clean = Number(value.toPrecision(15));
  const factor = 10 ** dp;
  const shifted = Number((Math.abs(clean) * factor).toPrecision(15));
  const rounded = (Math.sign(clean) * Math.round(shifted)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** Money: pounds to the penny (2 dp). */
export const MONEY_DP = 2;
/** Activity (admissions, attendances, people): 2 dp. */
export const ACTIVITY_DP = 2;
/** Rates, benchmarks, gaps and distances: 4 dp. */
export const RATE_DP = 4;

export function roundMoney(value: number | null): number | null {
  return value === null ? null : roundHalfAway(value, MONEY_DP);
}

export function roundActivity(value: number | null): number | null {
  return value === null ? null : roundHalfAway(value, ACTIVITY_DP);
}

export function roundRate(value: number | null): number | null {
  return value === null ? null : roundHalfAway(value, RATE_DP);
}
