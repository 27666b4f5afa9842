import type { FieldMapping, RoleDefinition, TableInfo } from '../view-types';
import { columnOf } from '../view-kit/sources';

/**
 * Workforce roles. Two layouts:
 * - long (NHS Digital trust workforce): one row per staff group with WTE,
 *   headcount, vacancies, establishment, agency spend, pay bill, staff 55+;
 * - wide (GP practice workforce): one WTE/FTE column per staff group. Each is
 *   mapped under a role named `wte.<staff group>` (`--map "wte.GP=GP FTE"`),
 *   and the view unpivots them. Mapping any `wte.*` role selects this layout.
 */
export const WORKFORCE_ROLES: RoleDefinition[] = [
  {
    role: 'period',
    label: 'Period',
    description: 'Month, quarter-end date or financial year',
    required: true,
    kinds: ['date', 'string', 'number'],
    hints: ['month', 'quarter end date', 'date', 'period', 'financial year'],
  },
  {
    role: 'group',
    label: 'Staff group',
    description: 'Staff group (long layout)',
    required: false,
    kinds: ['string'],
    hints: ['staff group', 'job role', 'staff role'],
  },
  {
    role: 'wte',
    label: 'WTE',
    description: 'Staff in post, whole-time equivalent (long layout)',
    required: false,
    kinds: ['number'],
    hints: ['staff in post wte', 'wte', 'fte'],
  },
  {
    role: 'headcount',
    label: 'Headcount',
    description: 'Staff in post, headcount (denominator of the share over 55)',
    required: false,
    kinds: ['number'],
    hints: ['staff in post headcount', 'headcount'],
  },
  {
    role: 'vacancies',
    label: 'Vacancies (WTE)',
    description: 'Vacancies, WTE',
    required: false,
    kinds: ['number'],
    hints: ['vacancies wte', 'vacancy wte', 'vacancies'],
  },
  {
    role: 'establishment',
    label: 'Funded establishment (WTE)',
    description: 'Funded establishment, WTE (else staff in post + vacancies)',
    required: false,
    kinds: ['number'],
    hints: ['funded establishment wte', 'funded establishment', 'establishment'],
  },
  {
    role: 'agencySpend',
    label: 'Agency spend',
    description: 'Agency spend, £',
    required: false,
    kinds: ['number'],
    hints: ['agency spend', 'agency cost', 'agency'],
  },
  {
    role: 'payBill',
    label: 'Total pay bill',
    description: 'Total pay bill including agency, £',
    required: false,
    kinds: ['number'],
    hints: ['total pay bill', 'pay bill', 'pay costs', 'staff costs'],
  },
  {
    role: 'over55',
    label: 'Staff aged 55+',
    description: 'Headcount aged 55 and over',
    required: false,
    kinds: ['number'],
    hints: ['staff aged 55 headcount', 'aged 55', 'over 55'],
  },
  {
    role: 'org',
    label: 'Organisation code',
    description: 'Trust or practice code (filter: org=RBA)',
    required: false,
    kinds: ['string'],
    hints: ['organisation code', 'org code', 'practice code', 'provider code'],
  },
  {
    role: 'orgName',
    label: 'Organisation name',
    description: 'Trust or practice name',
    required: false,
    kinds: ['string'],
    hints: ['organisation name', 'org name', 'practice name', 'provider name'],
  },
  {
    role: 'population',
    label: 'Population / registered patients',
    description: 'Registered patients or population of each organisation (for WTE per 10,000)',
    required: false,
    kinds: ['number'],
    hints: ['registered patients', 'list size', 'population'],
  },
];

/** The staff groups of a wide layout: `wte.<group>` roles → column. */
export function wideColumns(mapping: FieldMapping): { group: string; column: string }[] {
  return Object.entries(mapping)
    .filter(([role, column]) => role.startsWith('wte.') && role.length > 4 && column)
    .map(([role, column]) => ({ group: role.slice(4).trim(), column }));
}

/** What a mapping lacks beyond the period: the WTE, in one column or one per staff group. */
export function workforceMappingGaps(mapping: FieldMapping): string[] {
  return wideColumns(mapping).length || mapping.wte
    ? []
    : ['Map the WTE: "wte" (with "group" for staff groups), or one column per staff group as wte.<group> (e.g. --map "wte.GPs=GP FTE").'];
}

const GP_GROUPS: [string, string][] = [
  ['GPs', 'GP FTE'],
  ['Nurses', 'Nurse FTE'],
  ['Direct patient care', 'Direct Patient Care FTE'],
  ['Admin/non-clinical', 'Admin/Non-Clinical FTE'],
];

/**
 * NHS Digital's practice-level GP workforce layout (Practice Code, Registered
 * Patients, GP FTE, Nurse FTE, Direct Patient Care FTE, Admin/Non-Clinical FTE),
 * recognised by its columns: the FTE columns become staff groups (Total FTE is
 * left out: the view adds the groups up itself).
 */
export function recogniseWorkforce(tables: TableInfo[]): FieldMapping | null {
  const t = tables.find((x) => columnOf(x, 'GP FTE') && columnOf(x, 'Nurse FTE') && columnOf(x, 'Registered Patients'));
  if (!t) return null;
  const mapping: FieldMapping = { population: 'Registered Patients' };
  for (const [group, column] of GP_GROUPS) if (columnOf(t, column)) mapping[`wte.${group}`] = column;
  const period = ['Quarter End Date', 'Month', 'Date'].find((c) => columnOf(t, c));
  if (period) mapping.period = period;
  if (columnOf(t, 'Practice Code')) mapping.org = 'Practice Code';
  if (columnOf(t, 'Practice Name')) mapping.orgName = 'Practice Name';
  return mapping;
}
