import type { FieldMapping, RoleDefinition, TableInfo } from '../view-types';
import { columnOf } from '../view-kit/sources';

/**
 * DTOC roles. Bed days come either as one column with an agency column beside
 * it (long layout: `bedDays` + `agency`), or as one column per agency (wide
 * layout, like the sitrep's `NHS B SUM`, `Social Care B SUM`, `Both B SUM`).
 * The month is a date, month text, or a month name (`Period Name`) with a
 * financial year (`Year`) beside it.
 */
export const DTOC_ROLES: RoleDefinition[] = [
  {
    role: 'month',
    label: 'Month',
    description: 'The month: a date, month text (2016-04, Apr-16) or a month name with a financial-year column',
    required: true,
    kinds: ['date', 'string', 'number'],
    hints: ['month', 'period name', 'period', 'date'],
  },
  {
    role: 'year',
    label: 'Financial year',
    description: 'Financial year (2016-17) when the month is a month name: January–March belong to the later calendar year',
    required: false,
    kinds: ['string'],
    hints: ['financial year', 'year'],
  },
  {
    role: 'reason',
    label: 'Reason for delay',
    description: 'Reason for delay (A–I), codes or labels',
    required: false,
    kinds: ['string'],
    hints: ['reason for delay', 'delay reason', 'reason'],
  },
  {
    role: 'bedDays',
    label: 'Bed days lost',
    description: 'Delayed days (long layout, with an agency column)',
    required: false,
    kinds: ['number'],
    hints: ['bed days lost', 'delayed days', 'bed days', 'days delayed'],
  },
  {
    role: 'agency',
    label: 'Agency',
    description: 'Responsible organisation: NHS, Social Care or Both (long layout)',
    required: false,
    kinds: ['string'],
    hints: ['agency', 'attributable to', 'attribution', 'responsible organisation'],
  },
  {
    role: 'nhsDays',
    label: 'NHS bed days',
    description: 'Delayed days attributed to the NHS (wide layout)',
    required: false,
    kinds: ['number'],
    hints: ['nhs b sum', 'nhs delayed days', 'nhs days'],
  },
  {
    role: 'socialCareDays',
    label: 'Social care bed days',
    description: 'Delayed days attributed to social care (wide layout)',
    required: false,
    kinds: ['number'],
    hints: ['social care b sum', 'social care delayed days', 'social care days'],
  },
  {
    role: 'bothDays',
    label: 'Both bed days',
    description: 'Delayed days attributed to both (wide layout)',
    required: false,
    kinds: ['number'],
    hints: ['both b sum', 'both delayed days', 'both days'],
  },
  {
    role: 'setting',
    label: 'Acute or non-acute',
    description: 'Acute / Non-Acute',
    required: false,
    kinds: ['string'],
    hints: ['acute or non acute description', 'acute or non acute', 'acute non acute', 'setting'],
  },
  {
    role: 'provider',
    label: 'Provider code',
    description: 'Provider organisation code (filter: provider=RBA,RA4)',
    required: false,
    kinds: ['string'],
    hints: ['provider org code', 'provider code', 'provider'],
  },
  {
    role: 'providerName',
    label: 'Provider name',
    description: 'Provider organisation name',
    required: false,
    kinds: ['string'],
    hints: ['provider org name', 'provider name'],
  },
  {
    role: 'localAuthority',
    label: 'Local authority code',
    description: 'Responsible local authority code (filter: localAuthority=E10000027)',
    required: false,
    kinds: ['string'],
    hints: ['local authority code', 'la code'],
  },
  {
    role: 'localAuthorityName',
    label: 'Local authority name',
    description: 'Responsible local authority name',
    required: false,
    kinds: ['string'],
    hints: ['local authority name', 'la name'],
  },
  {
    role: 'populationArea',
    label: 'Population: area code',
    description: 'In a population table: the local authority code (or name) the population belongs to',
    required: false,
    kinds: ['string'],
    hints: ['org code', 'area code', 'ons code', 'la code'],
  },
  {
    role: 'population18',
    label: 'Population aged 18+',
    description: 'In a population table: residents aged 18 and over (for rates per 100,000)',
    required: false,
    kinds: ['number'],
    hints: ['population 18 plus', 'population aged 18', 'population 18', 'adult population'],
  },
];

/** Roles read from the DTOC data tables (the others come from a population table). */
export const DTOC_DATA_ROLES = [
  'month',
  'year',
  'reason',
  'bedDays',
  'agency',
  'nhsDays',
  'socialCareDays',
  'bothDays',
  'setting',
  'provider',
  'providerName',
  'localAuthority',
  'localAuthorityName',
] as const;

const SITREP_COLUMNS = ['Reason For Delay', 'NHS B SUM', 'Social Care B SUM', 'Both B SUM'];

/**
 * The NHS England sitrep layout (Year, Period Name, Provider Org Code, …,
 * Reason For Delay, NHS A SUM … Both B SUM), recognised by its columns. The
 * importer's derived `Month` (a DATE) is used when every sitrep table has it;
 * otherwise the month comes from `Period Name` within `Year`.
 */
export function recogniseDtoc(tables: TableInfo[]): FieldMapping | null {
  const sitreps = tables.filter((t) => SITREP_COLUMNS.every((c) => columnOf(t, c)));
  if (sitreps.length === 0) return null;
  const everywhere = (name: string): boolean => sitreps.every((t) => columnOf(t, name) !== undefined);
  const mapping: FieldMapping = { reason: 'Reason For Delay', nhsDays: 'NHS B SUM', socialCareDays: 'Social Care B SUM', bothDays: 'Both B SUM' };
  if (sitreps.every((t) => columnOf(t, 'Month')?.kind === 'date')) mapping.month = 'Month';
  else if (everywhere('Period Name') && everywhere('Year')) {
    mapping.month = 'Period Name';
    mapping.year = 'Year';
  }
  const optional: [string, string][] = [
    ['setting', 'Acute Or Non Acute Description'],
    ['provider', 'Provider Org Code'],
    ['providerName', 'Provider Org Name'],
    ['localAuthority', 'Local Authority Code'],
    ['localAuthorityName', 'Local Authority Name'],
  ];
  for (const [role, column] of optional) if (everywhere(column)) mapping[role] = column;
  return mapping;
}
