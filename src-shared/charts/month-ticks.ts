/**
 * Where a monthly category axis puts its labels: on financial-year
 * boundaries, not wherever ECharts' overlap-hiding happens to leave room
 * (which gives Apr 2014, Nov 2014, Jun 2015). Every month when they fit,
 * else each quarter of the financial year (Apr, Jul, Oct, Jan), each half
 * (Apr, Oct), each April, or every other April. Pure: the chosen indexes
 * travel in the option as `{ $indexes: [...] }` and become ECharts'
 * `interval` function when the option is hydrated.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Month number (1–12) and year of a label: `2016-04`, `2016-04-01`, `Apr 2016`, `April 2016`; null otherwise. */
export function monthOfLabel(label: string): { year: number; month: number } | null {
  const iso = /^(\d{4})-(\d{2})(?:-01)?$/.exec(label.trim());
  if (iso) {
    const month = Number(iso[2]);
    return month >= 1 && month <= 12 ? { year: Number(iso[1]), month } : null;
  }
  const named = /^([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(label.trim());
  if (named) {
    const month = MONTHS.indexOf(named[1]!.slice(0, 3).toLowerCase()) + 1;
    return month > 0 ? { year: Number(named[2]), month } : null;
  }
  return null;
}

/** Months between labels, financial-year aligned: which calendar months get a label at each step. */
const STEPS: { every: number; months: ReadonlySet<number> }[] = [
  { every: 1, months: new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) },
  { every: 3, months: new Set([4, 7, 10, 1]) },
  { every: 6, months: new Set([4, 10]) },
  { every: 12, months: new Set([4]) },
];

/**
 * Indexes of the labels to show for `labels` (consecutive months) on an axis
 * `width` pixels wide, or null when the labels are not all months (the axis
 * then keeps ECharts' own spacing).
 */
export function monthTickIndexes(labels: readonly string[], width: number, labelWidth = 64): number[] | null {
  if (labels.length < 2) return null;
  const months = labels.map(monthOfLabel);
  if (months.some((m) => m === null)) return null;
  const room = Math.max(1, Math.floor(width / labelWidth));
  for (const step of STEPS) {
    const indexes = months.flatMap((m, i) => (step.months.has(m!.month) ? [i] : []));
    if (indexes.length <= room && indexes.length > 0) return indexes;
  }
  // Longer still: every n-th April.
  const aprils = months.flatMap((m, i) => (m!.month === 4 ? [i] : []));
  if (aprils.length === 0) return [0];
  const every = Math.ceil(aprils.length / room);
  return aprils.filter((_, k) => k % every === 0);
}

/** An `interval` that shows only those indexes (a marker `hydrateChartOption` turns into a function). */
export function indexInterval(indexes: readonly number[]): { $indexes: number[] } {
  return { $indexes: [...indexes] };
}
