import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ViewSpec } from '../../src-shared/analysis/view-types';
import { parseChartSpec, type ChartSpec } from '../../src-shared/charts/chart-spec';
import { quoteIdent, quoteLiteral } from '../../src-shared/sql/identifiers';
import { CCGS } from '../../sample-data/generator/organisations';

/**
 * What the benchmark runs, shared by both runners so that the same SQL runs
 * in both engines. The activity extract is the only input; the DTOC and
 * peers views need other layouts, so each engine derives a DTOC sitrep table
 * and an indicator table from its activity table with the SQL below (the
 * same statement in both engines), and the views run over those. The runners
 * drop a derived table before each repetition (untimed), so that only one
 * copy is ever held: CREATE OR REPLACE would hold the old and the new table
 * at once, which at 5M rows is more than duckdb-wasm's memory.
 */

export const ACTIVITY = 'activity';
export const RAW = 'activity_raw';
export const QUIRKY = 'activity_quirky';
export const DTOC = 'dtoc';
export const INDICATORS = 'indicators';

/** `CREATE TABLE … AS SELECT * FROM read_csv(file)` with DuckDB's own detection: the raw read both engines make. */
export function readCsvSql(table: string, file: string): string {
  return `CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteLiteral(file)})`;
}

export function dropTableSql(table: string): string {
  return `DROP TABLE IF EXISTS ${quoteIdent(table)}`;
}

/** Reasons for delay as the sitrep writes them. */
const REASONS = [
  'A_COMPLETION_ASSESSMENT',
  'B_PUBLIC_FUNDING',
  'C_FURTHER_NON_ACUTE_NHS',
  'DI_RESIDENTIAL_HOME',
  'DII_NURSING_HOME',
  'E_CARE_PACKAGE_IN_HOME',
  'F_COMMUNITY_EQUIPMENT_ADAPTIONS',
  'G_PATIENT_FAMILY_CHOICE',
  'H_DISPUTES',
  'I_HOUSING',
  'O_OTHER',
];

/**
 * A DTOC sitrep-shaped table with one row per activity row: the sitrep's
 * columns (Year 2016-17, Period Name OCTOBER, provider, local authority,
 * acute / non-acute, reason for delay, A and B sums by agency) plus `Month`
 * as a DATE, as the importer derives it from Year and Period Name. Numbers
 * are integer arithmetic on the activity count, so both engines get the same
 * table.
 */
export const DTOC_TABLE_SQL = `CREATE TABLE ${quoteIdent(DTOC)} AS
SELECT
  replace(financial_year, '/', '-') AS "Year",
  upper(monthname(month)) AS "Period Name",
  'Y58' AS "Provider Parent Org Code",
  'SOUTH WEST' AS "Provider Parent Name",
  provider_code AS "Provider Org Code",
  upper(provider_name) AS "Provider Org Name",
  'LA' || commissioner_code AS "Local Authority Code",
  replace(commissioner_name, ' CCG', '') AS "Local Authority Name",
  CASE WHEN pod IN ('AE', 'NEL', 'EL', 'DC') THEN 'Acute' ELSE 'Non-Acute' END AS "Acute Or Non Acute Description",
  ([${REASONS.map(quoteLiteral).join(', ')}])[1 + CAST(activity % ${REASONS.length} AS INTEGER)] AS "Reason For Delay",
  activity % 5 AS "NHS A SUM",
  activity % 97 AS "NHS B SUM",
  activity % 3 AS "Social Care A SUM",
  (activity // 7) % 89 AS "Social Care B SUM",
  activity % 2 AS "Both A SUM",
  (activity // 13) % 17 AS "Both B SUM",
  month AS "Month"
FROM ${quoteIdent(ACTIVITY)}`;

/**
 * An indicator-shaped table (RightCare style) with one row per activity row:
 * organisation = commissioner, indicator = point of delivery, period =
 * financial year, numerator = activity, denominator = a population made up
 * from the commissioner's code, value = activity per 1,000, unit cost =
 * cost ÷ activity. The peers view combines the rows of each organisation ×
 * indicator in the latest year, as it does for any extract with several rows
 * per pair.
 */
const POPULATION = `(5.0 * (ascii(substr(commissioner_code, 1, 1)) * 1009 + ascii(substr(commissioner_code, 2, 1)) * 101 + ascii(substr(commissioner_code, 3, 1)) * 10))`;
export const PEERS_TABLE_SQL = `CREATE TABLE ${quoteIdent(INDICATORS)} AS
SELECT
  commissioner_code AS org_code,
  commissioner_name AS org_name,
  pod AS indicator_code,
  pod_description || ' per 1,000 population' AS indicator_name,
  'per 1,000 population' AS unit,
  'lower' AS direction,
  financial_year AS period,
  CAST(activity AS DOUBLE) AS numerator,
  ${POPULATION} AS denominator,
  activity * 1000.0 / ${POPULATION} AS value,
  round(cost_gbp / greatest(activity, 1), 2) AS unit_cost
FROM ${quoteIdent(ACTIVITY)}`;

/** The DTOC view over the sitrep-shaped table (the mapping the view recognises for sitreps). */
export const DTOC_SPEC: ViewSpec = {
  template: 'dtoc',
  tables: [DTOC],
  mapping: {
    month: 'Month',
    reason: 'Reason For Delay',
    nhsDays: 'NHS B SUM',
    socialCareDays: 'Social Care B SUM',
    bothDays: 'Both B SUM',
    setting: 'Acute Or Non Acute Description',
    provider: 'Provider Org Code',
    providerName: 'Provider Org Name',
    localAuthority: 'Local Authority Code',
    localAuthorityName: 'Local Authority Name',
  },
  params: {},
};

/** Activity growth by point of delivery and financial year, straight over the activity table. */
export const GROWTH_SPEC: ViewSpec = {
  template: 'growth',
  tables: [ACTIVITY],
  mapping: { group: 'pod', groupLabel: 'pod_description', period: 'financial_year', value: 'activity' },
  params: {},
};

/** Peer benchmarking of Somerset (11X) against ten named CCGs, latest year. */
export const PEERS_SPEC: ViewSpec = {
  template: 'peers',
  tables: [INDICATORS],
  mapping: {
    org: 'org_code',
    orgName: 'org_name',
    indicator: 'indicator_code',
    indicatorName: 'indicator_name',
    unit: 'unit',
    direction: 'direction',
    period: 'period',
    numerator: 'numerator',
    denominator: 'denominator',
    value: 'value',
    unitCost: 'unit_cost',
  },
  params: {
    home: CCGS[0]!.code,
    peers: CCGS.slice(1, 11)
      .map((c) => c.code)
      .join(','),
  },
};

const CHART_EXAMPLE = fileURLToPath(new URL('../../sample-data/examples/somerset-monthly-activity-by-pod.chart.json', import.meta.url));

/**
 * A chart-builder aggregation with filters: the example chart "Monthly
 * activity by point of delivery" (one commissioner, a date range, months on
 * x, a colour split by point of delivery, stacked), reading the benchmark's
 * activity table.
 */
export function chartSpec(): ChartSpec {
  const input = JSON.parse(readFileSync(CHART_EXAMPLE, 'utf8')) as { source: Record<string, unknown> };
  return parseChartSpec({ ...input, source: { table: ACTIVITY } });
}
