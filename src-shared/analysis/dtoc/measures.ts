import { daysInMonthKey, monthsBetween } from '../view-kit/months';
import { pctChange, ratio } from '../view-kit/numbers';
import { reasonOrder } from './reasons';

/**
 * DTOC formulas, pure and exact:
 * - average beds occupied = bed days ÷ days in the month (over a period:
 *   bed days ÷ calendar days of the months in the period);
 * - cost = bed days × £ per bed day;
 * - rate per 100,000 aged 18+ = bed days ÷ population × 100,000, and the
 *   daily-beds rate NHS England published = average beds occupied ÷ population × 100,000;
 * - change against the same month last year = bed days − bed days 12 months before;
 * - target trajectory and progress, and the Pareto of reasons.
 */

export const PER_100K = 100_000;

export interface MonthInput {
  month: string;
  bedDays: number;
  agency: Record<string, number>;
  setting: Record<string, number>;
}

export interface MonthRow {
  month: string;
  daysInMonth: number;
  bedDays: number;
  averageBedsOccupied: number;
  cost: number;
  ratePer100k: number | null;
  bedsPer100k: number | null;
  lastYearBedDays: number | null;
  change: number | null;
  changePct: number | null;
  nhs: number | null;
  socialCare: number | null;
  both: number | null;
  acute: number | null;
  nonAcute: number | null;
  target: number | null;
}

export function averageBedsOccupied(bedDays: number, month: string): number {
  return bedDays / daysInMonthKey(month);
}

export function costOf(bedDays: number, costPerBedDay: number): number {
  return bedDays * costPerBedDay;
}

export function ratePer100k(bedDays: number, population: number | null): number | null {
  return ratio(bedDays * PER_100K, population);
}

/** Calendar days in a list of months. */
export function daysInMonths(months: string[]): number {
  return months.reduce((s, m) => s + daysInMonthKey(m), 0);
}

export interface TargetSpec {
  /** Change to reach as a fraction: -0.5 halves the baseline. */
  target: number;
  baselineMonth: string;
  targetMonth: string;
  path: 'linear' | 'step';
}

/**
 * The target line: nothing before the baseline; from the baseline month to the
 * target month either a straight line (`linear`) or the baseline level
 * (`step`); the target level from the target month on.
 */
export function trajectoryValue(spec: TargetSpec, baselineBedDays: number, month: string): number | null {
  const k = monthsBetween(spec.baselineMonth, month);
  if (k < 0) return null;
  const span = monthsBetween(spec.baselineMonth, spec.targetMonth);
  const targetBedDays = baselineBedDays * (1 + spec.target);
  if (k >= span) return targetBedDays;
  if (spec.path === 'step') return baselineBedDays;
  return baselineBedDays + ((targetBedDays - baselineBedDays) * k) / span;
}

export interface TargetProgress {
  target: number;
  path: 'linear' | 'step';
  baselineMonth: string;
  baselineBedDays: number;
  targetMonth: string;
  targetBedDays: number;
  /** The last month of data and where it stands. */
  latestMonth: string;
  latestBedDays: number;
  trajectoryBedDays: number | null;
  /** (latest − baseline) ÷ baseline. */
  changeSinceBaseline: number | null;
  /** Share of the required change achieved: (baseline − latest) ÷ (baseline − target); 1 = target reached. */
  progress: number | null;
  /** latest − trajectory (negative is ahead of a reduction trajectory). */
  gapToTrajectory: number | null;
  onTrajectory: boolean | null;
  /** Bed days in the target month and whether they met the target (null when the data stops earlier). */
  targetMonthBedDays: number | null;
  met: boolean | null;
}

function reached(value: number, goal: number, target: number): boolean {
  return target <= 0 ? value <= goal : value >= goal;
}

