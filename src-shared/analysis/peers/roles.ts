import { suggestMapping, tableWithColumn } from '../mapping';
import type { FieldMapping, RoleDefinition, TableInfo } from '../view-types';

/**
 * Field roles of the peers view. One long "indicator" table holds a row per
 * organisation × indicator (× period): `org`, `indicator` and `value` (or
 * `numerator` + `denominator`), optionally name, unit, direction, period and
 * unit cost columns. Organisation-level columns (`orgName`, `population`,
 * `weightedPopulation`) may sit in the indicator table or in a second,
 * one-row-per-organisation table such as ccg_demographics.csv, whose code
 * column is the `demographicOrg` role. The demographic variables used to
 * derive the peer group are columns of that second table, named by the
 * `demographics` parameter (default: its numeric columns not mapped to a role).
 *
 * The order below is also suggestMapping's order of preference: the weighted
 * population is claimed before the population so that a `weighted_population`
 * column is never suggested as the plain population.
 */
export const PEERS_ROLES: RoleDefinition[] = [
  {
    role: 'org',
    label: 'Organisation code',
    description: 'Code of the organisation each indicator row belongs to (e.g. a CCG ODS code).',
    required: true,
    kinds: ['string', 'number'],
    hints: ['org code', 'organisation code', 'organization code', 'area code', 'ccg code', 'commissioner code', 'ods code'],
  },
  {
    role: 'indicator',
    label: 'Indicator code',
    description: 'Code (or id) of the indicator.',
    required: true,
    kinds: ['string', 'number'],
    hints: ['indicator code', 'indicator id', 'indicator'],
  },
  {
    role: 'orgName',
    label: 'Organisation name',
    description: 'Name shown next to the code.',
    required: false,
    kinds: ['string'],
    hints: ['org name', 'organisation name', 'organization name', 'area name', 'ccg name', 'commissioner name'],
  },
  {
    role: 'indicatorName',
    label: 'Indicator name',
    description: 'Readable name of the indicator.',
    required: false,
    kinds: ['string'],
    hints: ['indicator name', 'indicator title', 'indicator description'],
  },
  {
    role: 'value',
    label: 'Value',
    description: 'The indicator value (a rate, % or £ per head). Map this, or numerator and denominator.',
    required: false,
    kinds: ['number'],
    hints: ['value', 'rate', 'indicator value'],
  },
  {
    role: 'numerator',
    label: 'Numerator',
    description: 'Count (or £) the value is computed from; used for confidence intervals and, without a value column, for the value itself.',
    required: false,
    kinds: ['number'],
    hints: ['numerator', 'count', 'observed'],
  },
  {
    role: 'denominator',
    label: 'Denominator',
    description: 'Population the value is per; scales gaps into activity and £ (basis=auto).',
    required: false,
    kinds: ['number'],
    hints: ['denominator', 'denom'],
  },
  {
    role: 'weightedPopulation',
    label: 'Weighted population',
    description: 'Need-weighted population, for indicators per weighted head.',
    required: false,
    kinds: ['number'],
    hints: ['weighted population', 'weighted pop', 'weighted list size'],
  },
  {
    role: 'population',
    label: 'Population',
    description: 'Registered or resident population of each organisation.',
    required: false,
    kinds: ['number'],
    hints: ['population', 'registered population', 'registered patients', 'list size'],
  },
  {
    role: 'direction',
    label: 'Direction',
    description: 'Whether lower or higher values are better (`lower`/`higher`).',
    required: false,
    kinds: ['string'],
    hints: ['direction', 'polarity', 'better'],
  },
  {
    role: 'period',
    label: 'Period',
    description: 'Time period (e.g. 2016/17); the latest is used unless the period parameter says otherwise.',
    required: false,
    kinds: ['string', 'date', 'number'],
    hints: ['period', 'time period', 'financial year', 'year'],
  },
  {
    role: 'unitCost',
    label: 'Unit cost (£)',
    description: '£ per unit of activity, to cost activity opportunities.',
    required: false,
    kinds: ['number'],
    hints: ['unit cost', 'cost per', 'tariff', 'price'],
  },
  {
    role: 'unit',
    label: 'Unit',
    description: 'Unit text such as `per 1,000 population`, `%`, `£ per head`.',
    required: false,
    kinds: ['string'],
    hints: ['unit', 'units', 'value type', 'measure type'],
  },
  {
    role: 'demographicOrg',
    label: 'Demographics organisation code',
    description: 'Code column of the table holding populations and demographic variables, when that is a separate table.',
    required: false,
    kinds: ['string', 'number'],
    hints: ['ccg code', 'org code', 'organisation code', 'organization code', 'area code', 'ods code', 'icb code'],
  },
];

const NO_VALUE = 'Map a value column (--map value=<column>), or both numerator and denominator columns.';

/** What a mapping lacks beyond the required roles: a value, or a numerator and a denominator. */
export function peersMappingGaps(mapping: FieldMapping): string[] {
  return mapping.value || (mapping.numerator && mapping.denominator) ? [] : [NO_VALUE];
}

/**
 * Loaded tables worth reading beside the indicators: a demographics table
 * (named like `demographics`) with an organisation code column, from which
 * the peer group is derived.
 */
export function peersCompanionTables(tables: TableInfo[]): string[] {
  const codeRole = PEERS_ROLES.filter((r) => r.role === 'demographicOrg');
  return tables.filter((t) => /demograph/i.test(t.table) && suggestMapping(codeRole, [t]).demographicOrg !== undefined).map((t) => t.table);
}

