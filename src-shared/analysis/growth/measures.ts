import { financialYearLabel, parseFinancialYear } from '../financial-year';
import { financialMonthOf, financialYearOfMonth, monthFromIndex, monthIndex, parseMonthKey } from '../view-kit/months';
import { pctChange, wholePercent } from '../view-kit/numbers';
import { annualFactor, cagr, forecastPath, indexValue, ratePer, ratesFor, type GrowthRates } from './formulas';
import type { PeriodMode } from './sql';

/**
 * Growth series, built from values by group and period. Periods are numeric
 * keys at the chosen grain: a month index (year × 12 + month − 1) for months,
 * the financial year's start year (or the plain year number) for years.
 */

export type Grain = 'year' | 'month';

export interface Periods {
  grain: Grain;
  mode: PeriodMode;
}

export function periodLabel(p: Periods, key: number): string {
  if (p.grain === 'month') return monthFromIndex(key);
  return p.mode === 'number' ? String(key) : financialYearLabel(key);
}

/** The key of a period label (`2016/17`, `2016`, `2016-04`); null if it is not one. */
export function periodKey(p: Periods, label: string): number | null {
  if (p.grain === 'month') {
    const m = parseMonthKey(label);
    return m ? monthIndex(m) : null;
  }
  const fy = parseFinancialYear(label);
  if (fy !== null) return fy;
  return /^\d{4}$/.test(label.trim()) ? Number(label) : null;
}

export interface RawValue {
  group: string;
  label: string | null;
  /** Month `YYYY-MM` (mode month) or year number as text. */
  period: string;
  value: number;
}

export interface Series {
  group: string;
  label: string;
  values: Map<number, number>;
  /** Months of data behind each yearly value (month data rolled up to years). */
  months: Map<number, number>;
  /** Monthly values, when the data has months (for year-to-date). */
  monthly: Map<number, number> | null;
}

/** Group the raw values into series at the chosen grain. */
export function buildSeries(p: Periods, raw: RawValue[]): { series: Series[]; spine: number[]; monthsInYear: Map<number, number> } {
  const byGroup = new Map<string, Series>();
  const spine = new Set<number>();
  const yearMonths = new Map<number, Set<number>>();
  for (const r of raw) {
    let s = byGroup.get(r.group);
    if (!s)
      byGroup.set(
        r.group,
        (s = { group: r.group, label: r.label ?? r.group, values: new Map(), months: new Map(), monthly: p.mode === 'month' ? new Map() : null }),
      );
    if (r.label && s.label === s.group) s.label = r.label;
    let key: number;
    if (p.mode === 'month') {
      const mi = monthIndex(r.period);
      s.monthly!.set(mi, (s.monthly!.get(mi) ?? 0) + r.value);
      if (p.grain === 'month') key = mi;
      else {
        key = financialYearOfMonth(r.period);
        s.months.set(key, (s.months.get(key) ?? 0) + 1);
        let set = yearMonths.get(key);
        if (!set) yearMonths.set(key, (set = new Set()));
        set.add(mi);
      }
    } else key = Number(r.period);
    s.values.set(key, (s.values.get(key) ?? 0) + r.value);
    spine.add(key);
  }
  const monthsInYear = new Map([...yearMonths].map(([k, v]) => [k, v.size]));
  return { series: [...byGroup.values()], spine: [...spine].sort((a, b) => a - b), monthsInYear };
}

export interface SeriesRow {
  group: string;
  label: string;
  period: string;
  value: number;
  previous: number | null;
  change: number | null;
  changePct: number | null;
  index: number | null;
  population: number | null;
  rate: number | null;
  months?: number;
  complete?: boolean;
  ytdValue?: number | null;
  ytdPrevious?: number | null;
  ytdChangePct?: number | null;
}

/** Year-to-date value at a month: April of its financial year to the month; null when a month is missing. */
export function yearToDate(monthly: Map<number, number>, month: number): number | null {
  const fm = financialMonthOf(monthFromIndex(month));
  let total = 0;
  for (let m = month - fm + 1; m <= month; m++) {
    const v = monthly.get(m);
    if (v === undefined) return null;
    total += v;
  }
  return total;
}

