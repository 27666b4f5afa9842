import type { JsonValue } from '../../format/plain-json';
import { addMonths, monthsBetween } from '../view-kit/months';
import { enumParam, listParam, monthParam, numberParam, optionalNumberParam, type RawParams } from '../view-kit/params';

/**
 * DTOC parameters (all optional):
 * - `costPerBedDay` £ per bed day (default 150, Somerset's figure; national estimates imply ~300)
 * - `population18` residents aged 18+ for rates per 100,000 (else a mapped population table)
 * - `target` change to reach as a fraction (`-0.5` or `-50%` = halve), with
 *   `baseline` (month, required with a target), `targetMonth` (default 12 months
 *   after the baseline) and `targetPath` (`linear` from baseline to target, or
 *   `step`: baseline level until the target month)
 * - filters: `provider`, `localAuthority` (codes or names, comma-separated),
 *   `setting` (`all`, `acute`, `non-acute`), `reason` (codes or extract values),
 *   `agency` (NHS, Social Care, Both), `from` / `to` (months, inclusive)
 */
export interface DtocParams {
  costPerBedDay: number;
  population18: number | null;
  target: number | null;
  baseline: string | null;
  targetMonth: string | null;
  targetPath: 'linear' | 'step';
  provider: string[];
  localAuthority: string[];
  setting: 'all' | 'acute' | 'non-acute';
  reason: string[];
  agency: string[];
  from: string | null;
  to: string | null;
}

export const DEFAULT_COST_PER_BED_DAY = 150;
export const DEFAULT_TARGET_MONTHS = 12;

export function parseDtocParams(raw: RawParams): DtocParams {
  const known = new Set(['costPerBedDay', 'population18', 'target', 'baseline', 'targetMonth', 'targetPath', 'provider', 'localAuthority', 'setting', 'reason', 'agency', 'from', 'to']);
  for (const key of Object.keys(raw)) if (!known.has(key)) throw new Error(`Unknown parameter "${key}" for the DTOC view; expected one of ${[...known].join(', ')}.`);
  const target = optionalNumberParam(raw, 'target', { percent: true, min: -1 });
  const baseline = monthParam(raw, 'baseline');
  let targetMonth = monthParam(raw, 'targetMonth');
  if (target !== null && baseline === null) throw new Error('Parameter "target" needs "baseline", the month the reduction is measured from (e.g. baseline=2016-06).');
  if (baseline !== null && targetMonth === null) targetMonth = addMonths(baseline, DEFAULT_TARGET_MONTHS);
  if (baseline !== null && targetMonth !== null && monthsBetween(baseline, targetMonth) <= 0) throw new Error(`Parameter "targetMonth" (${targetMonth}) must come after "baseline" (${baseline}).`);
  const from = monthParam(raw, 'from');
  const to = monthParam(raw, 'to');
  if (from && to && monthsBetween(from, to) < 0) throw new Error(`Parameter "from" (${from}) must not come after "to" (${to}).`);
  return {
    costPerBedDay: numberParam(raw, 'costPerBedDay', DEFAULT_COST_PER_BED_DAY, { min: 0 }),
    population18: optionalNumberParam(raw, 'population18', { positive: true }),
    target,
    baseline,
    targetMonth,
    targetPath: enumParam(raw, 'targetPath', ['linear', 'step'] as const, 'linear'),
    provider: listParam(raw, 'provider'),
    localAuthority: listParam(raw, 'localAuthority'),
    setting: enumParam(raw, 'setting', ['all', 'acute', 'non-acute'] as const, 'all'),
    reason: listParam(raw, 'reason'),
    agency: listParam(raw, 'agency'),
    from,
    to,
  };
}

/** The parsed parameters as plain JSON (what `parseParams` returns; parsing it again gives the same). */
export function dtocParamsJson(p: DtocParams): Record<string, JsonValue> {
  return { ...p, provider: [...p.provider], localAuthority: [...p.localAuthority], reason: [...p.reason], agency: [...p.agency] };
}
