import type { RoleDefinition } from '../view-types';

/**
 * Activity growth roles: a grouping (point of delivery or anything else), a
 * period (a date or month → months and financial years; a financial-year
 * label → years) and a value. Optional: a label for the group, an area column
 * (to filter to one commissioner: area=11X) and a population.
 */
export const GROWTH_ROLES: RoleDefinition[] = [
  {
    role: 'group',
    label: 'Point of delivery / group',
    description: 'What to compare: point of delivery or any other grouping (all rows form one group when unmapped)',
    required: false,
    kinds: ['string'],
    hints: ['pod', 'point of delivery', 'group', 'category'],
  },
  {
    role: 'groupLabel',
    label: 'Group label',
    description: 'A readable name for the group code (e.g. pod_description)',
    required: false,
    kinds: ['string'],
    hints: ['pod description', 'point of delivery description', 'group label', 'group name'],
  },
  {
    role: 'period',
    label: 'Period',
    description: 'A date or month (monthly or yearly growth), or a financial year label such as 2016/17 (yearly growth)',
    required: true,
    kinds: ['date', 'string', 'number'],
    hints: ['month', 'date', 'period', 'financial year', 'year'],
  },
  {
    role: 'value',
    label: 'Activity',
    description: 'The count or amount to add up (attendances, admissions, contacts, £)',
    required: true,
    kinds: ['number'],
    hints: ['value', 'activity', 'count', 'attendances', 'admissions', 'contacts', 'spells', 'total'],
  },
  {
    role: 'area',
    label: 'Area',
    description: "Commissioner or area code, to filter (area=11X) and to count each area's population once",
    required: false,
    kinds: ['string'],
    hints: ['commissioner code', 'ccg code', 'area code'],
  },
  {
    role: 'population',
    label: 'Population',
    description: 'Population for rates per 1,000: a column of the data, or of a population table',
    required: false,
    kinds: ['number'],
    hints: ['population', 'registered population', 'list size'],
  },
  {
    role: 'populationPeriod',
    label: 'Population: period',
    description: 'In a population table: the year or period of each population figure',
    required: false,
    kinds: ['date', 'string', 'number'],
    hints: ['population year', 'population period'],
  },
  {
    role: 'populationArea',
    label: 'Population: area',
    description: 'In a population table: the area code, matched against area=…',
    required: false,
    kinds: ['string'],
    hints: ['org code', 'population area'],
  },
];
