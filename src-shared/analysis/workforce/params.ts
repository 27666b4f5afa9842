import type { JsonValue } from '../../format/plain-json';
import { columnFilters, enumParam, listParam, optionalNumberParam, textParam, type RawParams } from '../view-kit/params';

/**
 * Workforce parameters (all optional):
 * - `grain` `period` (as in the data, default) or `year`: a financial year's
 *   stocks (WTE, headcount, vacancies, establishment, staff 55+, population)
 *   are its last period's, its flows (agency spend, pay bill) the year's sums
 * - `population` one figure for every period (else the mapped population column)
 * - filters `org=RBA,RA4`, `group=Midwives,…` (staff groups), `from` / `to`
 *   (periods, inclusive), `filter.<column>=a,b`
 */
export interface WorkforceParams {
  grain: 'period' | 'year';
  population: number | null;
  org: string[];
  group: string[];
  from: string | null;
  to: string | null;
  filters: Record<string, string[]>;
}

const KNOWN = ['grain', 'population', 'org', 'group', 'from', 'to', 'filters'];

export function parseWorkforceParams(raw: RawParams): WorkforceParams {
  for (const key of Object.keys(raw)) if (!KNOWN.includes(key) && !key.startsWith('filter.')) throw new Error(`Unknown parameter "${key}" for the workforce view; expected ${KNOWN.filter((k) => k !== 'filters').join(', ')} or filter.<column>.`);
  return {
    grain: enumParam(raw, 'grain', ['period', 'year'] as const, 'period'),
    population: optionalNumberParam(raw, 'population', { positive: true }),
    org: listParam(raw, 'org'),
    group: listParam(raw, 'group'),
    from: textParam(raw, 'from'),
    to: textParam(raw, 'to'),
    filters: columnFilters(raw),
  };
}

export function workforceParamsJson(p: WorkforceParams): Record<string, JsonValue> {
  return { ...p, org: [...p.org], group: [...p.group], filters: { ...p.filters } };
}
