/**
 * Months and NHS financial years. Everything is computed from integers; no
 * Date objects are read from the clock and no locale is consulted.
 */

export interface Month {
  /** Calendar year, e.g. 2016. */
  year: number;
  /** Calendar month 1–12. */
  month: number;
  /** Months since April 2014 (0 = April 2014). */
  index: number;
  /** Financial year start, e.g. 2016 for 2016/17 (January–March belong to the previous start year). */
  fyStart: number;
  /** Position in the financial year: 1 = April … 12 = March. */
  fyMonth: number;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const BASE_YEAR = 2014;
const BASE_MONTH = 4;

export function monthFromIndex(index: number): Month {
  const zeroBased = BASE_MONTH - 1 + index;
  const year = BASE_YEAR + Math.floor(zeroBased / 12);
  const month = (zeroBased % 12) + 1;
  const fyStart = month >= 4 ? year : year - 1;
  const fyMonth = month >= 4 ? month - 3 : month + 9;
  return { year, month, index, fyStart, fyMonth };
}

export function monthIndexOf(year: number, month: number): number {
  return (year - BASE_YEAR) * 12 + (month - BASE_MONTH);
}

/** Inclusive range of months, e.g. monthRange(2014, 4, 2021, 3). */
export function monthRange(fromYear: number, fromMonth: number, toYear: number, toMonth: number): Month[] {
  const first = monthIndexOf(fromYear, fromMonth);
  const last = monthIndexOf(toYear, toMonth);
  const months: Month[] = [];
  for (let i = first; i <= last; i++) months.push(monthFromIndex(i));
  return months;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `2016-04-01` */
export function isoMonthStart(m: Month): string {
  return `${m.year}-${pad2(m.month)}-01`;
}

/** `2016-04` */
export function isoYearMonth(m: Month): string {
  return `${m.year}-${pad2(m.month)}`;
}

/** `2016/17` */
export function fyLabelSlash(fyStart: number): string {
  return `${fyStart}/${pad2((fyStart + 1) % 100)}`;
}

/** `2016-17` */
export function fyLabelDash(fyStart: number): string {
  return `${fyStart}-${pad2((fyStart + 1) % 100)}`;
}

/** `Apr-16` */
export function monthAbbrevYear(m: Month): string {
  return `${MONTH_ABBREVIATIONS[m.month - 1] ?? ''}-${pad2(m.year % 100)}`;
}

/** `October` */
export function monthName(m: Month): string {
  return MONTH_NAMES[m.month - 1] ?? '';
}

/** `OCTOBER` */
export function monthNameUpper(m: Month): string {
  return monthName(m).toUpperCase();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(m: Month): number {
  if (m.month === 2) return isLeapYear(m.year) ? 29 : 28;
  return m.month === 4 || m.month === 6 || m.month === 9 || m.month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of the first day of the month (Parquet DATE). */
export function epochDayOfMonthStart(m: Month): number {
  // Days from civil algorithm (proleptic Gregorian), integer arithmetic only.
  const y = m.month <= 2 ? m.year - 1 : m.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