export function seriesRows(
  p: Periods,
  s: Series,
  spine: number[],
  base: number,
  population: (key: number) => number | null,
  ratePerN: number,
  monthsInYear: Map<number, number>,
): SeriesRow[] {
  const lag = p.grain === 'month' ? 12 : 1;
  const baseValue = s.values.get(base) ?? null;
  return spine
    .filter((k) => s.values.has(k))
    .map((k) => {
      const value = s.values.get(k)!;
      const previous = s.values.get(k - lag) ?? null;
      const pop = population(k);
      const row: SeriesRow = {
        group: s.group,
        label: s.label,
        period: periodLabel(p, k),
        value,
        previous,
        change: previous === null ? null : value - previous,
        changePct: pctChange(value, previous),
        index: indexValue(value, baseValue),
        population: pop,
        rate: ratePer(value, pop, ratePerN),
      };
      if (p.grain === 'year' && p.mode === 'month') {
        row.months = s.months.get(k) ?? 0;
        row.complete = (monthsInYear.get(k) ?? 0) === 12;
      }
      if (p.grain === 'month' && s.monthly) {
        const ytd = yearToDate(s.monthly, k);
        const before = yearToDate(s.monthly, k - 12);
        row.ytdValue = ytd;
        row.ytdPrevious = before;
        row.ytdChangePct = pctChange(ytd, before);
      }
      return row;
    });
}

export interface ChangeRow {
  group: string;
  label: string;
  from: string;
  to: string;
  years: number;
  startValue: number | null;
  endValue: number | null;
  change: number | null;
  changePct: number | null;
  /** The % change rounded to a whole number, as plans print it (15 for 0.1456). */
  changePctRounded: number | null;
  cagr: number | null;
}

/** Change between two periods and the compound annual growth rate. */
export function changeRow(p: Periods, s: Series, from: number, to: number): ChangeRow {
  const years = p.grain === 'month' ? (to - from) / 12 : to - from;
  const startValue = s.values.get(from) ?? null;
  const endValue = s.values.get(to) ?? null;
  const changePct = pctChange(endValue, startValue);
  return {
    group: s.group,
    label: s.label,
    from: periodLabel(p, from),
    to: periodLabel(p, to),
    years,
    startValue,
    endValue,
    change: startValue === null || endValue === null ? null : endValue - startValue,
    changePct,
    changePctRounded: wholePercent(changePct),
    cagr: cagr(startValue, endValue, years),
  };
}

export interface YtdRow {
  group: string;
  label: string;
  year: string;
  throughMonth: string;
  months: number;
  value: number | null;
  previousValue: number | null;
  change: number | null;
  changePct: number | null;
}

export function ytdRow(s: Series, month: number): YtdRow | null {
  if (!s.monthly) return null;
  const value = yearToDate(s.monthly, month);
  const previousValue = yearToDate(s.monthly, month - 12);
  const mk = monthFromIndex(month);
  return {
    group: s.group,
    label: s.label,
    year: financialYearLabel(financialYearOfMonth(mk)),
    throughMonth: mk,
    months: financialMonthOf(mk),
    value,
    previousValue,
    change: value === null || previousValue === null ? null : value - previousValue,
    changePct: pctChange(value, previousValue),
  };
}

export interface ForecastRow extends GrowthRates {
  group: string;
  label: string;
  baselinePeriod: string;
  forecastPeriod: string;
  years: number;
  baseline: number;
  forecast: number;
  annualFactor: number;
  change: number;
  changePct: number | null;
  changePctRounded: number | null;
  /** The actual value in the forecast year, when the data has it. */
  actual: number | null;
  path: { period: string; value: number }[];
}

export function forecastRow(p: Periods, s: Series, baselineKey: number, toKey: number, params: Parameters<typeof ratesFor>[1]): ForecastRow | null {
  const baseline = s.values.get(baselineKey);
  if (baseline === undefined) return null;
  const rates = ratesFor(s.group, params);
  const years = toKey - baselineKey;
  const values = forecastPath(baseline, rates, years);
  const forecast = values[values.length - 1]!;
  const changePct = pctChange(forecast, baseline);
  return {
    group: s.group,
    label: s.label,
    baselinePeriod: periodLabel(p, baselineKey),
    forecastPeriod: periodLabel(p, toKey),
    years,
    baseline,
    forecast,
    ...rates,
    annualFactor: annualFactor(rates),
    change: forecast - baseline,
    changePct,
    changePctRounded: wholePercent(changePct),
    actual: s.values.get(toKey) ?? null,
    path: values.map((value, k) => ({ period: periodLabel(p, baselineKey + k), value })),
  };
}
