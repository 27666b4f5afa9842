import { financialYearLabel, parseFinancialYear } from '../financial-year';
import { defineParams, paramError, type ParamsOf } from '../params/define';
import { param } from '../params/fields';
import { parseMonthKey } from '../view-kit/months';

/** A period label written as the user wrote it, normalised: `2016/17`, `2016`, `2016-04`. */
export function normalisePeriodLabel(text: string, grain: 'year' | 'month', key: string): string {
  if (grain === 'month') {
    const m = parseMonthKey(text);
    if (!m) throw paramError(key, `must be a month such as 2016-04 with grain=month; got "${text}".`);
    return m;
  }
  const fy = parseFinancialYear(text);
  if (fy !== null) return financialYearLabel(fy);
  if (/^\d{4}$/.test(text.trim())) return text.trim();
  throw paramError(key, `must be a financial year such as 2016/17; got "${text}".`);
}

/**
 * Growth parameters (all optional), declared once; the form shows those with
 * a label, in this order. Yearly rates are given per group (`growth.AE=0.017`,
 * `demographic.NEL=1.5%`) or for every group (`growth=0.01`); all default to 0.
 * The periods `baseYear`, `from`, `to` and population keys are read with the
 * grain: financial years, or months with grain=month.
 */
export const growthParams = defineParams(
  'growth',
  {
    /** Filter: commissioner codes. */
    area: param.list({ label: 'Area (commissioner)', valuesOfRole: 'area', placeholder: 'all' }),
    grain: param.choice(
      [
        ['year', 'Financial year'],
        ['month', 'Month'],
      ],
      { label: 'Growth by', default: 'year' },
    ),
    /** The index base period (default the first). */
    baseYear: param.text({ label: 'Index base year', placeholder: 'first year' }),
    /** A financial year to forecast to. */
    forecastTo: param.financialYear({ label: 'Forecast to', placeholder: 'e.g. 2020/21' }),
    /** The year the forecast starts from (default the last year of data before `forecastTo`). */
    baseline: param.financialYear({ label: 'Forecast baseline year', placeholder: 'last year of data' }),
    demographic: param.numbers({
      label: 'Demographic growth a year (all groups)',
      placeholder: 'e.g. 0.017',
      bare: true,
      percent: true,
      entryName: 'group',
      example: 'demographic.NEL=0.015',
    }),
    nonDemographic: param.numbers({
      label: 'Non-demographic growth a year (all groups)',
      placeholder: '0',
      bare: true,
      percent: true,
      entryName: 'group',
      example: 'nonDemographic.NEL=0.01',
    }),
    /** A number for every period, or `population.2016/17=…` per period (for rates per 1,000). */
    population: param.numbers({
      label: 'Population',
      placeholder: 'for rates per 1,000',
      bare: true,
      positive: true,
      entryName: 'period',
      example: 'population.2016/17=560000',
    }),
    /** Total growth a year, instead of demographic + non-demographic. */
    growth: param.numbers({ bare: true, percent: true, entryName: 'group', example: 'growth.AE=0.017' }),
    /** The periods the change over n years and CAGR compare (default the first and last). */
    from: param.text({ label: 'Compare from', placeholder: 'first year' }),
    to: param.text({ label: 'Compare to', placeholder: 'last year' }),
    ratePer: param.number({ default: 1000, min: 1, example: 'ratePer=100000' }),
    /** The month year-to-date runs to (default the last month). */
    ytdMonth: param.month({ example: 'ytdMonth=2017-09' }),
    filters: param.filters({ prefix: 'filter', example: 'filter.provider_code=RBA,RA4' }),
  },
  (p) => {
    const period = (key: 'baseYear' | 'from' | 'to'): string | null => (p[key] === null ? null : normalisePeriodLabel(p[key], p.grain, key));
    const population = Object.fromEntries(
      Object.entries(p.population).map(([k, v]) => [k === '*' ? '*' : normalisePeriodLabel(k, p.grain, `population.${k}`), v]),
    );
    return { ...p, baseYear: period('baseYear'), from: period('from'), to: period('to'), population };
  },
);

export type GrowthParams = ParamsOf<typeof growthParams>;
