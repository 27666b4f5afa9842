/**
 * The x positions of a funnel's limit curves, as PHEindicatormethods'
 * `calculate_funnel_limits` chooses them: 100 points from the axis minimum
 * (0, unless the largest denominator is under twice the smallest) to a
 * rounded-up maximum, each step a constant ratio rounded to a whole number and
 * at least one more than the last.
 */

/**
 * Characters R prints for a whole number (its `nchar`): R writes a number in
 * scientific form when that is shorter, so 100000 is "1e+05" (5 characters).
 * The package's axis rounding counts these characters, so we must too.
 */
export function rCharacters(n: number): number {
  const fixed = String(n).length;
  if (n === 0) return 1;
  const digits = String(Math.abs(n)).replace(/0+$/, '');
  const exponent = Math.floor(Math.log10(Math.abs(n)));
  const scientific = (n < 0 ? 1 : 0) + (digits.length > 1 ? digits.length + 1 : 1) + 2 + Math.max(2, String(exponent).length);
  return fixed > scientific ? scientific : fixed;
}

/** Rounded down to a neat value 5% below `x` (the package's `signif.floor`). */
export function signifFloor(x: number): number {
  if (x === 0) return 0;
  const n = rCharacters(Math.floor(x * 0.95)) - 1;
  return Math.floor((x * 0.95) / 10 ** n) * 10 ** n;
}

/** Rounded up to a neat value 5% above `x` (the package's `signif.ceiling`). */
export function signifCeiling(x: number): number {
  if (x === 0) return 0;
  const n = rCharacters(Math.ceil(x * 1.05)) - 2;
  return Math.ceil((x * 1.05) / 10 ** n) * 10 ** n;
}

/** R's `round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The 100 axis points from `minimum` (at least 1) towards `maximum`.
 * `ratioSteps` is the package's ratio variant, whose steps are one short of
 * reaching the maximum at the 100th point.
 */
export function axisPoints(minimum: number, maximum: number, ratioSteps = false): number[] {
  const points = [Math.max(1, minimum)];
  for (let j = 2; j <= 100; j++) {
    const previous = points[j - 2]!;
    const offset = ratioSteps ? j - 1 : j;
    points.push(Math.max(roundHalfEven((maximum / previous) ** (1 / (101 - offset)) * previous), previous + 1));
  }
  return points;
}

/** The axis range for denominators from `min` to `max`: 0 when they span more than a factor of two, else a neat value below `min`. */
export function axisRange(min: number, max: number): { minimum: number; maximum: number } {
  return { minimum: max > 2 * min ? 0 : signifFloor(min), maximum: signifCeiling(max) };
}
