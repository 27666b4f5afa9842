/**
 * NHS financial years run April–March: FY 2016/17 starts 1 April 2016. Month 1
 * is April; quarter 1 is April–June.
 */

/** Starting calendar year of the financial year containing `date` (UTC). */
export function financialYearOf(date: Date): number {
  const y = date.getUTCFullYear();
  return date.getUTCMonth() >= 3 ? y : y - 1;
}

/** `2016/17` for a start year of 2016. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** Start year from `2016/17`, `2016-17`, `16/17`, `2016/2017`, `FY2016/17`; null if not a financial year. */
export function parseFinancialYear(label: string): number | null {
  const text = label.trim().replace(/^FY\s*/i, '');
  let m = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    return second === first + 1 || second === (first + 1) % 100 ? first : null;
  }
  m = /^(\d{2})\s*[/-]\s*(\d{2})$/.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[2]);
    return second === (first + 1) % 100 ? (first < 70 ? 2000 : 1900) + first : null;
  }
  return null;
}

/** 1 for April … 12 for March. */
export function financialMonthNumber(date: Date): number {
  return ((date.getUTCMonth() + 9) % 12) + 1;
}

/** Financial quarter 1–4 (Q1 = April–June). */
export function financialQuarter(date: Date): number {
  return Math.floor((financialMonthNumber(date) - 1) / 3) + 1;
}

/** `YYYY-MM` for a date (UTC). */
export function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Days in the calendar month of `date`. */
export function daysInMonth(date: Date): number {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** SQL: the financial year label (`2016/17`) of a DATE expression. */
export function financialYearLabelSql(dateSql: string): string {
  const start = `(CASE WHEN month(${dateSql}) >= 4 THEN year(${dateSql}) ELSE year(${dateSql}) - 1 END)`;
  return `(CAST(${start} AS VARCHAR) || '/' || lpad(CAST((${start} + 1) % 100 AS VARCHAR), 2, '0'))`;
}

/** SQL: the financial quarter label (`2016/17 Q1`) of a DATE expression. */
export function financialQuarterLabelSql(dateSql: string): string {
  return `(${financialYearLabelSql(dateSql)} || ' Q' || CAST(((month(${dateSql}) + 8) % 12) // 3 + 1 AS VARCHAR))`;
}
