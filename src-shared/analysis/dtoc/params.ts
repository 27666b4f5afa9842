import { defineParams, paramError, type ParamsOf } from '../params/define';
import { param } from '../params/fields';
import { addMonths, monthsBetween } from '../view-kit/months';

export const DEFAULT_COST_PER_BED_DAY = 150;
export const DEFAULT_TARGET_MONTHS = 12;

/**
 * DTOC parameters (all optional), declared once; the form shows those with a
 * label, in this order. A `target` needs its `baseline` month; `targetMonth`
 * defaults to 12 months after the baseline.
 */
export const dtocParams = defineParams(
  'DTOC',
  {
    /** £ per bed day (Somerset's figure; national estimates imply ~300). */
    costPerBedDay: param.number({ label: 'Cost per bed day (£)', default: DEFAULT_COST_PER_BED_DAY, min: 0 }),
    /** Change to reach as a fraction (`-0.5` or `-50%` = halve). */
    target: param.number({ label: 'Reduction target', placeholder: 'e.g. -0.5 for −50%', percent: true, min: -1 }),
    /** The month the reduction is measured from (required with a target). */
    baseline: param.month({ label: 'Target baseline month', placeholder: 'e.g. 2016-06' }),
    targetMonth: param.month({ label: 'Target month', placeholder: '12 months after the baseline' }),
    /** `linear` from baseline to target, or `step`: the baseline level until the target month. */
    targetPath: param.choice(
      [
        ['linear', 'Straight line to the target'],
        ['step', 'Step at the target month'],
      ],
      { label: 'Target line', default: 'linear' },
    ),
    setting: param.choice(
      [
        ['all', 'Acute and non-acute'],
        ['acute', 'Acute only'],
        ['non-acute', 'Non-acute only'],
      ],
      { label: 'Setting', default: 'all' },
    ),
    /** Filters: codes or names, comma-separated. */
    provider: param.list({ label: 'Provider', valuesOfRole: 'provider', placeholder: 'all' }),
    localAuthority: param.list({ label: 'Local authority', valuesOfRole: 'localAuthority', placeholder: 'all' }),
    /** Residents aged 18+ for rates per 100,000 (else a mapped population table). */
    population18: param.number({ label: 'Population aged 18+', placeholder: 'for rates per 100,000', positive: true }),
    /** Months, inclusive. */
    from: param.month({ label: 'From month', placeholder: 'YYYY-MM' }),
    to: param.month({ label: 'To month', placeholder: 'YYYY-MM' }),
    /** Reason codes or extract values. */
    reason: param.list({ example: 'reason=A,B' }),
    /** NHS, Social Care, Both. */
    agency: param.list({ example: 'agency=NHS' }),
  },
  (p) => {
    if (p.target !== null && p.baseline === null)
      throw paramError('target', 'needs "baseline", the month the reduction is measured from (e.g. baseline=2016-06).');
    const targetMonth = p.baseline !== null && p.targetMonth === null ? addMonths(p.baseline, DEFAULT_TARGET_MONTHS) : p.targetMonth;
    if (p.baseline !== null && targetMonth !== null && monthsBetween(p.baseline, targetMonth) <= 0)
      throw paramError('targetMonth', `(${targetMonth}) must come after "baseline" (${p.baseline}).`);
    if (p.from && p.to && monthsBetween(p.from, p.to) < 0) throw paramError('from', `(${p.from}) must not come after "to" (${p.to}).`);
    return { ...p, targetMonth };
  },
);

export type DtocParams = ParamsOf<typeof dtocParams>;
