import { defineParams, type ParamsOf } from '../params/define';
import { param } from '../params/fields';

/**
 * Workforce parameters (all optional), declared once; the form shows those
 * with a label, in this order.
 */
export const workforceParams = defineParams('workforce', {
  /** Filter: organisation codes. */
  org: param.list({ label: 'Organisation', valuesOfRole: 'org', placeholder: 'all' }),
  /**
   * `period` (as in the data) or `year`: a financial year's stocks (WTE,
   * headcount, vacancies, establishment, staff 55+, population) are its last
   * period's, its flows (agency spend, pay bill) the year's sums.
   */
  grain: param.choice(
    [
      ['period', 'As in the data'],
      ['year', 'Financial years'],
    ],
    { label: 'Periods', default: 'period' },
  ),
  /** One figure for every period (else the mapped population column). */
  population: param.number({ label: 'Population or registered patients', placeholder: 'for WTE per 10,000', positive: true }),
  /** Periods, inclusive. */
  from: param.text({ label: 'From' }),
  to: param.text({ label: 'To' }),
  /** Filter: staff groups. */
  group: param.list({ example: 'group=Midwives,Nurses' }),
  filters: param.filters({ prefix: 'filter', example: 'filter.Staff Group=Midwives' }),
});

export type WorkforceParams = ParamsOf<typeof workforceParams>;
