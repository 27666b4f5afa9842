import { quoteIdent, quoteLiteral } from '../../sql/identifiers';
import type { FieldMapping, TableInfo } from '../view-types';
import { PERIOD_PROFILE_SQL, periodColumnsSql, periodKeySql, periodNotNullSql, type PeriodMode } from '../view-kit/period-mode';
import { columnOf, inListSql, unionAllByName } from '../view-kit/sources';

/**
 * SQL for the workforce view. Each table is projected to grp, org, org_name,
 * the period's readings, the measures (wte, headcount, vacancies,
 * establishment, agency, pay, over55) and pop; a wide layout (one WTE column
 * per staff group) is unpivoted on the way with a cross join.
 */

export type WorkforceLayout = { kind: 'long'; group: string | null; wte: string | null } | { kind: 'wide'; columns: { group: string; column: string }[] };

const MEASURES = ['headcount', 'vacancies', 'establishment', 'agencySpend', 'payBill', 'over55'] as const;

export function workforceDataColumns(mapping: FieldMapping, layout: WorkforceLayout): string[] {
  const cols = [mapping.period!];
  if (layout.kind === 'wide') cols.push(...layout.columns.map((c) => c.column));
  else {
    if (layout.wte) cols.push(layout.wte);
    if (layout.group) cols.push(layout.group);
    for (const m of MEASURES) if (mapping[m]) cols.push(mapping[m]);
  }
  return [...new Set(cols)];
}

function numberCol(table: TableInfo, column: string | null | undefined): string {
  return column && columnOf(table, column) ? `CAST(${quoteIdent(column)} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)';
}

function textCol(table: TableInfo, column: string | null | undefined): string {
  return column && columnOf(table, column) ? `CAST(${quoteIdent(column)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
}

export interface WorkforceFilters {
  org: string[];
  columns: Record<string, string[]>;
}

export function workforceProjection(table: TableInfo, mapping: FieldMapping, layout: WorkforceLayout, filters: WorkforceFilters): string {
  const cols = [
    `${textCol(table, mapping.org)} AS org`,
    `${textCol(table, mapping.orgName)} AS org_name`,
    ...periodColumnsSql(table, mapping.period!),
    `${numberCol(table, mapping.population)} AS pop`,
  ];
  let from = quoteIdent(table.table);
  if (layout.kind === 'wide') {
    const cases = layout.columns.map((c) => `WHEN ${quoteLiteral(c.group)} THEN CAST(${quoteIdent(c.column)} AS DOUBLE)`).join(' ');
    cols.push('g.grp AS grp', `(CASE g.grp ${cases} END) AS wte`);
    for (const m of MEASURES) cols.push(`CAST(NULL AS DOUBLE) AS ${quoteIdent(m)}`);
    from += ` CROSS JOIN (VALUES ${layout.columns.map((c) => `(${quoteLiteral(c.group)})`).join(', ')}) g(grp)`;
  } else {
    cols.push(
      `${layout.group ? `coalesce(trim(CAST(${quoteIdent(layout.group)} AS VARCHAR)), '(blank)')` : `'All staff'`} AS grp`,
      `${numberCol(table, layout.wte)} AS wte`,
    );
    for (const m of MEASURES) {
      if (m === 'establishment' && !mapping.establishment) {
        // Funded establishment = staff in post + vacancies when no column gives it.
        cols.push(
          mapping.vacancies && layout.wte
            ? `(${numberCol(table, layout.wte)} + ${numberCol(table, mapping.vacancies)}) AS establishment`
            : 'CAST(NULL AS DOUBLE) AS establishment',
        );
      } else cols.push(`${numberCol(table, mapping[m])} AS ${quoteIdent(m)}`);
    }
  }
  const where: string[] = [];
  if (filters.org.length) {
    if (!mapping.org && !mapping.orgName) throw new Error('The org filter needs the organisation column mapped (org).');
    where.push(inListSql([mapping.org, mapping.orgName].filter((c): c is string => Boolean(c) && Boolean(columnOf(table, c!))).map(quoteIdent), filters.org));
  }
  for (const [column, values] of Object.entries(filters.columns)) {
    if (!columnOf(table, column)) throw new Error(`filter.${column}: table ${table.table} has no column "${column}".`);
    where.push(inListSql([quoteIdent(column)], values));
  }
  return `SELECT ${cols.join(', ')} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

export function workforceSourceSql(tables: TableInfo[], mapping: FieldMapping, layout: WorkforceLayout, filters: WorkforceFilters): string {
  return unionAllByName(tables.map((t) => workforceProjection(t, mapping, layout, filters)));
}

export function workforceProfileSql(source: string): string {
  return `SELECT ${PERIOD_PROFILE_SQL},
  count(*) FILTER (WHERE NOT p_null AND wte IS NULL)::DOUBLE AS no_wte,
  count(*) FILTER (WHERE NOT p_null AND headcount IS NOT NULL AND over55 IS NULL)::DOUBLE AS over55_missing
FROM (${source}) s`;
}

function pair(num: string, den: string, alias: string): string {
  const both = `${num} IS NOT NULL AND ${den} IS NOT NULL`;
  return `CAST(sum(${num}) FILTER (WHERE ${both}) AS DOUBLE) AS ${alias}_num, CAST(sum(${den}) FILTER (WHERE ${both}) AS DOUBLE) AS ${alias}_den`;
}

/** Sums of every measure, and the paired numerators and denominators of the rates (rows where both are given). */
const SUMS = [
  ...['wte', 'headcount', 'vacancies', 'establishment', 'agencySpend', 'payBill', 'over55'].map(
    (m) => `CAST(sum(${quoteIdent(m)}) AS DOUBLE) AS ${quoteIdent(m)}`,
  ),
  pair('vacancies', 'establishment', 'vac'),
  pair('"agencySpend"', '"payBill"', 'ag'),
  pair('over55', 'headcount', 'o55'),
].join(', ');

/**
 * Measures by staff group and period, and by organisation and period (with the
 * organisation's population: its largest value in the period, so a list size
 * repeated on every staff-group row counts once).
 */
export function workforceAggregateSql(source: string, mode: PeriodMode, groups: string[]): string {
  const where = [periodNotNullSql(mode)];
  if (groups.length) where.push(inListSql(['grp'], groups));
  return `WITH s AS (SELECT *, ${periodKeySql(mode)} AS p FROM (${source}) src WHERE ${where.join(' AND ')})
SELECT 'group' AS kind, grp, CAST(NULL AS VARCHAR) AS org, CAST(NULL AS VARCHAR) AS org_name, p, ${SUMS}, CAST(NULL AS DOUBLE) AS population FROM s GROUP BY grp, p
UNION ALL
SELECT 'org', NULL, org, max(org_name), p, ${SUMS}, CAST(max(pop) AS DOUBLE) FROM s GROUP BY org, p`;
}
