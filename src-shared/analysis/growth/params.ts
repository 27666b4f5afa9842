import type { JsonValue } from '../../format/plain-json';
import { financialYearLabel, parseFinancialYear } from '../financial-year';
import { parseMonthKey } from '../view-kit/months';
import { columnFilters, enumParam, listParam, numberParam, prefixedNumbers, textParam, type RawParams } from '../view-kit/params';

/**
 * Growth parameters (all optional):
 * - `grain` `year` (financial years, default) or `month`
 * - `baseYear` the index base period (default the first); `from` / `to` the
 *   periods the change over n years and CAGR compare (default first and last)
 * - `forecastTo` a financial year to forecast to, from `baseline` (default the
 *   last year of data before `forecastTo`), with yearly rates per group:
 *   `growth.AE`, `demographic.AE`, `nonDemographic.AE` (a bare `growth=…` is
 *   the default for every group; all default to 0; `5%` or 0.05)
 * - `population` a number for every period, or `population.2016/17=…` per period
 * - `ratePer` (default 1,000); `ytdMonth` the month year-to-date runs to
 *   (default the last month); filters `area=11X,11J` and `filter.<column>=a,b`
 */
export interface GrowthParams {
  grain: 'year' | 'month';
  baseYear: string | null;
  from: string | null;
  to: string | null;
  forecastTo: string | null;
  baseline: string | null;
  growth: Record<string, number>;
  demographic: Record<string, number>;
  nonDemographic: Record<string, number>;
  population: Record<string, number>;
  ratePer: number;
  ytdMonth: string | null;
  area: string[];
  filters: Record<string, string[]>;
}

const KNOWN = ['grain', 'baseYear', 'from', 'to', 'forecastTo', 'baseline', 'growth', 'demographic', 'nonDemographic', 'population', 'ratePer', 'ytdMonth', 'area', 'filters'];

/** A period label written as the user wrote it, normalised: `2016/17`, `2016`, `2016-04`. */
export function normalisePeriodLabel(text: string, grain: 'year' | 'month', key: string): string {
  if (grain === 'month') {
    const m = parseMonthKey(text);
    if (!m) throw new Error(`Parameter "${key}" must be a month such as 2016-04 with grain=month; got "${text}".`);
    return m;
  }
  const fy = parseFinancialYear(text);
  if (fy !== null) return financialYearLabel(fy);
  if (/^\d{4}$/.test(text.trim())) return text.trim();
  throw new Error(`Parameter "${key}" must be a financial year such as 2016/17; got "${text}".`);
}

export function parseGrowthParams(raw: RawParams): GrowthParams {
  for (const key of Object.keys(raw)) {
    const base = key.split('.')[0]!;
    if (!KNOWN.includes(base) && base !== 'filter') throw new Error(`Unknown parameter "${key}" for the growth view; expected ${KNOWN.filter((k) => k !== 'filters').join(', ')} or filter.<column>.`);
  }
  const grain = enumParam(raw, 'grain', ['year', 'month'] as const, 'year');
  const period = (key: string): string | null => {
    const t = textParam(raw, key);
    return t === null ? null : normalisePeriodLabel(t, grain, key);
  };
  const forecastText = textParam(raw, 'forecastTo');
  const forecastTo = forecastText === null ? null : normalisePeriodLabel(forecastText, 'year', 'forecastTo');
  const baselineText = textParam(raw, 'baseline');
  const baseline = baselineText === null ? null : normalisePeriodLabel(baselineText, 'year', 'baseline');
  const population: Record<string, number> = {};
  for (const [k, v] of Object.entries(prefixedNumbers(raw, 'population'))) {
    if (!(v > 0)) throw new Error(`Parameter "population${k === '*' ? '' : `.${k}`}" must be greater than 0.`);
    population[k === '*' ? '*' : normalisePeriodLabel(k, grain, `population.${k}`)] = v;
  }
  return {
    grain,
    baseYear: period('baseYear'),
    from: period('from'),
    to: period('to'),
    forecastTo,
    baseline,
    growth: prefixedNumbers(raw, 'growth', { percent: true }),
    demographic: prefixedNumbers(raw, 'demographic', { percent: true }),
    nonDemographic: prefixedNumbers(raw, 'nonDemographic', { percent: true }),
    population,
    ratePer: numberParam(raw, 'ratePer', 1000, { min: 1 }),
    ytdMonth: (() => {
      const t = textParam(raw, 'ytdMonth');
      return t === null ? null : normalisePeriodLabel(t, 'month', 'ytdMonth');
    })(),
    area: listParam(raw, 'area'),
    filters: columnFilters(raw),
  };
}

export function growthParamsJson(p: GrowthParams): Record<string, JsonValue> {
  return { ...p, growth: { ...p.growth }, demographic: { ...p.demographic }, nonDemographic: { ...p.nonDemographic }, population: { ...p.population }, area: [...p.area], filters: { ...p.filters } };
}

