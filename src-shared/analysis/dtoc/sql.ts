import { quoteIdent, quoteLiteral } from '../../sql/identifiers';
import type { FieldMapping, TableInfo } from '../view-types';
import { monthDateSql, monthKeySql } from '../view-kit/period-sql';
import { columnOf, inListSql, unionAllByName } from '../view-kit/sources';

/**
 * SQL for the DTOC view. Every data table is projected to the same columns —
 * month (DATE), reason_raw, agency_raw, setting_raw, provider, provider_name,
 * la, la_name, days (DOUBLE) — and stacked; the wide layout (one column per
 * agency) is unpivoted on the way with a cross join, so one scan serves both.
 */

export type DtocLayout =
  { kind: 'long'; bedDays: string; agency: string | null } | { kind: 'wide'; columns: { agency: 'NHS' | 'Social Care' | 'Both'; column: string }[] };

export function dtocLayout(mapping: FieldMapping): DtocLayout {
  if (mapping.bedDays) return { kind: 'long', bedDays: mapping.bedDays, agency: mapping.agency ?? null };
  const columns: { agency: 'NHS' | 'Social Care' | 'Both'; column: string }[] = [];
  if (mapping.nhsDays) columns.push({ agency: 'NHS', column: mapping.nhsDays });
  if (mapping.socialCareDays) columns.push({ agency: 'Social Care', column: mapping.socialCareDays });
  if (mapping.bothDays) columns.push({ agency: 'Both', column: mapping.bothDays });
  if (columns.length === 0)
    throw new Error('Map the bed days: either "bedDays" (with "agency" beside it) or one or more of "nhsDays", "socialCareDays", "bothDays" (e.g. NHS B SUM).');
  return { kind: 'wide', columns };
}

