/**
 * Calendar months as `YYYY-MM` keys: parsing, arithmetic and lengths, without
 * Date objects (no time zones to go wrong).
 */

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function key(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** `YYYY-MM` from `2016-06`, `2016-06-01`, `2016/06`, `06/2016`, `Jun-16`, `June 2016`; null otherwise. */
export function parseMonthKey(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2})?$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? key(Number(m[1]), month) : null;
  }
  m = /^(\d{1,2})[-/](\d{4})$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? key(Number(m[2]), month) : null;
  }
  m = /^([A-Za-z]{3,9})[-\s]+(\d{2}|\d{4})$/.exec(t);
  if (m) {
    const name = m[1]!.toLowerCase();
    const index = MONTH_NAMES.indexOf(name.slice(0, 3));
    if (index < 0) return null;
    const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][index]!;
    if (name.length > 3 && !(full.startsWith(name) || (index === 8 && name === 'sept'))) return null;
    const y = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    return key(y, index + 1);
  }
  return null;
}

/** Year and month (1–12) of a `YYYY-MM` key. */
export function splitMonthKey(monthKey: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(monthKey);
  if (!m) throw new Error(`Not a month key: ${monthKey}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** Months since year 0: a number that differences and orders like the months. */
export function monthIndex(monthKey: string): number {
  const { year, month } = splitMonthKey(monthKey);
  return year * 12 + (month - 1);
}

export function monthFromIndex(index: number): string {
  return key(Math.floor(index / 12), (index % 12) + 1);
}

export function addMonths(monthKey: string, n: number): string {
  return monthFromIndex(monthIndex(monthKey) + n);
}

/** Whole months from `a` to `b` (negative when b is earlier). */
export function monthsBetween(a: string, b: string): number {
  return monthIndex(b) - monthIndex(a);
}

export function daysInMonthKey(monthKey: string): number {
  const { year, month } = splitMonthKey(monthKey);
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Start year of the financial year (April–March) containing the month. */
export function financialYearOfMonth(monthKey: string): number {
  const { year, month } = splitMonthKey(monthKey);
  return month >= 4 ? year : year - 1;
}

/** 1 for April … 12 for March. */
export function financialMonthOf(monthKey: string): number {
  return ((splitMonthKey(monthKey).month + 8) % 12) + 1;
}