/** Columns of the indicator table, by role. */
export interface IndicatorColumns {
  table: string;
  org: string;
  indicator: string;
  indicatorName: string | null;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  direction: string | null;
  period: string | null;
  unit: string | null;
  unitCost: string | null;
}

/** Where an organisation-level attribute is read: a column of `table`, keyed by its `key` column. */
export interface OrgColumn {
  table: string;
  key: string;
  column: string;
  /** Set when the attribute sits in the indicator table: filter to the analysed period. */
  periodColumn: string | null;
}

export interface DemographicColumns {
  table: string;
  key: string;
  variables: string[];
}

export interface PeersColumns {
  indicators: IndicatorColumns;
  orgName: OrgColumn | null;
  population: OrgColumn | null;
  weightedPopulation: OrgColumn | null;
  /** Null when no demographics table is available. */
  demographics: DemographicColumns | null;
}

const INDICATOR_ROW_ROLES = ['indicatorName', 'value', 'numerator', 'denominator', 'direction', 'period', 'unit', 'unitCost'] as const;

function hasColumn(info: TableInfo, column: string): boolean {
  return info.columns.some((c) => c.name === column);
}

/**
 * Work out which table and column each role reads, and the demographic
 * variables (`demographicVariables` from the parameter, or the default).
 * Throws a readable Error when the mapping cannot work.
 */
export function resolvePeersColumns(tables: TableInfo[], mapping: FieldMapping, demographicVariables: string[]): PeersColumns {
  const need = (role: string): string => {
    const column = mapping[role];
    if (!column) throw new Error(`No column is mapped to the "${role}" role; map one with --map ${role}=<column>.`);
    return column;
  };
  const indicatorColumn = need('indicator');
  const orgColumn = need('org');
  const table = tableWithColumn(tables, indicatorColumn);
  if (!table) throw new Error(`The indicator column "${indicatorColumn}" is not a column of ${tables.map((t) => t.table).join(', ')}.`);
  if (!hasColumn(table, orgColumn))
    throw new Error(`The organisation column "${orgColumn}" must be in the same table as the indicator column (${table.table}).`);
  const indicators: IndicatorColumns = {
    table: table.table,
    org: orgColumn,
    indicator: indicatorColumn,
    indicatorName: null,
    value: null,
    numerator: null,
    denominator: null,
    direction: null,
    period: null,
    unit: null,
    unitCost: null,
  };
  for (const role of INDICATOR_ROW_ROLES) {
    const column = mapping[role];
    if (!column) continue;
    if (!hasColumn(table, column)) throw new Error(`The ${role} column "${column}" must be in the indicator table ${table.table}.`);
    indicators[role] = column;
  }
  if (!indicators.value && !(indicators.numerator && indicators.denominator)) throw new Error(NO_VALUE);

  const demographicOrg = mapping.demographicOrg || null;
  const orgLevel = (role: string): OrgColumn | null => {
    const column = mapping[role];
    if (!column) return null;
    if (hasColumn(table, column)) return { table: table.table, key: orgColumn, column, periodColumn: indicators.period };
    const other = tableWithColumn(tables, column);
    if (!other) throw new Error(`The ${role} column "${column}" is not a column of ${tables.map((t) => t.table).join(', ')}.`);
    const key = demographicOrg && hasColumn(other, demographicOrg) ? demographicOrg : hasColumn(other, orgColumn) ? orgColumn : null;
    if (!key)
      throw new Error(
        `The ${role} column "${column}" is in table ${other.table}, which has no organisation code column: map it with --map demographicOrg=<column>.`,
      );
    return { table: other.table, key, column, periodColumn: null };
  };

  let demographics: DemographicColumns | null = null;
  let demoTable: TableInfo | null = null;
  if (demographicOrg) {
    demoTable = tableWithColumn(tables, demographicOrg);
    if (!demoTable) throw new Error(`The demographicOrg column "${demographicOrg}" is not a column of ${tables.map((t) => t.table).join(', ')}.`);
  } else if (demographicVariables.length > 0) {
    demoTable = tableWithColumn(tables, demographicVariables[0]!);
    if (!demoTable) throw new Error(`Parameter "demographics": "${demographicVariables[0]!}" is not a column of ${tables.map((t) => t.table).join(', ')}.`);
  }
  if (demoTable) {
    const key = demographicOrg && hasColumn(demoTable, demographicOrg) ? demographicOrg : hasColumn(demoTable, orgColumn) ? orgColumn : null;
    if (!key)
      throw new Error(`Table ${demoTable.table} holds demographic variables but no organisation code column: map it with --map demographicOrg=<column>.`);
    let variables = demographicVariables;
    if (variables.length === 0) {
      // Default: every numeric column of a separate demographics table that is not mapped to a role.
      const mapped = new Set(Object.values(mapping));
      variables = demoTable.table === table.table ? [] : demoTable.columns.filter((c) => c.kind === 'number' && !mapped.has(c.name)).map((c) => c.name);
    }
    for (const v of variables) {
      const col = demoTable.columns.find((c) => c.name === v);
      if (!col)
        throw new Error(
          `Parameter "demographics": "${v}" is not a column of ${demoTable.table} (columns: ${demoTable.columns.map((c) => c.name).join(', ')}).`,
        );
    }
    if (variables.length > 0) demographics = { table: demoTable.table, key, variables };
  }

  return { indicators, orgName: orgLevel('orgName'), population: orgLevel('population'), weightedPopulation: orgLevel('weightedPopulation'), demographics };
}
