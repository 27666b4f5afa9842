import { financialYearOfMonth, monthFromIndex } from '../view-kit/months';
import { ratio } from '../view-kit/numbers';

/**
 * Workforce formulas, pure:
 * - skill mix share = a group's WTE ÷ total WTE in the period
 * - WTE per 10,000 = WTE ÷ population (or registered patients) × 10,000
 * - vacancy rate = vacancies ÷ funded establishment
 * - agency share = agency spend ÷ total pay bill
 * - share over 55 = staff aged 55+ ÷ headcount
 * Each rate adds up numerator and denominator over the rows that give both
 * (a suppressed `*` count leaves its row out of that rate only).
 */

export const PER_10K = 10_000;

export interface Sums {
  wte: number | null;
  headcount: number | null;
  vacancies: number | null;
  establishment: number | null;
  agencySpend: number | null;
  payBill: number | null;
  over55: number | null;
  vacNum: number | null;
  vacDen: number | null;
  agNum: number | null;
  agDen: number | null;
  o55Num: number | null;
  o55Den: number | null;
  population: number | null;
}

export const SUM_KEYS: (keyof Sums)[] = [
  'wte',
  'headcount',
  'vacancies',
  'establishment',
  'agencySpend',
  'payBill',
  'over55',
  'vacNum',
  'vacDen',
  'agNum',
  'agDen',
  'o55Num',
  'o55Den',
  'population',
];
/** Flows add up over a year; everything else is a stock, read at the year's last period. */
const FLOW_KEYS = new Set<keyof Sums>(['agencySpend', 'payBill', 'agNum', 'agDen']);

export function emptySums(): Sums {
  return Object.fromEntries(SUM_KEYS.map((k) => [k, null])) as unknown as Sums;
}

function add(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

export function addSums(a: Sums, b: Sums): Sums {
  const out = emptySums();
  for (const k of SUM_KEYS) out[k] = add(a[k], b[k]);
  return out;
}

/**
 * Roll monthly sums up to financial years: stocks from the last month of the
 * year that has data anywhere (`yearEnd`), flows added over the year's months.
 */
export function rollUpToYears(monthly: Map<number, Sums>, yearEnd: Map<number, number>): Map<number, Sums> {
  const out = new Map<number, Sums>();
  for (const [fy, endMonth] of yearEnd) {
    const s = emptySums();
    const end = monthly.get(endMonth);
    for (const k of SUM_KEYS) if (!FLOW_KEYS.has(k)) s[k] = end?.[k] ?? null;
    let any = end !== undefined;
    for (const [m, v] of monthly) {
      if (financialYearOfMonth(monthFromIndex(m)) !== fy) continue;
      any = true;
      for (const k of FLOW_KEYS) s[k] = add(s[k], v[k]);
    }
    if (any) out.set(fy, s);
  }
  return out;
}

/** The last month with data in each financial year. */
export function yearEnds(months: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of months) {
    const fy = financialYearOfMonth(monthFromIndex(m));
    if ((out.get(fy) ?? -Infinity) < m) out.set(fy, m);
  }
  return out;
}

export interface Measures {
  wte: number | null;
  headcount: number | null;
  vacancies: number | null;
  establishment: number | null;
  vacancyRate: number | null;
  agencySpend: number | null;
  payBill: number | null;
  agencyShare: number | null;
  over55: number | null;
  over55Share: number | null;
  population: number | null;
  wtePer10k: number | null;
}

export function measures(s: Sums, population: number | null = s.population): Measures {
  const per = ratio(s.wte === null ? null : s.wte * PER_10K, population);
  return {
    wte: s.wte,
    headcount: s.headcount,
    vacancies: s.vacancies,
    establishment: s.establishment,
    vacancyRate: ratio(s.vacNum, s.vacDen),
    agencySpend: s.agencySpend,
    payBill: s.payBill,
    agencyShare: ratio(s.agNum, s.agDen),
    over55: s.over55,
    over55Share: ratio(s.o55Num, s.o55Den),
    population,
    wtePer10k: per,
  };
}

/** A group's share of the period's total WTE (skill mix). */
export function skillMixShare(groupWte: number | null, totalWte: number | null): number | null {
  return ratio(groupWte, totalWte);
}