/** What a mapping lacks beyond the month: the bed days, in one column or one per agency. */
export function dtocMappingGaps(mapping: FieldMapping): string[] {
  try {
    dtocLayout(mapping);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

/** The mapped columns a table must have to be read as DTOC data: the month and the bed days. */
export function dtocDataColumns(mapping: FieldMapping, layout: DtocLayout): string[] {
  const cols = [mapping.month!];
  if (layout.kind === 'long') cols.push(layout.bedDays);
  else cols.push(...layout.columns.map((c) => c.column));
  return [...new Set(cols)];
}

/** Mapped columns read when a table has them (NULL otherwise). */
export const DTOC_OPTIONAL_ROLES = ['year', 'reason', 'agency', 'setting', 'provider', 'providerName', 'localAuthority', 'localAuthorityName'] as const;

function textOrNull(table: TableInfo, column: string | null | undefined): string {
  return column && columnOf(table, column) ? `CAST(${quoteIdent(column)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
}

/** One table's projection to the view's columns. */
export function dtocProjection(table: TableInfo, mapping: FieldMapping, layout: DtocLayout): string {
  const monthColumn = mapping.month!;
  const kind = columnOf(table, monthColumn)?.kind ?? 'string';
  const year = mapping.year && columnOf(table, mapping.year) ? { sql: quoteIdent(mapping.year) } : null;
  const cols = [
    `${monthDateSql(quoteIdent(monthColumn), kind, year)} AS month`,
    `${textOrNull(table, mapping.reason)} AS reason_raw`,
    `${textOrNull(table, mapping.setting)} AS setting_raw`,
    `${textOrNull(table, mapping.provider)} AS provider`,
    `${textOrNull(table, mapping.providerName)} AS provider_name`,
    `${textOrNull(table, mapping.localAuthority)} AS la`,
    `${textOrNull(table, mapping.localAuthorityName)} AS la_name`,
  ];
  if (layout.kind === 'long') {
    cols.push(`${textOrNull(table, layout.agency)} AS agency_raw`, `CAST(${quoteIdent(layout.bedDays)} AS DOUBLE) AS days`);
    return `SELECT ${cols.join(', ')} FROM ${quoteIdent(table.table)}`;
  }
  const cases = layout.columns.map((c) => `WHEN ${quoteLiteral(c.agency)} THEN CAST(${quoteIdent(c.column)} AS DOUBLE)`).join(' ');
  const agencies = layout.columns.map((c) => `(${quoteLiteral(c.agency)})`).join(', ');
  cols.push('a.agency_raw AS agency_raw', `(CASE a.agency_raw ${cases} END) AS days`);
  return `SELECT ${cols.join(', ')} FROM ${quoteIdent(table.table)} CROSS JOIN (VALUES ${agencies}) a(agency_raw)`;
}

export function dtocSourceSql(tables: TableInfo[], mapping: FieldMapping, layout: DtocLayout): string {
  return unionAllByName(tables.map((t) => dtocProjection(t, mapping, layout)));
}

/**
 * Profile of the stacked rows before any filter: the distinct raw reasons,
 * agencies and settings (to classify them), the months present (the spine of
 * the monthly series), and rows without a month or without days.
 * NOT MATERIALIZED: the stacked source is re-scanned by each branch instead of
 * being held in memory (at 5M rows, materialising it exceeded duckdb-wasm's
 * memory; inlined, the query also ran twice as fast at 1M rows).
 */
export function dtocProfileSql(source: string): string {
  return `WITH src AS NOT MATERIALIZED (${source})
SELECT 'reason' AS kind, reason_raw AS value, count(*)::DOUBLE AS n FROM src GROUP BY reason_raw
UNION ALL SELECT 'agency', agency_raw, count(*)::DOUBLE FROM src GROUP BY agency_raw
UNION ALL SELECT 'setting', setting_raw, count(*)::DOUBLE FROM src GROUP BY setting_raw
UNION ALL SELECT 'month', ${monthKeySql('month')}, count(*)::DOUBLE FROM src WHERE month IS NOT NULL GROUP BY month
UNION ALL SELECT 'no-month', NULL, count(*)::DOUBLE FROM src WHERE month IS NULL
UNION ALL SELECT 'no-days', NULL, count(*)::DOUBLE FROM src WHERE month IS NOT NULL AND days IS NULL`;
}

/** A CASE mapping raw values to canonical ones (values not listed map to `fallback`). */
export function caseMapSql(expr: string, map: Map<string | null, string>, fallback: string): string {
  const whens: string[] = [];
  let nullValue: string | null = null;
  for (const [raw, value] of map) {
    if (raw === null) nullValue = value;
    else whens.push(`WHEN ${expr} = ${quoteLiteral(raw)} THEN ${quoteLiteral(value)}`);
  }
  if (nullValue !== null) whens.unshift(`WHEN ${expr} IS NULL THEN ${quoteLiteral(nullValue)}`);
  return whens.length ? `(CASE ${whens.join(' ')} ELSE ${fallback} END)` : fallback;
}

export interface DtocFilterSql {
  from: string | null;
  to: string | null;
  provider: string[];
  localAuthority: string[];
  settings: string[] | null;
  reasons: string[] | null;
  agencies: string[] | null;
}

/**
 * Bed days aggregated in one pass with GROUPING SETS: by month; month ×
 * reason; month × agency; month × setting; provider; local authority.
 */
export function dtocAggregateSql(source: string, maps: { reason: string; agency: string; setting: string }, f: DtocFilterSql): string {
  const where = ['month IS NOT NULL', 'days IS NOT NULL'];
  if (f.from) where.push(`m >= ${quoteLiteral(f.from)}`);
  if (f.to) where.push(`m <= ${quoteLiteral(f.to)}`);
  if (f.provider.length) where.push(inListSql(['provider', 'provider_name'], f.provider));
  if (f.localAuthority.length) where.push(inListSql(['la', 'la_name'], f.localAuthority));
  const inList = (col: string, values: string[]) => `${col} IN (${values.map(quoteLiteral).join(', ')})`;
  if (f.settings) where.push(inList('setting', f.settings));
  if (f.reasons) where.push(inList('reason', f.reasons));
  if (f.agencies) where.push(inList('agency', f.agencies));
  return `WITH base AS (
  SELECT month, ${monthKeySql('month')} AS m, ${maps.reason} AS reason, ${maps.agency} AS agency, ${maps.setting} AS setting,
    provider, provider_name, la, la_name, days
  FROM (${source}) src
), f AS (SELECT * FROM base WHERE ${where.join(' AND ')})
SELECT
  CASE WHEN GROUPING(provider) = 0 THEN 'provider' WHEN GROUPING(la) = 0 THEN 'la' WHEN GROUPING(reason) = 0 THEN 'reason'
       WHEN GROUPING(agency) = 0 THEN 'agency' WHEN GROUPING(setting) = 0 THEN 'setting' ELSE 'month' END AS kind,
  m, reason, agency, setting, provider, max(provider_name) AS provider_name, la, max(la_name) AS la_name,
  CAST(sum(days) AS DOUBLE) AS days
FROM f
GROUP BY GROUPING SETS ((m), (m, reason), (m, agency), (m, setting), (provider), (la))`;
}

/** Population aged 18+ by area from a population table. */
export function populationSql(table: string, areaColumn: string, populationColumn: string): string {
  return `SELECT CAST(${quoteIdent(areaColumn)} AS VARCHAR) AS area, CAST(${quoteIdent(populationColumn)} AS DOUBLE) AS population FROM ${quoteIdent(table)} WHERE ${quoteIdent(populationColumn)} IS NOT NULL`;
}