/** Progress against the target, from monthly bed days (`spine` = months present, ascending). */
export function targetProgress(spec: TargetSpec, bedDays: Map<string, number>, spine: string[]): TargetProgress {
  const baselineBedDays = bedDays.get(spec.baselineMonth);
  if (baselineBedDays === undefined || !spine.includes(spec.baselineMonth)) {
    throw new Error(`The baseline month ${spec.baselineMonth} is not in the data (${spine[0] ?? '?'} to ${spine[spine.length - 1] ?? '?'}).`);
  }
  const targetBedDays = baselineBedDays * (1 + spec.target);
  const latestMonth = spine[spine.length - 1]!;
  const latestBedDays = bedDays.get(latestMonth) ?? 0;
  const trajectoryBedDays = trajectoryValue(spec, baselineBedDays, latestMonth);
  const needed = baselineBedDays - targetBedDays;
  const inTarget = spine.includes(spec.targetMonth) ? (bedDays.get(spec.targetMonth) ?? 0) : null;
  return {
    target: spec.target,
    path: spec.path,
    baselineMonth: spec.baselineMonth,
    baselineBedDays,
    targetMonth: spec.targetMonth,
    targetBedDays,
    latestMonth,
    latestBedDays,
    trajectoryBedDays,
    changeSinceBaseline: pctChange(latestBedDays, baselineBedDays),
    progress: needed === 0 ? null : (baselineBedDays - latestBedDays) / needed,
    gapToTrajectory: trajectoryBedDays === null ? null : latestBedDays - trajectoryBedDays,
    onTrajectory: trajectoryBedDays === null ? null : reached(latestBedDays, trajectoryBedDays, spec.target),
    targetMonthBedDays: inTarget,
    met: inTarget === null ? null : reached(inTarget, targetBedDays, spec.target),
  };
}

/** One row per month of the spine (months with no rows after filtering have 0 bed days). */
export function monthRows(
  spine: string[],
  inputs: Map<string, MonthInput>,
  opts: { costPerBedDay: number; population18: number | null; hasAgency: boolean; hasSetting: boolean; target: TargetSpec | null },
): MonthRow[] {
  const present = new Set(spine);
  const days = (m: string): number => inputs.get(m)?.bedDays ?? 0;
  const baseline = opts.target ? days(opts.target.baselineMonth) : 0;
  return spine.map((month) => {
    const input = inputs.get(month);
    const bedDays = days(month);
    const avg = averageBedsOccupied(bedDays, month);
    const lastMonth = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
    const lastYearBedDays = present.has(lastMonth) ? days(lastMonth) : null;
    const agency = (name: string): number | null => (opts.hasAgency ? (input?.agency[name] ?? 0) : null);
    const setting = (name: string): number | null => (opts.hasSetting ? (input?.setting[name] ?? 0) : null);
    return {
      month,
      daysInMonth: daysInMonthKey(month),
      bedDays,
      averageBedsOccupied: avg,
      cost: costOf(bedDays, opts.costPerBedDay),
      ratePer100k: ratePer100k(bedDays, opts.population18),
      bedsPer100k: ratePer100k(avg, opts.population18),
      lastYearBedDays,
      change: lastYearBedDays === null ? null : bedDays - lastYearBedDays,
      changePct: pctChange(bedDays, lastYearBedDays),
      nhs: agency('NHS'),
      socialCare: agency('Social Care'),
      both: agency('Both'),
      acute: setting('Acute'),
      nonAcute: setting('Non-acute'),
      target: opts.target ? trajectoryValue(opts.target, baseline, month) : null,
    };
  });
}

export interface ParetoRow {
  rank: number;
  code: string;
  label: string;
  bedDays: number;
  share: number | null;
  cumulativeBedDays: number;
  cumulativeShare: number | null;
}

/** Reasons sorted by bed days, largest first (ties in A–I order), with cumulative totals and shares. */
export function pareto(items: { code: string; label: string; bedDays: number }[]): ParetoRow[] {
  const total = items.reduce((s, i) => s + i.bedDays, 0);
  const sorted = [...items].sort((a, b) => b.bedDays - a.bedDays || reasonOrder(a.code) - reasonOrder(b.code) || a.code.localeCompare(b.code));
  let running = 0;
  return sorted.map((item, i) => {
    running += item.bedDays;
    return {
      rank: i + 1,
      code: item.code,
      label: item.label,
      bedDays: item.bedDays,
      share: ratio(item.bedDays, total),
      cumulativeBedDays: running,
      cumulativeShare: ratio(running, total),
    };
  });
}

/** Measures for a part of the total over the period (an agency, a provider, …). */
export function periodMeasures(bedDays: number, total: number, periodDays: number, months: number, costPerBedDay: number, population18: number | null) {
  const avg = ratio(bedDays, periodDays);
  return {
    bedDays,
    share: ratio(bedDays, total),
    averagePerMonth: ratio(bedDays, months),
    averageBedsOccupied: avg,
    cost: costOf(bedDays, costPerBedDay),
    ratePer100k: ratePer100k(bedDays, population18),
    bedsPer100k: avg === null ? null : ratePer100k(avg, population18),
  };
}
